import { NODE_KINDS, NODE_KIND_LABELS, type NodeKind } from '../model/kinds.ts';
import {
  ACTOR_TYPE_LABELS,
  ASSUMPTION_KIND_LABELS,
  CAPABILITY_SHORT_LABELS,
  EVIDENCE_STRENGTH_LABELS,
  EVIDENCE_TYPE_LABELS,
  FIVE_CAPABILITIES,
  FREQUENCY_LABELS,
  LESSON_LOOP_LABELS,
  LEVEL_LABELS,
  LOW_MEDIUM_HIGH_LABELS,
  NETWORK_ROLE_LABELS,
  NODE_FIELD_KEYS,
  OUTCOME_TERM_LABELS,
  RAG_LABELS,
  SPHERE_LABELS,
  type CapabilityTag,
  type NodeFieldKey,
} from '../model/fields.ts';
import type { MapEdgeJSON, MapJSON, MapNodeJSON } from '../model/mapJson.ts';
import type { Translate } from '../i18n/languages.ts';
import { domainWords, type DomainWords } from './documentWords.ts';

/**
 * Loopmap's element and connection tables: the columns of the CSV export and of the Elements
 * and Connections sheets of the workbook, and what the import reads back. They start with
 * Kumu's own columns (ID, Label, Type, Description, Tags; ID, From, To, Type, Label, Direction),
 * so Kumu imports the files as they are: Kumu matches a connection's From and To to the
 * elements' ID column. Every other field of a card follows in a column of its own, under the
 * name the inspector gives it, so a Loopmap import gives back the cards and links it wrote.
 * Kumu's own column names stay as Kumu spells them in every language (Kumu reads them by name);
 * the field columns, kinds and choices are in the language of the `t` the table is made with.
 * Not carried: the dated histories (reviews, readings, health ratings) and the map's lanes and
 * ceiling, which the workbook's register sheets show for reading.
 */

/** How a spreadsheet types a column's cells: numbers and dates are typed where the text is one. */
export type ColumnType = 'text' | 'number' | 'date';

export interface TableColumn<T> {
  header: string;
  type: ColumnType;
  /** The cell's text ('' for nothing). */
  write(item: T): string;
}

/** Kumu separates the values of a multi-value cell (tags) with a pipe. */
export const LIST_SEPARATOR = '|';

/** The words a choice field is written with (its labels, which the inspector shows). */
export const CHOICE_LABELS: Partial<Record<NodeFieldKey, Record<string, string>>> = {
  status: RAG_LABELS,
  term: OUTCOME_TERM_LABELS,
  level: LEVEL_LABELS,
  sphere: SPHERE_LABELS,
  assumptionKind: ASSUMPTION_KIND_LABELS,
  criticality: LOW_MEDIUM_HIGH_LABELS,
  frequency: FREQUENCY_LABELS,
  evidenceType: EVIDENCE_TYPE_LABELS,
  strength: EVIDENCE_STRENGTH_LABELS,
  actorType: ACTOR_TYPE_LABELS,
  networkRole: NETWORK_ROLE_LABELS,
  likelihood: LOW_MEDIUM_HIGH_LABELS,
  severity: LOW_MEDIUM_HIGH_LABELS,
  loop: LESSON_LOOP_LABELS,
};

const DATE_FIELDS: readonly NodeFieldKey[] = ['baselineDate', 'targetDate'];
/** Fields whose text is often a number: typed as one in a workbook when it is. */
const VALUE_FIELDS: readonly NodeFieldKey[] = ['baselineValue', 'targetValue'];

/** A choice field's value in `words`' language: the word its English label has in the catalogue. */
export function choiceWords(words: DomainWords, key: NodeFieldKey, value: string): string {
  const word: Partial<Record<NodeFieldKey, (value: never) => string>> = {
    status: words.rag,
    term: words.term,
    level: words.level,
    sphere: words.sphere,
    assumptionKind: words.assumptionKind,
    criticality: words.lowMediumHigh,
    frequency: words.frequency,
    evidenceType: words.evidenceType,
    strength: words.evidenceStrength,
    actorType: words.actorType,
    networkRole: words.networkRole,
    likelihood: words.lowMediumHigh,
    severity: words.lowMediumHigh,
    loop: words.lessonLoop,
  };
  const known = CHOICE_LABELS[key]?.[value] !== undefined;
  const write = word[key] as ((value: string) => string) | undefined;
  return known && write ? write(value) : value;
}

