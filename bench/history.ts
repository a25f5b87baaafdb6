/**
 * History benchmark: a map's memory (issue 8) on a 1,000-card theory of change with 10,000 and
 * then 100,000 stored updates, written through the real server code path, so the log, the
 * history index and the checkpoints are what production writes.
 *
 *   pnpm bench:history             (node --import tsx bench/history.ts; about 6 minutes on a busy
 *                                  2-core machine, most of it building the 100,000 updates)
 *
 * HISTORY_SIZES (default 10000,100000) sets the stored updates at which it measures;
 * HISTORY_POINTS (default 200) the random points per size. Progress goes to stderr; the
 * results to stdout and bench/results/history.json. docs/benchmarks.md describes the workload.
 *
 * How the history is built: startServer() on a temporary SQLite file with an injected clock
 * (calls of 400 updates, about 9 s apart within a call, two calls a week), three accounts; the
 * map is created by POST /api/maps, the 1,000 cards and ~1,500 links of bench/lib/randomTocMap.ts
 * are written as one import update, then every edit of bench/lib/mapEdits.ts is one
 * `rooms.withRoom(mapId, room => room.change(edit))`: the room's pipeline appends the update and
 * its recorded change, compacts, and the history takes its checkpoints, as for a peer's update.
 * Rooms compact every 500 updates (compactEvery, the default); the time-based compaction is off,
 * since the clock is simulated (in production a slowly edited map compacts more often, which
 * only moves where a due checkpoint lands by up to 499 updates).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import * as Y from 'yjs';
import {
  applyMapPatch,
  cloneMapState,
  diffMaps,
  emptyMapState,
  mapStateToJSON,
  parseMapState,
  toMapJSON,
  writeMapJSON,
  createOrigin,
  type MapJSON,
  type MapPatch,
} from '@loopmap/shared';
import { issueApiToken, silentLogger, startServer, type RunningServer, type SqliteStore } from '@loopmap/server';
import { randomTocMap } from './lib/randomTocMap.ts';
import { MapEditor } from './lib/mapEdits.ts';
import { prng } from './lib/maps.ts';
import { round, summarize } from './lib/stats.ts';
import { machineBusyMs } from './lib/wire.ts';

const repoRoot = resolve(import.meta.dirname, '..');
const SIZES = (process.env.HISTORY_SIZES ?? '10000,100000').split(',').map(Number);
const POINTS = Number(process.env.HISTORY_POINTS ?? 200);
const CARDS = 1_000;
/** Replaying the log from zero costs up to a second a point at 100k: a subset of the points. */
const BASELINE_POINTS = (size: number): number => (size <= 20_000 ? 40 : 6);
const CALL_UPDATES = 400;
const AUTHORS = [
  { id: 'user-ana', email: 'ana@example.org', name: 'Ana' },
  { id: 'user-ben', email: 'ben@example.org', name: 'Ben' },
  { id: 'user-chi', email: 'chi@example.org', name: 'Chi' },
];

const started = performance.now();
const progress = (message: string): void => {
  process.stderr.write(`[history ${((performance.now() - started) / 1000).toFixed(1)}s] ${message}\n`);
};

/** Simulated time: calls of CALL_UPDATES updates ~9 s apart, two calls a week. */
class CallClock {
  private t = Date.UTC(2026, 0, 5, 9);
  private inCall = 0;
  /** Days from one call to the next. */
  gapDays = 3.5;
  /** Calls started so far. */
  calls = 0;
  now(): number {
    return this.t;
  }
  tick(): void {
    this.t += 6_000 + Math.floor(Math.random() * 6_000);
    if (++this.inCall >= CALL_UPDATES) {
      this.inCall = 0;
      this.calls++;
      this.t += this.gapDays * 24 * 3600 * 1000 - CALL_UPDATES * 9_000;
    }
  }
  today(): string {
    return new Date(this.t).toISOString().slice(0, 10);
  }
}

