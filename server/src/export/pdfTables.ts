import {
  NODE_KINDS,
  buildReport,
  columnWords,
  domainWords,
  cardFacts,
  mapGraphOf,
  reportTables,
  type MapJSON,
  type Translate,
} from '@loopmap/shared';
import type { PdfTable } from './pdf.ts';

/**
 * The tables that follow the map's picture in a PDF: the logframe and every register of the
 * report (as in the Word report), then every card, so a reader can find any card named on the map.
 */
export function pdfTables(map: MapJSON, t: Translate): PdfTable[] {
  const words = domainWords(t);
  const graph = mapGraphOf(map);
  const order = new Map(NODE_KINDS.map((kind, index) => [kind, index]));
  const cards = [...graph.nodes].sort(
    (a, b) => order.get(a.kind)! - order.get(b.kind)! || a.label.localeCompare(b.label),
  );
  return [
    ...reportTables(buildReport(map), t),
    {
      title: t('exports:pdf.everyCard'),
      columns: columnWords(t, ['kind', 'card', 'status', 'details']).map((header, i) => ({
        header,
        width: [1.2, 4, 0.9, 3.5][i]!,
      })),
      rows: cards.map((node) => [
        words.kind(node.kind),
        node.label,
        node.fields.status ? words.rag(node.fields.status) : '',
        cardFacts(node, t),
      ]),
      empty: t('exports:pdf.noCards'),
    },
  ];
}
