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
  LINK_RELATION_LABELS,
  LINK_STATUS_LABELS,
  LOW_MEDIUM_HIGH_LABELS,
  NETWORK_ROLE_LABELS,
  NODE_FIELD_KEYS,
  NODE_FIELD_LABELS,
  OUTCOME_TERM_LABELS,
  RAG_LABELS,
  SPHERE_LABELS,
  type CapabilityTag,
  type NodeFieldKey,
} from '../model/fields.ts';
import type { MapEdgeJSON, MapJSON, MapNodeJSON } from '../model/mapJson.ts';

/**
 * Loopmap's element and connection tables: the columns of the CSV export and of the Elements
 * and Connections sheets of the workbook, and what the import reads back. They start with
 * Kumu's own columns (ID, Label, Type, Description, Tags; ID, From, To, Type, Label, Direction),
 * so Kumu imports the files as they are: Kumu matches a connection's From and To to the
 * elements' ID column. Every other field of a card follows in a column of its own, under the
 * name the inspector gives it, so a Loopmap import gives back the cards and links it wrote.
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

const choiceText = (key: NodeFieldKey, value: string | undefined): string =>
  value === undefined ? '' : (CHOICE_LABELS[key]?.[value] ?? value);

const fieldColumn = (key: NodeFieldKey): TableColumn<MapNodeJSON> => ({
  header: NODE_FIELD_LABELS[key],
  type: DATE_FIELDS.includes(key) ? 'date' : VALUE_FIELDS.includes(key) ? 'number' : 'text',
  write: (node) => choiceText(key, node[key]),
});

const numberText = (value: number | undefined): string => (value === undefined ? '' : String(value));

/** Card kinds as the Type column writes them. */
export const kindLabel = (kind: NodeKind): string => NODE_KIND_LABELS[kind];

export const ELEMENT_COLUMNS: readonly TableColumn<MapNodeJSON>[] = [
  { header: 'ID', type: 'text', write: (node) => node.id },
  { header: 'Label', type: 'text', write: (node) => node.label },
  { header: 'Type', type: 'text', write: (node) => kindLabel(node.kind) },
  { header: 'Description', type: 'text', write: (node) => node.narrative ?? '' },
  { header: 'Tags', type: 'text', write: (node) => (node.tags ?? []).join(LIST_SEPARATOR) },
  ...NODE_FIELD_KEYS.map(fieldColumn),
  {
    header: 'Capabilities',
    type: 'text',
    write: (node) => (node.capabilities ?? []).map((tag) => CAPABILITY_SHORT_LABELS[tag]).join(LIST_SEPARATOR),
  },
  { header: 'Attached to', type: 'text', write: (node) => node.attachedTo ?? '' },
  { header: 'X', type: 'number', write: (node) => numberText(node.x) },
  { header: 'Y', type: 'number', write: (node) => numberText(node.y) },
  { header: 'Width', type: 'number', write: (node) => numberText(node.width) },
  { header: 'Height', type: 'number', write: (node) => numberText(node.height) },
];

/** Kumu draws every Loopmap link one way, from cause to effect. */
export const DIRECTED = 'directed';

export const CONNECTION_COLUMNS: readonly TableColumn<MapEdgeJSON>[] = [
  { header: 'ID', type: 'text', write: (edge) => edge.id },
  { header: 'From', type: 'text', write: (edge) => edge.source },
  { header: 'To', type: 'text', write: (edge) => edge.target },
  { header: 'Type', type: 'text', write: (edge) => (edge.relation ? LINK_RELATION_LABELS[edge.relation] : '') },
  { header: 'Label', type: 'text', write: (edge) => edge.rationale },
  { header: 'Direction', type: 'text', write: () => DIRECTED },
  {
    header: 'Confidence',
    type: 'text',
    write: (edge) => (edge.confidence ? LOW_MEDIUM_HIGH_LABELS[edge.confidence] : ''),
  },
  { header: 'Status', type: 'text', write: (edge) => LINK_STATUS_LABELS[edge.status ?? 'hypothesised'] },
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
export const elementTable = (map: MapJSON): TableRows => tableOf(ELEMENT_COLUMNS, map.nodes);
/** The map's links as rows of the connection table. */
export const connectionTable = (map: MapJSON): TableRows => tableOf(CONNECTION_COLUMNS, map.edges);

/** Every kind, for readers that look a Type up by its label. */
export const KIND_BY_LABEL: ReadonlyMap<string, NodeKind> = new Map(
  NODE_KINDS.map((kind) => [NODE_KIND_LABELS[kind].toLowerCase(), kind]),
);

export const CAPABILITY_BY_WORD: ReadonlyMap<string, CapabilityTag> = new Map(
  FIVE_CAPABILITIES.flatMap((tag) => [[tag, tag] as const, [CAPABILITY_SHORT_LABELS[tag].toLowerCase(), tag] as const]),
);