const tempDir = mkdtempSync(join(tmpdir(), 'loopmap-bench-history-'));
process.on('exit', () => rmSync(tempDir, { recursive: true, force: true }));
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(130));

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
/** CPU used by every other process since the call, in % of one core (from /proc/stat). */
function otherBusy(): () => number {
  const machine = machineBusyMs();
  const own = process.cpuUsage();
  const t = performance.now();
  return () => {
    const mine = process.cpuUsage(own);
    const other = machineBusyMs() - machine - (mine.user + mine.system) / 1000;
    return round((100 * Math.max(0, other)) / (performance.now() - t), 0);
  };
}
const ms = (from: number): number => performance.now() - from;
const stat = (values: number[]) => {
  const s = summarize(values);
  return { p50: round(s.p50, 1), p95: round(s.p95, 1), max: round(s.max, 1), count: s.count };
};

async function main(): Promise<void> {
  const clock = new CallClock();
  const server: RunningServer = await startServer({
    port: 0,
    host: '127.0.0.1',
    dataDir: tempDir,
    log: silentLogger,
    clock,
    rooms: { compactDebounceMs: 1e9, compactMaxWaitMs: 1e15, idleUnloadMs: 1e9 },
  });
  const store = server.store as SqliteStore;
  for (const user of AUTHORS) await store.createUser({ ...user, passwordHash: 'token only', at: clock.now() });
  const { secret } = await issueApiToken(store, AUTHORS[0]!.id, 'bench', clock.now());
  const api = async (path: string, init: RequestInit = {}): Promise<{ ms: number; bytes: number; body: string }> => {
    const request = () =>
      fetch(`${server.url}${path}`, {
        ...init,
        headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json', ...init.headers },
      });
    let t = performance.now();
    // A kept-alive socket the server closed while idle (its keepAliveTimeout) fails once: retry.
    const response = await request().catch(() => ((t = performance.now()), request()));
    const body = await response.text();
    if (!response.ok) throw new Error(`${path}: ${response.status} ${body.slice(0, 200)}`);
    return { ms: ms(t), bytes: Buffer.byteLength(body), body };
  };

  // The map: created over REST, then the 1,000 cards arrive as one import.
  const created = JSON.parse(
    (await api('/api/maps', { method: 'POST', body: JSON.stringify({ title: 'Bench history' }) })).body,
  );
  const mapId: string = created.map.id;
  for (const user of AUTHORS.slice(1)) {
    store.db
      .prepare('INSERT INTO map_members (map_id, user_id, role, added_at) VALUES (?, ?, ?, ?)')
      .run(mapId, user.id, 'editor', clock.now());
  }
  const generated = randomTocMap(CARDS, 1);
  await server.rooms.withRoom(mapId, (room) =>
    room.change((doc) => writeMapJSON(doc, generated.map, createOrigin('user', AUTHORS[0]!.id))),
  );
  progress(
    `map ${mapId}: ${generated.cards} cards, ${generated.links} links, ${generated.map.nodes.length} records with attachments`,
  );

  const editor = new MapEditor(AUTHORS.map((a) => a.id));
  const results: Record<string, unknown>[] = [];
  const genStarted = performance.now();
  for (const size of SIZES) {
    // Edits until the log holds `size` updates.
    await server.rooms.withRoom(mapId, async (room) => {
      let lastReport = performance.now();
      let yielded = room.lastSeq;
      while (room.lastSeq < size) {
        clock.tick();
        editor.today = clock.today();
        const edit = editor.next(room.doc);
        await room.change(edit);
        // Let the room's compaction timer (and so the checkpoints) run as on a live server,
        // where updates arrive as separate I/O events: a timer of 0 ms is due after 1 ms.
        if (room.lastSeq - yielded >= 50) {
          yielded = room.lastSeq;
          await pause(2);
        }
        if (performance.now() - lastReport > 5_000) {
          lastReport = performance.now();
          const rate = room.lastSeq / ((performance.now() - genStarted) / 1000);
          progress(`  ${room.lastSeq} / ${size} updates (${rate.toFixed(0)}/s)`);
        }
      }
      await room.compact();
    });
    await pause(100);
    const genMs = ms(genStarted);
    progress(`${size} updates stored after ${(genMs / 1000).toFixed(1)} s of generation; measuring`);
    results.push(await measure(server, store, api, mapId, size, genMs));
  }
  // A year of weekly calls on a 500-card map: 52 calls of CALL_UPDATES updates by three people,
  // each call ending with a snapshot (what the end of a live session takes), written the same way.
  progress('a year of weekly calls on a 500-card map');
  const year = await simulateYear(server, store, api, clock);
  progress(`  ${JSON.stringify(year)}`);

  const out = {
    at: new Date().toISOString(),
    command: 'pnpm bench:history',
    machine: {
      node: process.version,
      cpus: availableParallelism(),
      cpu: cpus()[0]?.model,
      memGiB: round(totalmem() / 2 ** 30, 1),
      yjs: (await import('yjs/package.json', { with: { type: 'json' } }).catch(() => ({ default: { version: '?' } })))
        .default.version,
    },
    editMix: editor.counts,
    results,
    year,
    totalS: round(ms(started) / 1000, 1),
  };
  mkdirSync(join(repoRoot, 'bench/results'), { recursive: true });
  writeFileSync(join(repoRoot, 'bench/results/history.json'), JSON.stringify(out, null, 2));
  console.log(JSON.stringify(out, null, 2));
  await server.close();
}

