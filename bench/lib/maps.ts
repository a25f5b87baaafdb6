/**
 * Map content for the scenarios, written only through the named operations of @loopmap/shared.
 */
import * as Y from 'yjs';
import {
  addNode,
  connect,
  createOrigin,
  initMap,
  moveNodes,
  setNodeLabel,
  sliceUpdate,
  type NodeId,
  type NodeKind,
} from '@loopmap/shared';

const ORIGIN = createOrigin('user', 'bench');
const KINDS: NodeKind[] = ['note'];

/** A small deterministic PRNG (mulberry32), so every run builds the same shapes. */
export function prng(seed: number): () => number {
  let s = seed | 0;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface BuiltMap {
  /** The content as updates that each fit a frame (sliced as the client slices them). */
  chunks: Uint8Array[];
  stateBytes: number;
  nodes: number;
  links: number;
  buildMs: number;
}

/**
 * A grid of `nodes` labelled notes plus `links` links. Operations are grouped into transactions of
 * `perChunk` operations, so the map travels as a few updates of some tens of KB.
 */
export function buildMap(nodes: number, links: number, labelLength = 20, perChunk = 250): BuiltMap {
  const started = performance.now();
  const doc = new Y.Doc();
  const chunks: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => chunks.push(update));
  initMap(doc, { title: `bench ${nodes}`, kind: 'theory-of-change' }, ORIGIN);
  const ids: NodeId[] = [];
  for (let start = 0; start < nodes; start += perChunk) {
    doc.transact(() => {
      for (let i = start; i < Math.min(nodes, start + perChunk); i++) {
        const label = `Node ${i} `.padEnd(labelLength, '.');
        const kind = KINDS[i % KINDS.length]!;
        ids.push(addNode(doc, { kind, label, x: (i % 70) * 220, y: Math.floor(i / 70) * 140 }, ORIGIN));
      }
    }, ORIGIN);
  }
  let made = 0;
  let attempt = 0;
  while (made < links && attempt < links * 3 && ids.length > 1) {
    doc.transact(() => {
      for (let n = 0; n < perChunk && made < links && attempt < links * 3; n++, attempt++) {
        const source = ids[attempt % ids.length]!;
        const target = ids[(attempt * 7 + 1 + Math.floor(attempt / ids.length)) % ids.length]!;
        if (connect(doc, { source, target }, ORIGIN).ok) made++;
      }
    }, ORIGIN);
  }
  const stateBytes = Y.encodeStateAsUpdate(doc).length;
  doc.destroy();
  return {
    chunks: chunks.flatMap((chunk) => sliceUpdate(chunk)),
    stateBytes,
    nodes: ids.length,
    links: made,
    buildMs: performance.now() - started,
  };
}

export interface History {
  /** One update per named operation, in order; the first is the map's meta (initMap). */
  updates: Uint8Array[];
  /** The merged state of the whole history, as the server's compaction would store it. */
  state: Uint8Array;
  logBytes: number;
  nodes: number;
}

/**
 * An editing session of exactly `count` updates: nodes added, linked, relabelled (typing one
 * character per update) and moved (one update per drop), as users produce them.
 */
export function buildHistory(count: number, seed = 42): History {
  const rnd = prng(seed);
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  initMap(doc, { title: 'long history', kind: 'theory-of-change' }, ORIGIN);
  const ids: NodeId[] = [];
  const labels = new Map<NodeId, string>();
  const pick = (): NodeId => ids[Math.floor(rnd() * ids.length)]!;
  for (let i = 0; updates.length < count && i < count * 10; i++) {
    const r = i % 10;
    if (ids.length < 2 || (r < 2 && ids.length < count / 6)) {
      const id = addNode(doc, { kind: 'note', label: `Idea ${ids.length}`, x: rnd() * 5000, y: rnd() * 5000 }, ORIGIN);
      ids.push(id);
      labels.set(id, `Idea ${ids.length - 1}`);
    } else if (r === 2) {
      connect(doc, { source: pick(), target: pick() }, ORIGIN);
    } else if (r < 5) {
      const id = pick();
      const label = (labels.get(id) ?? '') + 'abcdefghij'[i % 10]!;
      labels.set(id, label);
      setNodeLabel(doc, id, label, ORIGIN);
    } else {
      moveNodes(doc, [{ id: pick(), x: rnd() * 5000, y: rnd() * 5000 }], ORIGIN);
    }
  }
  const state = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return { updates, state, logBytes: updates.reduce((sum, u) => sum + u.length, 0), nodes: ids.length };
}
