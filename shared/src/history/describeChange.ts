import { NODE_KINDS, NODE_KIND_LABELS, type NodeKind } from '../model/kinds.ts';
import type { ChangeSummary, SummaryElement } from './types.ts';
import { CARD_FIELD_LABELS, LINK_FIELD_LABELS, META_FIELD_LABELS } from './comparedFields.ts';

/**
 * Summaries in sentences people read: a history entry ("Ana added the outcome “Peers share
 * failures”") and a live session that ended ("Ana and Ben made 42 changes: added 3 outcomes and
 * an indicator, …"). Cards are named by kind and title, links by their ends, fields by the names
 * the inspector gives them.
 */

/** Titles listed before a long list is cut to "and N more". */
const MAX_LISTED = 3;

type ElementKind = NodeKind | 'link';

/** How a kind is said: "the outcome", "an outcome", "3 outcomes". */
function kindWords(kind: ElementKind): { one: string; many: string } {
  if (kind === 'link') return { one: 'link', many: 'links' };
  if (kind === 'evidence') return { one: 'evidence', many: 'pieces of evidence' };
  const one = NODE_KIND_LABELS[kind].toLowerCase();
  const many = /[^aeiou]y$/.test(one) ? `${one.slice(0, -1)}ies` : `${one}s`;
  return { one, many };
}

/** "an outcome", "a link", "a piece of evidence", "12 cards". */
function counted(count: number, kind: ElementKind): string {
  const words = kindWords(kind);
  if (count !== 1) return `${count} ${words.many}`;
  if (kind === 'evidence') return 'a piece of evidence';
  return `${/^[aeiou]/.test(words.one) ? 'an' : 'a'} ${words.one}`;
}

