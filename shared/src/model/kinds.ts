/** The kinds of map and of node that schema version 1 knows. */
export const MAP_KINDS = ['theory-of-change', 'partnership'] as const;
export type MapKind = (typeof MAP_KINDS)[number];

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
  note: 'Note',
};

export const MAP_KIND_LABELS: Record<MapKind, string> = {
  'theory-of-change': 'Theory of change',
  partnership: 'Partnership map',
};
