/**
 * One hostile client for bench/attacks.ts, alone in its process so its own CPU does not slow the
 * honest peers' measurement:
 *
 *   node --import tsx bench/attacker.ts <kind> <socketUrl> <durationMs>
 *
 * Kinds: presence-ids (frames of 200 new presence ids), presence-rate (one id, a new state per
 * frame, as fast as the socket takes them), updates (valid one-card updates, as fast as the
 * socket takes them), big-frames (valid updates just under the 64 KiB frame limit: 400 cards each). A closed
 * socket reconnects at once, as a script would. Prints one JSON line: frames sent, closes by code.
 */
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { addNode, createOrigin, MESSAGE_AWARENESS } from '@loopmap/shared';
import { syncMessage, SYNC_UPDATE } from './lib/wire.ts';

const [kind, url, durationArg] = process.argv.slice(2) as [string, string, string];
const durationMs = Number(durationArg);
const MAX_BUFFERED = 1024 * 1024;

function presence(entries: [number, number, unknown][]): Uint8Array {
  const update = encoding.createEncoder();
  encoding.writeVarUint(update, entries.length);
  for (const [id, clock, state] of entries) {
    encoding.writeVarUint(update, id);
    encoding.writeVarUint(update, clock);
    encoding.writeVarString(update, JSON.stringify(state));
  }
  const frame = encoding.createEncoder();
  encoding.writeVarUint(frame, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(frame, encoding.toUint8Array(update));
  return encoding.toUint8Array(frame);
}

/** Valid document updates, made by a real Y.Doc, `cards` cards each. */
function* updates(cards: number): Generator<Uint8Array> {
  const origin = createOrigin('user', 'attacker');
  for (let round = 0; ; round++) {
    const doc = new Y.Doc();
    let last: Uint8Array | null = null;
    doc.on('update', (u: Uint8Array) => (last = u));
    doc.transact(() => {
      for (let i = 0; i < cards; i++)
        addNode(doc, { kind: 'activity', label: `Attack ${round}.${i}`, x: i, y: round }, origin);
    }, origin);
    yield syncMessage(SYNC_UPDATE, last!);
    if (cards === 1) {
      // One-card updates: keep the same doc going (cheaper to make, same cost to the server).
      for (let i = 1; ; i++) {
        addNode(doc, { kind: 'activity', label: `Attack ${i}`, x: i, y: 0 }, origin);
        yield syncMessage(SYNC_UPDATE, last!);
      }
    }
  }
}

const bigFrames = kind === 'big-frames' ? [...take(updates(400), 24)] : [];
function* take<T>(gen: Generator<T>, n: number): Generator<T> {
  for (let i = 0; i < n; i++) yield gen.next().value as T;
}

let sent = 0;
const closes: Record<string, number> = {};
let nextId = 5_000_000;
let clock = 0;
const smallUpdates = updates(1);
let deadline = Infinity;

function nextFrame(): Uint8Array {
  switch (kind) {
    case 'presence-ids':
      return presence(
        Array.from({ length: 200 }, () => [nextId++, 1, { cursor: { x: 1, y: 1 } }] as [number, number, unknown]),
      );
    case 'presence-rate':
      return presence([[4_242_424, ++clock, { cursor: { x: clock % 1000, y: 0 } }]]);
    case 'updates':
      return smallUpdates.next().value as Uint8Array;
    case 'big-frames':
      return bigFrames[sent % bigFrames.length]!;
    default:
      throw new Error(`unknown attack ${kind}`);
  }
}

function connect(): void {
  if (performance.now() > deadline) return finish();
  const ws = new WebSocket(url, { perMessageDeflate: false });
  ws.on('error', () => {});
  ws.on('close', (code) => {
    closes[code] = (closes[code] ?? 0) + 1;
    setTimeout(connect, 10);
  });
  ws.on('open', () => {
    const pump = (): void => {
      if (ws.readyState !== WebSocket.OPEN) return;
      if (performance.now() > deadline) {
        ws.removeAllListeners('close');
        ws.close();
        return finish();
      }
      while (ws.bufferedAmount < MAX_BUFFERED) {
        ws.send(nextFrame());
        sent++;
        if (kind === 'big-frames') break;
      }
      setTimeout(pump, kind === 'big-frames' ? 20 : 0);
    };
    pump();
  });
}

let finished = false;
function finish(): void {
  if (finished) return;
  finished = true;
  console.log(JSON.stringify({ kind, sent, closes }));
  setTimeout(() => process.exit(0), 50);
}

// Ready (process started, frames made): say so and wait for "go" on stdin, so that starting
// this process, which costs a core for a second, is not counted against the server.
console.log('ready');
process.stdin.once('data', () => {
  deadline = performance.now() + durationMs;
  connect();
});