/** "a", "a and b", "a, b and c". */
function joinWords(words: readonly string[]): string {
  if (words.length <= 1) return words[0] ?? '';
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

const quoted = (label: string): string => `“${label}”`;

/** "3 outcomes and an indicator", kinds in the order of a theory of change, links last. */
function kindCounts(elements: readonly SummaryElement[]): string {
  const counts = new Map<ElementKind, number>();
  for (const element of elements) counts.set(element.kind, (counts.get(element.kind) ?? 0) + 1);
  const order: ElementKind[] = [...NODE_KINDS, 'link'];
  return joinWords(order.filter((kind) => counts.has(kind)).map((kind) => counted(counts.get(kind)!, kind)));
}

/** “a”, “b”, “c” and 9 more. */
function titles(elements: readonly SummaryElement[]): string {
  const shown = elements.slice(0, MAX_LISTED).map((element) => quoted(element.label));
  const rest = elements.length - shown.length;
  return rest > 0 ? `${shown.join(', ')} and ${rest} more` : joinWords(shown);
}

/** A field's name inside a sentence ("the rationale of …"). */
const FIELD_WORDS: Record<string, string> = {
  kind: 'kind',
  label: 'title',
  attachedTo: 'attachment',
  actorType: 'type of actor',
  url: 'web link',
  source: 'source',
  target: 'target',
};
function fieldWord(field: string, onLink: boolean): string {
  const words = FIELD_WORDS[field];
  if (words && !(onLink && field === 'label')) return words;
  const labels: Record<string, string> = onLink ? LINK_FIELD_LABELS : CARD_FIELD_LABELS;
  return (labels[field] ?? field).toLowerCase();
}

/** What the element is called in a sentence: “title” for a card of a kind, the link by its ends. */
function named(element: SummaryElement): string {
  return `the ${kindWords(element.kind).one} ${quoted(element.label)}`;
}

function listSentence(author: string, verb: string, elements: readonly SummaryElement[]): string[] {
  if (elements.length === 0) return [];
  if (elements.length <= MAX_LISTED) return elements.map((element) => `${author} ${verb} ${named(element)}`);
  return [`${author} ${verb} ${kindCounts(elements)}: ${titles(elements)}`];
}

const META_SENTENCES: Record<string, string> = {
  title: 'renamed the map',
  kind: 'changed the kind of map',
  lanes: 'redrew the level swimlanes',
  ceilingY: 'moved the accountability ceiling',
};
const metaWords = (key: string): string =>
  META_SENTENCES[key] ?? `changed the ${(META_FIELD_LABELS as Record<string, string>)[key] ?? key}`;

/** One logged update in short sentences, most telling first: what was added, removed, changed. */
export function describeChange(summary: ChangeSummary, author: string): string[] {
  const out: string[] = [];
  out.push(...listSentence(author, 'added', summary.added));
  out.push(...listSentence(author, 'removed', summary.removed));
  if (summary.changed.length <= MAX_LISTED) {
    for (const change of summary.changed) {
      const onLink = change.kind === 'link';
      if (change.fields.length === 1 && change.fields[0] === 'label' && !onLink) {
        out.push(`${author} renamed ${named(change)}`);
      } else if (change.fields.length === 0) {
        out.push(`${author} changed ${named(change)}`);
      } else {
        const fields = joinWords(change.fields.map((field) => fieldWord(field, onLink)));
        out.push(`${author} changed the ${fields} of ${quoted(change.label)}`);
      }
    }
  } else {
    out.push(`${author} changed ${cardsAndLinks(summary.changed)}: ${titles(summary.changed)}`);
  }
  if (summary.moved.length === 1) out.push(`${author} moved ${named(summary.moved[0]!)}`);
  else if (summary.moved.length > 1) out.push(`${author} moved ${summary.moved.length} cards`);
  for (const key of summary.meta) out.push(`${author} ${metaWords(key)}`);
  return out;
}

/** "12 cards", "a card and 2 links". */
function cardsAndLinks(elements: readonly SummaryElement[]): string {
  const links = elements.filter((element) => element.kind === 'link').length;
  const cards = elements.length - links;
  const parts: string[] = [];
  if (cards > 0) parts.push(cards === 1 ? 'a card' : `${cards} cards`);
  if (links > 0) parts.push(counted(links, 'link'));
  return joinWords(parts);
}

/** Participants as a sentence's subject: "Ana", "Ana and Ben", "Ana, Ben, Carla and 2 others". */
function people(participants: readonly string[]): string {
  if (participants.length === 0) return 'The group';
  if (participants.length <= 4) return joinWords(participants);
  const rest = participants.length - 3;
  return `${participants.slice(0, 3).join(', ')} and ${rest} others`;
}

/** Plural nouns of fields counted in a session ("changed 5 rationales"); others read "the tags of 3 cards". */
const COUNTED_FIELDS: Record<string, [string, string]> = {
  label: ['title', 'titles'],
  narrative: ['narrative', 'narratives'],
  rationale: ['rationale', 'rationales'],
  status: ['status', 'statuses'],
  relation: ['relation', 'relations'],
};

/**
 * One paragraph for a live session that ended: who took part, how many changes they made, and
 * what those changes came to. Counted net, element by element: a card added and then edited was
 * added; added and then removed, it is not mentioned.
 */
export function describeSession(summaries: readonly ChangeSummary[], participants: readonly string[]): string {
  const who = people(participants);
  const count = summaries.length;
  if (count === 0) return `${who} made no changes.`;

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
  if (added.size > 0) phrases.push(`added ${kindCounts([...added.values()])}`);
  const changes = changedPhrase([...changed.values()]);
  if (changes) phrases.push(`changed ${changes}`);
  if (removed.size > 0) phrases.push(`removed ${kindCounts([...removed.values()])}`);
  // A card moved and edited counts once, as changed.
  const movedOnly = [...moved.keys()].filter((id) => !changed.has(id)).length;
  if (movedOnly > 0) phrases.push(`moved ${movedOnly === 1 ? 'a card' : `${movedOnly} cards`}`);
  for (const key of ['title', 'kind', 'lanes', 'ceilingY']) if (meta.has(key)) phrases.push(metaWords(key));

  const made = `${who} made ${count === 1 ? 'one change' : `${count} changes`}`;
  if (phrases.length === 0) return `${made}, which left the map as it was.`;
  return `${made}: ${joinWords(phrases)}.`;
}

/** "5 rationales, 2 titles and the tags of 3 cards": each field with the elements it changed in. */
function changedPhrase(entries: readonly { element: SummaryElement; fields: ReadonlySet<string> }[]): string {
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
    const nouns = COUNTED_FIELDS[field];
    if (nouns) return total === 1 ? `a ${nouns[0]}` : `${total} ${nouns[1]}`;
    const onLink = tally.cards === 0;
    const of = tally.links === 0 ? (tally.cards === 1 ? 'a card' : `${tally.cards} cards`) : cardsAndLinksCount(tally);
    return `the ${fieldWord(field, onLink)} of ${of}`;
  });
  if (ranked.length > 4) parts.push('other details');
  // Records written anew whole (removed and put back): no field to name.
  if (whole > 0) {
    const cards = whole === 1 ? 'card' : 'cards';
    parts.push(
      parts.length === 0 ? `${whole === 1 ? 'a' : whole} ${cards}` : `${whole === 1 ? 'one' : whole} more ${cards}`,
    );
  }
  return joinWords(parts);
}

function cardsAndLinksCount({ cards, links }: { cards: number; links: number }): string {
  const parts: string[] = [];
  if (cards > 0) parts.push(cards === 1 ? 'a card' : `${cards} cards`);
  if (links > 0) parts.push(links === 1 ? 'a link' : `${links} links`);
  return joinWords(parts);
}
