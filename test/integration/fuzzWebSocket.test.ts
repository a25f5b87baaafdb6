import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import {
  addNode,
  CLOSE_CODES,
  connect as connectCards,
  encodeSyncMessage,
  createOrigin,
  MAX_FRAME_BYTES,
  MESSAGE_AWARENESS,
  MESSAGE_QUERY_AWARENESS,
  MESSAGE_SYNC,
  readNodes,
  setNodeLabel,
  SYNC_STEP_1,
  SYNC_STEP_2,
  SYNC_UPDATE,
  toMapJSON,
  type NodeId,
} from '@loopmap/shared';
import type { RunningServer } from '@loopmap/server';
import { connectPeer, type TestPeer } from './support/peers.ts';
import { removeDir, startTestServer, tempDataDir } from './support/servers.ts';
import { addMember, createMapAs, signUp, type Actor } from './support/accounts.ts';
import { openRawPeer, type RawPeer } from './support/rawPeer.ts';
import { waitFor } from './support/waitFor.ts';
import { seededRandom } from './support/random.ts';

/**
 * A seeded fuzzer over the WebSocket protocol, with two honest peers co-editing meanwhile:
 * random, truncated and mutated sync, update and presence messages, decoder bombs, oversized and
 * flood frames, from an editor and a viewer. No crash or hang, the honest peers converge with
 * bounded latency, and the stored map is intact after a restart.
 *
 *   FUZZ_FRAMES=200000 FUZZ_SEED=7 pnpm exec vitest run test/integration/fuzzWebSocket.test.ts
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261204);
const FRAMES = Number(process.env.FUZZ_FRAMES ?? 30_000);
/** Frames a fuzz socket sends before it closes itself (most are closed by the server sooner). */
const FRAMES_PER_SOCKET = 40;

/** The codes a fuzz socket may be closed with: each names what it did wrong. */
const EXPECTED_CLOSES = new Set<number>([
  CLOSE_CODES.badMessage,
  CLOSE_CODES.tooManyMessages,
  CLOSE_CODES.missingDependencies,
  CLOSE_CODES.overBudget,
  CLOSE_CODES.tooLarge,
  1000, // closed by the fuzzer itself
  1005,
]);

function frame(...parts: ((e: encoding.Encoder) => void)[]): Uint8Array {
  const encoder = encoding.createEncoder();
  for (const part of parts) part(encoder);
  return encoding.toUint8Array(encoder);
}

const sync = encodeSyncMessage;

const presence = (entries: [number, number, string][]): Uint8Array =>
  frame(
    (e) => encoding.writeVarUint(e, MESSAGE_AWARENESS),
    (e) =>
      encoding.writeVarUint8Array(
        e,
        frame(
          (u) => encoding.writeVarUint(u, entries.length),
          (u) => {
            for (const [id, clock, state] of entries) {
              encoding.writeVarUint(u, id);
              encoding.writeVarUint(u, clock);
              encoding.writeVarString(u, state);
            }
          },
        ),
      ),
  );

/** Builds fuzz frames from real material: updates of a real map, state vectors, presence. */
class FrameMaker {
  private readonly source = new Y.Doc();
  private readonly updates: Uint8Array[] = [];
  private readonly cards: NodeId[] = [];
  readonly counts = new Map<string, number>();

  constructor(private readonly rand: () => number) {
    this.source.on('update', (update: Uint8Array) => {
      this.updates.push(update);
      if (this.updates.length > 400) this.updates.shift();
    });
    for (let i = 0; i < 20; i++) this.edit();
  }

  private int(max: number): number {
    return Math.floor(this.rand() * max);
  }

