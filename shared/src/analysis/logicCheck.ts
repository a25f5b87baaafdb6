import { PATHWAY_KINDS, type MapKind, type NodeKind } from '../model/kinds.ts';
import { currentAssumptionState, type AssumptionReview } from '../model/entries.ts';
import type { EdgeView, NodeView } from '../doc/layout.ts';
import type { MapGraph } from './graph.ts';
import { attachedCards, canvasIndexOf, linksIn, linksOut, type CanvasIndex } from './canvasIndex.ts';
import { cardTitle, linkTitle } from './cardTitle.ts';
import { stronglyConnected } from './stronglyConnected.ts';

/**
 * The logic check: what a theory-of-change or partnership practitioner would point at when
 * reading a map. Conservative on purpose: every finding must be true of the map as drawn, since
 * a panel that cries wolf is soon ignored.
 *
 * Codes are listed most serious first; findings are ordered by severity, then by this order,
 * then by the title of their first target.
 *
 * Findings carry no words: each says what to say as catalogue keys under `domain:finding.<code>.`
 * and their values (card titles, kinds, counts), and the interface says it in its language
 * (client/src/panels/logicFindings.ts). Each code's heading, hint and all-clear line are
 * `domain:finding.<code>.label`, `.hint` and `.checked`.
 */
export const FINDING_CODES = [
  'no-impact',
  'assumption-broken',
  'cycle',
  'no-path-to-impact',
  'impact-has-outgoing-links',
  'outcome-without-indicator',
  'link-without-rationale',
  'assumption-at-risk',
  'actor-without-relationship',
  'assumption-never-reviewed',
  'indicator-without-target',
  'partner-health-not-rated',
  'empty-title',
] as const;
export type FindingCode = (typeof FINDING_CODES)[number];

export const FINDING_SEVERITIES = ['problem', 'warning', 'suggestion'] as const;
export type FindingSeverity = (typeof FINDING_SEVERITIES)[number];

export interface FindingTarget {
  kind: 'node' | 'link';
  id: string;
}

/**
 * A sentence to say: its key in the `domain` namespace (`finding.cycle.title`) and its values.
 * `title`, `impact`, `target` are card titles, `link` a link's ends ("“A” → “B”"), `loop` a
 * loop's cards; `kind` is a card's NodeKind, which the sayer puts in words (as `kind`, and in
 * lower case as `kindLower`); `count` picks the plural.
 */
export interface FindingMessage {
  key: string;
  values: { kind?: NodeKind; count?: number; [name: string]: string | number | undefined };
}

export interface Finding {
  code: FindingCode;
  severity: FindingSeverity;
  /** One sentence naming what is wrong and where. */
  title: FindingMessage;
  /**
   * What this finding adds to its code's hint: the latest review, where an attached card
   * sits, ... Empty when there is nothing to add to the hint.
   */
  detail: FindingMessage[];
  /** What selecting the finding selects; empty when it is about the map as a whole. */
  targets: FindingTarget[];
}

export const FINDING_SEVERITY: Record<FindingCode, FindingSeverity> = {
  'no-impact': 'problem',
  'assumption-broken': 'problem',
  cycle: 'warning',
  'no-path-to-impact': 'warning',
  'impact-has-outgoing-links': 'warning',
  'outcome-without-indicator': 'warning',
  'link-without-rationale': 'warning',
  'assumption-at-risk': 'warning',
  'actor-without-relationship': 'warning',
  'assumption-never-reviewed': 'suggestion',
  'indicator-without-target': 'suggestion',
  'partner-health-not-rated': 'suggestion',
  'empty-title': 'suggestion',
};

const COMMON_CHECKS: readonly FindingCode[] = [
  'assumption-broken',
  'assumption-at-risk',
  'assumption-never-reviewed',
  'indicator-without-target',
  'empty-title',
];
const TOC_CHECKS: readonly FindingCode[] = [
  'no-impact',
  'cycle',
  'no-path-to-impact',
  'impact-has-outgoing-links',
  'outcome-without-indicator',
  'link-without-rationale',
];
const PARTNERSHIP_CHECKS: readonly FindingCode[] = ['actor-without-relationship', 'partner-health-not-rated'];

/**
 * The checks a map of a kind runs, in FINDING_CODES order. The pathway checks only make sense
 * for a theory of change (a partnership's relationships run both ways and loop freely), the
 * partner checks only for a partnership; cards every map can hold are checked on both.
 */
