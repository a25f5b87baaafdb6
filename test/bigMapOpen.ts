/**
 * Measures what opening a large map costs everyone else (issue 12): builds a map of CARDS cards
 * (default 20,000) through a real server, compacts it, restarts the server as its own process
 * with an event-loop stall monitor (stallMonitor.mjs), then opens the map with a protocol-level
 * peer while a peer on another map sends an update every 10 ms. Prints how long the open took,
 * the server's longest main-thread stall during it, and the other peer's round trips (to
 * MESSAGE_SAVED; note the inbound gate allows a socket 100 messages a second).
 *
 *   pnpm bench:open (node --import tsx test/bigMapOpen.ts)   # CARDS=20000 TAIL=0 RUNS=1
 *
 * TAIL=n also logs n one-card updates after the compacted state (a map that was not compacted).
 */
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import { join } from 'node:path';
import {
  addNode,
  createOrigin,
  encodeSyncMessage,
  MESSAGE_SAVED,
  MESSAGE_SYNC,
  noChange,
  SYNC_STEP_1,
  SYNC_STEP_2,
} from '@loopmap/shared';
import { removeDir, startChildServer, startTestServer, tempDataDir } from './integration/support/servers.ts';
import { createMapAs, signUp } from './integration/support/accounts.ts';
import { openRawPeer, updateFrame } from './integration/support/rawPeer.ts';

const CARDS = Number(process.env.CARDS ?? 20_000);
const TAIL = Number(process.env.TAIL ?? 0);
const RUNS = Number(process.env.RUNS ?? 1);
const origin = createOrigin('user', 'measure');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function once(): Promise<Record<string, number>> {
  const dir = tempDataDir('big-map-open');
  const builder = await startTestServer(dir);
  const owner = await signUp(builder.url, 'Owner');
  const bigId = await createMapAs(owner, 'Big');
  const smallId = await createMapAs(owner, 'Small');
  await builder.rooms.withRoom(bigId, async (room) => {
    await room.change((doc) =>
      doc.transact(() => {
        for (let i = 0; i < CARDS; i++) {
          const label = `Card number ${i} of the big map`;
          addNode(doc, { kind: 'output', label, x: (i % 200) * 240, y: Math.floor(i / 200) * 120 }, origin);
        }
      }, origin),
    );
    await room.compact();
  });
  await builder.close();
  if (TAIL > 0) {
    const stored = await startTestServer(dir);
    const { state } = await stored.store.loadDoc(bigId);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, state!);
    const updates: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => updates.push(update));
    for (let i = 0; i < TAIL; i++) addNode(doc, { kind: 'note', label: `tail ${i}`, x: i, y: 0 }, origin);
    const entries = updates.map((update) => ({ update, author: 'measure', at: Date.now(), change: noChange() }));
    await stored.store.appendUpdates(bigId, entries);
    await stored.close();
  }

  const server = await startChildServer(dir, 0, {
    NODE_OPTIONS: `--import ${join(import.meta.dirname, 'stallMonitor.mjs')}`,
  });
  const ws = `${server.url.replace('http', 'ws')}/ws/`;
  const small = await openRawPeer(`${ws}${smallId}?saved=1`, owner.cookie);
  const local = new Y.Doc();
  const pending: Uint8Array[] = [];
  local.on('update', (update: Uint8Array) => pending.push(update));
  const sentAt: number[] = [];
  const roundTrips: number[] = [];
  small.ws.on('message', (data: Buffer) => {
    const decoder = decoding.createDecoder(new Uint8Array(data));
    if (decoding.readVarUint(decoder) !== MESSAGE_SAVED) return;
    const count = decoding.readVarUint(decoder);
    const now = performance.now();
    while (roundTrips.length < Math.min(count, sentAt.length)) roundTrips.push(now - sentAt[roundTrips.length]!);
  });
  let n = 0;
  const typing = setInterval(() => {
    addNode(local, { kind: 'note', label: `small ${n++}`, x: 0, y: 0 }, origin);
    sentAt.push(performance.now());
    small.send(updateFrame(pending.shift()!));
  }, 10);
  await sleep(300);

  const firstRoundTrip = roundTrips.length;
  const wallStarted = Date.now();
  const started = performance.now();
  const big = await openRawPeer(`${ws}${bigId}`, owner.cookie);
  big.send(encodeSyncMessage(SYNC_STEP_1, new Uint8Array([0])));
  await new Promise<void>((resolve) =>
    big.ws.on('message', (data: Buffer) => {
      const decoder = decoding.createDecoder(new Uint8Array(data));
      if (decoding.readVarUint(decoder) === MESSAGE_SYNC && decoding.readVarUint(decoder) === SYNC_STEP_2) resolve();
    }),
  );
  const openMs = performance.now() - started;
  const wallEnded = Date.now();
  await sleep(200);
  clearInterval(typing);
  big.ws.close();
  small.ws.close();
  const stalls = [...server.output().matchAll(/STALL (\d+) (\d+)/g)]
    .map((match) => ({ ms: Number(match[1]), at: Number(match[2]) }))
    .filter((stall) => stall.at >= wallStarted && stall.at <= wallEnded);
  await server.stop();
  removeDir(dir);
  const during = roundTrips.slice(firstRoundTrip);
  return {
    openMs: Math.round(openMs),
    maxServerStallMs: Math.max(0, ...stalls.map((stall) => stall.ms)),
    stallsOver25Ms: stalls.length,
    otherPeerRoundTrips: during.length,
    otherPeerMaxRoundTripMs: Math.round(Math.max(0, ...during)),
  };
}

for (let run = 0; run < RUNS; run++) console.log(JSON.stringify({ cards: CARDS, tail: TAIL, ...(await once()) }));
process.exit(0);
