import type { EdgeView, NodeView } from '../doc/layout.ts';
import type { MapKind, NodeKind } from '../model/kinds.ts';
import type { MapJSON } from '../model/mapJson.ts';
import {
  HEALTH_DIMENSIONS,
  type ActorType,
  type AssumptionKind,
  type AssumptionState,
  type EvidenceStrength,
  type EvidenceType,
  type Frequency,
  type HealthDimension,
  type LessonLoop,
  type LinkRelation,
  type LinkStatus,
  type LowMediumHigh,
  type NetworkRole,
  type RagStatus,
} from '../model/fields.ts';
import { currentAssumptionState, latestHealth } from '../model/entries.ts';
import { mapGraphOf } from '../analysis/mapGraphOf.ts';
import { cardTitle } from '../analysis/cardTitle.ts';
import { attachedCards, canvasIndexOf, linksIn, linksOut, type CanvasIndex } from '../analysis/canvasIndex.ts';
import type { MapGraph } from '../analysis/graph.ts';

/**
 * A map read as a planning document reads it: the pathways from the impact down, the logframe,
 * and the registers (assumptions, indicators, partners, risks, lessons, evidence). Pure data with
 * the map's own values (enums, YYYY-MM-DD dates, texts as typed), no words or layout: the Markdown,
 * Word, PDF and spreadsheet writers each present it their way, so every document says the same.
 *
 * Texts are the cards' titles as typed (line breaks included); writers escape them for their
 * format. Cards are named by their id too, so a writer can cross-reference.
 */
export interface MapReport {
  title: string;
  kind: MapKind;
  /** One tree per impact, then one per pathway that reaches no impact (see buildPathways). */
  pathways: PathwayStep[];
  /** One row per impact, outcome, output, activity and precondition, by level then ref. */
  logframe: LogframeRow[];
  /** Every assumption card, in logframe order of what it is about, then unattached ones. */
  assumptions: ReportAssumption[];
  /** Every indicator card, in the same order. */
  indicators: ReportIndicator[];
  /** Actor cards, by title. */
  partners: ReportPartner[];
  risks: ReportRisk[];
  lessons: ReportLesson[];
  evidence: ReportEvidence[];
}

/** The kinds that make up a pathway, from the impact down. */
export type PathwayKind = 'impact' | 'outcome' | 'output' | 'activity' | 'precondition';

/** The four levels of a logframe. */
export const LOGFRAME_LEVELS = ['impact', 'outcome', 'output', 'activity'] as const;
export type LogframeLevel = (typeof LOGFRAME_LEVELS)[number];

/**
 * Where each pathway kind sits in a logframe. A precondition ("something that must be in place
 * before the next step can happen", with a level like an outcome's) is a change the group works
 * for, so it is an outcome row; the row keeps its kind for writers that want to say so.
 */
export const LOGFRAME_LEVEL_OF_KIND: Record<PathwayKind, LogframeLevel> = {
  impact: 'impact',
  outcome: 'outcome',
  precondition: 'outcome',
  output: 'output',
  activity: 'activity',
};

const PATHWAY_KIND_RANK: Record<PathwayKind, number> = {
  impact: 0,
  outcome: 1,
  precondition: 2,
  output: 3,
  activity: 4,
};

export const isPathwayKind = (kind: NodeKind): kind is PathwayKind => Object.hasOwn(PATHWAY_KIND_RANK, kind);

/** A card or a link that something is attached or linked to. */
export interface ReportTarget {
  type: 'card' | 'link';
  id: string;
  /** The card's title, or "Source → Target" for a link (each end cut to 60 characters). */
  title: string;
  /** The card's kind; for a link, its source's. */
  kind: NodeKind;
  /** The card's logframe ref (for a link, its source's) when it is on a pathway; else null. */
  ref: string | null;
}

/** The link from a step to the step it leads to (its parent in the tree). */
export interface ReportLink {
  id: string;
  relation: LinkRelation | null;
  /** Why the cause leads to the effect, as typed; '' when not given. */
  rationale: string;
  status: LinkStatus;
  confidence: LowMediumHigh | null;
}

/**
 * One card on a pathway, with what leads to it. A card that leads to several cards appears under
 * each; its own causes are listed under its first appearance only, and its later appearances name
 * that one (`repeatOf`), so the tree stays as large as the map, and a loop ends where it closes.
 */
