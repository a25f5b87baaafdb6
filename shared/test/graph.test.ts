import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  ROOT_EDGES,
  addNode,
  attachmentsOf,
  buildMapGraph,
  connect,
  createOrigin,
  readMapGraph,
  readMeta,
  resolveAttachment,
  standsOnCanvas,
  type EdgeId,
  type NodeId,
  type NodeView,
} from '../src/index.ts';
import { edgeView, nodeView } from './views.ts';

const alice = createOrigin('user', 'alice');
const meta = readMeta(new Y.Doc());

const card = (id: string, kind: NodeView['kind'], attachedTo: string | null = null, label = id): NodeView =>
  nodeView({ id, kind, label, x: 0, y: 0 }, { attachedTo });
const link = (id: string, source: string, target: string): ReturnType<typeof edgeView> =>
  edgeView({ id, source, target, label: '' });

describe('buildMapGraph', () => {
  it('sorts cards and links by id and indexes them', () => {
    const graph = buildMapGraph(meta, [card('b', 'outcome'), card('a', 'activity')], [link('l', 'a', 'b')]);
    expect(graph.nodes.map((n) => n.id)).toEqual(['a', 'b']);
    expect(graph.edges.map((e) => e.id)).toEqual(['l']);
    expect(graph.nodeById.get('b')?.kind).toBe('outcome');
    expect(graph.edgeById.get('l')?.source).toBe('a');
    expect(graph.meta).toBe(meta);
  });

  it('leaves out links whose source or target is not a card of the map', () => {
    const graph = buildMapGraph(
      meta,
      [card('a', 'activity'), card('b', 'outcome')],
      [link('ok', 'a', 'b'), link('to-gone', 'a', 'gone'), link('from-gone', 'gone', 'b')],
    );
    expect([...graph.edgeById.keys()]).toEqual(['ok']);
  });

  it('keeps an attachment to a live link or a standing card, keeping the same view object', () => {
    const onLink = card('as', 'assumption', 'l');
    const onCard = card('in', 'indicator', 'b');
    const graph = buildMapGraph(
      meta,
      [card('a', 'activity'), card('b', 'outcome'), onLink, onCard],
      [link('l', 'a', 'b')],
    );
    expect(graph.nodeById.get('as')).toBe(onLink);
    expect(graph.nodeById.get('in')).toBe(onCard);
    expect(standsOnCanvas(onLink)).toBe(false);
  });

  it('resolves to null, so the card stands on the canvas, an attachment whose host is unusable', () => {
    const graph = buildMapGraph(
      meta,
      [
        card('a', 'activity'),
        card('b', 'outcome'),
        card('frame', 'group'),
        card('host', 'evidence', 'b'),
        card('to-missing', 'assumption', 'gone'),
        card('to-dangling', 'assumption', 'dangling'),
        card('to-frame', 'evidence', 'frame'),
        card('to-attached', 'indicator', 'host'),
        // Only assumptions, indicators and evidence are attachable; a risk that names a host stands.
        card('risk', 'risk', 'b'),
      ],
      [link('dangling', 'a', 'gone')],
    );
    for (const id of ['to-missing', 'to-dangling', 'to-frame', 'to-attached', 'risk']) {
      expect(graph.nodeById.get(id)?.attachedTo, id).toBeNull();
      expect(standsOnCanvas(graph.nodeById.get(id)!)).toBe(true);
    }
    expect(graph.nodeById.get('host')?.attachedTo).toBe('b');
  });

  it('resolveAttachment accepts the live links as a map or a set of ids', () => {
    const nodes = new Map([['as', card('as', 'assumption', 'l')]]);
    expect(resolveAttachment(nodes.get('as')!, nodes, new Set(['l']))).toBe('l');
    expect(resolveAttachment(nodes.get('as')!, nodes, new Set())).toBeNull();
  });
});

describe('readMapGraph', () => {
  it('reads the document with dangling links left out', () => {
    const doc = new Y.Doc();
    addNode(doc, { id: 'a' as NodeId, kind: 'activity', x: 0, y: 0 }, alice);
    addNode(doc, { id: 'b' as NodeId, kind: 'outcome', x: 0, y: 0 }, alice);
    connect(doc, { id: 'ab' as EdgeId, source: 'a' as NodeId, target: 'b' as NodeId }, alice);
    const dangling = new Y.Map<unknown>();
    dangling.set('source', 'a');
    dangling.set('target', 'gone');
    doc.getMap(ROOT_EDGES).set('dangling', dangling);
    addNode(doc, { id: 'e' as NodeId, kind: 'evidence', x: 0, y: 0, attachedTo: 'dangling' }, alice);
    const graph = readMapGraph(doc);
    expect(graph.edges.map((e) => e.id)).toEqual(['ab']);
    expect(graph.nodeById.get('e')?.attachedTo).toBeNull();
  });
});

describe('attachmentsOf', () => {
  it('lists the cards attached to a host by kind, then title', () => {
    const graph = buildMapGraph(
      meta,
      [
        card('b', 'outcome'),
        card('i2', 'indicator', 'b', 'Trust score'),
        card('e1', 'evidence', 'b', 'Survey'),
        card('i1', 'indicator', 'b', 'Attendance'),
        card('loose', 'indicator'),
      ],
      [],
    );
    expect(attachmentsOf(graph, 'b').map((n) => n.id)).toEqual(['e1', 'i1', 'i2']);
    expect(attachmentsOf(graph, 'loose')).toEqual([]);
  });
});
