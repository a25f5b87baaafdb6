/** The kinds of map and of node that the schema knows (see docs/document-format.md). */
export const MAP_KINDS = ['theory-of-change', 'partnership'] as const;
export type MapKind = (typeof MAP_KINDS)[number];

/**
 * Node kinds, in the order of a theory of change read from the top: the impact, the outcomes
 * that lead to it, what produces them, then what surrounds the pathway (assumptions, indicators,
 * evidence, actors, risks, lessons), frames, and free notes.
 */
export const NODE_KINDS = [
  'impact',
  'outcome',
  'output',
  'activity',
  'precondition',
  'assumption',
  'indicator',
  'evidence',
  'actor',
  'risk',
  'lesson',
  'group',
  'note',
] as const;
export type NodeKind = (typeof NODE_KINDS)[number];

export function isNodeKind(value: unknown): value is NodeKind {
  return typeof value === 'string' && (NODE_KINDS as readonly string[]).includes(value);
}

export function isMapKind(value: unknown): value is MapKind {
  return typeof value === 'string' && (MAP_KINDS as readonly string[]).includes(value);
}

/** Human labels, used by the UI and by exports. */
export const NODE_KIND_LABELS: Record<NodeKind, string> = {
  impact: 'Impact',
  outcome: 'Outcome',
  output: 'Output',
  activity: 'Activity',
  precondition: 'Precondition',
  assumption: 'Assumption',
  indicator: 'Indicator',
  evidence: 'Evidence',
  actor: 'Actor',
  risk: 'Risk',
  lesson: 'Lesson',
  group: 'Pathway frame',
  note: 'Note',
};

/** One line on what each kind is for: palette tooltips, empty-state hints, docs. */
export const NODE_KIND_HINTS: Record<NodeKind, string> = {
  impact: 'The long-term change the whole map works towards',
  outcome: 'A change in people, institutions or context (short, intermediate or long term)',
  output: 'What the activities directly produce',
  activity: 'What we do',
  precondition: 'Something that must be in place before the next step can happen',
  assumption: 'A condition that must hold for a link or outcome to work',
  indicator: 'How we would know an outcome happened: baseline, target, source',
  evidence: 'Research, data or testimony that supports or challenges a claim',
  actor: 'An organisation, team or person in the partnership',
  risk: 'Something that could stop the change from happening',
  lesson: 'What the group learned, and in which loop',
  group: 'A frame around a pathway or a cluster of cards',
  note: 'A free note',
};

export const MAP_KIND_LABELS: Record<MapKind, string> = {
  'theory-of-change': 'Theory of change',
  partnership: 'Partnership map',
};

/** The links of a theory of change: cards on the pathway from activities to the impact. */
export const PATHWAY_KINDS: readonly NodeKind[] = ['impact', 'outcome', 'output', 'activity', 'precondition'];

/**
 * Kinds that can be attached to a card or a link instead of standing on the canvas: they are
 * listed with their host (its inspector, a count on the card) and keep the canvas readable.
 */
export const ATTACHABLE_KINDS: readonly NodeKind[] = ['assumption', 'indicator', 'evidence'];

export const isAttachableKind = (kind: NodeKind): boolean => ATTACHABLE_KINDS.includes(kind);
