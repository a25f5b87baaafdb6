import {
  ACTOR_TYPES,
  ASSUMPTION_KINDS,
  EVIDENCE_STRENGTHS,
  EVIDENCE_TYPES,
  FREQUENCIES,
  LESSON_LOOPS,
  LEVELS,
  LOW_MEDIUM_HIGH,
  NETWORK_ROLES,
  OUTCOME_TERMS,
  RAG_STATUSES,
  SPHERES,
  type NodeFieldKey,
} from '@loopmap/shared';

/**
 * Which control edits each scalar field of a card: a choice (a select with "Not set"), a short
 * text, a day, or an http(s) address. A table rather than a switch, so that a field added to the
 * model without a control here is a type error. The text lengths repeat the parsers' limits
 * (shared fields.ts), so the field stops where the document would cut.
 */
export type NodeFieldControl =
  | { type: 'choice'; options: readonly string[] }
  | { type: 'text'; maxLength: number; placeholder?: boolean }
  | { type: 'date' }
  | { type: 'url' };

/** A choice among `options`, whose words are the field's in the catalogue (choiceLabels). */
const choice = <T extends string>(options: readonly T[]): NodeFieldControl => ({ type: 'choice', options });

export const NODE_FIELD_CONTROLS: Record<NodeFieldKey, NodeFieldControl> = {
  status: choice(RAG_STATUSES),
  term: choice(OUTCOME_TERMS),
  level: choice(LEVELS),
  sphere: choice(SPHERES),
  assumptionKind: choice(ASSUMPTION_KINDS),
  criticality: choice(LOW_MEDIUM_HIGH),
  unit: { type: 'text', maxLength: 60, placeholder: true },
  baselineValue: { type: 'text', maxLength: 60 },
  baselineDate: { type: 'date' },
  targetValue: { type: 'text', maxLength: 60 },
  targetDate: { type: 'date' },
  source: { type: 'text', maxLength: 500, placeholder: true },
  verification: { type: 'text', maxLength: 500, placeholder: true },
  frequency: choice(FREQUENCIES),
  citation: { type: 'text', maxLength: 500, placeholder: true },
  url: { type: 'url' },
  evidenceType: choice(EVIDENCE_TYPES),
  strength: choice(EVIDENCE_STRENGTHS),
  actorType: choice(ACTOR_TYPES),
  networkRole: choice(NETWORK_ROLES),
  homeOrganisation: { type: 'text', maxLength: 200 },
  likelihood: choice(LOW_MEDIUM_HIGH),
  severity: choice(LOW_MEDIUM_HIGH),
  loop: choice(LESSON_LOOPS),
};