async function simulateYear(server: RunningServer, store: SqliteStore, api: Api, clock: CallClock) {
  const created = JSON.parse(
    (await api('/api/maps', { method: 'POST', body: JSON.stringify({ title: 'A year of calls' }) })).body,
  );
  const mapId: string = created.map.id;
  const generated = randomTocMap(500, 2);
  await server.rooms.withRoom(mapId, (room) =>
    room.change((doc) => writeMapJSON(doc, generated.map, createOrigin('user', AUTHORS[0]!.id))),
  );
  const editor = new MapEditor(
    AUTHORS.map((a) => a.id),
    11,
  );
  clock.gapDays = 7;
  const calls = 52;
  const t0 = performance.now();
  // Start on a call's first update.
  for (const calls = clock.calls; clock.calls === calls;) clock.tick();
  for (let call = 0; call < calls; call++) {
    await server.rooms.withRoom(mapId, async (room) => {
      let yielded = room.lastSeq;
      const callsBefore = clock.calls;
      while (clock.calls === callsBefore) {
        clock.tick();
        editor.today = clock.today();
        await room.change(editor.next(room.doc));
        if (room.lastSeq - yielded >= 50) {
          yielded = room.lastSeq;
          await pause(2);
        }
      }
      await room.compact();
    });
    await api(`/api/maps/${mapId}/snapshots`, { method: 'POST', body: JSON.stringify({ name: `Call ${call + 1}` }) });
  }
  await pause(100);
  const one = <T>(sql: string): T => store.db.prepare(sql).get(mapId) as T;
  const bytes = (sql: string): number => one<{ b: number | null }>(sql).b ?? 0;
  return {
    cards: generated.cards,
    calls,
    updates: one<{ n: number }>('SELECT MAX(seq) AS n FROM doc_updates WHERE map_id = ?').n,
    generationS: round(ms(t0) / 1000, 1),
    log: bytes('SELECT SUM(length(data)) AS b FROM doc_updates WHERE map_id = ?'),
    logRows: bytes('SELECT COUNT(*) * 40 AS b FROM doc_updates WHERE map_id = ?'),
    patches: bytes('SELECT SUM(length(patch)) AS b FROM doc_changes WHERE map_id = ?'),
    summaries: bytes('SELECT SUM(length(summary)) AS b FROM doc_changes WHERE map_id = ?'),
    changeTargets: bytes('SELECT SUM(length(target_id) + 8) AS b FROM doc_change_targets WHERE map_id = ?'),
    checkpoints: bytes('SELECT SUM(length(state)) AS b FROM doc_checkpoints WHERE map_id = ?'),
    checkpointCount: one<{ n: number }>('SELECT COUNT(*) AS n FROM doc_checkpoints WHERE map_id = ?').n,
    compactedState: bytes('SELECT SUM(length(state)) AS b FROM doc_states WHERE map_id = ?'),
    snapshots: one<{ n: number }>('SELECT COUNT(*) AS n FROM snapshots WHERE map_id = ?').n,
    snapshotBytes: bytes(
      'SELECT SUM(length(id) + length(name) + length(note) + ifnull(length(reason), 0) + ifnull(length(created_by), 0) + 40) AS b FROM snapshots WHERE map_id = ?',
    ),
  };
}

