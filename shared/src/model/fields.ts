import type { NodeKind } from './kinds.ts';

/**
 * The vocabulary of a map's cards and links: every choice a field offers, its words for people,
 * and the parsers that both readers (to normalise what a third-party client wrote) and writers
 * (to refuse bad input) use. See ../shared/DOMAIN.md for where the words come from.
 */

/** Red / amber / green: how a card is doing, or how a partner rates a dimension of health. */
export const RAG_STATUSES = ['red', 'amber', 'green'] as const;
export type RagStatus = (typeof RAG_STATUSES)[number];
export const RAG_LABELS: Record<RagStatus, string> = { red: 'Red', amber: 'Amber', green: 'Green' };
export const RAG_MEANINGS: Record<RagStatus, string> = {
  red: 'off track',
  amber: 'at risk',
  green: 'on track',
};

export const OUTCOME_TERMS = ['short', 'intermediate', 'long'] as const;
export type OutcomeTerm = (typeof OUTCOME_TERMS)[number];
export const OUTCOME_TERM_LABELS: Record<OutcomeTerm, string> = {
  short: 'Short term',
  intermediate: 'Intermediate',
  long: 'Long term',
};

/** Where a change happens. Theory-of-change maps draw one swimlane per level. */
export const LEVELS = ['individual', 'institutional', 'contextual'] as const;
export type Level = (typeof LEVELS)[number];
export const LEVEL_LABELS: Record<Level, string> = {
  individual: 'Individual',
  institutional: 'Institutional',
  contextual: 'Contextual',
};

/** Within the group's control, its influence, or only its interest (the accountability ceiling). */
export const SPHERES = ['control', 'influence', 'interest'] as const;
export type Sphere = (typeof SPHERES)[number];
export const SPHERE_LABELS: Record<Sphere, string> = {
  control: 'Control',
  influence: 'Influence',
  interest: 'Interest',
};

/** The five capabilities that capacity outcomes are tagged with. */
export const FIVE_CAPABILITIES = ['commit', 'deliver', 'relate', 'balance', 'adapt'] as const;
export type CapabilityTag = (typeof FIVE_CAPABILITIES)[number];
export const CAPABILITY_LABELS: Record<CapabilityTag, string> = {
  commit: 'Commit and engage',
  deliver: 'Carry out tasks and deliver results',
  relate: 'Relate to the context and attract support',
  balance: 'Balance diversity and coherence',
  adapt: 'Adapt and renew',
};
export const CAPABILITY_SHORT_LABELS: Record<CapabilityTag, string> = {
  commit: 'Commit',
  deliver: 'Deliver',
  relate: 'Relate',
  balance: 'Balance',
  adapt: 'Adapt',
};

export const ASSUMPTION_KINDS = ['causal', 'contextual', 'implementation', 'behavioural'] as const;
export type AssumptionKind = (typeof ASSUMPTION_KINDS)[number];
export const ASSUMPTION_KIND_LABELS: Record<AssumptionKind, string> = {
  causal: 'Causal (why A leads to B)',
  contextual: 'Contextual (the wider environment)',
  implementation: 'Implementation (how we deliver)',
  behavioural: 'Behavioural (how people respond)',
};

export const LOW_MEDIUM_HIGH = ['low', 'medium', 'high'] as const;
export type LowMediumHigh = (typeof LOW_MEDIUM_HIGH)[number];
export const LOW_MEDIUM_HIGH_LABELS: Record<LowMediumHigh, string> = { low: 'Low', medium: 'Medium', high: 'High' };

/** What a review found of an assumption. */
export const ASSUMPTION_STATES = ['holds', 'at-risk', 'broken'] as const;
export type AssumptionState = (typeof ASSUMPTION_STATES)[number];
export const ASSUMPTION_STATE_LABELS: Record<AssumptionState, string> = {
  holds: 'Holds',
  'at-risk': 'At risk',
  broken: 'Broken',
};

