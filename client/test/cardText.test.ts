import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  addNode,
  connect,
  createOrigin,
  initMap,
  readMapGraph,
  type AddNodeInput,
  type NodeView,
} from '@loopmap/shared';
import { cardName, keyFacts, linkSentence } from '../src/panels/cardText.ts';
import { canHost, hostChoices, placeBackOnCanvas, placeNear } from '../src/panels/attachmentHosts.ts';
import { useCatalogue } from './catalogue.ts';

await useCatalogue('en');

const me = createOrigin('user', 'me');

function card(input: AddNodeInput): NodeView {
  const doc = new Y.Doc();
  const id = addNode(doc, input, me);
  return readMapGraph(doc).nodeById.get(id)!;
}

describe('keyFacts of attached cards', () => {
  it('says where an assumption stands: its latest review and its criticality', () => {
    const assumption = card({
      kind: 'assumption',
      x: 0,
      y: 0,
      fields: { criticality: 'high' },
      reviews: [
        { id: 'r1', date: '2025-01-10', status: 'holds', note: '', by: 'Amina' },
        { id: 'r2', date: '2025-06-02', status: 'at-risk', note: 'funding cut', by: 'Jo' },
      ],
    });
    expect(keyFacts(assumption, 'en-GB')).toEqual(['At risk since 02/06/2025', 'High criticality']);
    expect(keyFacts(card({ kind: 'assumption', x: 0, y: 0 }), 'en-GB')).toEqual(['Not reviewed yet']);
  });

  it('gives an indicator’s target and latest reading, with its unit', () => {
    const indicator = card({
      kind: 'indicator',
      x: 0,
      y: 0,
      fields: { unit: '%', targetValue: '60', targetDate: '2026-12-31' },
      readings: [
        { id: 'a', date: '2025-03-01', value: '35', note: '', by: '' },
        { id: 'b', date: '2024-09-01', value: '20', note: '', by: '' },
      ],
    });
    expect(keyFacts(indicator, 'en-GB')).toEqual(['Target 60% by 31/12/2026', 'Latest 35% on 01/03/2025']);
  });

  it('gives evidence its type and strength, and an actor its latest health', () => {
    expect(
      keyFacts(card({ kind: 'evidence', x: 0, y: 0, fields: { evidenceType: 'evaluation', strength: 'strong' } })),
    ).toEqual(['Evaluation, strong strength']);
    const actor = card({
      kind: 'actor',
      x: 0,
      y: 0,
      health: [
        { id: 'h1', date: '2025-01-01', dimension: 'trust', rating: 'red', note: '', by: '' },
        { id: 'h2', date: '2025-05-01', dimension: 'trust', rating: 'green', note: '', by: '' },
        { id: 'h3', date: '2025-05-01', dimension: 'resources', rating: 'amber', note: '', by: '' },
      ],
    });
    expect(keyFacts(actor)).toEqual(['Health: Trust green, Resources amber']);
  });
});

describe('hosts and names', () => {
  it('offers cards on the canvas that are not frames, and links, as hosts', () => {
    const doc = new Y.Doc();
    initMap(doc, { title: 'Map', kind: 'theory-of-change' }, me);
    const outcome = addNode(doc, { kind: 'outcome', label: 'Trust', x: 0, y: 0 }, me);
    const activity = addNode(doc, { kind: 'activity', label: 'Calls', x: 0, y: 400 }, me);
    const frame = addNode(doc, { kind: 'group', label: 'Frame', x: 0, y: 0 }, me);
    const indicator = addNode(doc, { kind: 'indicator', label: 'Share', x: 0, y: 0, attachedTo: outcome }, me);
    const evidence = addNode(doc, { kind: 'evidence', label: 'Survey', x: 0, y: 0 }, me);
    const link = connect(doc, { source: activity, target: outcome, relation: 'leads-to' }, me);
    if (!link.ok) throw new Error('refused');
    const graph = readMapGraph(doc);
    const choices = hostChoices(graph, evidence);
    expect(choices.cards.map((node) => node.label)).toEqual(['Trust', 'Calls']);
    expect(choices.links.map((entry) => entry.name)).toEqual(['Calls → Trust']);
    // Its current host is not offered to an attached card.
    expect(hostChoices(graph, indicator).cards.map((node) => node.label)).toEqual(['Calls', 'Survey']);
    expect(canHost(graph.nodeById.get(frame)!)).toBe(false);
    expect(linkSentence(graph, graph.edgeById.get(link.id)!)).toBe('Calls — leads to → Trust');
    expect(cardName(graph.nodeById.get(frame))).toBe('Pathway frame: Frame');
    expect(cardName(undefined)).toBe('a deleted card');
    // A card put back on the canvas lands beside its host card, or under the middle of its link.
    expect(placeNear(graph, outcome)).toEqual({ x: 260, y: 0 });
    expect(placeNear(graph, link.id)).toEqual({ x: 0, y: 320 });
  });

  it('puts a detached card back beside its host, clear of the cards and the link label already there', () => {
    const doc = new Y.Doc();
    initMap(doc, { title: 'Map', kind: 'partnership' }, me);
    const outcome = addNode(doc, { kind: 'outcome', label: 'Trust', x: 0, y: 0 }, me);
    // Where placeNear would put it is taken.
    addNode(doc, { kind: 'risk', label: 'In the way', x: 260, y: 0 }, me);
    const activity = addNode(doc, { kind: 'activity', label: 'Calls', x: 0, y: 400 }, me);
    const link = connect(doc, { source: activity, target: outcome, label: 'people talk' }, me);
    if (!link.ok) throw new Error('refused');
    const assumption = addNode(doc, { kind: 'assumption', label: 'A', x: 0, y: 0, attachedTo: outcome }, me);
    const onLink = addNode(doc, { kind: 'assumption', label: 'B', x: 0, y: 0, attachedTo: link.id }, me);
    const graph = readMapGraph(doc);
    const overlaps = (spot: { x: number; y: number }, box: { x: number; y: number; width: number; height: number }) =>
      spot.x < box.x + box.width && box.x < spot.x + 220 && spot.y < box.y + box.height && box.y < spot.y + 84;
    const cards = [
      { x: 0, y: 0 },
      { x: 260, y: 0 },
      { x: 0, y: 400 },
    ];
    const label = { x: 10, y: 222, width: 200, height: 40 };
    for (const spot of [placeBackOnCanvas(graph, assumption, outcome), placeBackOnCanvas(graph, onLink, link.id)]) {
      for (const card of cards) expect(overlaps(spot, { ...card, width: 220, height: 84 })).toBe(false);
      expect(overlaps(spot, label)).toBe(false);
    }
  });
});
