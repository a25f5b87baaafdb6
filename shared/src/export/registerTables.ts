import {
  ACTOR_TYPE_LABELS,
  ASSUMPTION_KIND_LABELS,
  ASSUMPTION_STATE_LABELS,
  FREQUENCY_LABELS,
  HEALTH_DIMENSIONS,
  HEALTH_DIMENSION_LABELS,
  LOW_MEDIUM_HIGH_LABELS,
  NETWORK_ROLE_LABELS,
  RAG_LABELS,
} from '../model/fields.ts';
import { LOGFRAME_LEVEL_LABELS, type MapReport, type ReportTarget } from './report.ts';
import { LOGFRAME_COLUMNS, datedValueWords, relationWords, targetWords } from './documentWords.ts';
import type { ColumnType, TableRows } from './elementTables.ts';

/**
 * The workbook's reading sheets, from the report model every document shares: the logframe
 * (one row per card, its indicators and assumptions one per line, as logframes are typed by
 * hand, so Loopmap's logframe import reads the sheet back) and the registers, one row per
 * dated entry so that a filter or a pivot table works on them (an assumption per review, an
 * indicator per reading; an item with no entry keeps one row).
 */

export interface NamedTable {
  name: string;
  table: TableRows;
}

interface Column<T> {
  header: string;
  type: ColumnType;
  cell(item: T): string;
}

function tableOf<T>(columns: readonly Column<T>[], items: readonly T[]): TableRows {
  return {
    headers: columns.map((column) => column.header),
    types: columns.map((column) => column.type),
    rows: items.map((item) => columns.map((column) => column.cell(item))),
  };
}

const lines = (values: readonly string[]): string => values.join('\n');
const targets = (list: readonly ReportTarget[]): string => lines(list.map(targetWords));
const label = <T extends string>(labels: Record<T, string>, value: T | null): string =>
  value === null ? '' : labels[value];

/** Each item's rows: one per entry, or one empty row when it has none. */
function perEntry<T, E>(items: readonly T[], entries: (item: T) => readonly E[]): [T, E | null][] {
  return items.flatMap((item): [T, E | null][] => {
    const list = entries(item);
    return list.length === 0 ? [[item, null]] : list.map((entry): [T, E | null] => [item, entry]);
  });
}

type LogframeRow = MapReport['logframe'][number];
const LOGFRAME: Column<LogframeRow>[] = [
  { header: LOGFRAME_COLUMNS[0], type: 'text', cell: (row) => row.ref },
  {
    header: LOGFRAME_COLUMNS[1],
    type: 'text',
    cell: (row) => LOGFRAME_LEVEL_LABELS[row.level] + (row.kind === 'precondition' ? ' (precondition)' : ''),
  },
  { header: LOGFRAME_COLUMNS[2], type: 'text', cell: (row) => row.statement },
  { header: LOGFRAME_COLUMNS[3], type: 'text', cell: (row) => lines(row.indicators.map((i) => i.title)) },
  {
    header: LOGFRAME_COLUMNS[4],
    type: 'number',
    cell: (row) => lines(row.indicators.map((i) => datedValueWords(i.baseline, i.unit, 'on'))),
  },
  {
    header: LOGFRAME_COLUMNS[5],
    type: 'number',
    cell: (row) => lines(row.indicators.map((i) => datedValueWords(i.target, i.unit, 'by'))),
  },
  {
    header: LOGFRAME_COLUMNS[6],
    type: 'text',
    cell: (row) => lines(row.indicators.map((i) => i.meansOfVerification ?? '')),
  },
  { header: LOGFRAME_COLUMNS[7], type: 'text', cell: (row) => lines(row.assumptions.map((a) => a.title)) },
];

type Assumption = MapReport['assumptions'][number];
type Review = Assumption['reviews'][number];
const ASSUMPTIONS: Column<[Assumption, Review | null]>[] = [
  { header: 'Assumption', type: 'text', cell: ([a]) => a.title },
  { header: 'Kind of assumption', type: 'text', cell: ([a]) => label(ASSUMPTION_KIND_LABELS, a.kind) },
  { header: 'Criticality', type: 'text', cell: ([a]) => label(LOW_MEDIUM_HIGH_LABELS, a.criticality) },
  { header: 'About', type: 'text', cell: ([a]) => targets(a.attachedTo ? [a.attachedTo, ...a.linkedTo] : a.linkedTo) },
  { header: 'Current state', type: 'text', cell: ([a]) => label(ASSUMPTION_STATE_LABELS, a.state) },
  { header: 'Reviewed on', type: 'date', cell: ([, r]) => r?.date ?? '' },
  { header: 'Review', type: 'text', cell: ([, r]) => (r ? ASSUMPTION_STATE_LABELS[r.status] : '') },
  { header: 'Review note', type: 'text', cell: ([, r]) => r?.note ?? '' },
  { header: 'Reviewed by', type: 'text', cell: ([, r]) => r?.by ?? '' },
];