export const FREQUENCIES = ['monthly', 'quarterly', 'twice-yearly', 'yearly', 'once'] as const;
export type Frequency = (typeof FREQUENCIES)[number];
export const FREQUENCY_LABELS: Record<Frequency, string> = {
  monthly: 'Monthly',
  quarterly: 'Quarterly',
  'twice-yearly': 'Twice a year',
  yearly: 'Yearly',
  once: 'Once',
};

export const EVIDENCE_TYPES = ['research', 'evaluation', 'monitoring', 'testimony', 'observation', 'document'] as const;
export type EvidenceType = (typeof EVIDENCE_TYPES)[number];
export const EVIDENCE_TYPE_LABELS: Record<EvidenceType, string> = {
  research: 'Research',
  evaluation: 'Evaluation',
  monitoring: 'Monitoring data',
  testimony: 'Testimony',
  observation: 'Observation',
  document: 'Document',
};

export const EVIDENCE_STRENGTHS = ['weak', 'moderate', 'strong'] as const;
export type EvidenceStrength = (typeof EVIDENCE_STRENGTHS)[number];
export const EVIDENCE_STRENGTH_LABELS: Record<EvidenceStrength, string> = {
  weak: 'Weak',
  moderate: 'Moderate',
  strong: 'Strong',
};

export const ACTOR_TYPES = ['organisation', 'team', 'person'] as const;
export type ActorType = (typeof ACTOR_TYPES)[number];
export const ACTOR_TYPE_LABELS: Record<ActorType, string> = {
  organisation: 'Organisation',
  team: 'Team',
  person: 'Person',
};

/** The roles a member can hold in a network. */
export const NETWORK_ROLES = ['catalyst', 'sponsor', 'organizer', 'participant'] as const;
export type NetworkRole = (typeof NETWORK_ROLES)[number];
export const NETWORK_ROLE_LABELS: Record<NetworkRole, string> = {
  catalyst: 'Catalyst',
  sponsor: 'Sponsor / funder',
  organizer: 'Organizer',
  participant: 'Participant / peer',
};

/** Single loop: doing things right; double: doing the right things; triple: how we decide. */
export const LESSON_LOOPS = ['single', 'double', 'triple'] as const;
export type LessonLoop = (typeof LESSON_LOOPS)[number];
export const LESSON_LOOP_LABELS: Record<LessonLoop, string> = {
  single: 'Single loop: are we doing things right?',
  double: 'Double loop: are we doing the right things?',
  triple: 'Triple loop: how do we decide what is right?',
};

/** The dimensions a partnership rates its health on, per partner. */
export const HEALTH_DIMENSIONS = [
  'trust',
  'shared-purpose',
  'power-balance',
  'communication',
  'resources',
  'results',
] as const;
export type HealthDimension = (typeof HEALTH_DIMENSIONS)[number];
export const HEALTH_DIMENSION_LABELS: Record<HealthDimension, string> = {
  trust: 'Trust',
  'shared-purpose': 'Shared purpose',
  'power-balance': 'Power balance',
  communication: 'Communication',
  resources: 'Resources',
  results: 'Results',
};

/** What a link claims. The first six are causal (theory of change); the rest are relationships. */
export const LINK_RELATIONS = [
  'leads-to',
  'contributes-to',
  'enables',
  'necessary-for',
  'blocks',
  'feeds-back',
  'funds',
  'knowledge-exchange',
  'joint-delivery',
  'mentoring',
] as const;
export type LinkRelation = (typeof LINK_RELATIONS)[number];
export const LINK_RELATION_LABELS: Record<LinkRelation, string> = {
  'leads-to': 'leads to',
  'contributes-to': 'contributes to',
  enables: 'enables',
  'necessary-for': 'is necessary for',
  blocks: 'blocks',
  'feeds-back': 'feeds back',
  funds: 'funds',
  'knowledge-exchange': 'knowledge exchange',
  'joint-delivery': 'joint delivery',
  mentoring: 'mentors',
};
export const CAUSAL_RELATIONS: readonly LinkRelation[] = [
  'leads-to',
  'contributes-to',
  'enables',
  'necessary-for',
  'blocks',
  'feeds-back',
];
export const PARTNERSHIP_RELATIONS: readonly LinkRelation[] = [
  'funds',
  'knowledge-exchange',
  'joint-delivery',
  'mentoring',
];

