/**
 * The load generator of bench/instances.ts: a child process, never one of the servers, that keeps
 * the peers of many maps connected across server instances and drives their writers. Same IPC
 * protocol as bench/loadProcess.ts ({id, task, params} in, {id, result} or {id, error} out).
 *
 * Tasks:
 *   open     connect the peers of some maps (each peer to the instance it is given), optionally
 *            preloading a map's content first; resolves once every peer has synced
 *   close    disconnect the peers of some maps
 *   measure  every writer of every open map writes at rateHz for warmupMs + measureMs; each update
 *            carries a latency marker (lib/wire.ts), and every other peer of the map notes when it
 *            arrived. Latency is split by whether writer and reader are on the same instance.
 *            After drainMs, every update sent in the window must have reached every other peer.
 *   converge every open map: a fresh peer on each instance it is served from reads each writer's
 *            last marker, which must be the last one that writer sent
 *   errors   sockets that closed without being asked to (refused updates close the socket too)
 */
import { readdirSync, readFileSync } from 'node:fs';
import WebSocket from 'ws';
import { getNodes, moveNodes, createOrigin, type NodeId } from '@loopmap/shared';
import {
  RawClient,
  WriterClient,
  machineBusyMs,
  marker,
  ownCpuMs,
  preloadMap,
  processCpu,
  scanMarkers,
  sleep,
  socketUrl,
  withTimeout,
} from './lib/wire.ts';
import { buildMap } from './lib/maps.ts';
import { round, summarize, type Summary } from './lib/stats.ts';
import { startStallRecorder } from './lib/stalls.ts';

export interface PeerSpec {
  port: number;
  token: string;
  /** Which server instance (0, 1, ...) the peer is connected to. */
  instance: number;
  writer: boolean;
}

export interface MapSpec {
  key: string;
  mapId: string;
  /** Content pushed through the first peer's instance before the peers connect. */
  preload?: { nodes: number; links: number };
  peers: PeerSpec[];
}

interface Writer {
  id: number;
  instance: number;
  client: WriterClient;
  /** The card it drags, when the map has cards. */
  nodeId?: NodeId;
  lastMarker?: string;
}

interface OpenMap {
  spec: MapSpec;
  writers: Writer[];
  readers: RawClient[];
  /** Every socket of the map, for closing. */
  sockets: WebSocket[];
}

/**
 * CPU time (ms) of each PostgreSQL and Redis process on this machine, by pid (from /proc).
 * PostgreSQL backends come and go with the servers' pool connections: compare two readings with
 * servicesCpuSince, which counts only what each process used between them.
 */
function servicesCpu(): Map<number, number> {
  const byPid = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const comm = readFileSync(`/proc/${name}/comm`, 'utf8').trim();
      if (comm === 'postgres' || comm.startsWith('redis-server'))
        byPid.set(Number(name), processCpu(Number(name)).total);
    } catch {
      // gone meanwhile
    }
  }
  return byPid;
}

/** CPU (ms) the services used from `before` to `after` (a process that exited meanwhile is missed). */
function servicesCpuSince(before: Map<number, number>, after: Map<number, number>): number {
  let total = 0;
  for (const [pid, ms] of after) total += ms - (before.get(pid) ?? 0);
  return Math.max(0, total);
}

const maps = new Map<string, OpenMap>();
const closing = new WeakSet<WebSocket>();
const unexpectedCloses: { map: string; code: number; reason: string }[] = [];
const origin = createOrigin('user', 'bench-writer');
let nextWriterId = 1;
let nextReceiverId = 1;

/** Per writer id: its instance and the number of other peers on its map. */
const writerInfo = new Map<number, { instance: number; receivers: number }>();

/** Set by measure while it runs; called for every marker every peer receives. */
let onMarker: ((receiver: number, receiverInstance: number, writer: number, seq: number, at: number) => void) | null =
  null;

function watch(ws: WebSocket, key: string): void {
  ws.on('close', (code: number, reason: Buffer) => {
    if (!closing.has(ws)) unexpectedCloses.push({ map: key, code, reason: reason.toString() });
  });
}