export interface PathwayStep {
  /** Logframe numbering: 1, 1.2, 1.2.1 (this appearance's place in the tree). */
  ref: string;
  cardId: string;
  kind: PathwayKind;
  title: string;
  narrative: string;
  status: RagStatus | null;
  /** The link to the parent step; null for a root. */
  link: ReportLink | null;
  /** The ref where this card's causes are listed, when they are listed there and not here. */
  repeatOf: string | null;
  /** What leads to this card, left to right as on the canvas. */
  causes: PathwayStep[];
}

export interface LogframeRow {
  level: LogframeLevel;
  kind: PathwayKind;
  /** The ref of the card's first appearance in the pathways. */
  ref: string;
  cardId: string;
  /** The card's title. */
  statement: string;
  narrative: string;
  status: RagStatus | null;
  /** Indicators attached to the card, or linked to it by a link either way. */
  indicators: ReportIndicator[];
  /**
   * Assumptions attached to the card, to a link out of it (the assumption under which it leads
   * to the next level), or linked to it by a link either way.
   */
  assumptions: ReportAssumption[];
}

export interface ReportDatedValue {
  value: string | null;
  /** YYYY-MM-DD. */
  date: string | null;
}

export interface ReportIndicator {
  id: string;
  title: string;
  narrative: string;
  unit: string | null;
  baseline: ReportDatedValue;
  target: ReportDatedValue;
  /** The means of verification: `verification`, else the `source` the data comes from. */
  meansOfVerification: string | null;
  source: string | null;
  verification: string | null;
  frequency: Frequency | null;
  /** What the indicator measures: its host, else the cards it is linked to. */
  measures: ReportTarget[];
  /** Oldest first. */
  readings: { date: string; value: string; note: string; by: string }[];
}

export interface ReportAssumption {
  id: string;
  title: string;
  narrative: string;
  kind: AssumptionKind | null;
  criticality: LowMediumHigh | null;
  /** The card or link it is attached to. */
  attachedTo: ReportTarget | null;
  /** Cards it is linked to by links either way (an assumption standing on the canvas). */
  linkedTo: ReportTarget[];
  /** The latest review's status; null when never reviewed. */
  state: AssumptionState | null;
  /** The latest review's date. */
  stateDate: string | null;
  /** Oldest first. */
  reviews: { date: string; status: AssumptionState; note: string; by: string }[];
}

export interface ReportHealthRating {
  dimension: HealthDimension;
  rating: RagStatus;
  date: string;
  note: string;
  by: string;
}

export interface ReportPartner {
  id: string;
  title: string;
  narrative: string;
  actorType: ActorType | null;
  networkRole: NetworkRole | null;
  homeOrganisation: string | null;
  /** The latest rating of each dimension rated, in HEALTH_DIMENSIONS order. */
  health: ReportHealthRating[];
  /** The partner's relationships: links to or from other cards. */
  relationships: { direction: 'to' | 'from'; other: ReportTarget; relation: LinkRelation | null; rationale: string }[];
}

export interface ReportRisk {
  id: string;
  title: string;
  narrative: string;
  likelihood: LowMediumHigh | null;
  severity: LowMediumHigh | null;
  /** Cards it is linked to (usually what it blocks). */
  affects: ReportTarget[];
}

export interface ReportLesson {
  id: string;
  title: string;
  narrative: string;
  loop: LessonLoop | null;
}

export interface ReportEvidence {
  id: string;
  title: string;
  narrative: string;
  citation: string | null;
  /** Only an http(s) address (the field's parser refuses others; checked again here). */
  url: string | null;
  evidenceType: EvidenceType | null;
  strength: EvidenceStrength | null;
  /** The claim it is about: its host, else the cards it is linked to. */
  about: ReportTarget[];
}

