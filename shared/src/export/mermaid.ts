import { NODE_KINDS, type NodeKind } from '../model/kinds.ts';
import { KIND_COLORS } from '../render/look.ts';
import type { Translate } from '../i18n/languages.ts';
import { domainWords, type DomainWords } from './documentWords.ts';
import type { MapEdgeJSON, MapJSON } from '../model/mapJson.ts';

/**
 * A map as a Mermaid flowchart, which GitHub and most Markdown tools draw: the cards that
 * stand on the canvas (attached assumptions, indicators and evidence and pathway frames are
 * left out), bottom to top as a theory of change reads (activities at the bottom), one class
 * per kind in its canvas colour, the relation on each link, and hypothesised or refuted links
 * dashed. Cards get ids of their own (n1, n2…), so no id or label can break the syntax.
 */

/**
 * Text inside a quoted Mermaid label: characters Mermaid reads (quotes, #, <, >, &, |, the
 * backtick of its Markdown strings) as its entity codes, line breaks as spaces.
 */
export function mermaidText(text: string): string {
  return text
    .replace(/[\r\n\t\u2028\u2029]+/g, ' ')
    .replace(/[#"<>&|`]/g, (char) => (char === '"' ? '#quot;' : `#${char.codePointAt(0)};`));
}

const classOf = (kind: NodeKind): string => `kind_${kind}`;

function arrow(words: DomainWords, edge: MapEdgeJSON): string {
  const dashed = edge.status === undefined || edge.status === 'hypothesised' || edge.status === 'refuted';
  const label = edge.relation ? `|"${mermaidText(words.relation(edge.relation))}"|` : '';
  return `${dashed ? '-.->' : '-->'}${label}`;
}

/** The flowchart, its relations and the names of untitled cards in `t`'s language. */
export function toMermaid(map: MapJSON, t: Translate): string {
  const words = domainWords(t);
  const cards = map.nodes.filter((node) => node.attachedTo === undefined && node.kind !== 'group');
  const ids = new Map(cards.map((node, index) => [node.id, `n${index + 1}`]));
  const lines = ['---', `title: ${JSON.stringify(map.meta.title.replace(/[\r\n]+/g, ' '))}`, '---', 'flowchart BT'];
  const kinds = NODE_KINDS.filter((kind) => cards.some((node) => node.kind === kind));
  for (const kind of kinds) {
    const colour = KIND_COLORS[kind];
    lines.push(`  classDef ${classOf(kind)} fill:${colour},stroke:${colour},color:#ffffff`);
  }
  for (const node of cards) {
    const label = node.label.trim() === '' ? `(${words.kind(node.kind)})` : node.label;
    lines.push(`  ${ids.get(node.id)}["${mermaidText(label)}"]:::${classOf(node.kind)}`);
  }
  for (const edge of map.edges) {
    const source = ids.get(edge.source);
    const target = ids.get(edge.target);
    if (source && target) lines.push(`  ${source} ${arrow(words, edge)} ${target}`);
  }
  return `${lines.join('\n')}\n`;
}
