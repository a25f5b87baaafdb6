import { MAX_LABEL_LENGTH, type MapEdgeJSON, type MapNodeJSON } from '../model/mapJson.ts';
import { MAX_COORDINATE } from '../model/coordinates.ts';
import type { NodeKind } from '../model/kinds.ts';
import {
  LINK_RELATIONS,
  LINK_RELATION_LABELS,
  LINK_STATUSES,
  LINK_STATUS_LABELS,
  LOW_MEDIUM_HIGH,
  LOW_MEDIUM_HIGH_LABELS,
  MAX_GROUP_SIZE,
  MAX_NARRATIVE_LENGTH,
  MAX_TAGS,
  MIN_GROUP_SIZE,
  NODE_FIELDS,
  NODE_FIELD_KEYS,
  NODE_FIELD_LABELS,
  PARTNERSHIP_RELATIONS,
  normaliseTag,
  tagKey,
  type LinkRelation,
  type NodeFieldKey,
} from '../model/fields.ts';
import type { ImportLayout, ImportSourceFormat } from '../api/exports.ts';
import { CAPABILITY_BY_WORD, CHOICE_LABELS, LIST_SEPARATOR } from '../export/elementTables.ts';
import { findColumn, foldWords } from './headers.ts';
import { kindOfType } from './kindOfType.ts';
import { readLogframe, isLogframeTable } from './readLogframe.ts';
import { ImportBuilder, cutText, type TablesRead } from './ImportBuilder.ts';

/** A sheet of a workbook, or a CSV file: its rows of cell texts, row 1 first. */
export interface SheetTable {
  /** The sheet's name, or the CSV file's name. */
  name: string;
  rows: readonly (readonly string[])[];
}

/** Where a header row is looked for: title rows above it are common in hand-typed sheets. */
const HEADER_SEARCH_ROWS = 10;

type TableKind = 'elements' | 'connections' | 'logframe';

interface Table {
  sheet: string;
  kind: TableKind;
  /** 0-based index of the header row. */
  headerRow: number;
  headers: readonly string[];
  rows: readonly (readonly string[])[];
}

const ELEMENT_LABEL = ['label'];
const FROM = ['from'];
const TO = ['to'];

/** What a table holds, by its header row, and where that row is. */
function classify(sheet: SheetTable): Table | null {
  const limit = Math.min(sheet.rows.length, HEADER_SEARCH_ROWS);
  for (let index = 0; index < limit; index++) {
    const headers = sheet.rows[index]!;
    const base = { sheet: sheet.name, headerRow: index, headers, rows: sheet.rows };
    if (findColumn(headers, FROM) >= 0 && findColumn(headers, TO) >= 0) return { ...base, kind: 'connections' };
    if (findColumn(headers, ELEMENT_LABEL) >= 0) return { ...base, kind: 'elements' };
    if (isLogframeTable(headers)) return { ...base, kind: 'logframe' };
  }
  return null;
}

/** Loopmap's own tables are Kumu's with its own columns added: these tell them apart. */
const LOOPMAP_ONLY = ['x', 'y', 'attached to'];

/**
 * Reads the sheets of a file as a map: Loopmap's element and connection tables, Kumu's (two
 * sheets, or connections alone, whose ends become cards), or a logframe typed by hand. Every
 * row or cell that cannot be read is reported, with its sheet, row, column and the reason.
 */