async function open(p: { maps: MapSpec[]; concurrency?: number }): Promise<{ peers: number; ms: number }> {
  const t0 = performance.now();
  let peers = 0;
  const queue = [...p.maps];
  const worker = async (): Promise<void> => {
    for (let spec = queue.shift(); spec; spec = queue.shift()) {
      if (maps.has(spec.key)) throw new Error(`map ${spec.key} is already open`);
      let loader: RawClient | undefined;
      if (spec.preload) {
        const built = buildMap(spec.preload.nodes, spec.preload.links);
        const first = spec.peers[0]!;
        loader = await preloadMap(socketUrl(first.port, spec.mapId, first.token), built.chunks, 60_000);
      }
      const entry: OpenMap = { spec, writers: [], readers: [], sockets: [] };
      const receivers = spec.peers.length - 1;
      for (const peer of spec.peers) {
        const url = socketUrl(peer.port, spec.mapId, peer.token);
        const receiver = nextReceiverId++;
        if (peer.writer) {
          const id = nextWriterId++;
          writerInfo.set(id, { instance: peer.instance, receivers });
          const client = new WriterClient(
            url,
            (buf, at) => scanMarkers(buf, (w, seq) => w !== id && onMarker?.(receiver, peer.instance, w, seq, at)),
            { applyRemote: false },
          );
          entry.writers.push({ id, instance: peer.instance, client });
          entry.sockets.push(client.ws);
        } else {
          const client = new RawClient(url, {
            onUpdate: (buf, at) => scanMarkers(buf, (w, seq) => onMarker?.(receiver, peer.instance, w, seq, at)),
          });
          entry.readers.push(client);
          entry.sockets.push(client.ws);
        }
      }
      for (const ws of entry.sockets) watch(ws, spec.key);
      maps.set(spec.key, entry);
      await withTimeout(
        Promise.all([...entry.writers.map((w) => w.client.synced), ...entry.readers.map((r) => r.synced)]),
        60_000,
        `peers of map ${spec.key} syncing`,
      );
      if (loader) {
        closing.add(loader.ws);
        await loader.close();
      }
      entry.writers.forEach((w, i) => {
        const ids = [...getNodes(w.client.doc).keys()].sort() as NodeId[];
        if (ids.length > 0) w.nodeId = ids[(i * 37) % ids.length];
      });
      if (spec.preload) {
        const count = getNodes(entry.writers[0]!.client.doc).size;
        if (count < spec.preload.nodes) throw new Error(`map ${spec.key}: writer synced ${count} cards`);
      }
      peers += spec.peers.length;
    }
  };
  await Promise.all(Array.from({ length: p.concurrency ?? 8 }, () => worker()));
  return { peers, ms: round(performance.now() - t0, 0) };
}

async function close(p: { keys: string[] }): Promise<{ closed: number }> {
  let closed = 0;
  for (const key of p.keys) {
    const entry = maps.get(key);
    if (!entry) continue;
    maps.delete(key);
    for (const w of entry.writers) writerInfo.delete(w.id);
    for (const ws of entry.sockets) closing.add(ws);
    await Promise.all(
      [...entry.writers.map((w) => w.client), ...entry.readers].map((c) =>
        withTimeout(c.close(), 5_000, 'closing').catch(() => {}),
      ),
    );
    for (const w of entry.writers) w.client.doc.destroy();
    closed++;
  }
  return { closed };
}

export interface MeasureParams {
  rateHz: number;
  warmupMs: number;
  measureMs: number;
  drainMs: number;
  serverPids: number[];
  /** Also return every latency (ms, 0.01 ms resolution), for pooling across rounds. */
  raw?: boolean;
}

type LatencySummary = Omit<Summary, 'count'> & { count: number };

const summary = (values: number[]): LatencySummary => {
  const s = summarize(values);
  return {
    count: s.count,
    p50: round(s.p50),
    p95: round(s.p95),
    p99: round(s.p99),
    max: round(s.max),
    mean: round(s.mean),
  };
};