  private pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }

  /** A real edit of the fuzzer's own copy (its updates are valid for the map). */
  private edit(): void {
    const origin = createOrigin('user', 'fuzzer');
    const r = this.rand();
    if (r < 0.5 || this.cards.length < 2) {
      this.cards.push(
        addNode(
          this.source,
          { kind: 'output', label: `Fuzz ${this.int(1e6)}`, x: this.int(5000), y: this.int(5000) },
          origin,
        ),
      );
    } else if (r < 0.8) {
      setNodeLabel(this.source, this.pick(this.cards), 'é😀'.repeat(this.int(30)), origin);
    } else {
      connectCards(
        this.source,
        { source: this.pick(this.cards), target: this.pick(this.cards), relation: 'leads-to' },
        origin,
      );
    }
  }

  private mutate(bytes: Uint8Array): Uint8Array {
    const out = Uint8Array.from(bytes);
    const flips = 1 + this.int(4);
    for (let i = 0; i < flips && out.length > 0; i++) out[this.int(out.length)] = this.int(256);
    return out;
  }

  private randomBytes(max: number): Uint8Array {
    const out = new Uint8Array(this.int(max));
    for (let i = 0; i < out.length; i++) out[i] = this.int(256);
    return out;
  }

  next(): { kind: string; frame: Uint8Array } {
    const kinds = [
      'valid update',
      'mutated update',
      'truncated update',
      'update out of order',
      'random bytes',
      'unknown type',
      'state vector',
      'mutated state vector',
      'presence',
      'presence, many ids',
      'presence, bad JSON',
      'presence, deep JSON',
      'query presence',
      'length bomb',
      'mutated presence',
    ] as const;
    // Half the frames are valid, so sockets live long enough for the bad ones to land mid-stream.
    const valid = ['valid update', 'state vector', 'presence', 'query presence'] as const;
    const kind = this.rand() < 0.5 ? this.pick(valid) : this.pick(kinds);
    this.counts.set(kind, (this.counts.get(kind) ?? 0) + 1);
    const latest = (): Uint8Array => {
      this.edit();
      return this.updates[this.updates.length - 1]!;
    };
    switch (kind) {
      case 'valid update':
        return { kind, frame: sync(SYNC_UPDATE, latest()) };
      case 'mutated update':
        return { kind, frame: this.mutate(sync(this.pick([SYNC_UPDATE, SYNC_STEP_2]), this.pick(this.updates))) };
      case 'truncated update': {
        const whole = sync(SYNC_UPDATE, latest());
        return { kind, frame: whole.slice(0, this.int(whole.length)) };
      }
      case 'update out of order': {
        // A later update without the one before it: its dependencies are missing.
        this.edit();
        this.edit();
        return { kind, frame: sync(SYNC_UPDATE, this.updates[this.updates.length - 1]!) };
      }
      case 'random bytes':
        return { kind, frame: this.randomBytes(300) };
      case 'unknown type':
        return {
          kind,
          frame: frame(
            (e) => encoding.writeVarUint(e, 5 + this.int(1000)),
            (e) => encoding.writeUint8Array(e, this.randomBytes(20)),
          ),
        };
      case 'state vector':
        return { kind, frame: sync(SYNC_STEP_1, Y.encodeStateVector(this.source)) };
      case 'mutated state vector':
        return { kind, frame: this.mutate(sync(SYNC_STEP_1, Y.encodeStateVector(this.source))) };
      case 'presence':
        return {
          kind,
          frame: presence([
            [9_000 + this.int(3), this.int(1e6), JSON.stringify({ cursor: { x: this.int(1e4), y: 0 } })],
          ]),
        };
      case 'presence, many ids':
        return {
          kind,
          frame: presence(
            Array.from({ length: 50 }, (_, i) => [100_000 + this.int(1e6) + i, 1, '{}'] as [number, number, string]),
          ),
        };
      case 'presence, bad JSON':
        return { kind, frame: presence([[9_001, this.int(1e6), '{"cursor":' + '['.repeat(this.int(5))]]) };
      case 'presence, deep JSON':
        return { kind, frame: presence([[9_002, this.int(1e6), '['.repeat(5_000) + ']'.repeat(5_000)]]) };
      case 'query presence':
        return { kind, frame: frame((e) => encoding.writeVarUint(e, MESSAGE_QUERY_AWARENESS)) };
      case 'length bomb':
        // Claims a payload of ~4 GB and carries a few bytes.
        return {
          kind,
          frame: frame(
            (e) => encoding.writeVarUint(e, MESSAGE_SYNC),
            (e) => encoding.writeVarUint(e, SYNC_UPDATE),
            (e) => encoding.writeVarUint(e, 0xfffffff0),
            (e) => encoding.writeUint8Array(e, this.randomBytes(16)),
          ),
        };
      case 'mutated presence':
        return { kind, frame: this.mutate(presence([[9_003, this.int(1e6), JSON.stringify({ cursor: null })]])) };
    }
  }
}

