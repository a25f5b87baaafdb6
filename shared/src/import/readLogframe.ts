import type { MapNodeJSON } from '../model/mapJson.ts';
import { MAX_FIELD_LENGTH, NODE_FIELDS } from '../model/fields.ts';
import {
  LOGFRAME_HEADERS,
  LOGFRAME_LEVELS,
  findColumn,
  levelOf,
  type LogframeColumn,
  type LogframeKind,
} from './headers.ts';
import type { ImportBuilder } from './ImportBuilder.ts';

/**
 * A logframe typed by hand, in the common layout: one row per statement with its level
 * (Impact/Goal, Outcome/Purpose, Output/Result, Activity), its indicators, baseline, target,
 * means of verification and assumptions. Rows are read in order: each card serves the nearest
 * card of the level above it (an output the outcome above it, an activity the output above
 * it). A row with a level and no statement heads a block ("OUTPUTS"); a row with neither
 * continues the card above it (another indicator, as merged cells leave them).
 */

interface LogframeTable {
  sheet: string;
  headerRow: number;
  headers: readonly string[];
  rows: readonly (readonly string[])[];
}

export function isLogframeTable(headers: readonly string[]): boolean {
  return findColumn(headers, LOGFRAME_HEADERS.level) >= 0 && findColumn(headers, LOGFRAME_HEADERS.statement) >= 0;
}

const RANK: Record<LogframeKind, number> = Object.fromEntries(
  LOGFRAME_LEVELS.map((level, index) => [level.kind, index]),
) as Record<LogframeKind, number>;

/** The lines of a cell that lists several things, without their bullets or numbers. */
export function listLines(cell: string): string[] {
  return cell
    .split(/\r\n|\r|\n|\u2028/)
    .map((line) =>
      line.replace(/^\s*(?:[•●○▪■◦‣∙·*–—-]|\(?[0-9]{1,2}(?:\.[0-9]{1,2})*[.)]|\(?[a-z][.)])\s+/iu, '').trim(),
    )
    .filter((line) => line !== '');
}

const VALUE_MAX = 60;

export function readLogframe(table: LogframeTable, builder: ImportBuilder): void {
  const col = Object.fromEntries(
    (Object.keys(LOGFRAME_HEADERS) as LogframeColumn[]).map((name) => [
      name,
      findColumn(table.headers, LOGFRAME_HEADERS[name]),
    ]),
  ) as Record<LogframeColumn, number>;
  const used = new Set(Object.values(col));
  for (const [index, header] of table.headers.entries()) {
    if (used.has(index) || header.trim() === '') continue;
    builder.problem(table.sheet, table.headerRow + 1, header, 'this column is not read: Loopmap has no field for it');
  }
  const header = (column: number): string => table.headers[column] ?? '';

  /** The last card read at each level, for the cards below to serve. */
  const lastAt: Partial<Record<LogframeKind, string>> = {};
  let currentLevel: LogframeKind | null = null;
  let previous: { id: string; level: LogframeKind; statement: string } | null = null;

  for (let index = table.headerRow + 1; index < table.rows.length; index++) {
    const row = table.rows[index]!;
    const cell = (column: number): string => (column >= 0 ? (row[column] ?? '') : '');
    if (row.every((text) => text.trim() === '')) continue;
    const rowNumber = index + 1;
    const problem = (column: number | null, reason: string): void =>
      builder.problem(table.sheet, rowNumber, column === null ? null : header(column), reason);

    const levelText = cell(col.level).trim();
    const statement = cell(col.statement).trim();
    const level = levelText === '' ? null : levelOf(levelText);
    if (level === 'none') continue;
    if (levelText !== '' && level === null) {
      problem(col.level, `"${levelText.slice(0, 60)}" is not a level: write Impact, Outcome, Output or Activity`);
      builder.skipRow();
      continue;
    }
    if (level) currentLevel = level;

    let host: { id: string; level: LogframeKind; statement: string } | null;
    const continues =
      previous !== null &&
      (statement === '' || statement === previous.statement) &&
      (level === null || level === previous.level);
    if (statement === '' && level !== null && !hasDetails(row, col)) {
      previous = null; // A heading row: the block's level, no card.
      continue;
    }
    if (continues) host = previous;
    else if (statement === '') {
      problem(col.statement, 'no statement: indicators need the statement they measure on this row or above');
      builder.skipRow();
      continue;
    } else if (currentLevel === null) {
      problem(col.level, 'no level: write Impact, Outcome, Output or Activity in this row or a row above');
      builder.skipRow();
      continue;
    } else {
      const node: MapNodeJSON = {
        id: '',
        kind: currentLevel,
        label: builder.cutLabel(statement, () => problem(col.statement, 'the statement is too long for a card: cut')),
        x: 0,
        y: 0,
      };
      const id = builder.addElement(node, {
        key: '',
        label: statement,
        sheet: table.sheet,
        row: rowNumber,
        positioned: false,
      });
      const served = LOGFRAME_LEVELS.slice(0, RANK[currentLevel])
        .map((upper) => lastAt[upper.kind])
        .reverse()
        .find((upper) => upper !== undefined);
      if (served) {
        builder.addConnection(
          { source: id, target: served, rationale: '' },
          { key: '', sheet: table.sheet, row: rowNumber, idColumn: null, index: 0 },
        );
      }
      lastAt[currentLevel] = id;
      for (const lower of LOGFRAME_LEVELS.slice(RANK[currentLevel] + 1)) delete lastAt[lower.kind];
      host = { id, level: currentLevel, statement };
    }
    previous = host;
    if (host) readDetails(row, col, host.id, builder, problem);
  }
}

