/**
 * The load generator: a child process that runs one task at a time for bench/run.ts over IPC
 * ({id, task, params} in, {id, result} or {id, error} out). Never in the same process as a
 * server under test. Every wait is bounded; all traffic goes to 127.0.0.1.
 */
import { join } from 'node:path';
import * as Y from 'yjs';
import { SqliteStore } from '@loopmap/server';
import { BENCH_USER } from './lib/benchUser.ts';
import { getNodes, moveNodes, createOrigin, type NodeId } from '@loopmap/shared';
import {
  ProviderClient,
  RawClient,
  WriterClient,
  createMap,
  machineBusyMs,
  marker,
  otherCpu,
  ownCpuMs,
  preloadMap,
  processCpu,
  processCpuMs,
  scanMarkers,
  sleep,
  socketUrl,
  withTimeout,
} from './lib/wire.ts';
import { buildHistory, buildMap } from './lib/maps.ts';
import { median, round, summarize } from './lib/stats.ts';
import { startStallRecorder } from './lib/stalls.ts';

type Kind = 'ref' | 'ours';

// ---------------------------------------------------------------------------------------------
// Scenario 1 (and 3): propagation latency under drag load, server CPU per delivered update.

export interface PropagationParams {
  kind: Kind;
  port: number;
  token?: string;
  serverPid: number;
  clients: number;
  writers: number;
  nodes: number;
  links: number;
  rateHz: number;
  warmupMs: number;
  measureMs: number;
  drainMs: number;
  /**
   * The mixed workload: this many of the clients are full `WebsocketProvider`s (real Y.Doc,
   * awareness, as the browser), the writers among them; the rest are protocol-level readers.
   * 0 (the propagation workload): writers are lean Y.Doc clients, the rest readers.
   */
  fullProviders?: number;
}