describe('fuzzing the WebSocket protocol', () => {
  let dir: string;
  let server: RunningServer;
  let owner: Actor;
  let editor: Actor;
  let viewer: Actor;
  let mapId: string;
  let socketUrl: string;
  let alice: TestPeer;
  let bob: TestPeer;

  beforeAll(async () => {
    dir = tempDataDir('fuzz');
    // The fuzzer is about what frames do, not how many: budgets high enough not to pace it.
    server = await startTestServer(dir, {
      inbound: {
        burstMessages: 1e6,
        messagesPerSecond: 1e6,
        burstBytes: 1e9,
        bytesPerSecond: 1e9,
        burstCpuMs: 1e6,
        cpuMsPerSecond: 1e6,
      },
    });
    owner = await signUp(server.url, 'Owner');
    editor = await signUp(server.url, 'Fuzzing editor');
    viewer = await signUp(server.url, 'Fuzzing viewer');
    mapId = await createMapAs(owner, 'Fuzzed map');
    await addMember(owner, mapId, editor, 'editor');
    await addMember(owner, mapId, viewer, 'viewer');
    socketUrl = `${server.url.replace('http', 'ws')}/ws/${mapId}`;
    alice = connectPeer(server.url, mapId, 'alice', owner);
    bob = connectPeer(server.url, mapId, 'bob', owner);
    await Promise.all([alice.whenSynced(), bob.whenSynced()]);
  });

  afterAll(async () => {
    alice.destroy();
    bob.destroy();
    await server.close();
    removeDir(dir);
  });

  it(`${FRAMES} fuzzed frames (seed ${SEED}): no crash or hang, honest peers converge with bounded latency, the map is intact`, async () => {
    const rand = seededRandom(SEED);
    const maker = new FrameMaker(rand);
    const closes = new Map<number, number>();
    let sent = 0;
    let sockets = 0;

    // The honest peers co-edit the whole time, each edit timed until the other sees it.
    const latencies: number[] = [];
    let honestEdits = 0;
    let fuzzing = true;
    const honest = (async () => {
      const origin = createOrigin('user', 'honest');
      while (fuzzing) {
        const [from, to] = honestEdits % 2 === 0 ? [alice, bob] : [bob, alice];
        const label = `Honest ${honestEdits++}`;
        const started = performance.now();
        addNode(from.doc, { kind: 'outcome', label, x: honestEdits * 10, y: 0 }, origin);
        await waitFor(() => readNodes(to.doc).some((n) => n.label === label), `${label} arrives`, 15_000);
        latencies.push(performance.now() - started);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    })();

    // Fuzz sockets: four at a time, alternately the editor and the viewer.
    const runSocket = async (who: Actor): Promise<void> => {
      sockets++;
      const peer: RawPeer = await openRawPeer(socketUrl, who.cookie);
      for (let i = 0; i < FRAMES_PER_SOCKET && sent < FRAMES; i++) {
        if (peer.ws.readyState !== peer.ws.OPEN) break;
        const { frame: bytes } = maker.next();
        peer.send(bytes);
        sent++;
        if (i % 8 === 7) await new Promise((resolve) => setImmediate(resolve));
      }
      if (peer.ws.readyState === peer.ws.OPEN) peer.ws.close(1000);
      const { code } = await peer.closed;
      closes.set(code, (closes.get(code) ?? 0) + 1);
    };
    const lanes = Array.from({ length: 4 }, async (_, lane) => {
      while (sent < FRAMES) await runSocket(lane % 2 === 0 ? editor : viewer);
    });
    await Promise.all(lanes);

    // And the big ones: a frame over the limit, and a flood of valid presence.
    const big = await openRawPeer(socketUrl, editor.cookie);
    big.send(sync(SYNC_UPDATE, new Uint8Array(MAX_FRAME_BYTES + 10)));
    expect((await big.closed).code).toBe(CLOSE_CODES.tooLarge);
    const flood = await openRawPeer(socketUrl, editor.cookie);
    for (let i = 0; i < 5_000; i++) flood.send(presence([[7_777, i + 1, '{"cursor":{"x":1,"y":1}}']]));
    flood.ws.close(1000);
    await flood.closed;
    sent += 5_001;

    fuzzing = false;
    await honest;
    latencies.sort((a, b) => a - b);
    const p99 = latencies[Math.ceil(latencies.length * 0.99) - 1]!;
    console.log(
      `ws fuzz: seed ${SEED}, ${sent} frames over ${sockets} sockets; closes ${JSON.stringify(Object.fromEntries(closes))}; ` +
        `honest edits ${latencies.length}, p50 ${Math.round(latencies[Math.floor(latencies.length / 2)]!)} ms, p99 ${Math.round(p99)} ms, max ${Math.round(latencies.at(-1)!)} ms; ` +
        `kinds ${JSON.stringify(Object.fromEntries(maker.counts))}`,
    );

    // Every fuzz socket was closed for what it did, never for a server failure.
    for (const code of closes.keys()) expect(EXPECTED_CLOSES, `close code ${code}`).toContain(code);
    // The honest peers never lost their connection and converged.
    expect(alice.lastCloseCode()).toBeNull();
    expect(bob.lastCloseCode()).toBeNull();
    expect(latencies.length).toBeGreaterThan(10);
    expect(latencies.at(-1)!).toBeLessThan(5_000);
    await Promise.all([alice.whenSaved(), bob.whenSaved()]);
    await waitFor(
      () => JSON.stringify(toMapJSON(alice.doc)) === JSON.stringify(toMapJSON(bob.doc)),
      'alice and bob converge',
    );
    const honestCards = readNodes(alice.doc).filter((n) => n.label.startsWith('Honest ')).length;
    expect(honestCards).toBe(honestEdits);
    // Nothing the server holds is pending (the fuzz's cut updates were refused, not kept).
    await server.rooms.withRoom(mapId, (room) => {
      expect(room.doc.store.pendingStructs).toBeNull();
      expect(room.doc.store.pendingDs).toBeNull();
    });

    // The stored map is intact: after a restart a fresh joiner gets exactly what the peers hold.
    const expected = toMapJSON(alice.doc);
    alice.destroy();
    bob.destroy();
    await server.close();
    server = await startTestServer(dir);
    const checker = connectPeer(server.url, mapId, 'checker', owner);
    await checker.whenSynced();
    expect(toMapJSON(checker.doc)).toEqual(expected);
    checker.destroy();
    alice = connectPeer(server.url, mapId, 'alice', owner);
    bob = connectPeer(server.url, mapId, 'bob', owner);
  }, 240_000);
});