export function checksFor(kind: MapKind): FindingCode[] {
  const own = kind === 'partnership' ? PARTNERSHIP_CHECKS : TOC_CHECKS;
  return FINDING_CODES.filter((code) => own.includes(code) || COMMON_CHECKS.includes(code));
}

/** Steps of a pathway that should lead to the impact (the impact itself is where they lead). */
const LEADS_TO_IMPACT: readonly NodeKind[] = PATHWAY_KINDS.filter((kind) => kind !== 'impact');
/** Cards that make no claim: links to and from them need no rationale, and make no relationship. */
const FREE_KINDS: readonly NodeKind[] = ['note', 'group'];

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });
const compareIds = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const isFeedback = (link: EdgeView): boolean => link.relation === 'feeds-back';
/** A sentence of the catalogue under `finding.`, with its values. */
const say = (key: string, values: FindingMessage['values'] = {}): FindingMessage => ({
  key: `finding.${key}`,
  values,
});
const nodeTarget = (node: NodeView): FindingTarget => ({ kind: 'node', id: node.id });
const linkTarget = (link: EdgeView): FindingTarget => ({ kind: 'link', id: link.id });

interface Draft extends Finding {
  /** The name of the first target, for the order. */
  sortName: string;
  /** The title's key and values, for the order among findings about one card. */
  sortTitle: string;
}

/** Collects the findings of one check run. */
class FindingList {
  readonly drafts: Draft[] = [];

  constructor(
    private readonly graph: MapGraph,
    private readonly enabled: ReadonlySet<FindingCode>,
  ) {}

  runs(code: FindingCode): boolean {
    return this.enabled.has(code);
  }

  add(code: FindingCode, title: FindingMessage, detail: (FindingMessage | null)[], targets: FindingTarget[]): void {
    if (!this.enabled.has(code)) return;
    this.drafts.push({
      code,
      severity: FINDING_SEVERITY[code],
      title,
      detail: detail.filter((message): message is FindingMessage => message !== null),
      targets,
      sortName: this.nameOf(targets[0]),
      sortTitle: JSON.stringify(title),
    });
  }

  private nameOf(target: FindingTarget | undefined): string {
    if (!target) return '';
    if (target.kind === 'node') {
      const node = this.graph.nodeById.get(target.id);
      return node ? cardTitle(node) : '';
    }
    const link = this.graph.edgeById.get(target.id);
    return link ? linkTitle(this.graph, link) : '';
  }
}

/** Where an attached card sits: "It supports the link “A” → “B”." (verb: supports, measures, attached). */
function hostSentence(
  graph: MapGraph,
  node: NodeView,
  verb: 'supports' | 'measures' | 'attached',
): FindingMessage | null {
  if (node.attachedTo === null) return null;
  const link = graph.edgeById.get(node.attachedTo);
  if (link) return say(`host.${verb}Link`, { link: linkTitle(graph, link) });
  const host = graph.nodeById.get(node.attachedTo);
  return host ? say(`host.${verb}Card`, { kind: host.kind, title: cardTitle(host) }) : null;
}

function reviewSentence(review: AssumptionReview): FindingMessage {
  const by = review.by;
  const note = review.note.trim();
  const date = review.date;
  if (note === '') return by ? say('review.by', { date, by }) : say('review.plain', { date });
  const ended = `${note}${/[.!?…]$/.test(note) ? '' : '.'}`;
  return by ? say('review.byNote', { date, by, note: ended }) : say('review.note', { date, note: ended });
}

function checkCards(graph: MapGraph, findings: FindingList): void {
  for (const node of graph.nodes) {
    if (node.kind === 'assumption') {
      const latest = currentAssumptionState(node.reviews);
      const where = hostSentence(graph, node, 'supports');
      const title = { title: cardTitle(node) };
      if (!latest) {
        findings.add(
          'assumption-never-reviewed',
          say('assumption-never-reviewed.title', title),
          [where],
          [nodeTarget(node)],
        );
      } else if (latest.status === 'broken') {
        findings.add(
          'assumption-broken',
          say('assumption-broken.title', title),
          [reviewSentence(latest), where],
          [nodeTarget(node)],
        );
      } else if (latest.status === 'at-risk') {
        findings.add(
          'assumption-at-risk',
          say('assumption-at-risk.title', title),
          [reviewSentence(latest), where],
          [nodeTarget(node)],
        );
      }
    }
    if (node.kind === 'indicator' && !node.fields.targetValue) {
      findings.add(
        'indicator-without-target',
        say('indicator-without-target.title', { title: cardTitle(node) }),
        [hostSentence(graph, node, 'measures')],
        [nodeTarget(node)],
      );
    }
    if (node.kind !== 'group' && node.label.trim() === '') {
      findings.add(
        'empty-title',
        say('empty-title.title', { kind: node.kind }),
        [hostSentence(graph, node, 'attached')],
        [nodeTarget(node)],
      );
    }
  }
}