export function readTables(sheets: readonly SheetTable[], format: ImportSourceFormat, title: string): TablesRead {
  const tables = sheets
    .filter((sheet) => !/\(ignore\)/i.test(sheet.name))
    .map((sheet) => ({ sheet, table: classify(sheet) }));
  const found = tables.flatMap(({ table }) => (table ? [table] : []));
  const elementTables = found.filter((table) => table.kind === 'elements');
  const connectionTables = found.filter((table) => table.kind === 'connections');
  const builder = new ImportBuilder();

  let layout: ImportLayout;
  if (elementTables.length > 0 || connectionTables.length > 0) {
    const headers = elementTables[0]?.headers ?? [];
    layout = LOOPMAP_ONLY.every((name) => findColumn(headers, [name]) >= 0) ? 'loopmap' : 'kumu';
    for (const table of elementTables) readElements(table, builder);
    for (const table of connectionTables) readConnections(table, builder, elementTables.length > 0);
  } else {
    layout = 'logframe';
    const logframe = found.find((table) => table.kind === 'logframe');
    if (logframe) readLogframe(logframe, builder);
    else {
      for (const { sheet } of tables) {
        builder.problem(
          sheet.name,
          null,
          null,
          'no table found: an element table needs a Label column, a connection table From and To columns, and a logframe Level and Statement columns',
        );
      }
    }
  }
  return builder.finish({ format, layout }, title);
}

// ── Elements ─────────────────────────────────────────────────────────────────────────────────

/** A cell's text, or '' past the end of a short row. */
const cellAt = (row: readonly string[], column: number): string => (column >= 0 ? (row[column] ?? '') : '');

const isEmptyRow = (row: readonly string[]): boolean => row.every((cell) => cell.trim() === '');

/** Columns of the element table other than the fields: what each is read into. */
const ELEMENT_COLUMN_NAMES = {
  id: ['id'],
  label: ELEMENT_LABEL,
  type: ['type'],
  description: ['description', 'narrative'],
  tags: ['tags', 'tag'],
  capabilities: ['capabilities'],
  attachedTo: ['attached to'],
  x: ['x'],
  y: ['y'],
  width: ['width'],
  height: ['height'],
} as const;

function fieldColumns(headers: readonly string[]): [NodeFieldKey, number][] {
  return NODE_FIELD_KEYS.map((key): [NodeFieldKey, number] => [
    key,
    findColumn(headers, [foldWords(NODE_FIELD_LABELS[key]), foldWords(key)]),
  ]).filter(([, column]) => column >= 0);
}

/** Reports the columns of a table that nothing reads, once, on its header row. */
function reportUnread(table: Table, used: ReadonlySet<number>, builder: ImportBuilder): void {
  for (const [index, header] of table.headers.entries()) {
    if (used.has(index) || header.trim() === '') continue;
    builder.problem(table.sheet, table.headerRow + 1, header, 'this column is not read: Loopmap has no field for it');
  }
}

