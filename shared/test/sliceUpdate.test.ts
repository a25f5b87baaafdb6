import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import {
  addNode,
  createOrigin,
  MAX_FRAME_BYTES,
  MAX_NARRATIVE_LENGTH,
  readNodes,
  removeNodes,
  setNodeNarrative,
  sliceUpdate,
  syncReplyFrames,
  toMapJSON,
  type NodeId,
} from '../src/index.ts';

/** A document with nothing pending: every struct and delete it received was integrated. */
function settled(doc: Y.Doc): boolean {
  return doc.store.pendingStructs === null && doc.store.pendingDs === null;
}

function copyOf(doc: Y.Doc, clientID: number): Y.Doc {
  const copy = new Y.Doc();
  copy.clientID = clientID;
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}

type Op =
  | { kind: 'set'; replica: number; key: string; value: string }
  | { kind: 'delete'; replica: number; key: string }
  | { kind: 'text'; replica: number; at: number; remove: number; insert: string }
  | { kind: 'list'; replica: number; at: number; insert: string[]; remove: number }
  | { kind: 'sync'; from: number; to: number };

const replica = fc.nat({ max: 2 });
const key = fc.constantFrom('a', 'b', 'c', 'd', 'e');
const word = fc.string({ maxLength: 40 });
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), replica, key, value: word }),
  fc.record({ kind: fc.constant('delete' as const), replica, key }),
  fc.record({ kind: fc.constant('text' as const), replica, at: fc.nat(), remove: fc.nat({ max: 5 }), insert: word }),
  fc.record({
    kind: fc.constant('list' as const),
    replica,
    at: fc.nat(),
    insert: fc.array(word, { maxLength: 4 }),
    remove: fc.nat({ max: 2 }),
  }),
  fc.record({ kind: fc.constant('sync' as const), from: replica, to: replica }),
);

function run(doc: Y.Doc, step: Op): void {
  const map = doc.getMap('m');
  const text = doc.getText('t');
  const list = doc.getArray<string>('l');
  switch (step.kind) {
    case 'set': {
      // Nested types too: their items depend on their parent's id.
      const inner = map.get(step.key);
      if (inner instanceof Y.Map) inner.set(step.value.slice(0, 3), step.value);
      else map.set(step.key, step.value.length % 2 === 0 ? step.value : new Y.Map([[step.value, step.key]]));
      break;
    }
    case 'delete':
      map.delete(step.key);
      break;
    case 'text': {
      const at = step.at % (text.length + 1);
      text.delete(at, Math.min(step.remove, text.length - at));
      text.insert(at, step.insert);
      break;
    }
    case 'list': {
      const at = step.at % (list.length + 1);
      list.delete(at, Math.min(step.remove, list.length - at));
      list.insert(at, step.insert);
      break;
    }
    case 'sync':
      break;
  }
}