/** Builds the report of a map. Linear in the size of the map. */
export function buildReport(map: MapJSON): MapReport {
  const graph = mapGraphOf(map);
  const index = canvasIndexOf(graph);
  const pathways = buildPathways(graph, index);
  const firstRef = new Map<string, string>();
  forEachStep(pathways, (step) => {
    if (step.repeatOf === null && !firstRef.has(step.cardId)) firstRef.set(step.cardId, step.ref);
  });
  const targets = targetReader(graph, firstRef);

  const ofKind = (kind: NodeKind): NodeView[] => graph.nodes.filter((node) => node.kind === kind);
  const hostOrder = (node: NodeView): [number, string] => hostSortKey(node, graph, firstRef);
  const byHost = (a: NodeView, b: NodeView): number => compareKeys(hostOrder(a), hostOrder(b));

  const indicators = new Map(
    ofKind('indicator')
      .sort(byHost)
      .map((node) => [node.id as string, indicatorOf(node, graph, index, targets)]),
  );
  const assumptions = new Map(
    ofKind('assumption')
      .sort(byHost)
      .map((node) => [node.id as string, assumptionOf(node, graph, index, targets)]),
  );

  const logframe = [...firstRef.entries()]
    .map(([cardId, ref]) => logframeRow(graph, graph.nodeById.get(cardId)!, ref, index, indicators, assumptions))
    .sort((a, b) => rankOfLevel(a.level) - rankOfLevel(b.level) || compareRefs(a.ref, b.ref));

  const byTitle = (a: NodeView, b: NodeView): number => a.label.localeCompare(b.label) || compareIds(a, b);
  return {
    title: map.meta.title,
    kind: map.meta.kind,
    pathways,
    logframe,
    assumptions: [...assumptions.values()],
    indicators: [...indicators.values()],
    partners: ofKind('actor')
      .sort(byTitle)
      .map((node) => partnerOf(node, index, targets)),
    risks: ofKind('risk')
      .sort(byHost)
      .map((node) => ({
        id: node.id,
        title: node.label,
        narrative: node.narrative,
        likelihood: node.fields.likelihood,
        severity: node.fields.severity,
        affects: linkedCards(graph, index, node.id).map(targets.card),
      })),
    lessons: ofKind('lesson')
      .sort(byTitle)
      .map((node) => ({ id: node.id, title: node.label, narrative: node.narrative, loop: node.fields.loop })),
    evidence: ofKind('evidence')
      .sort(byHost)
      .map((node) => ({
        id: node.id,
        title: node.label,
        narrative: node.narrative,
        citation: node.fields.citation,
        url: safeUrl(node.fields.url),
        evidenceType: node.fields.evidenceType,
        strength: node.fields.strength,
        about: aboutTargets(node, graph, index, targets),
      })),
  };
}

// ── Pathways ─────────────────────────────────────────────────────────────────────────────────

/**
 * A link a pathway follows, from its effect back to its cause: between two pathway cards, and
 * claiming that the cause leads to the effect. "Feeds back" closes a loop to an earlier step (the
 * canvas's pathways do not follow it either) and "blocks" says the opposite of leading to.
 */
const FOLLOWED = (link: EdgeView): boolean => link.relation !== 'feeds-back' && link.relation !== 'blocks';

function causesOf(graph: MapGraph, index: CanvasIndex, cardId: string): { link: EdgeView; cause: NodeView }[] {
  return linksIn(index, cardId)
    .filter(FOLLOWED)
    .map((link) => ({ link, cause: graph.nodeById.get(link.source)! }))
    .filter(({ cause }) => isPathwayKind(cause.kind))
    .sort((a, b) => byCanvasOrder(a.cause, b.cause) || compareIds(a.link, b.link));
}

function leadsSomewhere(graph: MapGraph, index: CanvasIndex, cardId: string): boolean {
  return linksOut(index, cardId).some((link) => FOLLOWED(link) && isPathwayKind(graph.nodeById.get(link.target)!.kind));
}

/**
 * The pathways of a map: one tree per impact (left to right), then, so that no pathway card is
 * left out of the logframe, one per card that leads nowhere and was not reached (a top outcome
 * of a map without an impact, an unlinked card), highest kind first; then, for cards only on a
 * loop that leads nowhere else, one per card still unreached, again highest kind first.
 */
export function buildPathways(graph: MapGraph, index: CanvasIndex = canvasIndexOf(graph)): PathwayStep[] {
  const cards = index.cards.filter((node) => isPathwayKind(node.kind)).sort(byKindThenCanvas);
  const expandedAt = new Map<string, string>();
  const roots: PathwayStep[] = [];
  const grow = (card: NodeView): void => {
    roots.push(stepOf(graph, index, card, null, String(roots.length + 1), expandedAt));
  };
  for (const card of cards) if (card.kind === 'impact') grow(card);
  for (const card of cards) if (!expandedAt.has(card.id) && !leadsSomewhere(graph, index, card.id)) grow(card);
  for (const card of cards) if (!expandedAt.has(card.id)) grow(card);
  return roots;
}

/**
 * One step and, unless the card was expanded before, its causes. Iterative in spirit but
 * recursive in form: depth is bounded by the number of pathway cards, since each is expanded once.
 */