async function measure(p: MeasureParams) {
  const writers = [...maps.values()].flatMap((m) => m.writers);
  if (writers.length === 0) throw new Error('no writers open');
  const period = 1000 / p.rateHz;
  const start = performance.now() + 100;
  const winStart = start + p.warmupMs;
  const winEnd = winStart + p.measureMs;
  const inWindow = (t: number): boolean => t >= winStart && t < winEnd;
  const same: number[] = [];
  const cross: number[] = [];
  /** Per update sent in the window (writer * 1e7 + seq): the peers it reached. */
  const reached = new Map<number, Set<number>>();
  const sentAt = new Map<number, number>();
  let duplicates = 0;
  let unknown = 0;
  onMarker = (receiver, receiverInstance, writer, seq, at) => {
    const key = writer * 10_000_000 + seq;
    const sent = sentAt.get(key);
    if (sent === undefined) return; // outside the window
    const info = writerInfo.get(writer);
    if (!info) {
      unknown++;
      return;
    }
    const set = reached.get(key)!;
    if (set.has(receiver)) {
      duplicates++;
      return;
    }
    set.add(receiver);
    (info.instance === receiverInstance ? same : cross).push(at - sent);
  };
  const closesBefore = unexpectedCloses.length;
  const recorder = startStallRecorder();
  // The window in wall-clock time, to line up with the servers' stall records.
  const windowEpoch = { start: Date.now() + (winStart - performance.now()), end: 0 };
  windowEpoch.end = windowEpoch.start + p.measureMs;
  let sent = 0;
  let skipped = 0;
  let lateTicks = 0;
  const drags = writers.map(
    (w, i) =>
      new Promise<void>((resolve) => {
        const side = w.client.doc.getMap<string>('bench');
        // Spread the writers' ticks over the period so they do not all fire together.
        const offset = (i * period) / writers.length;
        let seq = 0;
        const tick = (): void => {
          const now = performance.now();
          if (now >= winEnd) return resolve();
          const due = start + offset + seq * period;
          if (now - due > period) lateTicks++;
          if (w.client.ws.readyState !== WebSocket.OPEN) {
            skipped++;
          } else {
            const angle = seq / 15;
            w.client.doc.transact(() => {
              if (w.nodeId)
                moveNodes(
                  w.client.doc,
                  [{ id: w.nodeId, x: 1000 + 300 * Math.cos(angle), y: 800 + 300 * Math.sin(angle) }],
                  origin,
                );
              const at = performance.now();
              const text = marker(w.id, seq, at);
              side.set(`w${w.id}`, text);
              w.lastMarker = text;
              if (inWindow(at)) {
                const key = w.id * 10_000_000 + seq;
                sentAt.set(key, at);
                reached.set(key, new Set());
                sent++;
              }
            }, origin);
          }
          seq++;
          setTimeout(tick, Math.max(0, start + offset + seq * period - performance.now()));
        };
        setTimeout(tick, Math.max(0, start + offset - performance.now()));
      }),
  );
  const cpu0 = { servers: [] as number[], self: 0, machine: 0, services: new Map<number, number>() };
  const cpu1 = { servers: [] as number[], self: 0, machine: 0, services: new Map<number, number>() };
  const sample = (into: typeof cpu0) => () => {
    into.servers = p.serverPids.map((pid) => processCpu(pid).total);
    into.services = servicesCpu();
    into.self = ownCpuMs();
    into.machine = machineBusyMs();
  };
  const at = (t: number, fn: () => void): Promise<void> =>
    new Promise((resolve) =>
      setTimeout(
        () => {
          fn();
          resolve();
        },
        Math.max(0, t - performance.now()),
      ),
    );
  await Promise.all([at(winStart, sample(cpu0)), at(winEnd, sample(cpu1))]);
  await withTimeout(Promise.all(drags), 10_000, 'writers stopping');
  recorder.stop();
  await sleep(p.drainMs);
  onMarker = null;

  let expected = 0;
  let missing = 0;
  const missingByWriter = new Map<number, number>();
  for (const [key, set] of reached) {
    const writer = Math.floor(key / 10_000_000);
    const receivers = writerInfo.get(writer)?.receivers ?? 0;
    expected += receivers;
    const lost = Math.max(0, receivers - set.size);
    if (lost > 0) {
      missing += lost;
      missingByWriter.set(writer, (missingByWriter.get(writer) ?? 0) + lost);
    }
  }
  const serverCpuMs = p.serverPids.map((_, i) => cpu1.servers[i]! - cpu0.servers[i]!);
  const selfMs = cpu1.self - cpu0.self;
  const servicesMs = servicesCpuSince(cpu0.services, cpu1.services);
  const all = [...same, ...cross];
  const windowS = p.measureMs / 1000;
  return {
    maps: maps.size,
    writers: writers.length,
    sent,
    sendRateHz: round(sent / windowS, 1),
    skippedTicks: skipped,
    lateTicks,
    expected,
    observed: all.length,
    missing,
    missingByWriter: [...missingByWriter.entries()].slice(0, 20),
    duplicates,
    unknown,
    deliveredPerS: round(all.length / windowS, 1),
    latencyMs: { all: summary(all), same: summary(same), cross: summary(cross) },
    serverCpuPercent: serverCpuMs.map((ms) => round((100 * ms) / p.measureMs, 1)),
    loadgenCpuPercent: round((100 * selfMs) / p.measureMs, 1),
    /** PostgreSQL and Redis, % of one core. */
    servicesCpuPercent: round((100 * servicesMs) / p.measureMs, 1),
    /** Everything else on the machine (other users of this shared machine), % of one core. */
    otherCpuPercent: round(
      Math.max(
        0,
        (100 * (cpu1.machine - cpu0.machine - serverCpuMs.reduce((a, b) => a + b, 0) - selfMs - servicesMs)) /
          p.measureMs,
      ),
      1,
    ),
    loadgenLongestStallMs: Math.max(
      0,
      ...recorder.stalls.filter((st) => st.at >= windowEpoch.start && st.at < windowEpoch.end).map((st) => st.ms),
    ),
    windowEpoch,
    unexpectedCloses: unexpectedCloses.slice(closesBefore),
    ...(p.raw && {
      raw: { same: same.map((v) => Math.round(v * 100) / 100), cross: cross.map((v) => Math.round(v * 100) / 100) },
    }),
  };
}

