import { AlignmentType, Paragraph, Table, TableCell, TableRow, WidthType, type ParagraphChild } from 'docx';
import { NODE_KIND_LABELS, NO_VALUE, documentTime, type ChangeReport, type ChangedElement } from '@loopmap/shared';
import {
  CONTENT_WIDTH_PX,
  heading,
  note,
  packDocument,
  para,
  pictureRun,
  table,
  titlePage,
  type Picture,
} from './documentStyle.ts';

/**
 * What changed between two versions of a map, as a Word document: the two versions side by
 * side, who changed the map, then what was added, removed, changed (field by field, before and
 * after) and moved.
 */
export async function changeReportDocx(
  report: ChangeReport,
  generatedAt: string,
  pictures: { before: Picture; after: Picture },
): Promise<Uint8Array> {
  const title = `Changes to ${report.title || 'an untitled map'}`;
  const span = `From ${pointWords(report.from)} to ${pointWords(report.to)}`;
  const { counts } = report;
  const nothing = report.meta.length + report.added.length + report.removed.length + report.changed.length === 0;
  const children: (Paragraph | Table)[] = [
    ...titlePage(title, [span, `Exported from Loopmap on ${documentTime(generatedAt)}`]),
    heading(1, 'The two versions'),
    sideBySide(report, pictures),
    heading(1, 'Summary'),
    para(
      nothing && report.moved.length === 0
        ? 'Nothing differs between these versions.'
        : `${counts.added} added, ${counts.removed} removed, ${counts.changed} changed, ${counts.moved} moved.`,
    ),
    para(
      report.authors.length > 0
        ? `Changed by ${report.authors.join(', ')}.`
        : 'No one changed the map between these versions.',
    ),
    ...(report.meta.length > 0
      ? [
          heading(2, 'The map'),
          table(
            ['What', 'Before', 'After'],
            report.meta.map((f) => [f.label, f.before || NO_VALUE, f.after || NO_VALUE]),
            { widths: [24, 38, 38] },
          ),
        ]
      : []),
    ...elementTable('Added', report.added),
    ...elementTable('Removed', report.removed),
    ...changedSection(report.changed),
    ...elementTable('Moved', report.moved),
  ];
  return packDocument({ title, description: span }, [{ children }]);
}

const pointWords = (point: ChangeReport['from']): string =>
  `${point.label} (version ${point.seq}, ${documentTime(point.at)})`;

/** The two pictures in a two-cell table, each captioned with its version. */
function sideBySide(report: ChangeReport, pictures: { before: Picture; after: Picture }): Table {
  const half = Math.floor(CONTENT_WIDTH_PX / 2) - 12;
  const cell = (caption: string, picture: Picture): TableCell =>
    new TableCell({
      width: { size: 50, type: WidthType.PERCENTAGE },
      children: [
        new Paragraph({
          alignment: AlignmentType.CENTER,
          children: [pictureRun(picture, caption, half)] as ParagraphChild[],
        }),
        note(caption),
      ],
    });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({
        cantSplit: true,
        children: [
          cell(`Before: ${pointWords(report.from)}`, pictures.before),
          cell(`After: ${pointWords(report.to)}`, pictures.after),
        ],
      }),
    ],
  });
}

const kindWords = (element: ChangedElement): string =>
  element.kind === 'link' ? 'Link' : NODE_KIND_LABELS[element.kind];

function elementTable(title: string, elements: readonly ChangedElement[]): (Paragraph | Table)[] {
  if (elements.length === 0) return [];
  return [
    heading(2, `${title} (${elements.length})`),
    table(
      ['Kind', 'Title', 'By'],
      elements.map((e) => [kindWords(e), e.title, e.by.join(', ') || NO_VALUE]),
      { widths: [16, 60, 24] },
    ),
  ];
}

function changedSection(elements: readonly ChangedElement[]): (Paragraph | Table)[] {
  if (elements.length === 0) return [];
  return [
    heading(2, `Changed (${elements.length})`),
    ...elements.flatMap((e) => [
      heading(3, `${kindWords(e)}: ${e.title}`),
      ...(e.by.length > 0 ? [note(`By ${e.by.join(', ')}`)] : []),
      table(
        ['Field', 'Before', 'After'],
        e.fields.map((f) => [f.label, f.before || NO_VALUE, f.after || NO_VALUE]),
        { widths: [20, 40, 40] },
      ),
    ]),
  ];
}
