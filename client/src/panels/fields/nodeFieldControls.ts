import {
  ACTOR_TYPES,
  ACTOR_TYPE_LABELS,
  ASSUMPTION_KINDS,
  ASSUMPTION_KIND_LABELS,
  EVIDENCE_STRENGTHS,
  EVIDENCE_STRENGTH_LABELS,
  EVIDENCE_TYPES,
  EVIDENCE_TYPE_LABELS,
  FREQUENCIES,
  FREQUENCY_LABELS,
  LESSON_LOOPS,
  LESSON_LOOP_LABELS,
  LEVELS,
  LEVEL_LABELS,
  LOW_MEDIUM_HIGH,
  LOW_MEDIUM_HIGH_LABELS,
  NETWORK_ROLES,
  NETWORK_ROLE_LABELS,
  OUTCOME_TERMS,
  OUTCOME_TERM_LABELS,
  RAG_LABELS,
  RAG_STATUSES,
  SPHERES,
  SPHERE_LABELS,
  type NodeFieldKey,
} from '@loopmap/shared';

/**
 * Which control edits each scalar field of a card: a choice (a select with "Not set"), a short
 * text, a day, or an http(s) address. A table rather than a switch, so that a field added to the
 * model without a control here is a type error. The text lengths repeat the parsers' limits
 * (shared fields.ts), so the field stops where the document would cut.
 */
export type NodeFieldControl =
  | { type: 'choice'; options: readonly string[]; labels: Readonly<Record<string, string>> }
  | { type: 'text'; maxLength: number; placeholder?: boolean }
  | { type: 'date' }
  | { type: 'url' };

const choice = <T extends string>(options: readonly T[], labels: Readonly<Record<T, string>>): NodeFieldControl => ({
  type: 'choice',
  options,
  labels,
});

export const NODE_FIELD_CONTROLS: Record<NodeFieldKey, NodeFieldControl> = {
  status: choice(RAG_STATUSES, RAG_LABELS),
  term: choice(OUTCOME_TERMS, OUTCOME_TERM_LABELS),
  level: choice(LEVELS, LEVEL_LABELS),
  sphere: choice(SPHERES, SPHERE_LABELS),
  assumptionKind: choice(ASSUMPTION_KINDS, ASSUMPTION_KIND_LABELS),
  criticality: choice(LOW_MEDIUM_HIGH, LOW_MEDIUM_HIGH_LABELS),
  unit: { type: 'text', maxLength: 60, placeholder: true },
  baselineValue: { type: 'text', maxLength: 60 },
  baselineDate: { type: 'date' },
  targetValue: { type: 'text', maxLength: 60 },
  targetDate: { type: 'date' },
  source: { type: 'text', maxLength: 500, placeholder: true },
  verification: { type: 'text', maxLength: 500, placeholder: true },
  frequency: choice(FREQUENCIES, FREQUENCY_LABELS),
  citation: { type: 'text', maxLength: 500, placeholder: true },
  url: { type: 'url' },
  evidenceType: choice(EVIDENCE_TYPES, EVIDENCE_TYPE_LABELS),
  strength: choice(EVIDENCE_STRENGTHS, EVIDENCE_STRENGTH_LABELS),
  actorType: choice(ACTOR_TYPES, ACTOR_TYPE_LABELS),
  networkRole: choice(NETWORK_ROLES, NETWORK_ROLE_LABELS),
  homeOrganisation: { type: 'text', maxLength: 200 },
  likelihood: choice(LOW_MEDIUM_HIGH, LOW_MEDIUM_HIGH_LABELS),
  severity: choice(LOW_MEDIUM_HIGH, LOW_MEDIUM_HIGH_LABELS),
  loop: choice(LESSON_LOOPS, LESSON_LOOP_LABELS),
};
