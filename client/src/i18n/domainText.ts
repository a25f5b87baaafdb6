import type {
  ActorType,
  AssumptionKind,
  AssumptionState,
  CapabilityTag,
  EvidenceStrength,
  EvidenceType,
  Frequency,
  HealthDimension,
  LessonLoop,
  Level,
  LinkRelation,
  LinkStatus,
  LowMediumHigh,
  MapKind,
  NetworkRole,
  NodeFieldKey,
  NodeKind,
  OutcomeTerm,
  RagStatus,
  Sphere,
  TemplateId,
} from '@loopmap/shared';
import { i18next } from './i18n.ts';

/**
 * The modelling vocabulary in the interface's language: the words of the `domain` namespace
 * (card kinds, map kinds, relations, statuses, every choice a field offers, field names). Each
 * takes the `t` of the component that shows it (`useTranslation()`), so that the component
 * renders again when the language changes; plain modules may leave it out and get i18next's.
 */
export interface DomainT {
  (key: string): string;
  (key: string, options: Record<string, string | number>): string;
}

/** The interface's i18next, in the language it is in now. */
export const currentT: DomainT = (key: string, options?: Record<string, string | number>): string =>
  i18next.t(key, options ?? {});
const current = currentT;

export const kindLabel = (kind: NodeKind, t: DomainT = current): string => t(`domain:kind.${kind}`);
/** The kind's plural as a heading ("Activities"). */
export const kindPluralLabel = (kind: NodeKind, t: DomainT = current): string => t(`domain:kindPlural.${kind}`);
/** "3 outcomes", in the language's plural forms. */
export const kindCount = (kind: NodeKind, count: number, t: DomainT = current): string =>
  t(`domain:kindCount.${kind}`, { count });
export const kindHint = (kind: NodeKind, t: DomainT = current): string => t(`domain:kindHint.${kind}`);
export const mapKindLabel = (kind: MapKind, t: DomainT = current): string => t(`domain:mapKind.${kind}`);
export const relationLabel = (relation: LinkRelation, t: DomainT = current): string => t(`domain:relation.${relation}`);
export const linkStatusLabel = (status: LinkStatus, t: DomainT = current): string => t(`domain:linkStatus.${status}`);
export const ragLabel = (status: RagStatus, t: DomainT = current): string => t(`domain:rag.${status}`);
export const ragMeaning = (status: RagStatus, t: DomainT = current): string => t(`domain:ragMeaning.${status}`);
export const termLabel = (term: OutcomeTerm, t: DomainT = current): string => t(`domain:term.${term}`);
export const levelLabel = (level: Level, t: DomainT = current): string => t(`domain:level.${level}`);
export const sphereLabel = (sphere: Sphere, t: DomainT = current): string => t(`domain:sphere.${sphere}`);
export const capabilityLabel = (tag: CapabilityTag, t: DomainT = current): string => t(`domain:capability.${tag}`);
export const capabilityShortLabel = (tag: CapabilityTag, t: DomainT = current): string =>
  t(`domain:capabilityShort.${tag}`);
export const assumptionKindLabel = (kind: AssumptionKind, t: DomainT = current): string =>
  t(`domain:assumptionKind.${kind}`);
export const assumptionStateLabel = (state: AssumptionState, t: DomainT = current): string =>
  t(`domain:assumptionState.${state}`);
/** Low, medium or high: criticality, likelihood, severity, a link's confidence. */
export const scaleLabel = (value: LowMediumHigh, t: DomainT = current): string => t(`domain:scale.${value}`);
export const frequencyLabel = (frequency: Frequency, t: DomainT = current): string =>
  t(`domain:frequency.${frequency}`);
export const evidenceTypeLabel = (type: EvidenceType, t: DomainT = current): string => t(`domain:evidenceType.${type}`);
export const evidenceStrengthLabel = (strength: EvidenceStrength, t: DomainT = current): string =>
  t(`domain:evidenceStrength.${strength}`);
export const actorTypeLabel = (type: ActorType, t: DomainT = current): string => t(`domain:actorType.${type}`);
export const networkRoleLabel = (role: NetworkRole, t: DomainT = current): string => t(`domain:networkRole.${role}`);
export const lessonLoopLabel = (loop: LessonLoop, t: DomainT = current): string => t(`domain:loop.${loop}`);
export const healthDimensionLabel = (dimension: HealthDimension, t: DomainT = current): string =>
  t(`domain:healthDimension.${dimension}`);

/**
 * A field's name: a card's scalar fields (NodeFieldKey) and the other fields the inspector,
 * history and exports name (`label`, `narrative`, `tags`, `rationale`, `relation`, ...).
 */
export type FieldName =
  | NodeFieldKey
  | 'kind'
  | 'label'
  | 'narrative'
  | 'tags'
  | 'capabilities'
  | 'attachedTo'
  | 'width'
  | 'height'
  | 'reviews'
  | 'readings'
  | 'health'
  | 'position'
  | 'rationale'
  | 'relation'
  | 'confidence'
  | 'linkStatus'
  | 'from'
  | 'to'
  | 'title'
  | 'mapKind'
  | 'lanes'
  | 'ceilingY';
export const fieldLabel = (field: FieldName, t: DomainT = current): string => t(`domain:field.${field}`);

/** Where each choice field's words live in the catalogue. */
const CHOICE_PREFIX: Partial<Record<NodeFieldKey, string>> = {
  status: 'rag',
  term: 'term',
  level: 'level',
  sphere: 'sphere',
  assumptionKind: 'assumptionKind',
  criticality: 'scale',
  frequency: 'frequency',
  evidenceType: 'evidenceType',
  strength: 'evidenceStrength',
  actorType: 'actorType',
  networkRole: 'networkRole',
  likelihood: 'scale',
  severity: 'scale',
  loop: 'loop',
};

/** The words for a choice field's value (`status` `amber` → "Amber"); null for a text field. */
export function choiceLabel(field: NodeFieldKey, value: string, t: DomainT = current): string | null {
  const prefix = CHOICE_PREFIX[field];
  return prefix ? t(`domain:${prefix}.${value}`) : null;
}

/** `{ value: words }` for a control that takes a table of labels (a select, a segmented control). */
export function labelsOf<V extends string>(
  values: readonly V[],
  label: (value: V, t: DomainT) => string,
  t: DomainT = current,
): Record<V, string> {
  return Object.fromEntries(values.map((value) => [value, label(value, t)])) as Record<V, string>;
}

/** The words of each of a choice field's options. */
export const choiceLabels = (field: NodeFieldKey, options: readonly string[], t: DomainT = current) =>
  labelsOf(options, (value) => choiceLabel(field, value, t) ?? value, t);

/** A template's name and its one-line description, as the new-map form offers it. */
export const templateName = (id: TemplateId, t: DomainT = current): string => t(`domain:template.${id}.name`);
export const templateDescription = (id: TemplateId, t: DomainT = current): string =>
  t(`domain:template.${id}.description`);