const fieldColumn = (words: DomainWords, key: NodeFieldKey): TableColumn<MapNodeJSON> => ({
  header: words.field(key),
  type: DATE_FIELDS.includes(key) ? 'date' : VALUE_FIELDS.includes(key) ? 'number' : 'text',
  write: (node) => (node[key] === undefined ? '' : choiceWords(words, key, node[key])),
});

const numberText = (value: number | undefined): string => (value === undefined ? '' : String(value));

/** The element table's columns, its words in `t`'s language. */
export const elementColumns = (t: Translate, words = domainWords(t)): readonly TableColumn<MapNodeJSON>[] => [
  { header: 'ID', type: 'text', write: (node) => node.id },
  { header: 'Label', type: 'text', write: (node) => node.label },
  { header: 'Type', type: 'text', write: (node) => words.kind(node.kind) },
  { header: 'Description', type: 'text', write: (node) => node.narrative ?? '' },
  { header: 'Tags', type: 'text', write: (node) => (node.tags ?? []).join(LIST_SEPARATOR) },
  ...NODE_FIELD_KEYS.map((key) => fieldColumn(words, key)),
  {
    header: t('exports:column.capabilities'),
    type: 'text',
    write: (node) => (node.capabilities ?? []).map((tag) => words.capabilityShort(tag)).join(LIST_SEPARATOR),
  },
  { header: t('exports:column.attachedTo'), type: 'text', write: (node) => node.attachedTo ?? '' },
  { header: 'X', type: 'number', write: (node) => numberText(node.x) },
  { header: 'Y', type: 'number', write: (node) => numberText(node.y) },
  { header: t('exports:column.width'), type: 'number', write: (node) => numberText(node.width) },
  { header: t('exports:column.height'), type: 'number', write: (node) => numberText(node.height) },
];

/** Kumu draws every Loopmap link one way, from cause to effect. */
export const DIRECTED = 'directed';

/** The connection table's columns, its words in `t`'s language. */
export const connectionColumns = (t: Translate, words = domainWords(t)): readonly TableColumn<MapEdgeJSON>[] => [
  { header: 'ID', type: 'text', write: (edge) => edge.id },
  { header: 'From', type: 'text', write: (edge) => edge.source },
  { header: 'To', type: 'text', write: (edge) => edge.target },
  { header: 'Type', type: 'text', write: (edge) => (edge.relation ? words.relation(edge.relation) : '') },
  { header: 'Label', type: 'text', write: (edge) => edge.rationale },
  { header: 'Direction', type: 'text', write: () => DIRECTED },
  {
    header: t('exports:column.confidence'),
    type: 'text',
    write: (edge) => (edge.confidence ? words.lowMediumHigh(edge.confidence) : ''),
  },
  {
    header: t('exports:column.status'),
    type: 'text',
    write: (edge) => words.linkStatus(edge.status ?? 'hypothesised'),
  },
];

export interface TableRows {
  headers: string[];
  types: ColumnType[];
  rows: string[][];
}

function tableOf<T>(columns: readonly TableColumn<T>[], items: readonly T[]): TableRows {
  return {
    headers: columns.map((column) => column.header),
    types: columns.map((column) => column.type),
    rows: items.map((item) => columns.map((column) => column.write(item))),
  };
}

/** The map's cards as rows of the element table, in the JSON form's order (by id). */
export const elementTable = (map: MapJSON, t: Translate): TableRows => tableOf(elementColumns(t), map.nodes);
/** The map's links as rows of the connection table. */
export const connectionTable = (map: MapJSON, t: Translate): TableRows => tableOf(connectionColumns(t), map.edges);

/** Every kind, for readers that look a Type up by its label. */
export const KIND_BY_LABEL: ReadonlyMap<string, NodeKind> = new Map(
  NODE_KINDS.map((kind) => [NODE_KIND_LABELS[kind].toLowerCase(), kind]),
);

export const CAPABILITY_BY_WORD: ReadonlyMap<string, CapabilityTag> = new Map(
  FIVE_CAPABILITIES.flatMap((tag) => [[tag, tag] as const, [CAPABILITY_SHORT_LABELS[tag].toLowerCase(), tag] as const]),
);
