import * as Y from 'yjs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addEntry,
  addNode,
  addNodeTag,
  applyMapPatch,
  attachNode,
  connect,
  createOrigin,
  emptyMapState,
  fromMapJSON,
  getEdges,
  getNodes,
  initMap,
  lanesFrom,
  mapStateToJSON,
  MapStateRecorder,
  moveNodes,
  parseMapState,
  readMapState,
  readNode,
  removeNodes,
  serialiseMapState,
  setEdgeLabel,
  setLanes,
  setMapTitle,
  setNodeField,
  setNodeLabel,
  toMapJSON,
  type EdgeId,
  type MapJSON,
  type MapPatch,
  type NodeId,
} from '../src/index.ts';
import { fullMap } from './fullMap.ts';
import { syncOnce } from './replicas.ts';

/**
 * The history index (docs/document-format.md, "History"): the field-level patch recorded for
 * every update, applied in order from an empty state, must give at every point exactly the
 * MapJSON that toMapJSON reads from the document at that point.
 */

const local = createOrigin('user', 'ana');
const remote = createOrigin('user', 'ben');

type Op =
  | { kind: 'add'; who: number; label: string; x: number }
  | { kind: 'label'; who: number; pick: number; label: string }
  | { kind: 'type'; who: number; pick: number; at: number; typed: string; erase: number }
  | { kind: 'move'; who: number; pick: number; x: number; y: number }
  | { kind: 'remove'; who: number; pick: number }
  | { kind: 'link'; who: number; a: number; b: number }
  | { kind: 'rationale'; who: number; pick: number; label: string }
  | { kind: 'attach'; who: number; pick: number; host: number }
  | { kind: 'review'; who: number; pick: number }
  | { kind: 'field'; who: number; pick: number; on: boolean }
  | { kind: 'tag'; who: number; pick: number; tag: string }
  | { kind: 'title'; who: number; label: string }
  | { kind: 'lanes'; who: number; top: number }
  | { kind: 'sync'; from: number };

const who = fc.nat({ max: 1 });
const pick = fc.nat({ max: 30 });
// Short and long texts: texts of 24 characters and more are stored as splices (H2).
const text = fc.oneof(fc.string({ maxLength: 12 }), fc.string({ minLength: 20, maxLength: 60 }));
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('add' as const), who, label: text, x: fc.integer({ min: -500, max: 500 }) }),
  fc.record({ kind: fc.constant('label' as const), who, pick, label: text }),
  fc.record({
    kind: fc.constant('type' as const),
    who,
    pick,
    at: fc.nat({ max: 80 }),
    typed: fc.string({ maxLength: 3 }),
    erase: fc.nat({ max: 2 }),
  }),
  fc.record({ kind: fc.constant('move' as const), who, pick, x: fc.integer(), y: fc.integer({ min: -900, max: 900 }) }),
  fc.record({ kind: fc.constant('remove' as const), who, pick }),
  fc.record({ kind: fc.constant('link' as const), who, a: pick, b: pick }),
  fc.record({ kind: fc.constant('rationale' as const), who, pick, label: text }),
  fc.record({ kind: fc.constant('attach' as const), who, pick, host: pick }),
  fc.record({ kind: fc.constant('review' as const), who, pick }),
  fc.record({ kind: fc.constant('field' as const), who, pick, on: fc.boolean() }),
  fc.record({ kind: fc.constant('tag' as const), who, pick, tag: fc.constantFrom('peer', 'Peer', 'city') }),
  fc.record({ kind: fc.constant('title' as const), who, label: text }),
  fc.record({ kind: fc.constant('lanes' as const), who, top: fc.integer({ min: -400, max: 400 }) }),
  fc.record({ kind: fc.constant('sync' as const), from: who }),
);

const nodeIds = (doc: Y.Doc): NodeId[] => [...getNodes(doc).keys()].sort() as NodeId[];
const edgeIds = (doc: Y.Doc): EdgeId[] => [...getEdges(doc).keys()].sort() as EdgeId[];
const nth = <T>(list: T[], i: number): T | undefined => (list.length === 0 ? undefined : list[i % list.length]);