describe('slicing a large sync reply', () => {
  it('every slice applies completely in order, and together they make the whole', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 30 }), fc.array(op, { maxLength: 60 }), (before, offline) => {
        const server = new Y.Doc();
        server.clientID = 1;
        for (const step of before) run(server, step.kind === 'sync' ? step : step);
        // Three offline replicas of the client (tabs or reloads: new client ids) that sync among themselves.
        const replicas = [copyOf(server, 10), copyOf(server, 11), copyOf(server, 12)];
        for (const step of offline) {
          if (step.kind === 'sync') {
            const from = replicas[step.from]!;
            const to = replicas[step.to]!;
            Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
          } else run(replicas[step.replica]!, step);
        }
        const client = replicas[0]!;
        for (const other of replicas.slice(1)) Y.applyUpdate(client, Y.encodeStateAsUpdate(other));
        const diff = Y.encodeStateAsUpdate(client, Y.encodeStateVector(server));
        const slices = sliceUpdate(diff, 64);
        for (const slice of slices) {
          Y.applyUpdate(server, slice);
          expect(settled(server)).toBe(true);
        }
        expect(server.getMap('m').toJSON()).toEqual(client.getMap('m').toJSON());
        expect(server.getText('t').toString()).toBe(client.getText('t').toString());
        expect(server.getArray('l').toJSON()).toEqual(client.getArray('l').toJSON());
        expect(Y.encodeStateVector(server)).toEqual(Y.encodeStateVector(client));
      }),
      { numRuns: 300, seed: 20261204 },
    );
  });

  it('20,000 cards made offline become frames well under the frame limit, each settling on the server', () => {
    const server = new Y.Doc();
    addNode(server, { kind: 'impact', label: 'Already on the server', x: 0, y: 0 }, createOrigin('user', 'a'));
    const client = copyOf(server, 77);
    const origin = createOrigin('user', 'b');
    client.transact(() => {
      for (let i = 0; i < 20_000; i++) {
        addNode(
          client,
          { kind: 'output', label: `Offline card ${i}`, x: (i % 200) * 240, y: Math.floor(i / 200) * 120 },
          origin,
        );
      }
    }, origin);
    const whole = Y.encodeStateAsUpdate(client, Y.encodeStateVector(server));
    expect(whole.length).toBeGreaterThan(MAX_FRAME_BYTES);

    const frames = syncReplyFrames(client, Y.encodeStateVector(server));
    expect(frames.length).toBeGreaterThan(5);
    for (const frame of frames) {
      expect(frame.length).toBeLessThan(MAX_FRAME_BYTES / 2);
      const decoder = decoding.createDecoder(frame);
      expect(decoding.readVarUint(decoder)).toBe(0);
      decoding.readVarUint(decoder);
      Y.applyUpdate(server, decoding.readVarUint8Array(decoder));
      expect(settled(server)).toBe(true);
    }
    expect(toMapJSON(server)).toEqual(toMapJSON(client));
  }, 30_000);

  it('a large live change (every card moved) slices into updates that settle on a synced peer', () => {
    const a = new Y.Doc();
    const origin = createOrigin('user', 'a');
    a.transact(() => {
      for (let i = 0; i < 2_000; i++) addNode(a, { kind: 'output', label: `Card ${i}`, x: i, y: 0 }, origin);
    }, origin);
    const b = copyOf(a, 99);
    let live: Uint8Array | null = null;
    a.on('update', (update: Uint8Array) => (live = update));
    a.transact(() => {
      for (const [, node] of a.getMap('nodes')) {
        if (node instanceof Y.Map) node.set('x', ((node.get('x') as number) ?? 0) + 500);
      }
    }, origin);
    expect(live).not.toBeNull();
    const slices = sliceUpdate(live!, 8 * 1024);
    expect(slices.length).toBeGreaterThan(3);
    for (const slice of slices) {
      Y.applyUpdate(b, slice);
      expect(settled(b)).toBe(true);
    }
    expect(toMapJSON(b)).toEqual(toMapJSON(a));
  });

  it.each([
    ['with a new card in the same change', true],
    ['alone (before, an update of deletions only came out as no slices at all: nothing sent)', false],
  ])(
    'deleting every other card of 40,000 slices its delete set too, %s: every frame fits, each settles',
    (_, withCard) => {
      const a = new Y.Doc();
      const origin = createOrigin('user', 'a');
      const ids: NodeId[] = [];
      a.transact(() => {
        for (let i = 0; i < 40_000; i++) ids.push(addNode(a, { kind: 'output', label: `${i}`, x: i, y: 0 }, origin));
      }, origin);
      const b = copyOf(a, 99);
      let live: Uint8Array | null = null;
      a.on('update', (update: Uint8Array) => (live = update));
      a.transact(() => {
        removeNodes(
          a,
          ids.filter((_, i) => i % 2 === 0),
          origin,
        );
        if (withCard) addNode(a, { kind: 'outcome', label: 'What remains', x: 0, y: 0 }, origin);
      }, origin);
      expect(live!.length).toBeGreaterThan(MAX_FRAME_BYTES);
      const slices = sliceUpdate(live!);
      expect(slices.length).toBeGreaterThan(2);
      for (const slice of slices) {
        expect(slice.length + 8).toBeLessThan(MAX_FRAME_BYTES);
        Y.applyUpdate(b, slice);
        expect(settled(b)).toBe(true);
      }
      expect(Y.encodeStateVector(b)).toEqual(Y.encodeStateVector(a));
      expect(readNodes(b)).toHaveLength(withCard ? 20_001 : 20_000);
    },
    60_000,
  );

  it('the longest narrative, written in 3-byte characters, fits one frame', () => {
    const a = new Y.Doc();
    const origin = createOrigin('user', 'a');
    const id = addNode(a, { kind: 'outcome', label: 'Long', x: 0, y: 0 }, origin);
    const b = copyOf(a, 99);
    let live: Uint8Array | null = null;
    a.on('update', (update: Uint8Array) => (live = update));
    expect(setNodeNarrative(a, id, '目'.repeat(MAX_NARRATIVE_LENGTH), origin)).toBe(true);
    const frames = syncReplyFrames(a, Y.encodeStateVector(b));
    expect(Math.max(...frames.map((f) => f.length))).toBeGreaterThan(3 * MAX_NARRATIVE_LENGTH);
    for (const frame of frames) expect(frame.length).toBeLessThanOrEqual(MAX_FRAME_BYTES);
    for (const slice of sliceUpdate(live!)) expect(slice.length + 8).toBeLessThan(MAX_FRAME_BYTES);
  });

  it('a small reply stays one sync step 2', () => {
    const doc = new Y.Doc();
    doc.getMap('m').set('k', 'v');
    const frames = syncReplyFrames(doc, Y.encodeStateVector(new Y.Doc()));
    expect(frames).toHaveLength(1);
    expect([...frames[0]!.slice(0, 2)]).toEqual([0, 1]);
  });
});