function stepOf(
  graph: MapGraph,
  index: CanvasIndex,
  card: NodeView,
  link: EdgeView | null,
  ref: string,
  expandedAt: Map<string, string>,
): PathwayStep {
  const step: PathwayStep = {
    ref,
    cardId: card.id,
    kind: card.kind as PathwayKind,
    title: card.label,
    narrative: card.narrative,
    status: card.fields.status,
    link: link && reportLink(link),
    repeatOf: expandedAt.get(card.id) ?? null,
    causes: [],
  };
  if (step.repeatOf !== null) return step;
  expandedAt.set(card.id, ref);
  step.causes = causesOf(graph, index, card.id).map(({ link: next, cause }, i) =>
    stepOf(graph, index, cause, next, `${ref}.${i + 1}`, expandedAt),
  );
  return step;
}

function reportLink(link: EdgeView): ReportLink {
  return {
    id: link.id,
    relation: link.relation,
    rationale: link.label,
    status: link.status,
    confidence: link.confidence,
  };
}

/** Visits every step of the trees, depth first, in reading order. */
export function forEachStep(steps: readonly PathwayStep[], visit: (step: PathwayStep, depth: number) => void): void {
  const walk = (step: PathwayStep, depth: number): void => {
    visit(step, depth);
    for (const cause of step.causes) walk(cause, depth + 1);
  };
  for (const step of steps) walk(step, 0);
}

// ── Logframe ─────────────────────────────────────────────────────────────────────────────────

function logframeRow(
  graph: MapGraph,
  card: NodeView,
  ref: string,
  index: CanvasIndex,
  indicators: ReadonlyMap<string, ReportIndicator>,
  assumptions: ReadonlyMap<string, ReportAssumption>,
): LogframeRow {
  const kind = card.kind as PathwayKind;
  const linked = linkedCards(graph, index, card.id);
  const hosts = [card.id, ...linksOut(index, card.id).map((link) => link.id)];
  const attached = hosts.flatMap((host) => [...attachedCards(index, host)]);
  const pick = <T>(registry: ReadonlyMap<string, T>, nodes: readonly NodeView[]): T[] =>
    unique(nodes.map((node) => node.id as string))
      .map((id) => registry.get(id))
      .filter((entry): entry is T => entry !== undefined);
  return {
    level: LOGFRAME_LEVEL_OF_KIND[kind],
    kind,
    ref,
    cardId: card.id,
    statement: card.label,
    narrative: card.narrative,
    status: card.fields.status,
    indicators: pick(indicators, [...attachedCards(index, card.id), ...linked]),
    assumptions: pick(assumptions, [...attached, ...linked]),
  };
}

// ── Registers ────────────────────────────────────────────────────────────────────────────────

function indicatorOf(node: NodeView, graph: MapGraph, index: CanvasIndex, targets: TargetReader): ReportIndicator {
  const f = node.fields;
  return {
    id: node.id,
    title: node.label,
    narrative: node.narrative,
    unit: f.unit,
    baseline: { value: f.baselineValue, date: f.baselineDate },
    target: { value: f.targetValue, date: f.targetDate },
    meansOfVerification: f.verification ?? f.source,
    source: f.source,
    verification: f.verification,
    frequency: f.frequency,
    measures: aboutTargets(node, graph, index, targets),
    readings: node.readings.map(({ date, value, note, by }) => ({ date, value, note, by })),
  };
}

function assumptionOf(node: NodeView, graph: MapGraph, index: CanvasIndex, targets: TargetReader): ReportAssumption {
  const current = currentAssumptionState(node.reviews);
  return {
    id: node.id,
    title: node.label,
    narrative: node.narrative,
    kind: node.fields.assumptionKind,
    criticality: node.fields.criticality,
    attachedTo: node.attachedTo === null ? null : targets.host(node.attachedTo),
    linkedTo: linkedCards(graph, index, node.id).map(targets.card),
    state: current?.status ?? null,
    stateDate: current?.date ?? null,
    reviews: node.reviews.map(({ date, status, note, by }) => ({ date, status, note, by })),
  };
}

function partnerOf(node: NodeView, index: CanvasIndex, targets: TargetReader): ReportPartner {
  const latest = latestHealth(node.health);
  const relationships = [
    ...linksOut(index, node.id).map((link) => ({ direction: 'to' as const, link, other: link.target })),
    ...linksIn(index, node.id).map((link) => ({ direction: 'from' as const, link, other: link.source })),
  ].map(({ direction, link, other }) => ({
    direction,
    other: targets.card(other),
    relation: link.relation,
    rationale: link.label,
  }));
  return {
    id: node.id,
    title: node.label,
    narrative: node.narrative,
    actorType: node.fields.actorType,
    networkRole: node.fields.networkRole,
    homeOrganisation: node.fields.homeOrganisation,
    health: HEALTH_DIMENSIONS.flatMap((dimension) => {
      const rating = latest[dimension];
      return rating ? [{ dimension, rating: rating.rating, date: rating.date, note: rating.note, by: rating.by }] : [];
    }),
    relationships,
  };
}