/** Every open map, read back through a fresh peer on each instance it is served from. */
async function converge(): Promise<{ maps: number; checked: number; mismatches: string[] }> {
  const mismatches: string[] = [];
  let checked = 0;
  const entries = [...maps.values()];
  const queue = [...entries];
  const worker = async (): Promise<void> => {
    for (let entry = queue.shift(); entry; entry = queue.shift()) {
      const seen = new Map<number, PeerSpec>();
      for (const peer of entry.spec.peers) if (!seen.has(peer.instance)) seen.set(peer.instance, peer);
      for (const peer of seen.values()) {
        const fresh = new WriterClient(socketUrl(peer.port, entry.spec.mapId, peer.token), () => {});
        try {
          await withTimeout(fresh.synced, 30_000, `fresh peer on map ${entry.spec.key}`);
          const side = fresh.doc.getMap<string>('bench');
          for (const w of entry.writers) {
            if (w.lastMarker === undefined) continue;
            checked++;
            const got = side.get(`w${w.id}`);
            if (got !== w.lastMarker)
              mismatches.push(`map ${entry.spec.key} on instance ${peer.instance}: w${w.id} ${got} != ${w.lastMarker}`);
          }
        } finally {
          closing.add(fresh.ws);
          await fresh.close();
          fresh.doc.destroy();
        }
      }
    }
  };
  await Promise.all(Array.from({ length: 8 }, () => worker()));
  return { maps: entries.length, checked, mismatches: mismatches.slice(0, 20) };
}

function errors(): { unexpectedCloses: typeof unexpectedCloses } {
  return { unexpectedCloses: [...unexpectedCloses] };
}

const tasks: Record<string, (params: never) => Promise<unknown>> = {
  open,
  close,
  measure,
  converge,
  errors: () => Promise.resolve(errors()),
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
