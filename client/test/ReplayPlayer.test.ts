import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addNode,
  buildTemplate,
  connect,
  createOrigin,
  moveNodes,
  removeNodes,
  setNodeLabel,
  toMapJSON,
  writeMapJSON,
  type NodeId,
} from '@loopmap/shared';
import { ReplayPlayer, decodeBase64, type ReplayUpdate } from '../src/collab/ReplayPlayer.ts';

/** A log as the server keeps it: every local transaction of two authors, one update each. */
function recordLog(): ReplayUpdate[] {
  const doc = new Y.Doc();
  const log: ReplayUpdate[] = [];
  let author = 'ana';
  doc.on('update', (data: Uint8Array) => {
    log.push({ seq: (log.length + 1) * 2, at: 1_700_000_000_000 + log.length * 1000, author, data });
  });
  const as = (who: string) => {
    author = who;
    return createOrigin('user', who);
  };
  writeMapJSON(doc, buildTemplate('logic-model', { title: 'Replay', today: '2026-03-12' }), as('ana'));
  const ids: NodeId[] = [];
  for (let i = 0; i < 120; i++) {
    const who = i % 3 === 0 ? 'rui' : 'ana';
    ids.push(addNode(doc, { kind: 'outcome', label: `Outcome ${i}`, x: i * 30, y: 0 }, as(who)));
    if (i > 0) connect(doc, { source: ids[i - 1]!, target: ids[i]! }, as(who));
    if (i % 7 === 0) moveNodes(doc, [{ id: ids[i]!, x: i * 30, y: 200 }], as(who));
    if (i % 11 === 0) setNodeLabel(doc, ids[i]!, `Outcome ${i}, renamed`, as(who));
    if (i % 13 === 12) removeNodes(doc, [ids[i - 5]!], as(who));
  }
  return log;
}

/** The map after the first `n` updates, replayed from zero. */
function fromZero(log: readonly ReplayUpdate[], n: number) {
  const doc = new Y.Doc();
  for (const update of log.slice(0, n)) Y.applyUpdate(doc, update.data);
  return toMapJSON(doc);
}

describe('ReplayPlayer', () => {
  const log = recordLog();

  it('gives, at any position, the same map as a replay from zero', () => {
    const player = new ReplayPlayer({ checkpointEvery: 25 });
    player.append(log.slice(0, 100));
    player.append(log.slice(100));
    expect(player.length).toBe(log.length);
    // Forward, backward, across checkpoints, to both ends.
    for (const position of [log.length, 0, 37, 26, 25, 24, 180, 3, log.length - 1, 99, 100, 101]) {
      player.seek(position);
      expect(player.position).toBe(position);
      expect(toMapJSON(player.document)).toEqual(fromZero(log, position));
    }
  });

  it('steps back and forth by undoing and redoing single changes, and agrees with a replay from zero', () => {
    const player = new ReplayPlayer({ checkpointEvery: 50, rebuildDistance: 10_000 });
    player.append(log);
    player.seek(log.length);
    // Scrub back and forth over the whole log, as a hand on the slider does.
    const path = [log.length - 1, log.length - 40, 120, 180, 61, 60, 59, 200, 51, 50, log.length, 75, 76];
    for (const position of path) {
      player.appliedCount = 0;
      const before = player.position;
      player.seek(position);
      expect(player.position).toBe(position);
      expect(player.appliedCount).toBeLessThanOrEqual(Math.abs(position - before));
      expect(toMapJSON(player.document)).toEqual(fromZero(log, position));
    }
  });

  it('jumps through the nearest checkpoint: never more than a short tail of updates', () => {
    const player = new ReplayPlayer({ checkpointEvery: 25, rebuildDistance: 50 });
    player.append(log);
    player.seek(log.length - 3);
    player.appliedCount = 0;
    player.seek(7);
    expect(player.appliedCount).toBe(7);
    player.appliedCount = 0;
    player.seek(8);
    expect(player.appliedCount).toBe(1);
    player.appliedCount = 0;
    player.seek(160);
    expect(player.appliedCount).toBe(160 % 25);
    expect(player.seek(160)).toBe(false);
    // Near: one undo, one redo.
    player.appliedCount = 0;
    player.seek(159);
    player.seek(160);
    expect(player.appliedCount).toBe(2);
  });

  it('finds positions by seq and steps between one contributor’s changes', () => {
    const player = new ReplayPlayer();
    player.append(log);
    expect(player.positionOfSeq(0)).toBe(0);
    expect(player.positionOfSeq(log[9]!.seq)).toBe(10);
    expect(player.positionOfSeq(log[9]!.seq + 1)).toBe(10);
    const byRui = (update: ReplayUpdate): boolean => update.author === 'rui';
    const first = player.step(0, 1, byRui)!;
    expect(player.updateAt(first)?.author).toBe('rui');
    expect(log.slice(0, first - 1).some(byRui)).toBe(false);
    const second = player.step(first, 1, byRui)!;
    expect(second).toBeGreaterThan(first);
    expect(player.step(second, -1, byRui)).toBe(first);
    expect(player.step(first, -1, byRui)).toBeNull();
    expect(player.step(log.length, 1)).toBeNull();
    expect(player.step(5, 1)).toBe(6);
    expect(player.step(5, -1)).toBe(4);
  });

  it('ignores updates it already has (a page fetched twice)', () => {
    const player = new ReplayPlayer();
    player.append(log.slice(0, 10));
    player.append(log.slice(5, 20));
    expect(player.length).toBe(20);
  });

  it('decodes the base64 updates of the REST log', () => {
    const bytes = new Uint8Array([0, 1, 2, 250, 255]);
    expect(decodeBase64(Buffer.from(bytes).toString('base64'))).toEqual(bytes);
  });
});
