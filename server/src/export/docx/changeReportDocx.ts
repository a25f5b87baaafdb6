import { AlignmentType, Paragraph, Table, TableCell, TableRow, WidthType, type ParagraphChild } from 'docx';
import {
  NO_VALUE,
  changedKindWords,
  columnWords,
  documentTime,
  localeOf,
  type ChangeReport,
  type ChangedElement,
  type Translate,
} from '@loopmap/shared';
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
 * after) and moved. Its words are `t`'s language.
 */
export async function changeReportDocx(
  report: ChangeReport,
  generatedAt: string,
  pictures: { before: Picture; after: Picture },
  t: Translate,
): Promise<Uint8Array> {
  const title = report.title ? t('exports:changes.title', { title: report.title }) : t('exports:changes.titleUntitled');
  const span = t('exports:changes.span', { from: pointWords(t, report.from), to: pointWords(t, report.to) });
  const { counts } = report;
  const nothing = report.meta.length + report.added.length + report.removed.length + report.changed.length === 0;
  const children: (Paragraph | Table)[] = [
    ...titlePage(title, [span, t('exports:exportedOn', { time: documentTime(t, generatedAt) })]),
    heading(1, t('exports:changes.twoVersions')),
    sideBySide(report, pictures, t),
    heading(1, t('exports:changes.summary')),
    para(nothing && report.moved.length === 0 ? t('exports:changes.nothing') : t('exports:changes.counts', counts)),
    para(
      report.authors.length > 0
        ? t('exports:changes.changedBy', { names: report.authors.join(', ') })
        : t('exports:changes.noAuthors'),
    ),
    ...(report.meta.length > 0
      ? [
          heading(2, t('exports:changes.theMap')),
          table(
            columnWords(t, ['what', 'before', 'after']),
            report.meta.map((f) => [f.label, f.before || NO_VALUE, f.after || NO_VALUE]),
            { widths: [24, 38, 38] },
          ),
        ]
      : []),
    ...elementTable(t, 'added', report.added),
    ...elementTable(t, 'removed', report.removed),
    ...changedSection(t, report.changed),
    ...elementTable(t, 'moved', report.moved),
  ];
  return packDocument({ title, description: span, language: localeOf(t) }, [{ children }]);
}

const pointWords = (t: Translate, point: ChangeReport['from']): string =>
  t('exports:changes.point', { label: point.label, seq: point.seq, time: documentTime(t, point.at) });

/** The two pictures in a two-cell table, each captioned with its version. */
function sideBySide(report: ChangeReport, pictures: { before: Picture; after: Picture }, t: Translate): Table {
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
          cell(t('exports:changes.beforeCaption', { point: pointWords(t, report.from) }), pictures.before),
          cell(t('exports:changes.afterCaption', { point: pointWords(t, report.to) }), pictures.after),
        ],
      }),
    ],
  });
}

function elementTable(
  t: Translate,
  what: 'added' | 'removed' | 'moved',
  elements: readonly ChangedElement[],
): (Paragraph | Table)[] {
  if (elements.length === 0) return [];
  return [
    heading(2, t(`exports:changes.heading.${what}`, { count: elements.length })),
    table(
      columnWords(t, ['kind', 'title', 'by']),
      elements.map((e) => [changedKindWords(t, e), e.title, e.by.join(', ') || NO_VALUE]),
      { widths: [16, 60, 24] },
    ),
  ];
}

function changedSection(t: Translate, elements: readonly ChangedElement[]): (Paragraph | Table)[] {
  if (elements.length === 0) return [];
  return [
    heading(2, t('exports:changes.heading.changed', { count: elements.length })),
    ...elements.flatMap((e) => [
      heading(3, `${changedKindWords(t, e)}: ${e.title}`),
      ...(e.by.length > 0 ? [note(t('exports:changes.by', { names: e.by.join(', ') }))] : []),
      table(
        columnWords(t, ['field', 'before', 'after']),
        e.fields.map((f) => [f.label, f.before || NO_VALUE, f.after || NO_VALUE]),
        { widths: [20, 40, 40] },
      ),
    ]),
  ];
}
