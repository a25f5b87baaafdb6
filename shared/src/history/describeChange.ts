import { NODE_KINDS, type NodeKind } from '../model/kinds.ts';
import type { Translate } from '../i18n/languages.ts';
import type { ChangeSummary, SummaryElement } from './types.ts';

/**
 * Summaries in sentences people read, in the reader's language: a history entry ("Ana added the
 * outcome “Peers share failures”") and a live session that ended ("Ana and Ben made 42 changes:
 * added 3 outcomes and an indicator, …"). Cards are named by kind and title, links by their ends,
 * fields by the names the inspector gives them. Every word comes from the catalogue's `history`
 * namespace through `t` (keys written whole, `history:…`, so any bound translator will do); the
 * grammar that differs between languages (articles, genders, plural forms, quotation marks, how a
 * list is joined) lives in the translations, never here.
 */

/** Titles listed before a long list is cut to "and N more". */
const MAX_LISTED = 3;

type ElementKind = NodeKind | 'link';

/** "an outcome", "a link", "a piece of evidence", "12 outcomes". */
function counted(t: Translate, count: number, kind: ElementKind): string {
  return t(`history:change.count.${kind}`, { count });
}

/** "12 cards", "a card". */
const cardCount = (t: Translate, count: number): string => t('history:change.count.card', { count });

/** "a", "a and b", "a, b and c", as the language joins a list. */
function joinWords(t: Translate, words: readonly string[]): string {
  if (words.length <= 1) return words[0] ?? '';
  const rest = words.slice(0, -1).join(t('history:change.listSeparator'));
  return t('history:change.listLast', { rest, last: words[words.length - 1] });
}

const quoted = (t: Translate, label: string): string => t('history:change.quoted', { title: label });

/** "3 outcomes and an indicator", kinds in the order of a theory of change, links last. */
function kindCounts(t: Translate, elements: readonly SummaryElement[]): string {
  const counts = new Map<ElementKind, number>();
  for (const element of elements) counts.set(element.kind, (counts.get(element.kind) ?? 0) + 1);
  const order: ElementKind[] = [...NODE_KINDS, 'link'];
  return joinWords(
    t,
    order.filter((kind) => counts.has(kind)).map((kind) => counted(t, counts.get(kind)!, kind)),
  );
}

/** “a”, “b”, “c” and 9 more. */
function titles(t: Translate, elements: readonly SummaryElement[]): string {
  const shown = elements.slice(0, MAX_LISTED).map((element) => quoted(t, element.label));
  const rest = elements.length - shown.length;
  return rest > 0
    ? t('history:change.andMore', { titles: shown.join(t('history:change.listSeparator')), count: rest })
    : joinWords(t, shown);
}

/** A field's name inside a sentence ("the rationale of …"): a card's and a link's fields differ. */
function fieldWord(t: Translate, field: string, onLink: boolean): string {
  return t(onLink ? `history:change.linkField.${field}` : `history:change.cardField.${field}`, {
    defaultValue: field,
  });
}

/** What the element is called in a sentence: the card by its kind and title, the link by its ends. */
function named(t: Translate, element: SummaryElement): string {
  return t(`history:change.the.${element.kind}`, { title: quoted(t, element.label) });
}

type Verb = 'added' | 'removed';

function listSentence(t: Translate, author: string, verb: Verb, elements: readonly SummaryElement[]): string[] {
  if (elements.length === 0) return [];
  if (elements.length <= MAX_LISTED)
    return elements.map((element) => t(`history:change.${verb}`, { author, what: named(t, element) }));
  return [t(`history:change.${verb}Many`, { author, what: kindCounts(t, elements), titles: titles(t, elements) })];
}

const META_KEYS = ['title', 'kind', 'lanes', 'ceilingY'];

/**
 * One logged update in short sentences, most telling first: what was added, removed, changed.
 * `t` translates keys of the `history` namespace (the reader's language).
 */
export function describeChange(summary: ChangeSummary, author: string, t: Translate): string[] {
  const out: string[] = [];
  out.push(...listSentence(t, author, 'added', summary.added));
  out.push(...listSentence(t, author, 'removed', summary.removed));
  if (summary.changed.length <= MAX_LISTED) {
    for (const change of summary.changed) {
      const onLink = change.kind === 'link';
      if (change.fields.length === 1 && change.fields[0] === 'label' && !onLink) {
        out.push(t('history:change.renamed', { author, what: named(t, change) }));
      } else if (change.fields.length === 0) {
        out.push(t('history:change.changed', { author, what: named(t, change) }));
      } else {
        const fields = joinWords(
          t,
          change.fields.map((field) => fieldWord(t, field, onLink)),
        );
        out.push(t('history:change.changedFields', { author, fields, title: quoted(t, change.label) }));
      }
    }
  } else {
    out.push(
      t('history:change.changedMany', {
        author,
        what: cardsAndLinks(t, summary.changed),
        titles: titles(t, summary.changed),
      }),
    );
  }
  if (summary.moved.length === 1) out.push(t('history:change.moved', { author, what: named(t, summary.moved[0]!) }));
  else if (summary.moved.length > 1) out.push(t('history:change.movedCards', { author, count: summary.moved.length }));
  for (const key of summary.meta) {
    out.push(
      META_KEYS.includes(key)
        ? t(`history:change.meta.${key}`, { author })
        : t('history:change.metaOther', { author, field: key }),
    );
  }
  return out;
}

