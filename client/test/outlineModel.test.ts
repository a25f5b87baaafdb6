import * as Y from 'yjs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  addNode,
  attachNode,
  connect,
  createOrigin,
  initMap,
  readMapGraph,
  setNodeLabel,
  type NodeId,
} from '@loopmap/shared';
import {
  StableViews,
  attachmentsByHost,
  outlineSections,
  sameData,
  sortedOutline,
  stableOrder,
} from '../src/panels/outlineModel.ts';
import { translator, useCatalogue } from './catalogue.ts';

beforeAll(() => useCatalogue('en'));

const me = createOrigin('user', 'me');

function sampleMap() {
  const doc = new Y.Doc();
  initMap(doc, { title: 'ToC', kind: 'theory-of-change' }, me);
  const add = (kind: Parameters<typeof addNode>[1]['kind'], label: string, x = 0, y = 0): NodeId =>
    addNode(doc, { kind, label, x, y }, me);
  const ids = {
    note: add('note', 'Remember the venue'),
    outcomeB: add('outcome', 'Peers trust each other', 0, 900),
    outcomeA: add('outcome', 'Institutions adopt practices', 0, -900),
    impact: add('impact', 'Cities include young people'),
    activity: add('activity', 'Monthly peer calls'),
    frame: add('group', 'Pathway 1'),
    assumption: add('assumption', 'Peers can travel'),
    indicator: add('indicator', 'Share of peers reporting trust'),
  };
  attachNode(doc, ids.indicator, ids.outcomeB, me);
  const link = connect(doc, { source: ids.activity, target: ids.outcomeB }, me);
  if (!link.ok) throw new Error('link refused');
  return { doc, ids, link: link.id };
}

describe('outline sections', () => {
  it('groups cards on the canvas by kind in pathway order, by title within a kind (not by position)', () => {
    const { doc, ids } = sampleMap();
    const graph = readMapGraph(doc);
    const sections = outlineSections(graph, sortedOutline(graph).cards, translator('en', 'outline'));
    expect(sections.map((section) => [section.heading, section.cards.map((card) => card.label)])).toEqual([
      ['Impact', ['Cities include young people']],
      ['Outcomes', ['Institutions adopt practices', 'Peers trust each other']],
      ['Activities', ['Monthly peer calls']],
      ['Assumptions', ['Peers can travel']],
      ['Pathway frames', ['Pathway 1']],
      ['Notes', ['Remember the venue']],
    ]);
    // The attached indicator is listed under its outcome, and counted nowhere as a card of its own.
    expect(sections.some((section) => section.kind === 'indicator')).toBe(false);
    expect(
      attachmentsByHost(graph, sortedOutline(graph).attached)
        .get(ids.outcomeB)
        ?.map((n) => n.id),
    ).toEqual([ids.indicator]);
  });

  it('names the sections in the interface language', () => {
    const graph = readMapGraph(sampleMap().doc);
    const sections = outlineSections(graph, sortedOutline(graph).cards, translator('fr', 'outline'));
    expect(sections.map((section) => section.heading)).toEqual([
      'Impact',
      'Effets',
      'Activités',
      'Hypothèses',
      'Cadres de chemin de changement',
      'Notes',
    ]);
    const arabic = outlineSections(graph, sortedOutline(graph).cards, translator('ar', 'outline'));
    expect(arabic[1]?.heading).toBe('النتائج');
  });

  it('counts attached cards of a kind that also has cards on the canvas', () => {
    const { doc, ids } = sampleMap();
    const second = addNode(doc, { kind: 'indicator', label: 'Calls held', x: 0, y: 0 }, me);
    const graph = readMapGraph(doc);
    const indicators = outlineSections(graph, sortedOutline(graph).cards, translator('en', 'outline')).find(
      (s) => s.kind === 'indicator',
    );
    expect(indicators?.cards.map((card) => card.id)).toEqual([second]);
    expect(indicators?.attachedElsewhere).toBe(1);
    expect(ids.indicator).toBeTruthy();
  });

  it('orders links by their source card, then their target', () => {
    const { doc, ids, link } = sampleMap();
    const second = connect(doc, { source: ids.outcomeA, target: ids.impact }, me);
    const third = connect(doc, { source: ids.activity, target: ids.outcomeA }, me);
    if (!second.ok || !third.ok) throw new Error('link refused');
    expect(sortedOutline(readMapGraph(doc)).links).toEqual([second.id, third.id, link]);
  });
});

describe('stableOrder', () => {
  it('follows the sorted order when not frozen', () => {
    expect(stableOrder(['b', 'a'], ['a', 'b'], false)).toEqual(['a', 'b']);
  });

  it('keeps the shown order while frozen: a renamed card does not move under the focus', () => {
    expect(stableOrder(['a', 'b', 'c'], ['b', 'c', 'a'], true)).toEqual(['a', 'b', 'c']);
  });

  it('while frozen, drops gone rows and places new ones after their predecessor in sorted order', () => {
    expect(stableOrder(['a', 'b', 'c'], ['a', 'x', 'c', 'y'], true)).toEqual(['a', 'x', 'c', 'y']);
    expect(stableOrder(['b', 'c'], ['a', 'b', 'c'], true)).toEqual(['a', 'b', 'c']);
  });

  it('returns the previous list itself when nothing changed (memoized rows stay put)', () => {
    const previous = ['a', 'b'];
    expect(stableOrder(previous, ['a', 'b'], false)).toBe(previous);
    expect(stableOrder(previous, ['b', 'a'], true)).toBe(previous);
  });

  it('reorders a renamed card once the outline is left', () => {
    const { doc, ids } = sampleMap();
    const before = sortedOutline(readMapGraph(doc)).cards;
    setNodeLabel(doc, ids.outcomeA, 'Zebra crossings are safer', me);
    const after = sortedOutline(readMapGraph(doc)).cards;
    expect(stableOrder(before, after, true)).toBe(before);
    expect(stableOrder(before, after, false).indexOf(ids.outcomeA)).toBeGreaterThan(after.indexOf(ids.outcomeB) - 1);
  });
});

describe('StableViews', () => {
  it('keeps the view objects of cards and links that did not change', () => {
    const { doc, ids, link } = sampleMap();
    const views = new StableViews();
    const first = views.stabilise(readMapGraph(doc));
    setNodeLabel(doc, ids.note, 'Book the venue', me);
    const second = views.stabilise(readMapGraph(doc));
    expect(second.nodeById.get(ids.impact)).toBe(first.nodeById.get(ids.impact));
    expect(second.edgeById.get(link)).toBe(first.edgeById.get(link));
    expect(second.nodeById.get(ids.note)).not.toBe(first.nodeById.get(ids.note));
    expect(second.nodeById.get(ids.note)?.label).toBe('Book the venue');
    expect(second.nodes.map((node) => node.id)).toEqual(first.nodes.map((node) => node.id));
  });

  it('compares plain data deeply', () => {
    expect(sameData({ a: [1, { b: 'x' }], c: null }, { a: [1, { b: 'x' }], c: null })).toBe(true);
    expect(sameData({ a: [1, { b: 'x' }] }, { a: [1, { b: 'y' }] })).toBe(false);
    expect(sameData([1], { 0: 1 })).toBe(false);
    expect(sameData({ a: 1 }, { a: 1, b: undefined })).toBe(false);
  });
});
