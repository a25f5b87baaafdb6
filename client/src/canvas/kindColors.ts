import type { NodeKind } from '@loopmap/shared';

/**
 * One colour per node kind, used by cards, the palette, the outline and the minimap. Chosen to
 * stay apart from each other and readable as text on white (WCAG AA for the badge text).
 */
export const KIND_COLORS: Record<NodeKind, string> = {
  impact: '#6d28d9',
  outcome: '#047857',
  output: '#1d4ed8',
  activity: '#c2410c',
  precondition: '#0e7490',
  assumption: '#a16207',
  indicator: '#4338ca',
  evidence: '#3f6212',
  actor: '#be185d',
  risk: '#b91c1c',
  lesson: '#7c2d12',
  group: '#64748b',
  note: '#475569',
};