function run(doc: Y.Doc, o: Exclude<Op, { kind: 'sync' }>): void {
  const origin = o.who === 0 ? local : remote;
  const node = 'pick' in o ? nth(nodeIds(doc), o.pick) : undefined;
  switch (o.kind) {
    case 'add':
      addNode(doc, { kind: o.x % 3 === 0 ? 'assumption' : 'outcome', label: o.label, x: o.x, y: 0 }, origin);
      break;
    case 'label':
      if (node) setNodeLabel(doc, node, o.label, origin);
      break;
    case 'type': {
      // Typing in the middle of a title: a few characters in, a few out.
      const label = node ? readNode(node, getNodes(doc).get(node))?.label : undefined;
      if (node && label !== undefined) {
        const at = Math.min(o.at, label.length);
        setNodeLabel(doc, node, label.slice(0, at) + o.typed + label.slice(at + o.erase), origin);
      }
      break;
    }
    case 'move':
      if (node) moveNodes(doc, [{ id: node, x: o.x, y: o.y }], origin);
      break;
    case 'remove':
      if (node) removeNodes(doc, [node], origin);
      break;
    case 'link': {
      const ids = nodeIds(doc);
      const a = nth(ids, o.a);
      const b = nth(ids, o.b);
      if (a && b && a !== b) connect(doc, { source: a, target: b }, origin);
      break;
    }
    case 'rationale': {
      const edge = nth(edgeIds(doc), o.pick);
      if (edge) setEdgeLabel(doc, edge, o.label, origin);
      break;
    }
    case 'attach': {
      const host = nth([...nodeIds(doc), ...edgeIds(doc)], o.host);
      if (node && host) attachNode(doc, node, host, origin);
      break;
    }
    case 'review':
      if (node) addEntry(doc, node, 'reviews', { date: '2026-03-12', status: 'at-risk', note: 'n', by: 'A' }, origin);
      break;
    case 'field':
      if (node) setNodeField(doc, node, 'status', o.on ? 'red' : null, origin);
      break;
    case 'tag':
      if (node) addNodeTag(doc, node, o.tag, origin);
      break;
    case 'title':
      setMapTitle(doc, o.label || 'Map', origin);
      break;
    case 'lanes':
      setLanes(doc, o.top % 2 === 0 ? lanesFrom(o.top) : null, origin);
      break;
  }
}

describe('history index: recorded patches', () => {
  it('replayed from empty, give toMapJSON of the document at every point (with remote and concurrent updates)', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 40 }), (ops) => {
        const server = new Y.Doc();
        const peers = [new Y.Doc(), new Y.Doc()];
        initMap(peers[0]!, { title: 'Map', kind: 'theory-of-change' }, local);
        syncOnce(peers[0]!, peers[1]!);
        const recorder = new MapStateRecorder(server);
        const patches: MapPatch[] = [];
        const expected: MapJSON[] = [];
        server.on('update', () => {
          const change = recorder.take();
          if (change) {
            patches.push(change.patch);
            expected.push(toMapJSON(server));
          }
        });
        syncOnce(peers[0]!, server);
        for (const o of ops) {
          if (o.kind === 'sync') syncOnce(peers[o.from]!, server);
          else run(peers[o.who]!, o);
          syncOnce(peers[0]!, server);
        }
        syncOnce(peers[1]!, server);
        const state = emptyMapState();
        patches.forEach((patch, i) => {
          applyMapPatch(state, patch);
          // Equal content; key order may differ (zod writes keys in its schema's order).
          expect(mapStateToJSON(state)).toEqual(expected[i]);
        });
        expect(mapStateToJSON(state)).toEqual(toMapJSON(server));
        expect(mapStateToJSON(recorder.current)).toEqual(toMapJSON(server));
        recorder.destroy();
      }),
      { numRuns: 150 },
    );
  });
});