function readElements(table: Table, builder: ImportBuilder): void {
  const col = Object.fromEntries(
    Object.entries(ELEMENT_COLUMN_NAMES).map(([name, names]) => [name, findColumn(table.headers, names)]),
  ) as Record<keyof typeof ELEMENT_COLUMN_NAMES, number>;
  const fields = fieldColumns(table.headers);
  reportUnread(table, new Set([...Object.values(col), ...fields.map(([, column]) => column)]), builder);
  const header = (column: number): string => table.headers[column] ?? '';

  for (let index = table.headerRow + 1; index < table.rows.length; index++) {
    const row = table.rows[index]!;
    if (isEmptyRow(row)) continue;
    const rowNumber = index + 1;
    const problem = (column: number | null, reason: string): void =>
      builder.problem(table.sheet, rowNumber, column === null ? null : header(column), reason);
    const label = cellAt(row, col.label);
    const key = cellAt(row, col.id).trim();
    if (label.trim() === '' && key === '') {
      problem(col.label, "no label: a card needs a label (or, in Loopmap's layout, an ID)");
      builder.skipRow();
      continue;
    }
    if (key !== '' && builder.hasElementKey(key)) {
      problem(col.id, `another row already has the ID "${shorten(key)}": this row is left out`);
      builder.skipRow();
      continue;
    }
    if (key === '' && builder.hasElementLabel(label)) {
      problem(col.label, `another row already has the label "${shorten(label)}": this row is left out`);
      builder.skipRow();
      continue;
    }

    const type = cellAt(row, col.type);
    const { kind, actorType, guessed } = kindOfType(type);
    const node: MapNodeJSON = {
      id: '',
      kind,
      label: builder.cutLabel(label, () =>
        problem(col.label, `the label is longer than ${MAX_LABEL_LENGTH} characters: cut`),
      ),
      x: 0,
      y: 0,
    };
    if (guessed) {
      problem(
        col.type,
        `"${shorten(type)}" is not a kind of card in Loopmap: read as an outcome, tagged "${shorten(type.trim())}"`,
      );
    }

    const description = cellAt(row, col.description);
    if (description !== '') {
      if (description.length > MAX_NARRATIVE_LENGTH) {
        problem(col.description, `the description is longer than ${MAX_NARRATIVE_LENGTH} characters: cut`);
      }
      node.narrative = cutText(description, MAX_NARRATIVE_LENGTH);
    }

    const tags = readTags(cellAt(row, col.tags), guessed ? type : '', () =>
      problem(col.tags, `more than ${MAX_TAGS} tags: the first ${MAX_TAGS} are kept`),
    );
    if (tags.length > 0) node.tags = tags;

    const capabilities = readCapabilities(cellAt(row, col.capabilities), (word) =>
      problem(
        col.capabilities,
        `"${shorten(word)}" is not one of the five capabilities (Commit, Deliver, Relate, Balance, Adapt)`,
      ),
    );
    if (capabilities.length > 0) node.capabilities = capabilities;

    if (actorType) node.actorType = actorType;
    readFields(row, fields, node, problem);

    const position = readPosition(row, col, problem);
    Object.assign(node, position.values);
    if (kind !== 'group') {
      delete node.width;
      delete node.height;
    }
    builder.addElement(node, {
      key,
      label,
      sheet: table.sheet,
      row: rowNumber,
      attachedTo: cellAt(row, col.attachedTo).trim(),
      attachedColumn: col.attachedTo >= 0 ? header(col.attachedTo) : null,
      positioned: position.complete,
    });
  }
}

/** The fields of a card from their columns; a value a field cannot take is reported, not guessed. */
function readFields(
  row: readonly string[],
  fields: readonly [NodeFieldKey, number][],
  node: MapNodeJSON,
  problem: (column: number, reason: string) => void,
): void {
  for (const [field, column] of fields) {
    const text = cellAt(row, column);
    if (text === '') continue;
    const value = readField(field, text);
    if (value === null) {
      problem(
        column,
        `"${shorten(text)}" is not a valid ${NODE_FIELD_LABELS[field].toLowerCase()}${choiceHint(field)}`,
      );
      continue;
    }
    if (value.length < text.length && CHOICE_LABELS[field] === undefined && field !== 'url') {
      problem(column, `longer than the field takes: cut to ${value.length} characters`);
    }
    node[field] = value;
  }
}

const shorten = (text: string, max = 60): string => {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
};

function choiceHint(field: NodeFieldKey): string {
  const labels = CHOICE_LABELS[field];
  if (labels) return ` (one of ${Object.values(labels).join(', ')})`;
  if (field === 'baselineDate' || field === 'targetDate') return ' (a date, YYYY-MM-DD)';
  if (field === 'url') return ' (an http or https address)';
  return '';
}

/** A field's value from its cell: a choice by its label or its code, any case; null if invalid. */
function readField(field: NodeFieldKey, text: string): string | null {
  const labels = CHOICE_LABELS[field];
  if (labels) {
    const folded = foldWords(text);
    const found = Object.entries(labels).find(([code, label]) => foldWords(label) === folded || code === folded);
    return found ? found[0] : null;
  }
  const value = NODE_FIELDS[field].parse(field === 'url' ? text.trim() : text);
  return value === null || value === '' ? null : value;
}