/** Ids of the cards from which some directed path reaches an impact (impacts included). */
function reachesImpact(index: CanvasIndex, impacts: readonly NodeView[]): Set<string> {
  const reached = new Set<string>(impacts.map((impact) => impact.id));
  const stack = [...reached];
  while (stack.length > 0) {
    for (const link of linksIn(index, stack.pop()!)) {
      if (reached.has(link.source)) continue;
      reached.add(link.source);
      stack.push(link.source);
    }
  }
  return reached;
}

/**
 * One cycle through a strongly connected component, its first card repeated at the end: start
 * anywhere, follow any link that stays inside (every member has one), stop at the first card met
 * twice.
 */
function cycleThrough(index: CanvasIndex, members: ReadonlySet<string>, start: string): string[] {
  const path: string[] = [];
  const seenAt = new Map<string, number>();
  let current = start;
  while (!seenAt.has(current)) {
    seenAt.set(current, path.length);
    path.push(current);
    const next = linksOut(index, current).find((link) => !isFeedback(link) && members.has(link.target));
    if (!next) break;
    current = next.target;
  }
  return [...path.slice(seenAt.get(current) ?? 0), current];
}

function checkPathways(graph: MapGraph, index: CanvasIndex, findings: FindingList): void {
  const impacts = index.cards.filter((card) => card.kind === 'impact');
  const steps = index.cards.filter((card) => LEADS_TO_IMPACT.includes(card.kind));

  if (impacts.length === 0) {
    if (steps.length > 0) {
      findings.add('no-impact', say('no-impact.title'), [say('no-impact.detail')], []);
    }
  } else if (findings.runs('no-path-to-impact')) {
    const reached = reachesImpact(index, impacts);
    for (const step of steps) {
      if (reached.has(step.id)) continue;
      const leadsOn = linksOut(index, step.id).length > 0;
      findings.add(
        'no-path-to-impact',
        say('no-path-to-impact.title', { kind: step.kind, title: cardTitle(step) }),
        [say(leadsOn ? 'no-path-to-impact.leadsOn' : 'no-path-to-impact.noLink')],
        [nodeTarget(step)],
      );
    }
  }

  // Loops: strongly connected components over the links not marked as feedback.
  const inLoop = new Set<string>();
  const forward = (id: string): string[] =>
    linksOut(index, id)
      .filter((link) => !isFeedback(link))
      .map((link) => link.target);
  for (const component of stronglyConnected(
    index.cards.map((card) => card.id),
    forward,
  )) {
    const members = new Set(component);
    const links = component.flatMap((id) =>
      linksOut(index, id).filter((link) => !isFeedback(link) && members.has(link.target)),
    );
    if (links.length === 0) continue; // a single card that does not link to itself
    for (const link of links) inLoop.add(link.id);
    const cards = component
      .map((id) => graph.nodeById.get(id)!)
      .sort((a, b) => collator.compare(cardTitle(a), cardTitle(b)) || compareIds(a.id, b.id));
    const title =
      cards.length === 1
        ? say('cycle.titleSelf', { kind: cards[0]!.kind, title: cardTitle(cards[0]!) })
        : say('cycle.title', { count: cards.length });
    const loop = cycleThrough(index, members, cards[0]!.id);
    const named = loop.map((id) => `“${cardTitle(graph.nodeById.get(id)!)}”`).join(' → ');
    const rest = cards.length - (loop.length - 1);
    const detail =
      rest > 0 ? say('cycle.detailMore', { loop: named, count: rest }) : say('cycle.detail', { loop: named });
    findings.add(
      'cycle',
      title,
      [detail],
      [...cards.map(nodeTarget), ...[...links].sort((a, b) => compareIds(a.id, b.id)).map(linkTarget)],
    );
  }

  for (const impact of impacts) {
    for (const link of linksOut(index, impact.id)) {
      const target = graph.nodeById.get(link.target)!;
      // A loop back through the impact is already reported as a loop.
      if (isFeedback(link) || inLoop.has(link.id) || !LEADS_TO_IMPACT.includes(target.kind)) continue;
      findings.add(
        'impact-has-outgoing-links',
        say('impact-has-outgoing-links.title', { impact: cardTitle(impact), target: cardTitle(target) }),
        [],
        [linkTarget(link)],
      );
    }
  }

  for (const outcome of index.cards) {
    if (outcome.kind !== 'outcome') continue;
    const indicators = [
      ...attachedCards(index, outcome.id),
      ...linksOut(index, outcome.id).map((link) => graph.nodeById.get(link.target)!),
      ...linksIn(index, outcome.id).map((link) => graph.nodeById.get(link.source)!),
    ];
    if (indicators.some((card) => card.kind === 'indicator')) continue;
    findings.add(
      'outcome-without-indicator',
      say('outcome-without-indicator.title', { title: cardTitle(outcome) }),
      [],
      [nodeTarget(outcome)],
    );
  }

  for (const link of index.links) {
    if (link.label.trim() !== '') continue;
    const source = graph.nodeById.get(link.source)!;
    const target = graph.nodeById.get(link.target)!;
    if (FREE_KINDS.includes(source.kind) || FREE_KINDS.includes(target.kind)) continue;
    findings.add(
      'link-without-rationale',
      say('link-without-rationale.title', { link: linkTitle(graph, link) }),
      [],
      [linkTarget(link)],
    );
  }
}