/** What an attachable card is about: its host, or else the cards it is linked to. */
function aboutTargets(node: NodeView, graph: MapGraph, index: CanvasIndex, targets: TargetReader): ReportTarget[] {
  if (node.attachedTo !== null && (graph.nodeById.has(node.attachedTo) || graph.edgeById.has(node.attachedTo))) {
    return [targets.host(node.attachedTo)];
  }
  return linkedCards(graph, index, node.id).map(targets.card);
}

/** Cards linked to a card by links either way, once each, in canvas order. */
function linkedCards(graph: MapGraph, index: CanvasIndex, cardId: string): NodeView[] {
  const ids = unique([
    ...linksOut(index, cardId).map((link) => link.target as string),
    ...linksIn(index, cardId).map((link) => link.source as string),
  ]);
  return ids.map((id) => graph.nodeById.get(id)!).sort(byCanvasOrder);
}

interface TargetReader {
  card(card: NodeView | string): ReportTarget;
  /** A card or link by id (a host). */
  host(id: string): ReportTarget;
}

function targetReader(graph: MapGraph, firstRef: ReadonlyMap<string, string>): TargetReader {
  const card = (value: NodeView | string): ReportTarget => {
    const node = typeof value === 'string' ? graph.nodeById.get(value)! : value;
    return { type: 'card', id: node.id, title: node.label, kind: node.kind, ref: firstRef.get(node.id) ?? null };
  };
  const host = (id: string): ReportTarget => {
    const link = graph.edgeById.get(id);
    if (!link) return card(id);
    const source = graph.nodeById.get(link.source)!;
    const target = graph.nodeById.get(link.target)!;
    return {
      type: 'link',
      id,
      title: `${cardTitle(source, 60)} → ${cardTitle(target, 60)}`,
      kind: source.kind,
      ref: firstRef.get(source.id) ?? null,
    };
  };
  return { card, host };
}

/** Only http(s) addresses leave in a document: no javascript:, data: or file: link. */
function safeUrl(url: string | null): string | null {
  return url !== null && /^https?:\/\/[^\s]+$/i.test(url) ? url : null;
}

// ── Order ────────────────────────────────────────────────────────────────────────────────────

/**
 * Registers list cards in the order of what they are about: by the logframe ref of their host
 * (or the first card they are linked to), then those about nothing on a pathway, by title.
 */
function hostSortKey(node: NodeView, graph: MapGraph, firstRef: ReadonlyMap<string, string>): [number, string] {
  const index = canvasIndexOf(graph);
  const hostId = node.attachedTo;
  const link = hostId === null ? undefined : graph.edgeById.get(hostId);
  const about = link ? link.source : (hostId ?? linkedCards(graph, index, node.id)[0]?.id);
  const ref = about === undefined ? undefined : firstRef.get(about);
  return ref === undefined ? [1, node.label] : [0, ref];
}

function compareKeys(a: [number, string], b: [number, string]): number {
  if (a[0] !== b[0]) return a[0] - b[0];
  return a[0] === 0 ? compareRefs(a[1], b[1]) : a[1].localeCompare(b[1]);
}

/** 1.2 < 1.10 < 2: refs compare part by part, as numbers. */
export function compareRefs(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) if (pa[i] !== pb[i]) return pa[i]! - pb[i]!;
  return pa.length - pb.length;
}

const rankOfLevel = (level: LogframeLevel): number => LOGFRAME_LEVELS.indexOf(level);
const compareIds = (a: { id: string }, b: { id: string }): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
/** Left to right as on the canvas, then top to bottom. */
const byCanvasOrder = (a: NodeView, b: NodeView): number => a.x - b.x || a.y - b.y || compareIds(a, b);
const byKindThenCanvas = (a: NodeView, b: NodeView): number =>
  PATHWAY_KIND_RANK[a.kind as PathwayKind] - PATHWAY_KIND_RANK[b.kind as PathwayKind] || byCanvasOrder(a, b);
const unique = <T>(values: readonly T[]): T[] => [...new Set(values)];