function readTags(cell: string, extra: string, tooMany: () => void): string[] {
  const tags: string[] = [];
  const seen = new Set<string>();
  for (const part of [...cell.split(LIST_SEPARATOR), extra]) {
    const tag = normaliseTag(part);
    if (tag === null || seen.has(tagKey(tag))) continue;
    if (tags.length === MAX_TAGS) {
      tooMany();
      break;
    }
    seen.add(tagKey(tag));
    tags.push(tag);
  }
  return tags;
}

function readCapabilities(cell: string, unknown: (word: string) => void): MapNodeJSON['capabilities'] & {} {
  const out: (MapNodeJSON['capabilities'] & {})[number][] = [];
  for (const part of cell.split(LIST_SEPARATOR)) {
    const word = foldWords(part);
    if (word === '') continue;
    const tag = CAPABILITY_BY_WORD.get(word);
    if (!tag) unknown(part);
    else if (!out.includes(tag)) out.push(tag);
  }
  return out;
}

function readPosition(
  row: readonly string[],
  col: Record<keyof typeof ELEMENT_COLUMN_NAMES, number>,
  problem: (column: number, reason: string) => void,
): { values: Partial<Pick<MapNodeJSON, 'x' | 'y' | 'width' | 'height'>>; complete: boolean } {
  const number = (column: number, min: number, max: number): number | undefined => {
    const text = cellAt(row, column).trim();
    if (text === '') return undefined;
    const value = Number(text);
    if (!Number.isFinite(value) || value < min || value > max) {
      problem(column, `"${shorten(text)}" is not a number between ${min} and ${max}`);
      return undefined;
    }
    return value;
  };
  const x = number(col.x, -MAX_COORDINATE, MAX_COORDINATE);
  const y = number(col.y, -MAX_COORDINATE, MAX_COORDINATE);
  const width = number(col.width, MIN_GROUP_SIZE, MAX_GROUP_SIZE);
  const height = number(col.height, MIN_GROUP_SIZE, MAX_GROUP_SIZE);
  const values: Partial<Pick<MapNodeJSON, 'x' | 'y' | 'width' | 'height'>> = {};
  if (x !== undefined) values.x = x;
  if (y !== undefined) values.y = y;
  if (width !== undefined) values.width = width;
  if (height !== undefined) values.height = height;
  return { values, complete: x !== undefined && y !== undefined };
}

// ── Connections ──────────────────────────────────────────────────────────────────────────────

const CONNECTION_COLUMN_NAMES = {
  id: ['id'],
  from: FROM,
  to: TO,
  type: ['type', 'relation'],
  label: ['label', 'rationale'],
  description: ['description'],
  direction: ['direction'],
  confidence: ['confidence'],
  status: ['status'],
} as const;

const RELATION_WORDS = new Map<string, LinkRelation>([
  ...LINK_RELATIONS.flatMap((relation) => [
    [relation.replace(/-/g, ' '), relation] as const,
    [foldWords(LINK_RELATION_LABELS[relation]), relation] as const,
  ]),
  ['causes', 'leads-to'],
  ['contributes', 'contributes-to'],
  ['necessary', 'necessary-for'],
  ['prevents', 'blocks'],
  ['hinders', 'blocks'],
  ['feedback', 'feeds-back'],
  ['funding', 'funds'],
  ['funded by', 'funds'],
  ['grant', 'funds'],
  ['knowledge', 'knowledge-exchange'],
  ['learning', 'knowledge-exchange'],
  ['collaboration', 'joint-delivery'],
  ['partnership', 'joint-delivery'],
  ['mentor', 'mentoring'],
  ['mentors', 'mentoring'],
]);

const fromWords = <T extends string>(values: readonly T[], labels: Record<T, string>, word: string): T | null =>
  values.find((value) => value === word || foldWords(labels[value]) === word) ?? null;

