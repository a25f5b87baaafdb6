import type { Translate } from '../i18n/languages.ts';
import { HEALTH_DIMENSIONS } from '../model/fields.ts';
import type { MapReport, ReportTarget } from './report.ts';
import { datedValueWords, domainWords, logframeColumns, relationWords, targetWords } from './documentWords.ts';
import { logframeLevelWords } from './reportMarkdown.ts';
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
const targets = (t: Translate, list: readonly ReportTarget[]): string =>
  lines(list.map((target) => targetWords(t, target)));
const label = <T extends string>(word: (value: T) => string, value: T | null): string =>
  value === null ? '' : word(value);

/** Each item's rows: one per entry, or one empty row when it has none. */
function perEntry<T, E>(items: readonly T[], entries: (item: T) => readonly E[]): [T, E | null][] {
  return items.flatMap((item): [T, E | null][] => {
    const list = entries(item);
    return list.length === 0 ? [[item, null]] : list.map((entry): [T, E | null] => [item, entry]);
  });
}

type LogframeRow = MapReport['logframe'][number];
const logframe = (t: Translate): Column<LogframeRow>[] => {
  const LOGFRAME_COLUMNS = logframeColumns(t);
  return [
    { header: LOGFRAME_COLUMNS[0]!, type: 'text', cell: (row) => row.ref },
    {
      header: LOGFRAME_COLUMNS[1]!,
      type: 'text',
      cell: (row) => logframeLevelWords(t, row),
    },
    { header: LOGFRAME_COLUMNS[2]!, type: 'text', cell: (row) => row.statement },
    { header: LOGFRAME_COLUMNS[3]!, type: 'text', cell: (row) => lines(row.indicators.map((i) => i.title)) },
    {
      header: LOGFRAME_COLUMNS[4]!,
      type: 'number',
      cell: (row) => lines(row.indicators.map((i) => datedValueWords(t, i.baseline, i.unit, 'on'))),
    },
    {
      header: LOGFRAME_COLUMNS[5]!,
      type: 'number',
      cell: (row) => lines(row.indicators.map((i) => datedValueWords(t, i.target, i.unit, 'by'))),
    },
    {
      header: LOGFRAME_COLUMNS[6]!,
      type: 'text',
      cell: (row) => lines(row.indicators.map((i) => i.meansOfVerification ?? '')),
    },
    { header: LOGFRAME_COLUMNS[7]!, type: 'text', cell: (row) => lines(row.assumptions.map((a) => a.title)) },
  ];
};

type Assumption = MapReport['assumptions'][number];
type Review = Assumption['reviews'][number];
const assumptionColumns = (t: Translate, words = domainWords(t)): Column<[Assumption, Review | null]>[] => [
  { header: t('exports:column.assumption'), type: 'text', cell: ([a]) => a.title },
  { header: t('exports:column.kindOfAssumption'), type: 'text', cell: ([a]) => label(words.assumptionKind, a.kind) },
  { header: t('exports:column.criticality'), type: 'text', cell: ([a]) => label(words.lowMediumHigh, a.criticality) },
  {
    header: t('exports:column.about'),
    type: 'text',
    cell: ([a]) => targets(t, a.attachedTo ? [a.attachedTo, ...a.linkedTo] : a.linkedTo),
  },
  { header: t('exports:column.currentState'), type: 'text', cell: ([a]) => label(words.assumptionState, a.state) },
  { header: t('exports:column.reviewedOn'), type: 'date', cell: ([, r]) => r?.date ?? '' },
  { header: t('exports:column.review'), type: 'text', cell: ([, r]) => (r ? words.assumptionState(r.status) : '') },
  { header: t('exports:column.reviewNote'), type: 'text', cell: ([, r]) => r?.note ?? '' },
  { header: t('exports:column.reviewedBy'), type: 'text', cell: ([, r]) => r?.by ?? '' },
];

