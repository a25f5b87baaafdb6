import { escapeXml } from '../render/xml.ts';
import { NODE_FIELD_KEYS } from '../model/fields.ts';
import type { MapJSON, MapNodeJSON } from '../model/mapJson.ts';
import type { Translate } from '../i18n/languages.ts';
import { choiceWords } from './elementTables.ts';
import { domainWords, type DomainWords } from './documentWords.ts';

/**
 * A map as an OPML 2.0 outline for outliners and mind-map tools: the pathways from the impact
 * down (each card's children are the cards that lead to it, then what is attached to it), and
 * the cards on no pathway after them. A card on several pathways is spelled out the first time
 * and referred to after that, so the outline stays the size of the map.
 */

/**
 * Text in an XML attribute: escaped as all XML text is (escapeXml), and line breaks and tabs as
 * character references, which attribute-value normalisation would otherwise turn into spaces.
 */
export function xmlAttribute(text: string): string {
  return escapeXml(text).replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}

const attributes = (pairs: [string, string][]): string =>
  pairs.map(([name, value]) => ` ${name}="${xmlAttribute(value)}"`).join('');

/** A card's outline attributes: its title, kind, description and every field it has. */
function cardAttributes(words: DomainWords, node: MapNodeJSON): [string, string][] {
  const pairs: [string, string][] = [
    ['text', node.label],
    ['kind', words.kind(node.kind)],
    ['id', node.id],
  ];
  if (node.narrative) pairs.push(['_note', node.narrative]);
  if (node.tags) pairs.push(['tags', node.tags.join(', ')]);
  for (const key of NODE_FIELD_KEYS) {
    const value = node[key];
    if (value !== undefined) pairs.push([key, choiceWords(words, key, value)]);
  }
  return pairs;
}

/** The outline, its kinds, choices and notes in `t`'s language. */
export function toOpml(map: MapJSON, generatedAt: string, t: Translate): string {
  const words = domainWords(t);
  const byId = new Map(map.nodes.map((node) => [node.id, node]));
  const standing = map.nodes.filter((node) => node.attachedTo === undefined && node.kind !== 'group');
  const causes = new Map<string, string[]>();
  for (const edge of map.edges) {
    if (edge.source === edge.target) continue;
    causes.set(edge.target, [...(causes.get(edge.target) ?? []), edge.source]);
  }
  // What is attached to a link is listed under the card the link starts from.
  const edgeSource = new Map(map.edges.map((edge) => [edge.id, edge.source]));
  const attached = new Map<string, MapNodeJSON[]>();
  for (const node of map.nodes) {
    if (node.attachedTo === undefined) continue;
    const host = edgeSource.get(node.attachedTo) ?? node.attachedTo;
    attached.set(host, [...(attached.get(host) ?? []), node]);
  }

  const written = new Set<string>();
  const lines: string[] = [];
  const outline = (node: MapNodeJSON, depth: number): void => {
    const indent = '  '.repeat(depth + 2);
    if (written.has(node.id)) {
      lines.push(
        `${indent}<outline${attributes([
          ['text', node.label],
          ['kind', words.kind(node.kind)],
          ['ref', node.id],
          ['_note', t('exports:opml.shownAbove')],
        ])}/>`,
      );
      return;
    }
    written.add(node.id);
    const children = [
      ...(causes.get(node.id) ?? []).map((id) => byId.get(id)!).filter((child) => child.kind !== 'group'),
      ...(attached.get(node.id) ?? []),
    ];
    if (children.length === 0) {
      lines.push(`${indent}<outline${attributes(cardAttributes(words, node))}/>`);
      return;
    }
    lines.push(`${indent}<outline${attributes(cardAttributes(words, node))}>`);
    for (const child of children) outline(child, depth + 1);
    lines.push(`${indent}</outline>`);
  };

  const hasEffect = new Set(map.edges.filter((edge) => edge.source !== edge.target).map((edge) => edge.source));
  const impacts = standing.filter((node) => node.kind === 'impact');
  const roots = impacts.length > 0 ? impacts : standing.filter((node) => !hasEffect.has(node.id));
  for (const root of roots) outline(root, 0);
  const rest = standing.filter((node) => !written.has(node.id));
  if (rest.length > 0) {
    lines.push(`    <outline text="${xmlAttribute(t('exports:opml.noPathway'))}">`);
    for (const node of rest) if (!written.has(node.id)) outline(node, 1);
    lines.push('    </outline>');
  }

  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<opml version="2.0">',
    '  <head>',
    `    <title>${xmlAttribute(map.meta.title)}</title>`,
    `    <dateCreated>${new Date(generatedAt).toUTCString()}</dateCreated>`,
    '  </head>',
    '  <body>',
    ...lines,
    '  </body>',
    '</opml>',
    '',
  ].join('\n');
}