describe('history index: states and summaries', () => {
  it('reads a whole map, survives its stored form, and gives the MapJSON of the document', () => {
    const doc = fromMapJSON(fullMap());
    const state = readMapState(doc);
    expect(mapStateToJSON(parseMapState(serialiseMapState(state)))).toEqual(toMapJSON(doc));
  });

  it('unsets a field when an update clears it', () => {
    const doc = new Y.Doc();
    const recorder = new MapStateRecorder(doc);
    const state = emptyMapState();
    const step = (): void => applyMapPatch(state, recorder.take()!.patch);
    initMap(doc, { title: 'Map', kind: 'theory-of-change' }, local);
    step();
    const id = addNode(doc, { kind: 'outcome', label: 'x', x: 0, y: 0 }, local);
    step();
    setNodeField(doc, id, 'status', 'red', local);
    step();
    setNodeField(doc, id, 'status', null, local);
    step();
    expect(mapStateToJSON(state)).toEqual(toMapJSON(doc));
    expect(mapStateToJSON(state).nodes[0]).not.toHaveProperty('status');
  });

  it('names added, changed, moved and removed cards and links the way people read them', () => {
    const doc = new Y.Doc();
    initMap(doc, { title: 'Map', kind: 'theory-of-change' }, local);
    const recorder = new MapStateRecorder(doc);
    const a = addNode(doc, { kind: 'activity', label: 'Run peer calls', x: 0, y: 0 }, local);
    expect(recorder.take()?.summary).toMatchObject({ added: [{ id: a, kind: 'activity', label: 'Run peer calls' }] });
    const b = addNode(doc, { kind: 'outcome', label: 'Peers share failures', x: 0, y: 0 }, local);
    recorder.take();
    const link = connect(doc, { source: a, target: b }, local);
    expect(link.ok).toBe(true);
    const linkId = link.ok ? link.id : ('' as EdgeId);
    expect(recorder.take()?.summary.added).toEqual([
      { id: linkId, kind: 'link', label: 'Run peer calls → Peers share failures' },
    ]);
    setEdgeLabel(doc, linkId, 'Because trust grows', local);
    expect(recorder.take()?.summary.changed).toEqual([
      { id: linkId, kind: 'link', label: 'Run peer calls → Peers share failures', fields: ['rationale'] },
    ]);
    moveNodes(doc, [{ id: b, x: 40, y: 80 }], local);
    const moved = recorder.take();
    expect(moved?.summary.moved).toEqual([{ id: b, kind: 'outcome', label: 'Peers share failures' }]);
    expect(moved?.patch).toEqual({ n: { [b]: { x: 40, y: 80 } } });
    addEntry(doc, b, 'readings', { date: '2026-03-12', value: '4', note: '', by: 'Ana' }, local);
    expect(recorder.take()?.summary.changed[0]?.fields).toEqual(['readings']);
    removeNodes(doc, [a], local);
    const removed = recorder.take()!.summary.removed.map((e) => e.label);
    expect(removed).toEqual(['Run peer calls', 'Run peer calls → Peers share failures']);
    setMapTitle(doc, 'Our theory', local);
    expect(recorder.take()?.summary.meta).toEqual(['title']);
    expect(recorder.take()).toBeNull();
  });

  it('keeps a card whose id is __proto__ (ids are data), also through the stored form', () => {
    const doc = new Y.Doc();
    const recorder = new MapStateRecorder(doc);
    const state = emptyMapState();
    const step = (): string[] => {
      const taken = recorder.take()!;
      applyMapPatch(state, JSON.parse(JSON.stringify(taken.patch)) as MapPatch);
      return taken.ids;
    };
    initMap(doc, { title: 'Map', kind: 'theory-of-change' }, local);
    step();
    addNode(doc, { id: '__proto__' as NodeId, kind: 'outcome', label: 'Odd id', x: 0, y: 0 }, local);
    expect(step()).toEqual(['__proto__']);
    setNodeLabel(doc, '__proto__' as NodeId, 'Odd id, renamed', local);
    expect(step()).toEqual(['__proto__']);
    expect(mapStateToJSON(state)).toEqual(toMapJSON(doc));
  });
});