type Indicator = MapReport['indicators'][number];
type Reading = Indicator['readings'][number];
const INDICATORS: Column<[Indicator, Reading | null]>[] = [
  { header: 'Indicator', type: 'text', cell: ([i]) => i.title },
  { header: 'Measures', type: 'text', cell: ([i]) => targets(i.measures) },
  { header: 'Unit', type: 'text', cell: ([i]) => i.unit ?? '' },
  { header: 'Baseline', type: 'number', cell: ([i]) => i.baseline.value ?? '' },
  { header: 'Baseline date', type: 'date', cell: ([i]) => i.baseline.date ?? '' },
  { header: 'Target', type: 'number', cell: ([i]) => i.target.value ?? '' },
  { header: 'Target date', type: 'date', cell: ([i]) => i.target.date ?? '' },
  { header: 'Means of verification', type: 'text', cell: ([i]) => i.meansOfVerification ?? '' },
  { header: 'Frequency', type: 'text', cell: ([i]) => label(FREQUENCY_LABELS, i.frequency) },
  { header: 'Reading date', type: 'date', cell: ([, r]) => r?.date ?? '' },
  { header: 'Reading', type: 'number', cell: ([, r]) => r?.value ?? '' },
  { header: 'Reading note', type: 'text', cell: ([, r]) => r?.note ?? '' },
  { header: 'Read by', type: 'text', cell: ([, r]) => r?.by ?? '' },
];

type Partner = MapReport['partners'][number];
const PARTNERS: Column<Partner>[] = [
  { header: 'Partner', type: 'text', cell: (p) => p.title },
  { header: 'Actor is', type: 'text', cell: (p) => label(ACTOR_TYPE_LABELS, p.actorType) },
  { header: 'Network role', type: 'text', cell: (p) => label(NETWORK_ROLE_LABELS, p.networkRole) },
  { header: 'Home organisation', type: 'text', cell: (p) => p.homeOrganisation ?? '' },
  ...HEALTH_DIMENSIONS.flatMap((dimension): Column<Partner>[] => {
    const latest = (p: Partner) => p.health.find((rating) => rating.dimension === dimension);
    return [
      {
        header: HEALTH_DIMENSION_LABELS[dimension],
        type: 'text',
        cell: (p) => label(RAG_LABELS, latest(p)?.rating ?? null),
      },
      { header: `${HEALTH_DIMENSION_LABELS[dimension]} rated on`, type: 'date', cell: (p) => latest(p)?.date ?? '' },
    ];
  }),
  {
    header: 'Relationships',
    type: 'text',
    cell: (p) =>
      lines(
        p.relationships.map((r) => {
          const relation = relationWords(r.relation) || 'linked';
          return r.direction === 'to'
            ? `${relation} → ${targetWords(r.other)}`
            : `← ${relation} from ${targetWords(r.other)}`;
        }),
      ),
  },
];

type Risk = MapReport['risks'][number];
const RISKS: Column<Risk>[] = [
  { header: 'Risk', type: 'text', cell: (r) => r.title },
  { header: 'Likelihood', type: 'text', cell: (r) => label(LOW_MEDIUM_HIGH_LABELS, r.likelihood) },
  { header: 'Severity', type: 'text', cell: (r) => label(LOW_MEDIUM_HIGH_LABELS, r.severity) },
  { header: 'Affects', type: 'text', cell: (r) => targets(r.affects) },
  { header: 'Description', type: 'text', cell: (r) => r.narrative },
];

/** The logframe and register sheets, in the order the workbook shows them. */
export function registerTables(report: MapReport): NamedTable[] {
  return [
    { name: 'Logframe', table: tableOf(LOGFRAME, report.logframe) },
    {
      name: 'Assumptions',
      table: tableOf(
        ASSUMPTIONS,
        perEntry(report.assumptions, (a) => a.reviews),
      ),
    },
    {
      name: 'Indicators',
      table: tableOf(
        INDICATORS,
        perEntry(report.indicators, (i) => i.readings),
      ),
    },
    { name: 'Partners', table: tableOf(PARTNERS, report.partners) },
    { name: 'Risks', table: tableOf(RISKS, report.risks) },
  ];
}
