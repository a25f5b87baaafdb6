import type { Translate } from '../i18n/languages.ts';
import type { ChangeReport, ChangeReportPoint, ChangedElement } from './changeReport.ts';
import { NO_VALUE, documentTime, domainWords } from './documentWords.ts';
import { columnWords } from './reportMarkdown.ts';
import { mdBlocks, mdCell, mdHeading, mdTable, mdText } from './markdown.ts';

/**
 * A change report in Markdown: which two versions, who changed the map in between, and what was
 * added, removed, changed (field by field, before and after) and moved. Markdown carries no
 * pictures: the Word report shows the two versions side by side. Its words are `t`'s language.
 */
export function changeReportMarkdown(report: ChangeReport, generatedAt: string, t: Translate): string {
  const { counts } = report;
  const nothing = report.meta.length + report.added.length + report.removed.length + report.changed.length === 0;
  return mdBlocks([
    mdHeading(
      1,
      report.title ? t('exports:changes.title', { title: report.title }) : t('exports:changes.titleUntitled'),
    ),
    `${t('exports:changes.span', { from: pointWords(t, report.from), to: pointWords(t, report.to) })}.`,
    report.authors.length > 0
      ? t('exports:changes.changedBy', { names: report.authors.map(mdText).join(', ') })
      : mdText(t('exports:changes.noAuthors')),
    nothing && report.moved.length === 0
      ? mdText(t('exports:changes.nothing'))
      : mdText(t('exports:changes.counts', counts)),
    report.meta.length > 0 && mdHeading(2, t('exports:changes.theMap')),
    mdTable(
      columnWords(t, ['what', 'before', 'after']),
      report.meta.map((field) => [
        mdCell(field.label),
        mdCell(field.before) || NO_VALUE,
        mdCell(field.after) || NO_VALUE,
      ]),
    ),
    ...elementList(t, 'added', report.added),
    ...elementList(t, 'removed', report.removed),
    ...changedSections(t, report.changed),
    ...elementList(t, 'moved', report.moved),
    `*${mdText(t('exports:exportedOn', { time: documentTime(t, generatedAt) }))}.*`,
  ]);
}

/** "**Snapshot name** (seq 12, 2026-03-02 14:05 UTC)". */
function pointWords(t: Translate, point: ChangeReportPoint): string {
  return t('exports:changes.point', {
    label: `**${mdText(point.label)}**`,
    seq: point.seq,
    time: documentTime(t, point.at),
  });
}

/** "Outcome", or "Link": what a changed element is. */
export const changedKindWords = (t: Translate, element: Pick<ChangedElement, 'kind'>): string =>
  element.kind === 'link' ? t('exports:changes.link') : domainWords(t).kind(element.kind);

const byWords = (element: ChangedElement): string => element.by.map(mdCell).join(', ') || NO_VALUE;

function elementList(t: Translate, what: 'added' | 'removed' | 'moved', elements: readonly ChangedElement[]): string[] {
  if (elements.length === 0) return [];
  return [
    mdHeading(2, t(`exports:changes.heading.${what}`, { count: elements.length })),
    mdTable(
      columnWords(t, ['kind', 'title', 'by']),
      elements.map((element) => [changedKindWords(t, element), mdCell(element.title), byWords(element)]),
    ),
  ];
}

function changedSections(t: Translate, elements: readonly ChangedElement[]): string[] {
  if (elements.length === 0) return [];
  return [
    mdHeading(2, t('exports:changes.heading.changed', { count: elements.length })),
    ...elements.flatMap((element) => [
      mdHeading(3, `${changedKindWords(t, element)}: ${element.title}`),
      element.by.length > 0 ? `${t('exports:changes.by', { names: element.by.map(mdText).join(', ') })}.` : '',
      mdTable(
        columnWords(t, ['field', 'before', 'after']),
        element.fields.map((field) => [
          mdCell(field.label),
          mdCell(field.before) || NO_VALUE,
          mdCell(field.after) || NO_VALUE,
        ]),
      ),
    ]),
  ];
}
