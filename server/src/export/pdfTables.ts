import {
  NODE_KIND_LABELS,
  NODE_KINDS,
  RAG_LABELS,
  buildReport,
  cardFacts,
  mapGraphOf,
  reportTables,
  type MapJSON,
} from '@loopmap/shared';
import type { PdfTable } from './pdf.ts';

/**
 * The tables that follow the map's picture in a PDF: the logframe and every register of the
 * report (as in the Word report), then every card, so a reader can find any card named on the map.
 */
export function pdfTables(map: MapJSON): PdfTable[] {
  const graph = mapGraphOf(map);
  const order = new Map(NODE_KINDS.map((kind, index) => [kind, index]));
  const cards = [...graph.nodes].sort(
    (a, b) => order.get(a.kind)! - order.get(b.kind)! || a.label.localeCompare(b.label),
  );
  return [
    ...reportTables(buildReport(map)),
    {
      title: 'Every card',
      columns: [
        { header: 'Kind', width: 1.2 },
        { header: 'Card', width: 4 },
        { header: 'Status', width: 0.9 },
        { header: 'Details', width: 3.5 },
      ],
      rows: cards.map((node) => [
        NODE_KIND_LABELS[node.kind],
        node.label,
        node.fields.status ? RAG_LABELS[node.fields.status] : '',
        cardFacts(node),
      ]),
      empty: 'This map has no cards yet.',
    },
  ];
}
