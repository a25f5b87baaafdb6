import {
  ACTOR_TYPE_LABELS,
  ASSUMPTION_KIND_LABELS,
  ASSUMPTION_STATE_LABELS,
  EVIDENCE_STRENGTH_LABELS,
  EVIDENCE_TYPE_LABELS,
  FREQUENCY_LABELS,
  LESSON_LOOP_LABELS,
  LOW_MEDIUM_HIGH_LABELS,
  NETWORK_ROLE_LABELS,
} from '../model/fields.ts';
import {
  LOGFRAME_COLUMNS,
  NO_VALUE,
  assumptionStateWords,
  datedValueWords,
  healthWords,
  targetWords,
} from './documentWords.ts';
import { LOGFRAME_LEVEL_LABELS, type MapReport, type ReportTarget } from './report.ts';

/**
 * The report's tables as plain text, for formats that lay tables out themselves (the PDF): the
 * logframe and each register, with the same columns and words as the Markdown and Word reports.
 * A cell's lines are separated by line breaks.
 */
export interface ReportTable {
  title: string;
  columns: readonly { header: string; width: number }[];
  rows: string[][];
}

const about = (targets: readonly ReportTarget[]): string => targets.map(targetWords).join('; ') || NO_VALUE;
const lines = (values: readonly string[]): string => values.filter(Boolean).join('\n') || NO_VALUE;
const columns = (headers: readonly string[], widths: readonly number[]): ReportTable['columns'] =>
  headers.map((header, i) => ({ header, width: widths[i] ?? 1 }));

export function reportTables(report: MapReport): ReportTable[] {
  const tables: ReportTable[] = [];
  if (report.logframe.length > 0) {
    tables.push({
      title: 'Logframe',
      columns: columns(LOGFRAME_COLUMNS, [0.9, 1, 2.6, 2, 1.3, 1.3, 1.6, 2.2]),
      rows: report.logframe.map((row) => [
        row.ref,
        LOGFRAME_LEVEL_LABELS[row.level] + (row.kind === 'precondition' ? ' (precondition)' : ''),
        row.statement,
        lines(row.indicators.map((i) => i.title)),
        lines(row.indicators.map((i) => datedValueWords(i.baseline, i.unit, 'on') || NO_VALUE)),
        lines(row.indicators.map((i) => datedValueWords(i.target, i.unit, 'by') || NO_VALUE)),
        lines(row.indicators.map((i) => i.meansOfVerification ?? NO_VALUE)),
        lines(row.assumptions.map((a) => `${a.title} (${assumptionStateWords(a)})`)),
      ]),
    });
  }
  if (report.assumptions.length > 0) {
    tables.push({
      title: 'Assumptions',
      columns: columns(
        ['Assumption', 'Kind', 'Criticality', 'About', 'State', 'Review history'],
        [2.4, 1.3, 0.9, 2, 1.2, 2.6],
      ),
      rows: report.assumptions.map((a) => [
        a.title,
        a.kind ? ASSUMPTION_KIND_LABELS[a.kind] : NO_VALUE,
        a.criticality ? LOW_MEDIUM_HIGH_LABELS[a.criticality] : NO_VALUE,
        about(a.attachedTo ? [a.attachedTo] : a.linkedTo),
        assumptionStateWords(a),
        lines(
          a.reviews.map(
            (r) => `${r.date} ${ASSUMPTION_STATE_LABELS[r.status]}${r.note ? `: ${r.note}` : ''} (${r.by})`,
          ),
        ),
      ]),
    });
  }
  if (report.indicators.length > 0) {
    tables.push({
      title: 'Indicators',
      columns: columns(
        ['Indicator', 'Measures', 'Baseline', 'Target', 'Means of verification', 'Frequency', 'Readings'],
        [2.2, 2, 1.2, 1.2, 1.6, 0.9, 2],
      ),
      rows: report.indicators.map((i) => [
        i.title,
        about(i.measures),
        datedValueWords(i.baseline, i.unit, 'on') || NO_VALUE,
        datedValueWords(i.target, i.unit, 'by') || NO_VALUE,
        i.meansOfVerification ?? NO_VALUE,
        i.frequency ? FREQUENCY_LABELS[i.frequency] : NO_VALUE,
        lines(
          i.readings.map((r) => `${r.date}: ${r.value}${i.unit ? ` ${i.unit}` : ''}${r.note ? ` (${r.note})` : ''}`),
        ),
      ]),
    });
  }
  if (report.partners.length > 0) {
    tables.push({
      title: 'Partners',
      columns: columns(
        ['Partner', 'Type', 'Network role', 'Home organisation', 'Latest health ratings'],
        [2.2, 1, 1.3, 1.8, 3],
      ),
      rows: report.partners.map((p) => [
        p.title,
        p.actorType ? ACTOR_TYPE_LABELS[p.actorType] : NO_VALUE,
        p.networkRole ? NETWORK_ROLE_LABELS[p.networkRole] : NO_VALUE,
        p.homeOrganisation ?? NO_VALUE,
        p.health.map(healthWords).join('\n') || 'Not rated',
      ]),
    });
  }
  if (report.risks.length > 0) {
    tables.push({
      title: 'Risks',
      columns: columns(['Risk', 'Likelihood', 'Severity', 'Affects'], [3, 1, 1, 3]),
      rows: report.risks.map((r) => [
        r.title,
        r.likelihood ? LOW_MEDIUM_HIGH_LABELS[r.likelihood] : NO_VALUE,
        r.severity ? LOW_MEDIUM_HIGH_LABELS[r.severity] : NO_VALUE,
        about(r.affects),
      ]),
    });
  }
  if (report.lessons.length > 0) {
    tables.push({
      title: 'Lessons',
      columns: columns(['Lesson', 'Learning loop'], [3, 2]),
      rows: report.lessons.map((l) => [l.title, l.loop ? LESSON_LOOP_LABELS[l.loop] : NO_VALUE]),
    });
  }
  if (report.evidence.length > 0) {
    tables.push({
      title: 'Evidence',
      columns: columns(['Evidence', 'Citation', 'Link', 'Type', 'Strength', 'About'], [2, 2, 1.8, 1, 0.9, 2]),
      rows: report.evidence.map((e) => [
        e.title,
        e.citation ?? NO_VALUE,
        e.url ?? NO_VALUE,
        e.evidenceType ? EVIDENCE_TYPE_LABELS[e.evidenceType] : NO_VALUE,
        e.strength ? EVIDENCE_STRENGTH_LABELS[e.strength] : NO_VALUE,
        about(e.about),
      ]),
    });
  }
  return tables;
}