function readConnections(table: Table, builder: ImportBuilder, hasElements: boolean): void {
  const col = Object.fromEntries(
    Object.entries(CONNECTION_COLUMN_NAMES).map(([name, names]) => [name, findColumn(table.headers, names)]),
  ) as Record<keyof typeof CONNECTION_COLUMN_NAMES, number>;
  reportUnread(table, new Set(Object.values(col)), builder);
  const header = (column: number): string => table.headers[column] ?? '';

  for (let index = table.headerRow + 1; index < table.rows.length; index++) {
    const row = table.rows[index]!;
    if (isEmptyRow(row)) continue;
    const rowNumber = index + 1;
    const problem = (column: number | null, reason: string): void =>
      builder.problem(table.sheet, rowNumber, column === null ? null : header(column), reason);
    const from = cellAt(row, col.from).trim();
    const to = cellAt(row, col.to).trim();
    if (from === '' || to === '') {
      problem(
        from === '' ? col.from : col.to,
        `no ${from === '' ? 'From' : 'To'}: a link needs the card it ${from === '' ? 'starts from' : 'goes to'}`,
      );
      builder.skipRow();
      continue;
    }

    const type = cellAt(row, col.type).trim();
    const relation = type === '' ? null : (RELATION_WORDS.get(foldWords(type)) ?? null);
    if (type !== '' && relation === null) {
      problem(col.type, `"${shorten(type)}" is not a kind of link in Loopmap: the link is kept without one`);
    }
    const label = cellAt(row, col.label);
    const description = cellAt(row, col.description);
    // The label as written (Loopmap's rationale); Kumu's description, when there is one, after it.
    const rationale =
      description.trim() === '' ? label : label.trim() === '' ? description : `${label} — ${description}`;

    const edge: Omit<MapEdgeJSON, 'id' | 'source' | 'target'> = {
      rationale: builder.cutLabel(rationale, () =>
        problem(col.label, `the label is longer than ${MAX_LABEL_LENGTH} characters: cut`),
      ),
    };
    if (relation) edge.relation = relation;
    const confidence = cellAt(row, col.confidence).trim();
    if (confidence !== '') {
      const value = fromWords(LOW_MEDIUM_HIGH, LOW_MEDIUM_HIGH_LABELS, foldWords(confidence));
      if (value) edge.confidence = value;
      else problem(col.confidence, `"${shorten(confidence)}" is not a confidence (Low, Medium or High)`);
    }
    const status = cellAt(row, col.status).trim();
    if (status !== '') {
      const value = fromWords(LINK_STATUSES, LINK_STATUS_LABELS, foldWords(status));
      if (value === null)
        problem(col.status, `"${shorten(status)}" is not a link status (Hypothesised, Observed, Confirmed or Refuted)`);
      else if (value !== 'hypothesised') edge.status = value;
    }
    const direction = foldWords(cellAt(row, col.direction));
    if (direction === 'undirected' || direction === 'mutual') {
      problem(
        col.direction,
        `Loopmap links go one way: this ${direction} link is read from "${shorten(from)}" to "${shorten(to)}"`,
      );
    }

    // Ends named nowhere in the element table become cards: actors for a partnership link.
    const endKind: NodeKind = relation && PARTNERSHIP_RELATIONS.includes(relation) ? 'actor' : 'outcome';
    const end = (name: string, column: number): string => {
      const found = builder.findElement(name);
      if (found) return found;
      if (hasElements) problem(column, `no element "${shorten(name)}" in the element table: a card was made for it`);
      return builder.addElementFromLink(name, endKind);
    };
    const source = end(from, col.from);
    // Kumu draws a link to each of several ends written "A|B" in the To cell.
    const targets =
      builder.findElement(to) || !to.includes(LIST_SEPARATOR)
        ? [to]
        : to
            .split(LIST_SEPARATOR)
            .map((part) => part.trim())
            .filter(Boolean);
    for (const [i, target] of targets.entries()) {
      builder.addConnection(
        { ...edge, source, target: end(target, col.to) },
        {
          key: targets.length === 1 ? cellAt(row, col.id).trim() : '',
          sheet: table.sheet,
          row: rowNumber,
          idColumn: col.id >= 0 ? header(col.id) : null,
          index: i,
        },
      );
    }
  }
}