function hasDetails(row: readonly string[], col: Record<LogframeColumn, number>): boolean {
  return (['indicators', 'baseline', 'target', 'verification', 'assumptions'] as const).some(
    (name) => col[name] >= 0 && (row[col[name]] ?? '').trim() !== '',
  );
}

/** The indicators and assumptions of a row, attached to its card. */
function readDetails(
  row: readonly string[],
  col: Record<LogframeColumn, number>,
  hostId: string,
  builder: ImportBuilder,
  problem: (column: number | null, reason: string) => void,
): void {
  const lines = (name: LogframeColumn): string[] => (col[name] >= 0 ? listLines(row[col[name]] ?? '') : []);
  const indicators = lines('indicators');
  const baselines = lines('baseline');
  const targets = lines('target');
  const verifications = lines('verification');
  // Each indicator takes the baseline, target and means on its own line when the counts agree;
  // otherwise every indicator of the row shares what the row says.
  const pick = (list: string[], i: number): string =>
    list.length === indicators.length ? (list[i] ?? '') : list.join('; ');
  if (indicators.length === 0 && baselines.length + targets.length + verifications.length > 0) {
    problem(col.indicators, 'a baseline, target or means of verification with no indicator: write the indicator too');
  }
  for (const [i, text] of indicators.entries()) {
    const indicator: MapNodeJSON = { id: '', kind: 'indicator', label: builder.cutLabel(text, () => {}), x: 0, y: 0 };
    const narrative: string[] = [];
    const value = (field: 'baselineValue' | 'targetValue', column: number, what: string, cell: string): void => {
      if (cell === '') return;
      if (cell.length > VALUE_MAX) {
        narrative.push(`${what}: ${cell}`);
        problem(
          column,
          `the ${what.toLowerCase()} is longer than ${VALUE_MAX} characters: kept in the indicator's description`,
        );
      } else indicator[field] = cell;
    };
    value('baselineValue', col.baseline, 'Baseline', pick(baselines, i));
    value('targetValue', col.target, 'Target', pick(targets, i));
    const verification = NODE_FIELDS.verification.parse(pick(verifications, i));
    if (verification) {
      indicator.verification = verification;
      if (verification.length === MAX_FIELD_LENGTH)
        problem(col.verification, `the means of verification are longer than ${MAX_FIELD_LENGTH} characters: cut`);
    }
    if (narrative.length > 0) indicator.narrative = narrative.join('\n');
    builder.attach(indicator, hostId);
    builder.addElement(indicator, { key: '', label: text, sheet: '', row: 0, positioned: false });
  }
  for (const text of lines('assumptions')) {
    const assumption: MapNodeJSON = { id: '', kind: 'assumption', label: builder.cutLabel(text, () => {}), x: 0, y: 0 };
    builder.attach(assumption, hostId);
    builder.addElement(assumption, { key: '', label: text, sheet: '', row: 0, positioned: false });
  }
}