async function propagation(p: PropagationParams) {
  const mapId = await createMap(p.kind, p.port, 'propagation', p.token);
  const url = socketUrl(p.port, mapId, p.token);
  const built = buildMap(p.nodes, p.links);
  const loader = await preloadMap(url, built.chunks, 30_000);

  // The window is fixed up front, in this process's clock (writers and readers share it).
  let winStart = Infinity;
  let winEnd = -Infinity;
  const latencies: number[] = [];
  let updateMessages = 0;
  let updateBytes = 0;
  let echoes = 0;
  const inWindow = (t: number): boolean => t >= winStart && t < winEnd;
  /** Per update sent: its slowest delivery, to see when the tail happens. */
  const worstBySend = new Map<number, { sentAt: number; latency: number }>();

  const observe = (self: number) => (buf: Buffer, at: number) => {
    if (inWindow(at)) {
      updateMessages++;
      updateBytes += buf.length;
    }
    scanMarkers(buf, (writer, seq, sentAt) => {
      if (writer === self) {
        echoes++;
        return;
      }
      if (!inWindow(sentAt)) return;
      const latency = at - sentAt;
      latencies.push(latency);
      const key = writer * 1_000_000 + seq;
      const seen = worstBySend.get(key);
      if (seen === undefined || latency > seen.latency) worstBySend.set(key, { sentAt, latency });
    });
  };

  const full = p.fullProviders ?? 0;
  const writers: { doc: Y.Doc; synced: Promise<number>; close: () => Promise<void> }[] = [];
  const passive: { synced: Promise<number>; close: () => Promise<void> }[] = [];
  if (full > 0) {
    for (let w = 0; w < p.writers; w++)
      writers.push(new ProviderClient(p.port, mapId, p.token, `writer ${w}`, observe(w)));
    for (let i = p.writers; i < full; i++)
      passive.push(new ProviderClient(p.port, mapId, p.token, `viewer ${i}`, observe(-1)));
    for (let i = full; i < p.clients; i++) passive.push(new RawClient(url, { onUpdate: observe(-1) }));
  } else {
    for (let w = 0; w < p.writers; w++) writers.push(new WriterClient(url, observe(w)));
    for (let i = 0; i < p.clients - p.writers; i++) passive.push(new RawClient(url, { onUpdate: observe(-1) }));
  }
  await withTimeout(
    Promise.all([...writers.map((w) => w.synced), ...passive.map((c) => c.synced)]),
    60_000,
    `${p.clients} clients syncing`,
  );
  for (const w of writers) {
    const count = getNodes(w.doc).size;
    if (count !== built.nodes) throw new Error(`writer synced ${count} nodes, expected ${built.nodes}`);
  }
  await loader.close();

  const recorder = startStallRecorder();
  const nodeIds = [...getNodes(writers[0]!.doc).keys()].sort() as NodeId[];
  const origin = createOrigin('user', 'bench-writer');
  const period = 1000 / p.rateHz;
  const start = performance.now() + 100;
  winStart = start + p.warmupMs;
  winEnd = winStart + p.measureMs;
  // The same window in wall-clock time, to line up with the server's stall record.
  const windowEpoch = { start: Date.now() + (winStart - performance.now()), end: 0 };
  windowEpoch.end = windowEpoch.start + p.measureMs;
  let sentInWindow = 0;
  let sentTotal = 0;
  let lateTicks = 0;

  const drags = writers.map(
    (writer, w) =>
      new Promise<void>((resolve) => {
        const nodeId = nodeIds[(w * 37) % nodeIds.length]!;
        const side = writer.doc.getMap<string>('bench');
        let seq = 0;
        const tick = (): void => {
          const now = performance.now();
          if (now >= winEnd || seq > 1_000_000) return resolve();
          const due = start + (w * period) / p.writers + seq * period;
          if (now - due > period) lateTicks++;
          const angle = seq / 15;
          writer.doc.transact(() => {
            moveNodes(
              writer.doc,
              [{ id: nodeId, x: 1000 + 300 * Math.cos(angle), y: 800 + 300 * Math.sin(angle) }],
              origin,
            );
            const sentAt = performance.now();
            side.set(`w${w}`, marker(w, seq, sentAt));
            if (inWindow(sentAt)) sentInWindow++;
          }, origin);
          sentTotal++;
          seq++;
          const next = start + (w * period) / p.writers + seq * period;
          setTimeout(tick, Math.max(0, next - performance.now()));
        };
        setTimeout(tick, Math.max(0, start + (w * period) / p.writers - performance.now()));
      }),
  );

  // CPU samples at the window edges.
  const cpu = { server0: 0, server1: 0, self0: 0, self1: 0, sys0: 0, sys1: 0, machine0: 0, machine1: 0 };
  const sampleAt = (t: number, fn: () => void): Promise<void> =>
    new Promise((resolve) =>
      setTimeout(
        () => {
          fn();
          resolve();
        },
        Math.max(0, t - performance.now()),
      ),
    );
  await Promise.all([
    sampleAt(winStart, () => {
      const server = processCpu(p.serverPid);
      cpu.server0 = server.total;
      cpu.sys0 = server.system;
      cpu.self0 = ownCpuMs();
      cpu.machine0 = machineBusyMs();
    }),
    sampleAt(winEnd, () => {
      const server = processCpu(p.serverPid);
      cpu.server1 = server.total;
      cpu.sys1 = server.system;
      cpu.self1 = ownCpuMs();
      cpu.machine1 = machineBusyMs();
    }),
  ]);
  await withTimeout(Promise.all(drags), 5_000, 'writers stopping');
  recorder.stop();
  await sleep(p.drainMs);

  // Convergence: every writer sees the same final position for every dragged node.
  const positions = writers.map((writer) =>
    writers.map((_, w) => {
      const record = getNodes(writer.doc).get(nodeIds[(w * 37) % nodeIds.length]!);
      return `${String(record?.get('x'))},${String(record?.get('y'))}`;
    }),
  );
  const converged = positions.every((row) => row.join('|') === positions[0]!.join('|'));
  await Promise.all([...writers, ...passive].map((c) => withTimeout(c.close(), 5_000, 'closing').catch(() => {})));

  const expected = sentInWindow * (p.clients - 1);
  const serverCpuMs = cpu.server1 - cpu.server0;
  const latency = summarize(latencies);
  return {
    kind: p.kind,
    fullProviders: full,
    mapStateBytes: built.stateBytes,
    nodes: built.nodes,
    links: built.links,
    sentTotal,
    sentInWindow,
    sendRateHz: round(sentInWindow / (p.measureMs / 1000), 1),
    lateTicks,
    latencyMs: {
      p50: round(latency.p50),
      p95: round(latency.p95),
      p99: round(latency.p99),
      max: round(latency.max),
      mean: round(latency.mean),
    },
    observations: latencies.length,
    expectedObservations: expected,
    deliveryRatio: round(expected > 0 ? latencies.length / expected : NaN, 4),
    updateMessages,
    updateBytes,
    echoesToWriter: echoes,
    serverCpuMs: round(serverCpuMs, 0),
    serverSystemCpuMs: round(cpu.sys1 - cpu.sys0, 0),
    serverCpuPercent: round((100 * serverCpuMs) / p.measureMs, 1),
    cpuPerMessageUs: round((1000 * serverCpuMs) / updateMessages, 2),
    cpuPerObservedUpdateUs: round((1000 * serverCpuMs) / latencies.length, 2),
    loadgenCpuPercent: round((100 * (cpu.self1 - cpu.self0)) / p.measureMs, 1),
    /** CPU used by every other process on the machine during the window (% of one core). */
    otherCpuPercent: round(
      Math.max(0, (100 * (cpu.machine1 - cpu.machine0 - serverCpuMs - (cpu.self1 - cpu.self0))) / p.measureMs),
      1,
    ),
    converged,
    windowEpoch,
    /** Event-loop stalls of the load generator in the window (s into the window, ms late). */
    loadgenStalls: recorder.stalls
      .filter((st) => st.at >= windowEpoch.start && st.at < windowEpoch.end)
      .map((st) => ({ atS: round((st.at - windowEpoch.start) / 1000, 2), ms: st.ms })),
    /** Every observed latency (ms, 0.01 ms resolution), for pooling across rounds. */
    latencies: latencies.map((v) => Math.round(v * 100) / 100),
    /** The 12 updates with the slowest delivery: seconds into the window, and that latency. */
    slowest: [...worstBySend.values()]
      .sort((a, b) => b.latency - a.latency)
      .slice(0, 12)
      .map((w) => ({ atS: round((w.sentAt - winStart) / 1000, 2), ms: round(w.latency) })),
  };
}

