import type { Translate } from '../i18n/languages.ts';
import {
  NO_VALUE,
  assumptionStateWords,
  datedValueWords,
  documentDay,
  domainWords,
  healthWords,
  logframeColumns,
} from './documentWords.ts';
import { about as aboutWords, columnWords, logframeLevelWords } from './reportMarkdown.ts';
import type { MapReport, ReportTarget } from './report.ts';

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

const lines = (values: readonly string[]): string => values.filter(Boolean).join('\n') || NO_VALUE;
const columns = (headers: readonly string[], widths: readonly number[]): ReportTable['columns'] =>
  headers.map((header, i) => ({ header, width: widths[i] ?? 1 }));

export function reportTables(report: MapReport, t: Translate): ReportTable[] {
  const words = domainWords(t);
  const about = (targets: readonly ReportTarget[]): string => aboutWords(t, targets);
  const tables: ReportTable[] = [];
  if (report.logframe.length > 0) {
    tables.push({
      title: t('exports:section.logframe'),
      columns: columns(logframeColumns(t), [0.9, 1, 2.6, 2, 1.3, 1.3, 1.6, 2.2]),
      rows: report.logframe.map((row) => [
        row.ref,
        logframeLevelWords(t, row),
        row.statement,
        lines(row.indicators.map((i) => i.title)),
        lines(row.indicators.map((i) => datedValueWords(t, i.baseline, i.unit, 'on') || NO_VALUE)),
        lines(row.indicators.map((i) => datedValueWords(t, i.target, i.unit, 'by') || NO_VALUE)),
        lines(row.indicators.map((i) => i.meansOfVerification ?? NO_VALUE)),
        lines(row.assumptions.map((a) => `${a.title} (${assumptionStateWords(t, a)})`)),
      ]),
    });
  }
  if (report.assumptions.length > 0) {
    tables.push({
      title: t('exports:section.assumptions'),
      columns: columns(
        columnWords(t, ['assumption', 'kind', 'criticality', 'about', 'state', 'reviewHistory']),
        [2.4, 1.3, 0.9, 2, 1.2, 2.6],
      ),
      rows: report.assumptions.map((a) => [
        a.title,
        a.kind ? words.assumptionKind(a.kind) : NO_VALUE,
        a.criticality ? words.lowMediumHigh(a.criticality) : NO_VALUE,
        about(a.attachedTo ? [a.attachedTo] : a.linkedTo),
        assumptionStateWords(t, a),
        lines(
          a.reviews.map((r) =>
            t(r.note ? 'exports:assumption.reviewNote' : 'exports:assumption.review', {
              date: documentDay(t, r.date),
              state: words.assumptionState(r.status),
              note: r.note,
              by: r.by,
            }),
          ),
        ),
      ]),
    });
  }
  if (report.indicators.length > 0) {
    tables.push({
      title: t('exports:section.indicators'),
      columns: columns(
        columnWords(t, ['indicator', 'measures', 'baseline', 'target', 'meansOfVerification', 'frequency', 'readings']),
        [2.2, 2, 1.2, 1.2, 1.6, 0.9, 2],
      ),
      rows: report.indicators.map((i) => [
        i.title,
        about(i.measures),
        datedValueWords(t, i.baseline, i.unit, 'on') || NO_VALUE,
        datedValueWords(t, i.target, i.unit, 'by') || NO_VALUE,
        i.meansOfVerification ?? NO_VALUE,
        i.frequency ? words.frequency(i.frequency) : NO_VALUE,
        lines(
          i.readings.map(
            (r) => `${documentDay(t, r.date)}: ${r.value}${i.unit ? ` ${i.unit}` : ''}${r.note ? ` (${r.note})` : ''}`,
          ),
        ),
      ]),
    });
  }
  if (report.partners.length > 0) {
    tables.push({
      title: t('exports:section.partners'),
      columns: columns(
        columnWords(t, ['partner', 'type', 'networkRole', 'homeOrganisation', 'latestHealthRatings']),
        [2.2, 1, 1.3, 1.8, 3],
      ),
      rows: report.partners.map((p) => [
        p.title,
        p.actorType ? words.actorType(p.actorType) : NO_VALUE,
        p.networkRole ? words.networkRole(p.networkRole) : NO_VALUE,
        p.homeOrganisation ?? NO_VALUE,
        p.health.map((rating) => healthWords(t, rating)).join('\n') || t('exports:partner.notRated'),
      ]),
    });
  }
  if (report.risks.length > 0) {
    tables.push({
      title: t('exports:section.risks'),
      columns: columns(columnWords(t, ['risk', 'likelihood', 'severity', 'affects']), [3, 1, 1, 3]),
      rows: report.risks.map((r) => [
        r.title,
        r.likelihood ? words.lowMediumHigh(r.likelihood) : NO_VALUE,
        r.severity ? words.lowMediumHigh(r.severity) : NO_VALUE,
        about(r.affects),
      ]),
    });
  }
  if (report.lessons.length > 0) {
    tables.push({
      title: t('exports:section.lessons'),
      columns: columns(columnWords(t, ['lesson', 'learningLoop']), [3, 2]),
      rows: report.lessons.map((l) => [l.title, l.loop ? words.lessonLoop(l.loop) : NO_VALUE]),
    });
  }
  if (report.evidence.length > 0) {
    tables.push({
      title: t('exports:section.evidence'),
      columns: columns(
        columnWords(t, ['evidence', 'citation', 'link', 'type', 'strength', 'about']),
        [2, 2, 1.8, 1, 0.9, 2],
      ),
      rows: report.evidence.map((e) => [
        e.title,
        e.citation ?? NO_VALUE,
        e.url ?? NO_VALUE,
        e.evidenceType ? words.evidenceType(e.evidenceType) : NO_VALUE,
        e.strength ? words.evidenceStrength(e.strength) : NO_VALUE,
        about(e.about),
      ]),
    });
  }
  return tables;
}