type Indicator = MapReport['indicators'][number];
type Reading = Indicator['readings'][number];
const indicatorColumns = (t: Translate, words = domainWords(t)): Column<[Indicator, Reading | null]>[] => [
  { header: t('exports:column.indicator'), type: 'text', cell: ([i]) => i.title },
  { header: t('exports:column.measures'), type: 'text', cell: ([i]) => targets(t, i.measures) },
  { header: t('exports:column.unit'), type: 'text', cell: ([i]) => i.unit ?? '' },
  { header: t('exports:column.baseline'), type: 'number', cell: ([i]) => i.baseline.value ?? '' },
  { header: t('exports:column.baselineDate'), type: 'date', cell: ([i]) => i.baseline.date ?? '' },
  { header: t('exports:column.target'), type: 'number', cell: ([i]) => i.target.value ?? '' },
  { header: t('exports:column.targetDate'), type: 'date', cell: ([i]) => i.target.date ?? '' },
  { header: t('exports:column.meansOfVerification'), type: 'text', cell: ([i]) => i.meansOfVerification ?? '' },
  { header: t('exports:column.frequency'), type: 'text', cell: ([i]) => label(words.frequency, i.frequency) },
  { header: t('exports:column.readingDate'), type: 'date', cell: ([, r]) => r?.date ?? '' },
  { header: t('exports:column.reading'), type: 'number', cell: ([, r]) => r?.value ?? '' },
  { header: t('exports:column.readingNote'), type: 'text', cell: ([, r]) => r?.note ?? '' },
  { header: t('exports:column.readBy'), type: 'text', cell: ([, r]) => r?.by ?? '' },
];

type Partner = MapReport['partners'][number];
const partnerColumns = (t: Translate, words = domainWords(t)): Column<Partner>[] => [
  { header: t('exports:column.partner'), type: 'text', cell: (p) => p.title },
  { header: t('exports:column.actorIs'), type: 'text', cell: (p) => label(words.actorType, p.actorType) },
  { header: t('exports:column.networkRole'), type: 'text', cell: (p) => label(words.networkRole, p.networkRole) },
  { header: t('exports:column.homeOrganisation'), type: 'text', cell: (p) => p.homeOrganisation ?? '' },
  ...HEALTH_DIMENSIONS.flatMap((dimension): Column<Partner>[] => {
    const latest = (p: Partner) => p.health.find((rating) => rating.dimension === dimension);
    return [
      {
        header: words.healthDimension(dimension),
        type: 'text',
        cell: (p) => label(words.rag, latest(p)?.rating ?? null),
      },
      {
        header: t('exports:column.ratedOn', { dimension: words.healthDimension(dimension) }),
        type: 'date',
        cell: (p) => latest(p)?.date ?? '',
      },
    ];
  }),
  {
    header: t('exports:column.relationships'),
    type: 'text',
    cell: (p) =>
      lines(
        p.relationships.map((r) => {
          const relation = relationWords(t, r.relation) || t('exports:partner.linked');
          const other = targetWords(t, r.other);
          return t(r.direction === 'to' ? 'exports:partner.relationTo' : 'exports:partner.relationFrom', {
            relation,
            other,
          });
        }),
      ),
  },
];

type Risk = MapReport['risks'][number];
const riskColumns = (t: Translate, words = domainWords(t)): Column<Risk>[] => [
  { header: t('exports:column.risk'), type: 'text', cell: (r) => r.title },
  { header: t('exports:column.likelihood'), type: 'text', cell: (r) => label(words.lowMediumHigh, r.likelihood) },
  { header: t('exports:column.severity'), type: 'text', cell: (r) => label(words.lowMediumHigh, r.severity) },
  { header: t('exports:column.affects'), type: 'text', cell: (r) => targets(t, r.affects) },
  { header: t('exports:column.description'), type: 'text', cell: (r) => r.narrative },
];

/** The logframe and register sheets, in the order the workbook shows them. */
export function registerTables(report: MapReport, t: Translate): NamedTable[] {
  return [
    { name: t('exports:section.logframe'), table: tableOf(logframe(t), report.logframe) },
    {
      name: t('exports:section.assumptions'),
      table: tableOf(
        assumptionColumns(t),
        perEntry(report.assumptions, (a) => a.reviews),
      ),
    },
    {
      name: t('exports:section.indicators'),
      table: tableOf(
        indicatorColumns(t),
        perEntry(report.indicators, (i) => i.readings),
      ),
    },
    { name: t('exports:section.partners'), table: tableOf(partnerColumns(t), report.partners) },
    { name: t('exports:section.risks'), table: tableOf(riskColumns(t), report.risks) },
  ];
}