/** "12 cards", "a card and 2 links". */
function cardsAndLinks(t: Translate, elements: readonly SummaryElement[]): string {
  const links = elements.filter((element) => element.kind === 'link').length;
  return cardsAndLinksCount(t, { cards: elements.length - links, links });
}

/** Participants as a sentence's subject: "Ana", "Ana and Ben", "Ana, Ben, Carla and 2 others". */
function people(t: Translate, participants: readonly string[]): string {
  if (participants.length === 0) return t('history:session.group');
  if (participants.length <= 4) return joinWords(t, participants);
  const rest = participants.length - 3;
  return t('history:session.others', {
    names: participants.slice(0, 3).join(t('history:change.listSeparator')),
    count: rest,
  });
}

/** Fields counted in a session ("changed 5 rationales"); others read "the tags of 3 cards". */
const COUNTED_FIELDS = ['label', 'narrative', 'rationale', 'status', 'relation'];

/**
 * One paragraph for a live session that ended: who took part, how many changes they made, and
 * what those changes came to. Counted net, element by element: a card added and then edited was
 * added; added and then removed, it is not mentioned.
 */
export function describeSession(
  summaries: readonly ChangeSummary[],
  participants: readonly string[],
  t: Translate,
): string {
  const who = people(t, participants);
  const count = summaries.length;
  if (count === 0) return t('history:session.noChanges', { who });

  const added = new Map<string, SummaryElement>();
  const removed = new Map<string, SummaryElement>();
  const changed = new Map<string, { element: SummaryElement; fields: Set<string> }>();
  const moved = new Map<string, SummaryElement>();
  const meta = new Set<string>();
  for (const summary of summaries) {
    for (const element of summary.added) {
      // Removed and put back within the session: it reads as changed.
      if (removed.delete(element.id)) changed.set(element.id, { element, fields: new Set() });
      else added.set(element.id, element);
    }
    for (const element of summary.removed) {
      changed.delete(element.id);
      moved.delete(element.id);
      if (!added.delete(element.id)) removed.set(element.id, element);
    }
    for (const change of summary.changed) {
      if (added.has(change.id)) {
        added.set(change.id, change);
        continue;
      }
      const entry = changed.get(change.id) ?? { element: change, fields: new Set<string>() };
      entry.element = change;
      for (const field of change.fields) entry.fields.add(field);
      changed.set(change.id, entry);
    }
    for (const element of summary.moved) if (!added.has(element.id)) moved.set(element.id, element);
    for (const key of summary.meta) meta.add(key);
  }

  const phrases: string[] = [];
  if (added.size > 0) phrases.push(t('history:session.added', { what: kindCounts(t, [...added.values()]) }));
  const changes = changedPhrase(t, [...changed.values()]);
  if (changes) phrases.push(t('history:session.changed', { what: changes }));
  if (removed.size > 0) phrases.push(t('history:session.removed', { what: kindCounts(t, [...removed.values()]) }));
  // A card moved and edited counts once, as changed.
  const movedOnly = [...moved.keys()].filter((id) => !changed.has(id)).length;
  if (movedOnly > 0) phrases.push(t('history:session.moved', { count: movedOnly }));
  for (const key of META_KEYS) if (meta.has(key)) phrases.push(t(`history:session.meta.${key}`));

  const made = t('history:session.made', { who, count });
  if (phrases.length === 0) return t('history:session.unchanged', { made });
  return t('history:session.summary', { made, what: joinWords(t, phrases) });
}

/** "5 rationales, 2 titles and the tags of 3 cards": each field with the elements it changed in. */
function changedPhrase(
  t: Translate,
  entries: readonly { element: SummaryElement; fields: ReadonlySet<string> }[],
): string {
  const byField = new Map<string, { cards: number; links: number }>();
  let whole = 0;
  for (const { element, fields } of entries) {
    if (fields.size === 0) whole++;
    const key = element.kind === 'link' ? 'links' : 'cards';
    for (const field of fields) {
      const tally = byField.get(field) ?? { cards: 0, links: 0 };
      tally[key]++;
      byField.set(field, tally);
    }
  }
  const ranked = [...byField.entries()].sort(([, a], [, b]) => b.cards + b.links - (a.cards + a.links));
  const parts = ranked.slice(0, 4).map(([field, tally]) => {
    const total = tally.cards + tally.links;
    if (COUNTED_FIELDS.includes(field)) return t(`history:session.countedField.${field}`, { count: total });
    const onLink = tally.cards === 0;
    return t('history:session.fieldOf', { field: fieldWord(t, field, onLink), what: cardsAndLinksCount(t, tally) });
  });
  if (ranked.length > 4) parts.push(t('history:session.otherDetails'));
  // Records written anew whole (removed and put back): no field to name.
  if (whole > 0) {
    parts.push(parts.length === 0 ? cardCount(t, whole) : t('history:session.moreCards', { count: whole }));
  }
  return joinWords(t, parts);
}

function cardsAndLinksCount(t: Translate, { cards, links }: { cards: number; links: number }): string {
  const parts: string[] = [];
  if (cards > 0) parts.push(cardCount(t, cards));
  if (links > 0) parts.push(counted(t, links, 'link'));
  return joinWords(t, parts);
}