function checkPartnership(graph: MapGraph, index: CanvasIndex, findings: FindingList): void {
  const actors = index.cards.filter((card) => card.kind === 'actor');
  const related = (actor: NodeView): boolean =>
    [
      ...linksOut(index, actor.id).map((link) => link.target),
      ...linksIn(index, actor.id).map((link) => link.source),
    ].some((id) => id !== actor.id && !FREE_KINDS.includes(graph.nodeById.get(id)!.kind));
  for (const actor of actors) {
    if (related(actor)) continue;
    findings.add(
      'actor-without-relationship',
      say('actor-without-relationship.title', { title: cardTitle(actor) }),
      [],
      [nodeTarget(actor)],
    );
  }

  const unrated = actors.filter((actor) => actor.health.length === 0);
  if (unrated.length === 0) return;
  if (unrated.length === actors.length) {
    // Nobody has rated any partner yet: one reminder, not one per actor.
    findings.add(
      'partner-health-not-rated',
      say('partner-health-not-rated.titleAll'),
      [say('partner-health-not-rated.rateAll', { count: actors.length })],
      [...actors]
        .sort((a, b) => collator.compare(cardTitle(a), cardTitle(b)) || compareIds(a.id, b.id))
        .map(nodeTarget),
    );
    return;
  }
  for (const actor of unrated) {
    findings.add(
      'partner-health-not-rated',
      say('partner-health-not-rated.title', { title: cardTitle(actor) }),
      [say('partner-health-not-rated.othersRated')],
      [nodeTarget(actor)],
    );
  }
}

const SEVERITY_ORDER = new Map<FindingSeverity, number>(FINDING_SEVERITIES.map((severity, i) => [severity, i]));
const CODE_ORDER = new Map<FindingCode, number>(FINDING_CODES.map((code, i) => [code, i]));

function compareDrafts(a: Draft, b: Draft): number {
  return (
    SEVERITY_ORDER.get(a.severity)! - SEVERITY_ORDER.get(b.severity)! ||
    CODE_ORDER.get(a.code)! - CODE_ORDER.get(b.code)! ||
    collator.compare(a.sortName, b.sortName) ||
    collator.compare(a.sortTitle, b.sortTitle) ||
    compareIds(a.targets[0]?.id ?? '', b.targets[0]?.id ?? '')
  );
}

/**
 * Checks a map. Linear in its size (one walk from the impacts, one pass for loops), so panels
 * can rerun it on every change. Attached cards are checked as cards (an assumption's reviews),
 * never as steps of a pathway: they belong to their host.
 */
export function checkMap(graph: MapGraph): Finding[] {
  const findings = new FindingList(graph, new Set(checksFor(graph.meta.kind)));
  const index = canvasIndexOf(graph);
  checkCards(graph, findings);
  if (graph.meta.kind === 'partnership') checkPartnership(graph, index, findings);
  else checkPathways(graph, index, findings);
  return findings.drafts
    .sort(compareDrafts)
    .map(({ sortName: _sortName, sortTitle: _sortTitle, ...finding }) => finding);
}