export const LINK_STATUSES = ['hypothesised', 'observed', 'confirmed', 'refuted'] as const;
export type LinkStatus = (typeof LINK_STATUSES)[number];
export const LINK_STATUS_LABELS: Record<LinkStatus, string> = {
  hypothesised: 'Hypothesised',
  observed: 'Observed',
  confirmed: 'Confirmed',
  refuted: 'Refuted',
};

// ---------------------------------------------------------------------------------------------
// Parsers. Each returns the normalised value, or null when the input is not acceptable.

/** Longest text of a short field (a unit, a source); titles and narratives have their own. */
export const MAX_FIELD_LENGTH = 500;
export const MAX_NARRATIVE_LENGTH = 20_000;
export const MAX_TAG_LENGTH = 40;
export const MAX_TAGS = 30;
/** Entries of one dated history (reviews, readings, ratings) a card keeps. */
export const MAX_ENTRIES = 500;
export const MAX_NOTE_LENGTH = 1000;
/** Smallest and largest size of a pathway frame, in canvas units. */
export const MIN_GROUP_SIZE = 120;
export const MAX_GROUP_SIZE = 20_000;

export interface FieldParser<T> {
  parse(value: unknown): T | null;
}

export function oneOf<const T extends string>(values: readonly T[]): FieldParser<T> {
  const set = new Set<string>(values);
  return { parse: (value) => (typeof value === 'string' && set.has(value) ? (value as T) : null) };
}

/**
 * Cuts a text to at most `max` UTF-16 units without ending in half a surrogate pair. Yjs encodes
 * strings as UTF-8, where a lone surrogate becomes U+FFFD: the writer would keep 'a\uD83D' while
 * every peer read 'a\uFFFD', and their exports would differ.
 */
function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  const code = text.charCodeAt(max - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}

/**
 * A short single-line text: line breaks and tabs become spaces, at most `max` characters.
 * Surrounding space is kept (a field is written as the user types it).
 */
export function shortText(max: number = MAX_FIELD_LENGTH): FieldParser<string> {
  return {
    parse: (value) => {
      if (typeof value !== 'string') return null;
      return cutText(value.replace(/[\r\n\t]+/g, ' '), max);
    },
  };
}

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date as `YYYY-MM-DD` that exists (no 2025-02-30). */
export function parseDate(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const match = DATE_PATTERN.exec(value);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? value : null;
}
export const dateField: FieldParser<string> = { parse: parseDate };

/**
 * An http(s) address (evidence links). Other schemes, javascript: above all, are refused. (A
 * pattern rather than URL: shared/ runs without the DOM or Node's globals.)
 */