type Api = (path: string, init?: RequestInit) => Promise<{ ms: number; bytes: number; body: string }>;

async function measure(
  server: RunningServer,
  store: SqliteStore,
  api: Api,
  mapId: string,
  size: number,
  genMs: number,
) {
  const db = store.db;
  const history = server.history;
  const one = <T>(sql: string, ...args: unknown[]): T => db.prepare(sql).get(...args) as T;
  const lastSeq: number = one<{ s: number }>('SELECT MAX(seq) AS s FROM doc_updates WHERE map_id = ?', mapId).s;

  // ── Storage ──
  const bytes = (sql: string): number => one<{ b: number | null }>(sql, mapId).b ?? 0;
  const storage = {
    compactedState: bytes('SELECT SUM(length(state)) AS b FROM doc_states WHERE map_id = ?'),
    checkpoints: bytes('SELECT SUM(length(state)) AS b FROM doc_checkpoints WHERE map_id = ?'),
    checkpointCount: one<{ n: number }>('SELECT COUNT(*) AS n FROM doc_checkpoints WHERE map_id = ?', mapId).n,
    lastCheckpoint: bytes('SELECT length(state) AS b FROM doc_checkpoints WHERE map_id = ? ORDER BY seq DESC LIMIT 1'),
    patches: bytes('SELECT SUM(length(patch)) AS b FROM doc_changes WHERE map_id = ?'),
    summaries: bytes('SELECT SUM(length(summary)) AS b FROM doc_changes WHERE map_id = ?'),
    changeTargets: bytes('SELECT SUM(length(target_id) + 8) AS b FROM doc_change_targets WHERE map_id = ?'),
    log: bytes('SELECT SUM(length(data)) AS b FROM doc_updates WHERE map_id = ?'),
    snapshots: one<{ n: number }>('SELECT COUNT(*) AS n FROM snapshots WHERE map_id = ?', mapId).n,
    checkpointSeqs: (
      db.prepare('SELECT seq FROM doc_checkpoints WHERE map_id = ? ORDER BY seq').all(mapId) as { seq: number }[]
    ).map((r) => r.seq),
    /** On-disk pages of each table (and its indexes) for the whole file, where SQLite has dbstat. */
    onDisk: null as Record<string, number> | null,
    jsonState: 0,
  };
  try {
    const rows = db.prepare('SELECT name, SUM(pgsize) AS b FROM dbstat GROUP BY name').all() as {
      name: string;
      b: number;
    }[];
    storage.onDisk = Object.fromEntries(rows.filter((r) => r.b > 8192).map((r) => [r.name, r.b]));
  } catch {
    storage.onDisk = null;
  }
  const ratio = storage.checkpoints / storage.compactedState;
  progress(
    `  storage: state ${storage.compactedState} B, ${storage.checkpointCount} checkpoints ${storage.checkpoints} B ` +
      `(${ratio.toFixed(1)}x the state), patches ${storage.patches} B, summaries ${storage.summaries} B, log ${storage.log} B`,
  );

  // ── State at random points, cold ──
  const random = prng(size);
  const seqs = Array.from({ length: POINTS }, () => 1 + Math.floor(random() * lastSeq));
  // Warm up V8 on other points first (reported figures are of a server that has been up a while).
  for (let i = 0; i < 20; i++) {
    history.forgetCachedStates();
    await history.mapAt(mapId, 1 + Math.floor(random() * lastSeq));
    await api(`/api/maps/${mapId}/state?at=${1 + Math.floor(random() * lastSeq)}`);
  }
  const inProcess: number[] = [];
  const busy = otherBusy();
  // CPU time of each point too: on a shared machine the wall time's tail is the neighbours' doing.
  const inProcessCpu: number[] = [];
  for (const seq of seqs) {
    history.forgetCachedStates();
    const cpu = process.cpuUsage();
    const t = performance.now();
    await history.mapAt(mapId, seq);
    inProcess.push(ms(t));
    const used = process.cpuUsage(cpu);
    inProcessCpu.push((used.user + used.system) / 1000);
  }
  const inProcessOther = busy();
  const http: number[] = [];
  const responseBytes: number[] = [];
  const busyHttp = otherBusy();
  for (const seq of seqs) {
    history.forgetCachedStates();
    const response = await api(`/api/maps/${mapId}/state?at=${seq}`);
    http.push(response.ms);
    responseBytes.push(response.bytes);
  }
  const httpOther = busyHttp();
  // The same steps, one by one (what stateAt and the route do), for where the time goes.
  const phases = {
    checkpointRead: [] as number[],
    inflate: [] as number[],
    parse: [] as number[],
    patchesSql: [] as number[],
    patchesParse: [] as number[],
    apply: [] as number[],
    toJSON: [] as number[],
    stringify: [] as number[],
    tail: [] as number[],
  };
  // What listPatches runs, so the SQL and the JSON.parse of the patches can be timed apart.
  const patchRows = db.prepare(
    'SELECT seq, patch FROM doc_changes WHERE map_id = ? AND seq > ? AND seq <= ? ORDER BY seq',
  );
  for (const seq of seqs) {
    let t = performance.now();
    const checkpoint = await store.history.checkpointAtOrBefore(mapId, seq);
    phases.checkpointRead.push(ms(t));
    t = performance.now();
    const text = checkpoint ? inflateRawSync(checkpoint.state).toString('utf8') : null;
    phases.inflate.push(ms(t));
    t = performance.now();
    const base = text ? parseMapState(text) : null;
    phases.parse.push(ms(t));
    t = performance.now();
    const rows = patchRows.all(mapId, checkpoint?.seq ?? 0, seq) as { seq: number; patch: string }[];
    phases.patchesSql.push(ms(t));
    t = performance.now();
    const patches = rows.map((row) => ({ seq: row.seq, patch: JSON.parse(row.patch) as MapPatch }));
    phases.patchesParse.push(ms(t));
    phases.tail.push(patches.length);
    t = performance.now();
    const state = base ? cloneMapState(base) : emptyMapState();
    for (const { patch } of patches) applyMapPatch(state, patch);
    phases.apply.push(ms(t));
    t = performance.now();
    const json = mapStateToJSON(state);
    phases.toJSON.push(ms(t));
    t = performance.now();
    JSON.stringify({ point: { seq }, map: json });
    phases.stringify.push(ms(t));
  }
  const stateAt = {
    inProcess: stat(inProcess),
    inProcessCpu: stat(inProcessCpu),
    http: stat(http),
    responseBytes: stat(responseBytes),
    phasesP50: Object.fromEntries(Object.entries(phases).map(([k, v]) => [k, stat(v).p50])),
    phasesP95: Object.fromEntries(Object.entries(phases).map(([k, v]) => [k, stat(v).p95])),
    httpSmall: null as ReturnType<typeof stat> | null,
    otherCpuPercent: { inProcess: inProcessOther, http: httpOther },
    tailCostMs: {} as Record<number, number>,
  };
  progress(
    `  state-at in-process p50 ${stateAt.inProcess.p50} p95 ${stateAt.inProcess.p95} ms (CPU p50 ${stateAt.inProcessCpu.p50} p95 ${stateAt.inProcessCpu.p95} ms, others ${inProcessOther}% of a core); HTTP p50 ${stateAt.http.p50} p95 ${stateAt.http.p95} ms`,
  );

  // What a longer distance between checkpoints would cost (storage against speed): a point L
  // patches past a checkpoint, reached by the same steps as stateAt (read and inflate the
  // checkpoint, parse it, read, parse and apply L patches, mapStateToJSON), ignoring any
  // checkpoint in between. Median of 5, from the first checkpoint.
  const tailCost: Record<number, number> = {};
  const first = storage.checkpointSeqs[0];
  for (const tail of [500, 2_000, 4_000, 8_000, 16_000]) {
    if (first === undefined || first + tail > lastSeq) continue;
    const runs: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      const checkpoint = (await store.history.checkpointAtOrBefore(mapId, first))!;
      const state = parseMapState(inflateRawSync(checkpoint.state).toString('utf8'));
      for (const { patch } of await store.history.listPatches(mapId, first, first + tail)) applyMapPatch(state, patch);
      mapStateToJSON(state);
      runs.push(ms(t));
    }
    tailCost[tail] = stat(runs).p50;
  }
  progress(`  a point L patches past a checkpoint: ${JSON.stringify(tailCost)} ms`);
  stateAt.tailCostMs = tailCost;

  // What any small GET costs through HTTP here (the empty map at seq 1): the fixed part of the above.
  const small: number[] = [];
  for (let i = 0; i < 50; i++) small.push((await api(`/api/maps/${mapId}/state?at=1`)).ms);
  stateAt.httpSmall = stat(small);

  // Scrubbing: consecutive points after one cold point (the cache holds the checkpoint and the last point).
  history.forgetCachedStates();
  const scrubFrom = Math.max(1, Math.floor(lastSeq / 2));
  await history.mapAt(mapId, scrubFrom);
  const scrub: number[] = [];
  for (let seq = scrubFrom + 1; seq <= Math.min(lastSeq, scrubFrom + 100); seq++) {
    const t = performance.now();
    await api(`/api/maps/${mapId}/state?at=${seq}`);
    scrub.push(ms(t));
  }

  // ── Baseline: replaying the Yjs log from zero to the same points (no checkpoints) ──
  const baselineSeqs = seqs.slice(0, BASELINE_POINTS(size));
  const baseline: number[] = [];
  const ours: number[] = [];
  for (const seq of baselineSeqs) {
    let t = performance.now();
    const updates = await store.listUpdateRange(mapId, 0, seq);
    const doc = new Y.Doc();
    doc.transact(() => {
      for (const entry of updates) Y.applyUpdate(doc, entry.update);
    });
    toMapJSON(doc);
    doc.destroy();
    baseline.push(ms(t));
    history.forgetCachedStates();
    t = performance.now();
    await history.mapAt(mapId, seq);
    ours.push(ms(t));
  }
  const replay = { points: baselineSeqs.length, replay: stat(baseline), ours: stat(ours) };
  progress(
    `  baseline replay from zero p50 ${replay.replay.p50} p95 ${replay.replay.p95} ms (ours on the same points p50 ${replay.ours.p50})`,
  );

  // ── History pages and the timeline ──
  const times = async (n: number, path: string) => {
    const values: number[] = [];
    let size = 0;
    for (let i = 0; i < n; i++) {
      const r = await api(path);
      values.push(r.ms);
      size = r.bytes;
    }
    return { ...stat(values), bytes: size };
  };
  const inStore = async (n: number, fn: () => Promise<unknown>) => {
    const values: number[] = [];
    for (let i = 0; i < n; i++) {
      const t = performance.now();
      await fn();
      values.push(ms(t));
    }
    return stat(values);
  };
  const storeOnly = {
    firstPage: await inStore(10, () =>
      store.history.listHistory(mapId, { before: Number.MAX_SAFE_INTEGER, limit: 50 }),
    ),
    entryTimes: await inStore(10, () => store.history.listEntryTimes(mapId)),
  };
  // Why a page costs what it costs: the plan SQLite picks for the page's query (SqliteHistoryStore).
  const pagePlan = (
    db
      .prepare(
        `EXPLAIN QUERY PLAN SELECT u.seq, (SELECT group_concat(t.target_id, ' ') FROM doc_change_targets t
           WHERE t.map_id = u.map_id AND t.seq = u.seq) AS ids FROM doc_updates u
         LEFT JOIN doc_changes c ON c.map_id = u.map_id AND c.seq = u.seq
         WHERE u.map_id = ? AND u.seq < ? ORDER BY u.seq DESC LIMIT ?`,
      )
      .all(mapId, Number.MAX_SAFE_INTEGER, 50) as { detail: string }[]
  ).map((row) => row.detail);
  // The same first page once doc_change_targets has an index by (map_id, seq): what the index
  // would save (an experiment on this temporary file only; the product schema is unchanged).
  db.exec('CREATE INDEX IF NOT EXISTS bench_targets_by_seq ON doc_change_targets (map_id, seq)');
  const withSeqIndex = await inStore(10, () =>
    store.history.listHistory(mapId, { before: Number.MAX_SAFE_INTEGER, limit: 50 }),
  );
  const pagePlanWithIndex = (
    db
      .prepare(
        `EXPLAIN QUERY PLAN SELECT group_concat(t.target_id, ' ') FROM doc_change_targets t WHERE t.map_id = ? AND t.seq = ?`,
      )
      .all(mapId, 1) as { detail: string }[]
  ).map((row) => row.detail);
  db.exec('DROP INDEX bench_targets_by_seq');
  const pages = {
    first: await times(10, `/api/maps/${mapId}/history?limit=50`),
    deep: await times(10, `/api/maps/${mapId}/history?limit=50&before=${Math.min(lastSeq, 500)}`),
    middle: await times(10, `/api/maps/${mapId}/history?limit=50&before=${Math.floor(lastSeq / 2)}`),
    timeline: await times(10, `/api/maps/${mapId}/timeline`),
    storeOnly,
    pagePlan,
    firstPageWithSeqIndex: withSeqIndex,
    pagePlanWithIndex,
  };
  progress(
    `  history first page p50 ${pages.first.p50} ms, deep ${pages.deep.p50} ms; timeline p50 ${pages.timeline.p50} ms (${pages.timeline.bytes} B)`,
  );

  // ── Diff of two versions far apart: just after the import, and now ──
  const from = 3;
  const diffHttp: number[] = [];
  let diffBody = '';
  for (let i = 0; i < 10; i++) {
    history.forgetCachedStates();
    const r = await api(`/api/maps/${mapId}/diff?from=${from}&to=${lastSeq}`);
    diffHttp.push(r.ms);
    diffBody = r.body;
  }
  const a: MapJSON = await history.mapAt(mapId, from);
  const b: MapJSON = await history.mapAt(mapId, lastSeq);
  const pure: number[] = [];
  for (let i = 0; i < 10; i++) {
    const t = performance.now();
    diffMaps(a, b);
    pure.push(ms(t));
  }
  const d = JSON.parse(diffBody).diff as { cards: unknown[]; links: unknown[] };
  const diff = {
    from,
    to: lastSeq,
    cards: [a.nodes.length, b.nodes.length],
    links: [a.edges.length, b.edges.length],
    changedCards: d.cards.length,
    changedLinks: d.links.length,
    http: { ...stat(diffHttp), bytes: Buffer.byteLength(diffBody) },
    diffMaps: stat(pure),
  };
  progress(
    `  diff ${from}..${lastSeq}: HTTP p50 ${diff.http.p50} ms, diffMaps p50 ${diff.diffMaps.p50} ms (${diff.changedCards} cards, ${diff.changedLinks} links changed)`,
  );
  storage.jsonState = Buffer.byteLength(JSON.stringify(b));

  return {
    size,
    lastSeq,
    cards: b.nodes.length,
    links: b.edges.length,
    generationS: round(genMs / 1000, 1),
    storage,
    checkpointToStateRatio: round(ratio, 2),
    stateAt,
    scrub: stat(scrub),
    replay,
    pages,
    diff,
  };
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
