import { NODE_KIND_LABELS, PATHWAY_KINDS, type MapKind, type NodeKind } from '../model/kinds.ts';
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

export interface Finding {
  code: FindingCode;
  severity: FindingSeverity;
  /** One sentence naming what is wrong and where. */
  title: string;
  /**
   * What this finding adds to its code's hint (FINDING_HINTS): the latest review, where an
   * attached card sits, ... Empty when there is nothing to add to the hint.
   */
  detail: string;
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

/** Headings of the groups of findings. */
export const FINDING_LABELS: Record<FindingCode, string> = {
  'no-impact': 'No impact',
  'assumption-broken': 'Broken assumptions',
  cycle: 'Loops not marked as feedback',
  'no-path-to-impact': 'No path to the impact',
  'impact-has-outgoing-links': 'Links leading away from the impact',
  'outcome-without-indicator': 'Outcomes without an indicator',
  'link-without-rationale': 'Links without a rationale',
  'assumption-at-risk': 'Assumptions at risk',
  'actor-without-relationship': 'Actors without a relationship',
  'assumption-never-reviewed': 'Assumptions never reviewed',
  'indicator-without-target': 'Indicators without a target',
  'partner-health-not-rated': 'Partner health not rated',
  'empty-title': 'Cards without a title',
};

/** Why each check matters and how to act on it: said once per group, not per finding. */
export const FINDING_HINTS: Record<FindingCode, string> = {
  'no-impact':
    'A theory of change leads to an impact: the long-term change the whole map works towards. Until the map has one, no pathway can be checked for where it leads.',
  'assumption-broken':
    'A review found that a condition the pathway rests on no longer holds. Revisit what it supports: the pathway may need redrawing.',
  cycle:
    'These cards lead to each other in a circle. If the loop is intended (results feed back into the pathway), mark one of its links as “feeds back”; otherwise one of its links points the wrong way.',
  'no-path-to-impact':
    'Every activity, output, outcome and precondition should lead, link by link, to the impact. A card that does not is missing a link, or is not part of this theory of change.',
  'impact-has-outgoing-links':
    'The impact is where the pathway ends. A link from it back to an earlier step usually points the wrong way; if it shows how results feed back, mark it as “feeds back”.',
  'outcome-without-indicator':
    'An indicator says how the group would know the change happened: a baseline, a target, a source. Attach one to the outcome, or link one to it.',
  'link-without-rationale':
    'Every link is a claim that one thing leads to another. Its rationale says why, and is what the group can test and revise.',
  'assumption-at-risk':
    'A review found a condition the pathway rests on at risk. Decide what to watch or change before it breaks.',
  'actor-without-relationship':
    'A partnership map shows how actors relate: funding, knowledge exchange, joint delivery, mentoring. An actor without a link is not part of that picture yet.',
  'assumption-never-reviewed':
    'Assumptions are tested at reviews: record whether each still holds, is at risk or is broken, so the group can see what changed.',
  'indicator-without-target':
    'Without a target, a reading cannot say whether the outcome is on track. Add the value the group aims for, and by when.',
  'partner-health-not-rated':
    'Partnerships rate their health every few months (trust, shared purpose, power balance, communication, resources, results) to see how it changes.',
  'empty-title': 'A card without a title is hard to talk about, and reads as a blank in exports.',
};

/** What a map without findings of a code satisfies: the all-clear lists these. */
export const FINDING_CHECKED: Record<FindingCode, string> = {
  'no-impact': 'The map has an impact.',
  'assumption-broken': 'No assumption was found broken at its latest review.',
  cycle: 'Every loop is marked as feedback.',
  'no-path-to-impact': 'Every activity, output, outcome and precondition leads to the impact.',
  'impact-has-outgoing-links': 'No link leads away from the impact, except feedback.',
  'outcome-without-indicator': 'Every outcome has an indicator.',
  'link-without-rationale': 'Every link says why (its rationale).',
  'assumption-at-risk': 'No assumption is at risk.',
  'actor-without-relationship': 'Every actor has a relationship.',
  'assumption-never-reviewed': 'Every assumption has been reviewed.',
  'indicator-without-target': 'Every indicator has a target.',
  'partner-health-not-rated': 'Every partner’s health has been rated.',
  'empty-title': 'Every card has a title.',
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
const quoted = (node: NodeView): string => `“${cardTitle(node)}”`;
const kindLabel = (node: NodeView): string => NODE_KIND_LABELS[node.kind];
const nodeTarget = (node: NodeView): FindingTarget => ({ kind: 'node', id: node.id });
const linkTarget = (link: EdgeView): FindingTarget => ({ kind: 'link', id: link.id });

interface Draft extends Finding {
  /** The name of the first target, for the order. */
  sortName: string;
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

  add(code: FindingCode, title: string, detail: string, targets: FindingTarget[]): void {
    if (!this.enabled.has(code)) return;
    this.drafts.push({
      code,
      severity: FINDING_SEVERITY[code],
      title,
      detail,
      targets,
      sortName: this.nameOf(targets[0]),
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

/** Where an attached card sits, in words: "It supports the link “A” → “B”." */
function hostSentence(graph: MapGraph, node: NodeView, verb: string): string {
  if (node.attachedTo === null) return '';
  const link = graph.edgeById.get(node.attachedTo);
  if (link) return `It ${verb} the link ${linkTitle(graph, link)}.`;
  const host = graph.nodeById.get(node.attachedTo);
  return host ? `It ${verb} the ${kindLabel(host).toLowerCase()} ${quoted(host)}.` : '';
}

function reviewSentence(review: AssumptionReview): string {
  const who = review.by ? ` by ${review.by}` : '';
  const note = review.note.trim();
  if (note === '') return `Latest review on ${review.date}${who}.`;
  return `Latest review on ${review.date}${who}: ${note}${/[.!?…]$/.test(note) ? '' : '.'}`;
}

const sentences = (...parts: string[]): string => parts.filter((part) => part !== '').join(' ');

function checkCards(graph: MapGraph, findings: FindingList): void {
  for (const node of graph.nodes) {
    if (node.kind === 'assumption') {
      const latest = currentAssumptionState(node.reviews);
      const where = hostSentence(graph, node, 'supports');
      if (!latest) {
        findings.add('assumption-never-reviewed', `Assumption ${quoted(node)} has never been reviewed`, where, [
          nodeTarget(node),
        ]);
      } else if (latest.status === 'broken') {
        findings.add(
          'assumption-broken',
          `Assumption ${quoted(node)} was found broken`,
          sentences(reviewSentence(latest), where),
          [nodeTarget(node)],
        );
      } else if (latest.status === 'at-risk') {
        findings.add(
          'assumption-at-risk',
          `Assumption ${quoted(node)} is at risk`,
          sentences(reviewSentence(latest), where),
          [nodeTarget(node)],
        );
      }
    }
    if (node.kind === 'indicator' && !node.fields.targetValue) {
      findings.add(
        'indicator-without-target',
        `Indicator ${quoted(node)} has no target`,
        hostSentence(graph, node, 'measures'),
        [nodeTarget(node)],
      );
    }
    if (node.kind !== 'group' && node.label.trim() === '') {
      findings.add('empty-title', `${kindLabel(node)} without a title`, hostSentence(graph, node, 'is attached to'), [
        nodeTarget(node),
      ]);
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
      findings.add(
        'no-impact',
        'The map has no impact',
        'Add an impact card and link the long-term outcomes to it.',
        [],
      );
    }
  } else if (findings.runs('no-path-to-impact')) {
    const reached = reachesImpact(index, impacts);
    for (const step of steps) {
      if (reached.has(step.id)) continue;
      const leadsOn = linksOut(index, step.id).length > 0;
      findings.add(
        'no-path-to-impact',
        `${kindLabel(step)} ${quoted(step)} does not lead to the impact`,
        leadsOn ? 'Its links lead on, but no path reaches the impact.' : 'No link leads from it to a next step.',
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
        ? `${kindLabel(cards[0]!)} ${quoted(cards[0]!)} links to itself`
        : `${cards.length} cards lead back to themselves`;
    const loop = cycleThrough(index, members, cards[0]!.id);
    const named = loop.map((id) => quoted(graph.nodeById.get(id)!)).join(' → ');
    const rest = cards.length - (loop.length - 1);
    findings.add('cycle', title, rest > 0 ? `${named}, and ${rest} more in the same loop.` : `${named}.`, [
      ...cards.map(nodeTarget),
      ...[...links].sort((a, b) => compareIds(a.id, b.id)).map(linkTarget),
    ]);
  }

  for (const impact of impacts) {
    for (const link of linksOut(index, impact.id)) {
      const target = graph.nodeById.get(link.target)!;
      // A loop back through the impact is already reported as a loop.
      if (isFeedback(link) || inLoop.has(link.id) || !LEADS_TO_IMPACT.includes(target.kind)) continue;
      findings.add('impact-has-outgoing-links', `Link from the impact ${quoted(impact)} to ${quoted(target)}`, '', [
        linkTarget(link),
      ]);
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
    findings.add('outcome-without-indicator', `Outcome ${quoted(outcome)} has no indicator`, '', [nodeTarget(outcome)]);
  }

  for (const link of index.links) {
    if (link.label.trim() !== '') continue;
    const source = graph.nodeById.get(link.source)!;
    const target = graph.nodeById.get(link.target)!;
    if (FREE_KINDS.includes(source.kind) || FREE_KINDS.includes(target.kind)) continue;
    findings.add('link-without-rationale', `Link ${linkTitle(graph, link)} has no rationale`, '', [linkTarget(link)]);
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
    findings.add('actor-without-relationship', `Actor ${quoted(actor)} has no relationship`, '', [nodeTarget(actor)]);
  }

  const unrated = actors.filter((actor) => actor.health.length === 0);
  if (unrated.length === 0) return;
  if (unrated.length === actors.length) {
    // Nobody has rated any partner yet: one reminder, not one per actor.
    findings.add(
      'partner-health-not-rated',
      'No partner’s health has been rated yet',
      actors.length === 1
        ? 'Rate it at the next review.'
        : `Rate the health of the ${actors.length} actors at the next review.`,
      [...actors]
        .sort((a, b) => collator.compare(cardTitle(a), cardTitle(b)) || compareIds(a.id, b.id))
        .map(nodeTarget),
    );
    return;
  }
  for (const actor of unrated) {
    findings.add(
      'partner-health-not-rated',
      `Actor ${quoted(actor)} has no health rating`,
      'Other partners have been rated.',
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
    collator.compare(a.title, b.title) ||
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
  return findings.drafts.sort(compareDrafts).map(({ sortName: _sortName, ...finding }) => finding);
}
