import { describe, expect, it } from 'vitest';
import { TEMPLATE_IDS, buildTemplate, fromMapJSON, toMapJSON, type MapJSON } from '@loopmap/shared';
import { LiveProjection } from '../src/canvas/LiveProjection.ts';
import { projectMap, type VersionNode } from '../src/canvas/projectMap.ts';
import { EMPTY_OVERLAY, type LinkEdge } from '../src/canvas/toFlow.ts';

const byId = <T extends { id: string }>(list: readonly T[]): T[] =>
  [...list].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

const template = (id: (typeof TEMPLATE_IDS)[number]): MapJSON =>
  buildTemplate(id, { title: 'Sport for development', today: '2026-03-12' });

describe('projectMap', () => {
  it.each(TEMPLATE_IDS)('draws the %s template exactly as the live projection of the same document', (id) => {
    const doc = fromMapJSON(template(id));
    const live = new LiveProjection(doc).projectAll(EMPTY_OVERLAY);
    const version = projectMap(toMapJSON(doc));
    expect(byId(version.nodes)).toEqual(byId(live.nodes));
    expect(byId(version.edges)).toEqual(byId(live.edges));
    // Attachments are hidden and counted on their hosts, as on the live map.
    for (const attachedId of version.attached) expect(live.nodes.some((n) => n.id === attachedId)).toBe(false);
  });

  it('keeps every unchanged element when given the previous projection', () => {
    const map = template('logic-model');
    const first = projectMap(map);
    const again = projectMap(map, { prev: first });
    again.nodes.forEach((node, i) => expect(node).toBe(first.nodes[i]));
    again.edges.forEach((edge, i) => expect(edge).toBe(first.edges[i]));

    const moved = { ...map, nodes: map.nodes.map((n, i) => (i === 0 ? { ...n, x: n.x + 50 } : n)) };
    const next = projectMap(moved, { prev: first });
    const changed = next.nodes.filter((node, i) => node !== first.nodes[i]).map((node) => node.id);
    expect(changed).toEqual([map.nodes[0]!.id]);
  });

  it('marks elements with a class, a word in their accessible name, and an outline where a moved card was', () => {
    const map = template('logic-model');
    const card = map.nodes.find((n) => !n.attachedTo && n.kind !== 'group')!;
    const link = map.edges[0]!;
    const marks = new Map([
      [card.id, { states: ['changed', 'moved'] as const, was: { x: -500, y: -500 } }],
      [link.id, { states: ['added'] as const }],
    ]);
    const { nodes, edges } = projectMap(map, { marks });
    const drawn = nodes.find((n) => n.id === card.id)!;
    expect(drawn.className).toContain('mark--changed');
    expect(drawn.className).toContain('mark--moved');
    expect(drawn.ariaLabel).toMatch(/^Changed, Moved: /);
    const outline = nodes.find((n) => n.id === `${card.id}~was`) as VersionNode;
    expect(outline).toMatchObject({ type: 'was-outline', position: { x: -500, y: -500 }, selectable: false });
    // Drawn first: under the cards.
    expect(nodes[0]).toBe(outline);
    const drawnLink = edges.find((e) => e.id === link.id) as LinkEdge;
    expect(drawnLink.className).toContain('mark--added');
    expect(drawnLink.data?.mark).toBe('added');

    const again = projectMap(map, { marks, prev: { nodes, edges, attached: new Set() } });
    expect(again.nodes.find((n) => n.id === card.id)).toBe(drawn);
    expect(again.edges.find((e) => e.id === link.id)).toBe(drawnLink);
  });

  it('draws tweened positions instead of the map’s', () => {
    const map = template('logic-model');
    const card = map.nodes.find((n) => !n.attachedTo)!;
    const { nodes } = projectMap(map, { positions: new Map([[card.id, { x: 1, y: 2 }]]) });
    expect(nodes.find((n) => n.id === card.id)?.position).toEqual({ x: 1, y: 2 });
  });
});