const URL_PATTERN = /^https?:\/\/[^\s/?#@]+(?:[/?#][^\s]*)?$/i;
export const urlField: FieldParser<string> = {
  parse: (value) => {
    if (typeof value !== 'string' || value.length > 2000) return null;
    const text = value.trim();
    return text === '' || URL_PATTERN.test(text) ? text : null;
  },
};

/**
 * The scalar fields a node can carry, each with its parser. Which of them a kind shows is
 * FIELDS_BY_KIND; a node keeps the others when its kind changes (nothing typed is lost).
 */
export const NODE_FIELDS = {
  status: oneOf(RAG_STATUSES),
  term: oneOf(OUTCOME_TERMS),
  level: oneOf(LEVELS),
  sphere: oneOf(SPHERES),
  assumptionKind: oneOf(ASSUMPTION_KINDS),
  criticality: oneOf(LOW_MEDIUM_HIGH),
  unit: shortText(60),
  baselineValue: shortText(60),
  baselineDate: dateField,
  targetValue: shortText(60),
  targetDate: dateField,
  source: shortText(),
  verification: shortText(),
  frequency: oneOf(FREQUENCIES),
  citation: shortText(),
  url: urlField,
  evidenceType: oneOf(EVIDENCE_TYPES),
  strength: oneOf(EVIDENCE_STRENGTHS),
  actorType: oneOf(ACTOR_TYPES),
  networkRole: oneOf(NETWORK_ROLES),
  homeOrganisation: shortText(200),
  likelihood: oneOf(LOW_MEDIUM_HIGH),
  severity: oneOf(LOW_MEDIUM_HIGH),
  loop: oneOf(LESSON_LOOPS),
} as const;

export type NodeFieldKey = keyof typeof NODE_FIELDS;
export const NODE_FIELD_KEYS = Object.keys(NODE_FIELDS) as NodeFieldKey[];
type ParsedBy<P> = P extends FieldParser<infer T> ? T : never;
export type NodeFieldValue<K extends NodeFieldKey> = ParsedBy<(typeof NODE_FIELDS)[K]>;
/** Every scalar field of a node, null when unset. */
export type NodeFields = { [K in NodeFieldKey]: NodeFieldValue<K> | null };

export const isNodeFieldKey = (key: unknown): key is NodeFieldKey =>
  typeof key === 'string' && Object.prototype.hasOwnProperty.call(NODE_FIELDS, key);

export const NODE_FIELD_LABELS: Record<NodeFieldKey, string> = {
  status: 'Status',
  term: 'Term',
  level: 'Level',
  sphere: 'Sphere',
  assumptionKind: 'Kind of assumption',
  criticality: 'Criticality',
  unit: 'Unit',
  baselineValue: 'Baseline',
  baselineDate: 'Baseline date',
  targetValue: 'Target',
  targetDate: 'Target date',
  source: 'Source',
  verification: 'Means of verification',
  frequency: 'Frequency',
  citation: 'Citation',
  url: 'Link',
  evidenceType: 'Type of evidence',
  strength: 'Strength',
  actorType: 'Actor is',
  networkRole: 'Network role',
  homeOrganisation: 'Home organisation',
  likelihood: 'Likelihood',
  severity: 'Severity',
  loop: 'Learning loop',
};

/** The kind-specific fields each kind shows, in order (status, title, narrative and tags are common). */
export const FIELDS_BY_KIND: Record<NodeKind, readonly NodeFieldKey[]> = {
  impact: [],
  outcome: ['term', 'level', 'sphere'],
  output: [],
  activity: [],
  precondition: ['level'],
  assumption: ['assumptionKind', 'criticality'],
  indicator: [
    'unit',
    'baselineValue',
    'baselineDate',
    'targetValue',
    'targetDate',
    'source',
    'verification',
    'frequency',
  ],
  evidence: ['citation', 'url', 'evidenceType', 'strength'],
  actor: ['actorType', 'networkRole', 'homeOrganisation'],
  risk: ['likelihood', 'severity'],
  lesson: ['loop'],
  group: [],
  note: [],
};

/** Kinds that carry the five-capability tags. */
export const CAPABILITY_KINDS: readonly NodeKind[] = ['outcome'];

/** A tag as stored: single spaces, no surrounding space, at most MAX_TAG_LENGTH; null if empty. */
export function normaliseTag(tag: string): string | null {
  const text = cutText(tag.replace(/\s+/g, ' ').trim(), MAX_TAG_LENGTH).trim();
  return text.length > 0 ? text : null;
}

/** The key a tag is stored under: tags that differ only in case are one tag. */
export const tagKey = (tag: string): string => tag.toLocaleLowerCase('en');

/** Today in the local calendar as YYYY-MM-DD (entries are dated by the day, as people say them). */
export function localDate(at: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}