// ---------------------------------------------------------------------------------------------
// Scenario 2: join storm.

export interface JoinStormParams {
  kind: Kind;
  port: number;
  token?: string;
  serverPid: number;
  nodes: number;
  links: number;
  clients: number;
  rounds: number;
}

async function stormRound(url: string, clients: number, serverPid: number, minBytes: number) {
  const cpu0 = processCpuMs(serverPid);
  const self0 = ownCpuMs();
  const other = otherCpu(serverPid);
  const t0 = performance.now();
  const storm: RawClient[] = [];
  for (let i = 0; i < clients; i++) storm.push(new RawClient(url));
  const syncedAt = await withTimeout(Promise.all(storm.map((c) => c.synced)), 90_000, `${clients} joiners syncing`);
  const cpu1 = processCpuMs(serverPid);
  const self1 = ownCpuMs();
  const otherCpuPercent = other().percent;
  const times = syncedAt.map((t) => t - t0);
  const short = storm.filter((c) => c.step2Bytes < minBytes).length;
  await Promise.all(storm.map((c) => withTimeout(c.close(), 10_000, 'closing joiner').catch(() => {})));
  const s = summarize(times);
  return {
    allSyncedMs: round(s.max, 1),
    firstMs: round(Math.min(...times), 1),
    p50Ms: round(s.p50, 1),
    serverCpuMs: round(cpu1 - cpu0, 0),
    loadgenCpuMs: round(self1 - self0, 0),
    otherCpuPercent,
    step2Bytes: storm[0]!.step2Bytes,
    incomplete: short,
  };
}

async function joinStorm(p: JoinStormParams) {
  const mapId = await createMap(p.kind, p.port, 'storm', p.token);
  const url = socketUrl(p.port, mapId, p.token);
  const built = buildMap(p.nodes, p.links);
  // The holder keeps the map open (in memory) on both servers, like a colleague already on it.
  const holder = await preloadMap(url, built.chunks, 60_000);
  const minBytes = Math.floor(built.stateBytes * 0.9);
  if (holder.step2Bytes < minBytes)
    throw new Error(`server holds ${holder.step2Bytes} bytes, expected ~${built.stateBytes}`);
  await sleep(300);
  const rounds = [];
  for (let r = 0; r < p.rounds; r++) {
    rounds.push(await stormRound(url, p.clients, p.serverPid, minBytes));
    await sleep(500);
  }
  await holder.close();

  // Ours only: the same storm on a map nobody has open (the room loads from SQLite once for all).
  let coldRoom = null;
  if (p.kind === 'ours') {
    await sleep(3_000 + 1_500); // idleUnloadMs (3 s) + the close's compaction
    coldRoom = await stormRound(url, p.clients, p.serverPid, minBytes);
  }
  return {
    kind: p.kind,
    mapStateBytes: built.stateBytes,
    nodes: built.nodes,
    links: built.links,
    rounds,
    allSyncedMsMedian: round(median(rounds.map((r) => r.allSyncedMs)), 1),
    coldRoom,
  };
}

// ---------------------------------------------------------------------------------------------
// Scenario 4: cold open of a long history.

export interface ColdPrepParams {
  dataDir: string;
  updates: number;
  trials: number;
  warmups: number;
  baselineReps: number;
}

