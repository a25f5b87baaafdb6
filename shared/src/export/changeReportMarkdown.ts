import { NODE_KIND_LABELS } from '../model/kinds.ts';
import type { ChangeReport, ChangeReportPoint, ChangedElement } from './changeReport.ts';
import { NO_VALUE, documentTime } from './documentWords.ts';
import { mdBlocks, mdCell, mdHeading, mdTable, mdText } from './markdown.ts';

/**
 * A change report in Markdown: which two versions, who changed the map in between, and what was
 * added, removed, changed (field by field, before and after) and moved. Markdown carries no
 * pictures: the Word report shows the two versions side by side.
 */
export function changeReportMarkdown(report: ChangeReport, generatedAt: string): string {
  const { counts } = report;
  const nothing = report.meta.length + report.added.length + report.removed.length + report.changed.length === 0;
  return mdBlocks([
    mdHeading(1, `Changes to ${report.title || 'an untitled map'}`),
    `From ${pointWords(report.from)} to ${pointWords(report.to)}.`,
    report.authors.length > 0
      ? `Changed by ${report.authors.map(mdText).join(', ')}.`
      : 'No one changed the map between these versions.',
    nothing && report.moved.length === 0
      ? 'Nothing differs between these versions.'
      : `${counts.added} added, ${counts.removed} removed, ${counts.changed} changed, ${counts.moved} moved.`,
    report.meta.length > 0 && mdHeading(2, 'The map'),
    mdTable(
      ['What', 'Before', 'After'],
      report.meta.map((field) => [
        mdCell(field.label),
        mdCell(field.before) || NO_VALUE,
        mdCell(field.after) || NO_VALUE,
      ]),
    ),
    ...elementList('Added', report.added),
    ...elementList('Removed', report.removed),
    ...changedSections(report.changed),
    ...elementList('Moved', report.moved),
    `*Exported from Loopmap on ${documentTime(generatedAt)}.*`,
  ]);
}

/** "**Snapshot name** (seq 12, 2026-03-02 14:05 UTC)". */
function pointWords(point: ChangeReportPoint): string {
  return `**${mdText(point.label)}** (version ${point.seq}, ${documentTime(point.at)})`;
}

const kindWords = (element: ChangedElement): string =>
  element.kind === 'link' ? 'Link' : NODE_KIND_LABELS[element.kind];

const byWords = (element: ChangedElement): string => element.by.map(mdCell).join(', ') || NO_VALUE;

function elementList(title: string, elements: readonly ChangedElement[]): string[] {
  if (elements.length === 0) return [];
  return [
    mdHeading(2, `${title} (${elements.length})`),
    mdTable(
      ['Kind', 'Title', 'By'],
      elements.map((element) => [kindWords(element), mdCell(element.title), byWords(element)]),
    ),
  ];
}

function changedSections(elements: readonly ChangedElement[]): string[] {
  if (elements.length === 0) return [];
  return [
    mdHeading(2, `Changed (${elements.length})`),
    ...elements.flatMap((element) => [
      mdHeading(3, `${kindWords(element)}: ${element.title}`),
      element.by.length > 0 ? `By ${element.by.map(mdText).join(', ')}.` : '',
      mdTable(
        ['Field', 'Before', 'After'],
        element.fields.map((field) => [
          mdCell(field.label),
          mdCell(field.before) || NO_VALUE,
          mdCell(field.after) || NO_VALUE,
        ]),
      ),
    ]),
  ];
}
