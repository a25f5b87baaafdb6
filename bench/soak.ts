/**
 * A soak: the server under realistic load for a long time, its memory sampled, to show it stays
 * flat. Not part of the test command (it takes 10 minutes by default).
 *
 *   pnpm soak                       10 minutes
 *   SOAK_MINUTES=60 pnpm soak       longer
 *
 * Load (a busy network's afternoon on one server): SOAK_MAPS maps (8), each with SOAK_PEERS (6)
 * peers; on every map two people edit (a card moved 10 times a second while dragging, a label
 * typed at 5 keystrokes a second, now and then a card added or removed), everyone's cursor moves
 * at 20 presence updates a second, and a peer leaves and rejoins every few seconds somewhere.
 * Every minute: server RSS and heap, delivered updates, the honest propagation p99. The verdict
 * compares the last third of the run with the middle third (after warm-up): memory growth under
 * 10% and no failed delivery. Writes bench/results/soak.json.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import WebSocket from 'ws';
import * as encoding from 'lib0/encoding';
import { MESSAGE_AWARENESS } from '@loopmap/shared';
import { killAllChildren, repoRoot, startServerChild } from './lib/children.ts';
import { round, summarize } from './lib/stats.ts';
import { createMap, marker, scanMarkers, sleep, socketUrl, WriterClient } from './lib/wire.ts';

const MINUTES = Number(process.env.SOAK_MINUTES ?? 10);
const MAPS = Number(process.env.SOAK_MAPS ?? 8);
const PEERS = Number(process.env.SOAK_PEERS ?? 6);
const SAMPLE_MS = Number(process.env.SOAK_SAMPLE_MS ?? 60_000);

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN) / 1024, 1);
}

function presenceFrame(clientId: number, clock: number, x: number, y: number): Uint8Array {
  const update = encoding.createEncoder();
  encoding.writeVarUint(update, 1);
  encoding.writeVarUint(update, clientId);
  encoding.writeVarUint(update, clock);
  encoding.writeVarString(update, JSON.stringify({ cursor: { x, y }, selection: [], dragging: null }));
  const frame = encoding.createEncoder();
  encoding.writeVarUint(frame, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(frame, encoding.toUint8Array(update));
  return encoding.toUint8Array(frame);
}

interface Sample {
  minute: number;
  rssMb: number;
  delivered: number;
  p99Ms: number;
  lost: number;
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'loopmap-soak-'));
  process.env.BENCH_PEOPLE = String(PEERS);
  const server = await startServerChild('ours', dataDir);
  const people = server.people ?? [];
  const samples: Sample[] = [];
  const peers: WriterClient[] = [];
  const pending = new Map<string, number>();
  let latencies: number[] = [];
  let delivered = 0;
  let lost = 0;
  const onUpdate = (buf: Buffer, at: number): void => {
    scanMarkers(buf, (writer, seq) => {
      const key = `${writer}:${seq}`;
      const sentAt = pending.get(key);
      if (sentAt === undefined) return;
      pending.delete(key);
      latencies.push(at - sentAt);
      delivered++;
    });
  };
  try {
    // Each map's peers are different people (budgets are per account), all members of every map.
    const mapIds: string[] = [];
    for (let m = 0; m < MAPS; m++) {
      const mapId = await createMap('ours', server.port, `Soak ${m}`, server.token);
      for (const person of people) {
        const res = await fetch(`http://127.0.0.1:${server.port}/api/maps/${mapId}/members`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token ?? ''}` },
          body: JSON.stringify({ email: person.email, role: 'editor' }),
        });
        if (res.status !== 201) throw new Error(`adding a member failed: ${res.status} ${await res.text()}`);
      }
      mapIds.push(mapId);
    }
    const urlFor = (m: number, p: number): string =>
      socketUrl(server.port, mapIds[m]!, people[p]?.token ?? server.token);
    const byMap: WriterClient[][] = mapIds.map((_, m) =>
      Array.from({ length: PEERS }, (_, p) => new WriterClient(urlFor(m, p), onUpdate)),
    );
    for (const list of byMap) peers.push(...list);
    await Promise.all(peers.map((p) => p.synced));

    const end = Date.now() + MINUTES * 60_000;
    let seq = 0;
    let clock = 0;
    let nextSample = Date.now() + SAMPLE_MS;
    let tick = 0;
    while (Date.now() < end) {
      tick++;
      for (let m = 0; m < byMap.length; m++) {
        const list = byMap[m]!;
        // Two editors per map: a drag (10/s) and typing (5/s), marked for latency.
        for (const [writer, every] of [
          [0, 1],
          [1, 2],
        ] as const) {
          if (tick % every !== 0) continue;
          const peer = list[writer]!;
          if (peer.ws.readyState !== WebSocket.OPEN) continue;
          const id = m * 10 + writer;
          pending.set(`${id}:${++seq}`, performance.now());
          peer.doc.getMap('bench').set(`card-${writer}`, marker(id, seq, performance.now()));
        }
        // Now and then a card added and later removed (the map does not grow for ever).
        if (tick % 50 === 0) list[0]!.doc.getMap('bench-cards').set(`c${tick}`, 'x'.repeat(80));
        if (tick % 50 === 25) list[0]!.doc.getMap('bench-cards').delete(`c${tick - 25}`);
        // Everyone's cursor, 20 a second (every other tick at 10 ticks a second = 10 + jitter).
        for (const peer of list) {
          if (peer.ws.readyState === WebSocket.OPEN)
            peer.ws.send(presenceFrame(peer.doc.clientID, ++clock, tick % 1000, m));
        }
      }
      // A peer somewhere leaves and comes back every ~5 s.
      if (tick % 50 === 0) {
        const m = tick % byMap.length;
        const list = byMap[m]!;
        const leaving = list[PEERS - 1]!;
        await leaving.close();
        const back = new WriterClient(urlFor(m, PEERS - 1), onUpdate);
        list[PEERS - 1] = back;
        peers.push(back);
      }
      await sleep(100);
      if (Date.now() >= nextSample) {
        nextSample += SAMPLE_MS;
        const now = performance.now();
        for (const [key, sentAt] of pending) {
          if (now - sentAt > 10_000) {
            pending.delete(key);
            lost++;
          }
        }
        const summary = summarize(latencies);
        latencies = [];
        const sample = {
          minute: samples.length + 1,
          rssMb: rssMb(server.pid),
          delivered,
          p99Ms: round(summary.p99, 1),
          lost,
        };
        samples.push(sample);
        console.log(
          `minute ${sample.minute}: RSS ${sample.rssMb} MB, delivered ${delivered}, p99 ${sample.p99Ms} ms, lost ${lost}`,
        );
      }
    }
    await Promise.all(peers.map((p) => p.close()));
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  const third = Math.max(1, Math.floor(samples.length / 3));
  const middle = samples.slice(third, 2 * third);
  const last = samples.slice(-third);
  const mean = (list: Sample[]): number => list.reduce((s, x) => s + x.rssMb, 0) / Math.max(1, list.length);
  const growth = middle.length > 0 ? mean(last) / mean(middle) - 1 : NaN;
  const verdict = Number.isFinite(growth) && growth < 0.1 && lost === 0 ? 'flat' : 'NOT FLAT';
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`;
  console.log(
    `\n${MINUTES} min, ${MAPS} maps × ${PEERS} peers: memory ${verdict} (last third ${round(mean(last), 1)} MB against middle third ${round(mean(middle), 1)} MB: ${round(growth * 100, 1)}%), ${lost} lost; ${machine}`,
  );
  mkdirSync(resolve(repoRoot, 'bench/results'), { recursive: true });
  writeFileSync(
    resolve(repoRoot, 'bench/results/soak.json'),
    JSON.stringify(
      { at: new Date().toISOString(), machine, minutes: MINUTES, maps: MAPS, peers: PEERS, growth, lost, samples },
      null,
      2,
    ),
  );
  if (verdict !== 'flat') process.exitCode = 1;
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => killAllChildren());
