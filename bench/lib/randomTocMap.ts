/**
 * Random but realistic theory-of-change maps for the layout benchmark: pathways of about 25 cards
 * each (activities → outputs → individual → institutional → contextual outcomes → the impact),
 * branching and merging, chains inside a level, links across pathways, some feedback, a few
 * risks, notes and lessons, indicators and assumptions attached to cards and links, every card
 * scattered at random (a map nobody has laid out). Same seed, same map.
 */
import {
  MAP_JSON_FORMAT,
  SCHEMA_VERSION,
  lanesFrom,
  mapJsonSchema,
  type Level,
  type LinkRelation,
  type MapEdgeJSON,
  type MapJSON,
  type MapNodeJSON,
  type NodeKind,
} from '@loopmap/shared';
import { prng } from './maps.ts';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** The stages of a pathway, bottom to top, and each one's share of a pathway's cards. */
const STAGES = [
  { stage: 'activity', share: 0.25 },
  { stage: 'output', share: 0.2 },
  { stage: 'individual', share: 0.17 },
  { stage: 'institutional', share: 0.14 },
  { stage: 'contextual', share: 0.1 },
  { stage: 'unlevelled', share: 0.05 },
  { stage: 'precondition', share: 0.03 },
  { stage: 'other', share: 0.06 },
] as const;
type Stage = (typeof STAGES)[number]['stage'] | 'impact';

const PATHWAY_SIZE = 25;

export interface RandomTocMap {
  map: MapJSON;
  /** Cards that stand on the canvas (what the benchmark is sized by). */
  cards: number;
  /** Links between cards on the canvas. */
  links: number;
  feedback: number;
}

/** A map with `cards` cards on the canvas (plus attached indicators and assumptions). */
export function randomTocMap(cards: number, seed = 1): RandomTocMap {
  const random = prng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const id = (): string => Array.from({ length: 21 }, () => ALPHABET[Math.floor(random() * 64)]).join('');
  const nodes: MapNodeJSON[] = [];
  const edges: MapEdgeJSON[] = [];
  const stageOf = new Map<string, Stage>();
  const pathwayOf = new Map<string, number>();
  const byStage = new Map<Stage, string[][]>();
  const scatter = Math.sqrt(cards) * 300;

  const card = (stage: Stage, pathway: number): string => {
    const nodeId = id();
    const kind: NodeKind =
      stage === 'activity' || stage === 'output' || stage === 'impact' || stage === 'precondition'
        ? stage
        : stage === 'other'
          ? pick(['risk', 'risk', 'note', 'lesson'] as const)
          : 'outcome';
    const node: MapNodeJSON = {
      id: nodeId,
      kind,
      label: `${kind} ${nodes.length}: what the group wrote on this card`,
      x: Math.round(random() * scatter),
      y: Math.round(random() * scatter),
    };
    if (stage === 'individual' || stage === 'institutional' || stage === 'contextual') node.level = stage as Level;
    nodes.push(node);
    stageOf.set(nodeId, stage);
    pathwayOf.set(nodeId, pathway);
    const lists = byStage.get(stage) ?? [];
    (lists[pathway] ??= []).push(nodeId);
    byStage.set(stage, lists);
    return nodeId;
  };

  const impacts = Math.max(1, Math.round(cards / 250));
  for (let i = 0; i < impacts; i++) card('impact', 0);
  const pathways = Math.max(1, Math.round((cards - impacts) / PATHWAY_SIZE));
  let left = cards - impacts;
  for (let p = 0; p < pathways; p++) {
    const size = p === pathways - 1 ? left : Math.min(left, PATHWAY_SIZE);
    left -= size;
    let made = 0;
    for (const { stage, share } of STAGES) {
      const count = stage === 'other' ? size - made : Math.max(1, Math.round(size * share));
      for (let i = 0; i < count && made < size; i++, made++) card(stage, p);
    }
  }

  const linked = new Set<string>();
  const link = (source: string, target: string, relation: LinkRelation): void => {
    const key = `${source}>${target}`;
    if (source === target || linked.has(key)) return;
    linked.add(key);
    edges.push({ id: id(), source, target, rationale: random() < 0.3 ? 'because peers said so' : '', relation });
  };
  /**
   * A card of one of `stages`, in the same pathway most of the time (always, for a link within a
   * stage: chains inside a level are short, two or three rows, as in real maps).
   */
  const target = (stages: readonly Stage[], from: Stage, pathway: number): string | undefined => {
    const stage = pick(stages);
    const lists = byStage.get(stage);
    if (!lists) return undefined;
    const here = lists[pathway];
    const list = stage === from || (random() < 0.85 && here?.length) ? here : pick(lists.filter(Boolean));
    return list && list.length > 0 ? pick(list) : undefined;
  };
  const NEXT: Partial<Record<Stage, readonly Stage[]>> = {
    activity: ['output'],
    output: ['individual', 'individual', 'unlevelled', 'institutional'],
    individual: ['institutional', 'institutional', 'individual'],
    unlevelled: ['institutional', 'contextual'],
    precondition: ['institutional', 'individual'],
    institutional: ['contextual', 'contextual', 'institutional'],
    contextual: ['impact', 'contextual'],
  };
  let feedback = 0;
  for (const node of nodes) {
    const stage = stageOf.get(node.id)!;
    const pathway = pathwayOf.get(node.id)!;
    const next = NEXT[stage];
    if (next) {
      const count = random() < 0.8 ? 2 : 1;
      for (let i = 0; i < count; i++) {
        const to = target(next, stage, pathway);
        if (to === undefined) continue;
        // Chains inside a level only point to a later card, so they add layers, not cycles.
        if (stageOf.get(to) === stage && to <= node.id) continue;
        link(node.id, to, pick(['leads-to', 'contributes-to', 'enables', 'necessary-for'] as const));
      }
    } else if (node.kind === 'risk') {
      const to = target(['institutional', 'individual', 'output'], stage, pathway);
      if (to) link(node.id, to, 'blocks');
    } else if (node.kind === 'note' && random() < 0.5) {
      const to = target(['individual', 'activity'], stage, pathway);
      if (to) link(to, node.id, 'leads-to');
    }
    // Feedback: a higher outcome feeds back into a lower one (marked), or a plain cycle (not).
    if ((stage === 'institutional' || stage === 'contextual') && random() < 0.12) {
      const to = target(['individual', 'output'], stage, pathway);
      if (to) {
        const marked = random() < 0.7;
        link(node.id, to, marked ? 'feeds-back' : 'leads-to');
        feedback++;
      }
    }
  }

  // Attached cards do not stand on the canvas, but real maps have them.
  const outcomes = nodes.filter((node) => node.kind === 'outcome');
  for (const host of outcomes.filter(() => random() < 0.15)) {
    nodes.push({ id: id(), kind: 'indicator', label: 'Indicator', x: host.x + 240, y: host.y, attachedTo: host.id });
  }
  for (const host of edges.filter(() => random() < 0.05)) {
    nodes.push({ id: id(), kind: 'assumption', label: 'Assumption', x: 0, y: 0, attachedTo: host.id });
  }

  const lanes = lanesFrom(-820);
  const map = mapJsonSchema.parse({
    format: MAP_JSON_FORMAT,
    schemaVersion: SCHEMA_VERSION,
    meta: {
      title: `Random theory of change, ${cards} cards`,
      kind: 'theory-of-change',
      lanes: { bounds: [...lanes.bounds] },
      ceilingY: lanes.bounds[1],
    },
    nodes,
    edges,
  });
  return { map, cards, links: edges.length, feedback };
}