/** Writes the maps straight into a SQLite file through SqliteStore, and times the baselines. */
async function coldPrep(p: ColdPrepParams) {
  const history = buildHistory(p.updates);
  const store = new SqliteStore({ filename: join(p.dataDir, 'loopmap.sqlite') });
  const t0 = Date.now() - p.updates * 1000;
  // Maps belong to the bench account, which the server process gives an API token at start.
  if (!(await store.getUser(BENCH_USER.id))) {
    await store.createUser({ ...BENCH_USER, passwordHash: 'no password: token only', at: t0 });
  }
  const write = async (id: string, compacted: boolean): Promise<void> => {
    await store.createMap({
      id,
      ownerId: BENCH_USER.id,
      title: id,
      kind: 'theory-of-change',
      at: t0,
      initialUpdate: history.updates[0]!,
      author: 'system',
    });
    // The server appends one batch per event-loop turn; batches of 20 are typical of a busy map.
    for (let i = 1; i < history.updates.length; i += 20) {
      const entries = history.updates
        .slice(i, i + 20)
        .map((update, k) => ({ update, author: 'bench', at: t0 + (i + k) * 1000 }));
      await store.appendUpdates(id, entries);
    }
    if (compacted) await store.saveState(id, history.state, history.updates.length, Date.now());
  };
  const maps = { warm: 'benchwarm', compacted: [] as string[], tail: [] as string[] };
  await store.createMap({
    id: maps.warm,
    ownerId: BENCH_USER.id,
    title: 'warm-up',
    kind: 'theory-of-change',
    at: t0,
    initialUpdate: history.updates[0]!,
    author: 'system',
  });
  // Map 0 of each kind is opened first after a restart, the others by an already warm server.
  for (let t = 0; t <= p.warmups + p.trials; t++) {
    maps.compacted.push(`benchcompacted${t}`);
    maps.tail.push(`benchtail${t}`);
    await write(maps.compacted[t]!, true);
    await write(maps.tail[t]!, false);
  }
  await store.close();

  // Baselines, in this otherwise idle process (no server runs during them).
  const time = (fn: () => void): number => {
    const s = performance.now();
    fn();
    return performance.now() - s;
  };
  const reps = (n: number, fn: () => void): number[] => Array.from({ length: n }, () => time(fn));
  const mergeMs = reps(p.baselineReps, () => void Y.mergeUpdates(history.updates));
  const oneByOneMs = reps(5, () => {
    const doc = new Y.Doc();
    for (const u of history.updates) Y.applyUpdate(doc, u);
    doc.destroy();
  });
  const oneTxnMs = reps(5, () => {
    const doc = new Y.Doc();
    doc.transact(() => {
      for (const u of history.updates) Y.applyUpdate(doc, u);
    });
    doc.destroy();
  });
  const stateApplyMs = reps(5, () => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, history.state);
    doc.destroy();
  });
  return {
    maps,
    updates: history.updates.length,
    logBytes: history.logBytes,
    stateBytes: history.state.length,
    nodes: history.nodes,
    baselines: {
      mergeUpdatesMs: round(median(mergeMs), 1),
      mergeUpdatesRunsMs: mergeMs.map((v) => round(v, 1)),
      applyOneByOneMs: round(median(oneByOneMs), 1),
      applyOneByOneRunsMs: oneByOneMs.map((v) => round(v, 1)),
      applyInOneTransactionMs: round(median(oneTxnMs), 1),
      applyCompactedStateMs: round(median(stateApplyMs), 1),
    },
  };
}

export interface ColdOpenParams {
  port: number;
  token?: string;
  serverPid: number;
  mapId: string;
}

/** First peer on a map that is not in memory: connect -> sync step 2 received. */
async function coldOpen(p: ColdOpenParams) {
  const other = otherCpu(p.serverPid);
  const t0 = performance.now();
  const client = new RawClient(socketUrl(p.port, p.mapId, p.token));
  const openedAt = await withTimeout(client.openedAt, 10_000, 'connecting');
  const syncedAt = await withTimeout(client.synced, 30_000, 'cold open');
  const interference = other();
  await client.close();
  return {
    otherCpuMs: round(interference.cpuMs, 0),
    elapsedMs: round(interference.elapsedMs, 1),
    connectMs: round(openedAt - t0, 2),
    syncedMs: round(syncedAt - t0, 2),
    step2Bytes: client.step2Bytes,
  };
}

// ---------------------------------------------------------------------------------------------

const tasks: Record<string, (params: never) => Promise<unknown>> = {
  propagation,
  joinStorm,
  coldPrep,
  coldOpen,
};

process.on('message', (message: { id: number; task: string; params: unknown }) => {
  const task = tasks[message.task];
  const run = task ? task(message.params as never) : Promise.reject(new Error(`unknown task ${message.task}`));
  run.then(
    (result) => process.send?.({ id: message.id, result }),
    (error: unknown) => process.send?.({ id: message.id, error: error instanceof Error ? error.stack : String(error) }),
  );
});
process.on('disconnect', () => process.exit(0));
process.send?.({ type: 'ready' });
