import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addNode, connect, createOrigin, readMapGraph, setNodeLabel, type NodeId } from '@loopmap/shared';
import { ReplayFrames } from '../src/canvas/ReplayFrames.ts';
import { ReplayGraph } from '../src/canvas/ReplayGraph.ts';
import { VersionFlowStore } from '../src/canvas/VersionFlowStore.ts';
import type { AnimationClock } from '../src/canvas/animatePositions.ts';
import { ReplayPlayer, type ReplayUpdate } from '../src/collab/ReplayPlayer.ts';

const me = createOrigin('user', 'me');

function recordLog(cards: number): ReplayUpdate[] {
  const doc = new Y.Doc();
  const log: ReplayUpdate[] = [];
  doc.on('update', (data: Uint8Array) => log.push({ seq: log.length + 1, at: log.length * 1000, author: 'ana', data }));
  const ids: NodeId[] = [];
  for (let i = 0; i < cards; i++) {
    ids.push(addNode(doc, { kind: 'outcome', label: `Card ${i}`, x: i * 10, y: 0 }, me));
    if (i > 0) connect(doc, { source: ids[i - 1]!, target: ids[i]! }, me);
    setNodeLabel(doc, ids[i]!, `Card ${i}, written`, me);
  }
  return log;
}

/** A clock whose frames run only when the test says so. */
function manualClock(): AnimationClock & { flush(): number } {
  let next = 1;
  let queue = new Map<number, () => void>();
  let now = 0;
  return {
    now: () => now,
    frame: (callback) => {
      queue.set(next, callback);
      return next++;
    },
    cancel: (handle) => void queue.delete(handle),
    flush: () => {
      now += 16;
      const run = [...queue.values()];
      queue = new Map();
      for (const callback of run) callback();
      return run.length;
    },
  };
}

describe('ReplayGraph', () => {
  it('gives the same graph as reading the whole document, re-reading only what changed', () => {
    const log = recordLog(40);
    const player = new ReplayPlayer({ checkpointEvery: 20, rebuildDistance: 1000 });
    player.append(log);
    const reader = new ReplayGraph();
    for (const position of [log.length, 60, 61, 30, 119, 5, log.length]) {
      player.seek(position);
      const before = reader.read(player.document);
      expect(before).toEqual(readMapGraph(player.document));
    }
    player.seek(50);
    const prev = reader.read(player.document);
    player.seek(51);
    const next = reader.read(player.document);
    // One update changed one record: every other view is the same object.
    const kept = next.nodes.filter((node) => prev.nodeById.get(node.id) === node).length;
    expect(kept).toBeGreaterThanOrEqual(next.nodes.length - 1);
    expect(reader.changed?.size).toBe(1);
  });
});

describe('ReplayFrames', () => {
  it('draws at most once per animation frame, for the last position asked', () => {
    const log = recordLog(30);
    const player = new ReplayPlayer();
    player.append(log);
    const store = new VersionFlowStore();
    const clock = manualClock();
    const frames = new ReplayFrames(player, store, clock);
    const drawn: number[] = [];
    frames.onFrame((position) => drawn.push(position));
    frames.drawNow(log.length);
    for (let p = 80; p > 20; p -= 3) frames.request(p);
    // A long jump right after another waits (LONG_JUMP_INTERVAL_MS, 150 ms: about 9 frames of 16 ms),
    // and is then drawn once, for the last position asked.
    let flushed = 0;
    while (drawn.length < 2 && flushed < 30) {
      clock.flush();
      flushed++;
    }
    expect(flushed).toBeGreaterThanOrEqual(9);
    expect(flushed).toBeLessThanOrEqual(10);
    expect(drawn).toEqual([log.length, 23]);
    expect(frames.stats.frames).toBe(2);
    expect(frames.stats.skipped).toBeGreaterThan(15);
    expect(store.getNodes().length).toBe(readMapGraph(player.document).nodes.length);
    expect(clock.flush()).toBe(0);
  });

  it('lights what a short step changed, keeps every other card as it was', () => {
    const log = recordLog(30);
    const player = new ReplayPlayer();
    player.append(log);
    const store = new VersionFlowStore();
    const clock = manualClock();
    const frames = new ReplayFrames(player, store, clock);
    // Update 60 relabels a card (each card: added, linked, relabelled).
    frames.drawNow(59);
    const before = store.getNodes();
    const edgesBefore = store.getEdges();
    frames.request(60, { tween: true });
    clock.flush();
    const after = store.getNodes();
    const lit = after.filter((node) => node.className?.includes('mark--current'));
    expect(lit.length).toBe(1);
    expect(lit[0]!.ariaLabel).toMatch(/^Just changed: /);
    expect(after.filter((node) => !before.includes(node)).map((n) => n.id)).toEqual(lit.map((n) => n.id));
    expect(store.getEdges()).toBe(edgesBefore);
    // Scrubbing (no tween) lights nothing.
    frames.request(61);
    clock.flush();
    expect(store.getNodes().some((node) => node.className?.includes('mark--current'))).toBe(false);
  });
});

describe('VersionFlowStore', () => {
  it('applies selection and measurement from React Flow, never moves or removals', () => {
    const log = recordLog(3);
    const player = new ReplayPlayer();
    player.append(log);
    player.seek(log.length);
    const store = new VersionFlowStore();
    store.show(readMapGraph(player.document));
    const [first] = store.getNodes();
    store.onNodesChange([
      { type: 'position', id: first!.id, position: { x: 999, y: 999 } },
      { type: 'remove', id: first!.id },
    ]);
    expect(store.getNodes()[0]!.position).toEqual(first!.position);
    store.onNodesChange([{ type: 'select', id: first!.id, selected: true }]);
    expect(store.getSelected()).toBe(first!.id);
    const link = store.getEdges()[0]!;
    store.select(link.id);
    expect(store.getSelected()).toBe(link.id);
    expect(store.getNodes().some((node) => node.selected)).toBe(false);
  });
});
