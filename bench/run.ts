/**
 * Loopmap load benchmark: our server against the y-websocket reference server, same run, same
 * machine, each server in its own process and the load generator in another.
 *
 *   pnpm bench                      full run (about 2 to 3 minutes)
 *   BENCH_QUICK=1 pnpm bench        scaled-down smoke run
 *   BENCH_ONLY=propagation,storm,cold pnpm bench    a subset of the scenarios
 *   BENCH_ONLY=mixed pnpm bench     only the mixed workload (10 full providers + 40 readers)
 *   BENCH_PROFILE=1 pnpm bench      also writes --cpu-prof profiles of the servers to bench/results/profiles
 *
 * Prints a table and writes bench/results/latest.json. docs/benchmarks.md describes the workload.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import {
  killAllChildren,
  repoRoot,
  startLoadChild,
  startServerChild,
  type LoadChild,
  type ServerChild,
} from './lib/children.ts';
import { median, round, summarize } from './lib/stats.ts';
import { sleep, waitForQuiet } from './lib/wire.ts';

type Kind = 'ref' | 'ours' | 'base';
/**
 * Diagnostics: BENCH_SERVERS=ours runs one side only (the ratios are then n/a);
 * BENCH_SERVERS=ref,ours,base with BENCH_BASE_DIR=<another checkout> adds that checkout's server
 * (propagation and mixed only), for A/B runs of a change against the reference in one run.
 */
const KINDS = (process.env.BENCH_SERVERS ?? 'ref,ours')
  .split(',')
  .filter((k): k is Kind => k === 'ref' || k === 'ours' || k === 'base');

const QUICK = process.env.BENCH_QUICK === '1';
const ONLY = new Set((process.env.BENCH_ONLY ?? 'propagation,mixed,storm,cold').split(',').map((s) => s.trim()));
const PROFILE = process.env.BENCH_PROFILE === '1';
const MAX_RUN_MS = Number(process.env.BENCH_MAX_MS ?? (QUICK ? 120_000 : 420_000));
const resultsDir = resolve(repoRoot, 'bench/results');

const params = QUICK
  ? {
      propagation: {
        clients: 20,
        writers: 3,
        nodes: 200,
        links: 300,
        rateHz: 30,
        warmupMs: 1_000,
        measureMs: 4_000,
        drainMs: 500,
        rounds: Number(process.env.BENCH_ROUNDS ?? 1),
      },
      mixed: {
        clients: 20,
        fullProviders: 4,
        writers: 2,
        nodes: 200,
        links: 300,
        rateHz: 30,
        warmupMs: 1_000,
        measureMs: 4_000,
        drainMs: 500,
        rounds: Number(process.env.BENCH_ROUNDS ?? 1),
      },
      joinStorm: { nodes: 1_000, links: 500, clients: 30, rounds: 1 },
      coldOpen: { updates: 2_000, trials: 1, warmups: 1, baselineReps: 1 },
    }
  : {
      propagation: {
        clients: 50,
        writers: 5,
        nodes: 500,
        links: 750,
        rateHz: 30,
        warmupMs: 3_000,
        measureMs: 15_000,
        drainMs: 1_000,
        rounds: Number(process.env.BENCH_ROUNDS ?? 2),
      },
      // The mixed workload (issue 12's independent harness): 10 full providers (5 of them
      // writing) and 40 protocol-level readers, 8 s rounds, ours and the reference alternated.
      mixed: {
        clients: 50,
        fullProviders: 10,
        writers: 5,
        nodes: 500,
        links: 750,
        rateHz: 30,
        // Diagnostics: BENCH_MIXED_WARMUP_MS, e.g. 20000 to measure a server whose JIT has settled.
        warmupMs: Number(process.env.BENCH_MIXED_WARMUP_MS ?? 2_000),
        measureMs: 8_000,
        drainMs: 1_000,
        rounds: Number(process.env.BENCH_ROUNDS ?? 2),
      },
      joinStorm: { nodes: 5_000, links: 2_500, clients: 100, rounds: 3 },
      coldOpen: { updates: 10_000, trials: 5, warmups: 2, baselineReps: 2 },
    };

// ---------------------------------------------------------------------------------------------
// Lifecycle: every child dies with the run, and the run itself is bounded in time.

/** Temporary data dirs of this run, removed however the run ends. */
const tempDirs = new Set<string>();
function makeTempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.add(dir);
  return dir;
}
function removeTempDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  tempDirs.delete(dir);
}

process.on('exit', () => {
  killAllChildren();
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    killAllChildren();
    process.exit(130);
  });
}
const hardStop = setTimeout(() => {
  console.error(`bench: exceeded ${MAX_RUN_MS} ms, killing everything`);
  killAllChildren();
  process.exit(3);
}, MAX_RUN_MS);
hardStop.unref();

function profileArgs(label: string): string[] {
  // Diagnostics: BENCH_SERVER_NODE_ARGS='--trace-gc' adds Node flags to every server process.
  const extra = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  if (!PROFILE) return extra;
  // One directory per server process: tsx's loader thread writes a profile of its own there too
  // (Node's default file names carry the pid and thread id); the main thread's is the larger one.
  const dir = join(resultsDir, 'profiles', `${label}-${Date.now()}`);
  mkdirSync(dir, { recursive: true });
  return [...extra, '--cpu-prof', `--cpu-prof-dir=${dir}`];
}

async function withServer<T>(
  kind: Kind,
  label: string,
  fn: (server: ServerChild, load: LoadChild) => Promise<T>,
): Promise<T> {
  const dataDir = kind !== 'ref' ? makeTempDir('loopmap-bench-') : undefined;
  const server = await startServerChild(kind, dataDir, profileArgs(`${label}-${kind}`));
  const load = await startLoadChild();
  try {
    return await fn(server, load);
  } finally {
    await load.stop();
    await server.stop();
    if (dataDir) removeTempDir(dataDir);
  }
}

function log(message: string): void {
  process.stdout.write(`[bench ${((performance.now() - runStarted) / 1000).toFixed(1)}s] ${message}\n`);
}

// ---------------------------------------------------------------------------------------------
// Scenarios.

interface PropagationRun {
  latencyMs: { p50: number; p95: number; p99: number; max: number; mean: number };
  latencies?: number[];
  cpuPerMessageUs: number;
  cpuPerObservedUpdateUs: number;
  serverCpuPercent: number;
  serverCpuMs: number;
  serverSystemCpuMs: number;
  updateMessages: number;
  observations: number;
  expectedObservations: number;
  deliveryRatio: number;
  sendRateHz: number;
  loadgenCpuPercent: number;
  converged: boolean;
  windowEpoch: { start: number; end: number };
  serverStalls?: { atS: number; ms: number }[];
  loadgenStalls: { atS: number; ms: number }[];
  otherCpuPercent: number;
  [key: string]: unknown;
}

interface PropagationResult {
  /** Pooled over all rounds. */
  latencyMs: { p50: number; p95: number; p99: number; max: number; mean: number };
  p99PerRoundMs: number[];
  cpuPerMessageUs: number;
  cpuPerObservedUpdateUs: number;
  serverCpuPercent: number;
  serverSystemCpuShare: number;
  deliveryRatio: number;
  converged: boolean;
  runs: PropagationRun[];
  discardedRounds?: Omit<PropagationRun, 'latencies'>[];
}

function poolPropagation(runs: PropagationRun[], measureMs: number): PropagationResult {
  const all: number[] = [];
  for (const run of runs) for (const v of run.latencies ?? []) all.push(v);
  const s = summarize(all);
  const sum = (f: (r: PropagationRun) => number): number => runs.reduce((a, r) => a + f(r), 0);
  const cpu = sum((r) => r.serverCpuMs);
  const observed = sum((r) => r.observations);
  const expected = sum((r) => r.expectedObservations);
  return {
    latencyMs: { p50: round(s.p50), p95: round(s.p95), p99: round(s.p99), max: round(s.max), mean: round(s.mean) },
    p99PerRoundMs: runs.map((r) => r.latencyMs.p99),
    cpuPerMessageUs: round((1000 * cpu) / sum((r) => r.updateMessages)),
    cpuPerObservedUpdateUs: round((1000 * cpu) / observed),
    serverCpuPercent: round((100 * cpu) / (measureMs * runs.length), 1),
    serverSystemCpuShare: round(sum((r) => r.serverSystemCpuMs) / cpu, 2),
    deliveryRatio: round(expected > 0 ? observed / expected : NaN, 4),
    converged: runs.every((r) => r.converged),
    runs: runs.map(({ latencies: _omit, ...rest }) => rest),
  };
}

/**
 * A propagation round during which other processes used more than this much CPU (% of one core)
 * is run again (at most MAX_RETRIES re-runs in the whole run, so the run stays bounded): on a
 * shared 2-core machine a neighbour's burst would otherwise decide the tail latency. Before each
 * round the run waits up to QUIET_WAIT_MS for an idle machine. Discarded rounds stay in the JSON.
 */
const DISTURBED_PERCENT = 15;
/** Diagnostics: BENCH_RETRIES and BENCH_QUIET_WAIT_MS, for a machine that is never quiet. */
const MAX_RETRIES = Number(process.env.BENCH_RETRIES ?? 2);
const QUIET_WAIT_MS = Number(process.env.BENCH_QUIET_WAIT_MS ?? 10_000);

type PropagationScenario = 'propagation' | 'mixed';

async function runPropagation(
  scenario: PropagationScenario = 'propagation',
): Promise<Partial<Record<Kind, PropagationResult>>> {
  const p = params[scenario];
  const runs: Record<Kind, PropagationRun[]> = { ref: [], ours: [], base: [] };
  const discarded: Record<Kind, PropagationRun[]> = { ref: [], ours: [], base: [] };
  let retriesLeft = MAX_RETRIES;
  for (let roundNo = 0; roundNo < p.rounds; roundNo++) {
    // Alternate the order so neither server always runs on a fresher machine.
    const order = roundNo % 2 === 0 ? KINDS : [...KINDS].reverse();
    for (const kind of order) {
      for (let attempt = 0; attempt <= MAX_RETRIES; attempt++) {
        const waited = await waitForQuiet(QUIET_WAIT_MS);
        log(
          `${scenario} ${roundNo + 1}/${p.rounds}${attempt > 0 ? ` (retry ${attempt})` : ''}: ${kind}, ` +
            `${p.clients} clients${'fullProviders' in p ? ` (${p.fullProviders} full providers)` : ''}, ` +
            `${p.writers} writers at ${p.rateHz}/s, ${p.nodes} nodes` +
            (waited > 1_500 ? ` (waited ${(waited / 1000).toFixed(0)} s for a quiet machine)` : ''),
        );
        const r = await propagationRound(kind, scenario);
        if (r.otherCpuPercent > DISTURBED_PERCENT && retriesLeft > 0) {
          retriesLeft--;
          log(`  disturbed: other processes used ${r.otherCpuPercent}% of a core; running this round again`);
          discarded[kind].push(r);
          continue;
        }
        runs[kind].push(r);
        break;
      }
    }
  }
  const out: Partial<Record<Kind, PropagationResult>> = {};
  for (const kind of KINDS) {
    out[kind] = {
      ...poolPropagation(runs[kind], p.measureMs),
      discardedRounds: discarded[kind].map(({ latencies: _omit, ...rest }) => rest),
    };
  }
  return out;
}

async function propagationRound(kind: Kind, scenario: PropagationScenario): Promise<PropagationRun> {
  const p = params[scenario];
  const r = await withServer(kind, scenario, async (server, load) => {
    const run = await load.call<PropagationRun>(
      'propagation',
      { ...p, kind: kind === 'base' ? 'ours' : kind, port: server.port, token: server.token, serverPid: server.pid },
      p.warmupMs + p.measureMs + 120_000,
    );
    const { start, end } = run.windowEpoch;
    run.serverStalls = (await server.stalls())
      .filter((st) => st.at >= start && st.at < end)
      .map((st) => ({ atS: round((st.at - start) / 1000, 2), ms: st.ms }));
    return run;
  });
  const worst = (stalls: { ms: number }[] | undefined): number => Math.max(0, ...(stalls ?? []).map((st) => st.ms));
  log(
    `  p50 ${r.latencyMs.p50} ms, p99 ${r.latencyMs.p99} ms, server CPU ${r.serverCpuPercent}%, ` +
      `${r.cpuPerMessageUs} µs/message, delivered ${(r.deliveryRatio * 100).toFixed(2)}%; ` +
      `longest event-loop stall: server ${worst(r.serverStalls)} ms, load generator ${worst(r.loadgenStalls)} ms; ` +
      `other processes used ${r.otherCpuPercent}% of a core`,
  );
  return r;
}

interface StormResult {
  allSyncedMsMedian: number;
  rounds: {
    allSyncedMs: number;
    p50Ms: number;
    serverCpuMs: number;
    loadgenCpuMs: number;
    otherCpuPercent: number;
    step2Bytes: number;
    incomplete: number;
  }[];
  coldRoom: { allSyncedMs: number; serverCpuMs: number } | null;
  mapStateBytes: number;
  [key: string]: unknown;
}

interface ColdPrepResult {
  maps: { warm: string; compacted: string[]; tail: string[] };
  updates: number;
  logBytes: number;
  stateBytes: number;
  nodes: number;
  baselines: {
    mergeUpdatesMs: number;
    applyOneByOneMs: number;
    applyInOneTransactionMs: number;
    applyCompactedStateMs: number;
    [key: string]: unknown;
  };
}

interface ColdOpenResult {
  otherCpuMs: number;
  elapsedMs: number;
  connectMs: number;
  syncedMs: number;
  step2Bytes: number;
}

async function runJoinStorm(): Promise<Partial<Record<Kind, StormResult>>> {
  const out: Partial<Record<Kind, StormResult>> = {};
  const p = params.joinStorm;
  for (const kind of KINDS) {
    log(`join storm: ${kind}, ${p.clients} clients, ${p.nodes} nodes, ${p.rounds} rounds`);
    const r = await withServer(kind, 'storm', (server, load) =>
      load.call<StormResult>(
        'joinStorm',
        { ...p, kind, port: server.port, token: server.token, serverPid: server.pid },
        300_000,
      ),
    );
    out[kind] = r;
    log(
      `  all synced in ${r.rounds.map((x) => x.allSyncedMs).join(', ')} ms (${r.mapStateBytes} B map); ` +
        `other processes used ${r.rounds.map((x) => x.otherCpuPercent).join(', ')}% of a core`,
    );
  }
  return out;
}

async function runColdOpen() {
  const p = params.coldOpen;
  const dataDir = makeTempDir('loopmap-bench-cold-');
  const load = await startLoadChild();
  try {
    log(`cold open: writing ${p.updates}-update histories to SQLite, timing baselines`);
    const prep = await load.call<ColdPrepResult>('coldPrep', { ...p, dataDir }, 180_000);
    log(
      `  log ${prep.logBytes} B in ${prep.updates} updates, state ${prep.stateBytes} B; ` +
        `mergeUpdates ${prep.baselines.mergeUpdatesMs} ms, one by one ${prep.baselines.applyOneByOneMs} ms`,
    );
    const open = (server: ServerChild, mapId: string) =>
      load.call<ColdOpenResult>(
        'coldOpen',
        { port: server.port, token: server.token, serverPid: server.pid, mapId },
        60_000,
      );
    const cases = {
      compacted: [] as ColdOpenResult[],
      tail: [] as ColdOpenResult[],
      compactedFirstAfterRestart: [] as ColdOpenResult[],
      tailFirstAfterRestart: [] as ColdOpenResult[],
      tinyMapFirstAfterRestart: [] as ColdOpenResult[],
      warmups: [] as (ColdOpenResult & { which: string })[],
    };
    // Restart 1: the first big map a fresh process opens is a compacted one. Then `warmups` more
    // of each kind are opened (not reported: V8 is still optimising Yjs), then the measured
    // trials, tail and compacted alternating: a server that has been up a while, maps only on disk.
    // Restart 2: the first big map is a 10,000-update tail. Each restart first opens a tiny map,
    // so the first-connection costs of the process are not charged to the map.
    for (const first of ['compacted', 'tail'] as const) {
      const server = await startServerChild('ours', dataDir, profileArgs(`cold-${first}`));
      try {
        cases.tinyMapFirstAfterRestart.push(await open(server, prep.maps.warm));
        await sleep(200);
        const firstCase = first === 'compacted' ? cases.compactedFirstAfterRestart : cases.tailFirstAfterRestart;
        firstCase.push(await open(server, prep.maps[first][0]!));
        if (first === 'compacted') {
          for (let t = 1; t <= p.warmups + p.trials; t++) {
            for (const which of ['tail', 'compacted'] as const) {
              // Let the previous map's load-time compaction finish first.
              await sleep(300);
              const result = await open(server, prep.maps[which][t]!);
              if (t > p.warmups) cases[which].push(result);
              else cases.warmups.push({ ...result, which });
            }
          }
        }
      } finally {
        await server.stop();
      }
    }
    const med = (rs: ColdOpenResult[]) => round(median(rs.map((r) => r.syncedMs)), 1);
    const measured = [
      ...cases.compacted,
      ...cases.tail,
      ...cases.compactedFirstAfterRestart,
      ...cases.tailFirstAfterRestart,
    ];
    const result = {
      ...prep,
      compactedMs: med(cases.compacted),
      tailMs: med(cases.tail),
      compactedFirstAfterRestartMs: med(cases.compactedFirstAfterRestart),
      tailFirstAfterRestartMs: med(cases.tailFirstAfterRestart),
      tinyMapFirstAfterRestartMs: med(cases.tinyMapFirstAfterRestart),
      /** CPU other processes used during all measured opens together, % of one core. */
      otherCpuPercent: round(
        (100 * measured.reduce((a, r) => a + r.otherCpuMs, 0)) / measured.reduce((a, r) => a + r.elapsedMs, 0),
        0,
      ),
      runs: cases,
    };
    log(
      `  cold open, server warm: (a) compacted ${result.compactedMs} ms, (b) ${p.updates}-update tail ${result.tailMs} ms; ` +
        `first big map after a restart: (a) ${result.compactedFirstAfterRestartMs} ms, (b) ${result.tailFirstAfterRestartMs} ms; ` +
        `other processes used ${result.otherCpuPercent}% of a core during the opens`,
    );
    return result;
  } finally {
    await load.stop();
    removeTempDir(dataDir);
  }
}

// ---------------------------------------------------------------------------------------------
// Report.

function machine() {
  let cpuModel = 'unknown';
  try {
    cpuModel = /model name\s*:\s*(.+)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() ?? cpuModel;
  } catch {
    // not Linux
  }
  return {
    nproc: availableParallelism(),
    cpuModel,
    memoryGiB: round(totalmem() / 2 ** 30, 1),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
  };
}

interface Row {
  metric: string;
  ref: string;
  ours: string;
  ratio: string;
  target: string;
  met: string;
}

const fmt = (v: number | undefined, digits = 1): string =>
  v === undefined || !Number.isFinite(v) ? 'n/a' : v.toFixed(digits);
const yes = (ok: boolean): string => (ok ? 'yes' : 'NO');

function table(rows: Row[]): string {
  const header: Row = {
    metric: 'Metric',
    ref: 'Reference',
    ours: 'Loopmap',
    ratio: 'Ref/ours',
    target: 'Target',
    met: 'Met',
  };
  const all = [header, ...rows];
  const keys = Object.keys(header) as (keyof Row)[];
  const widths = keys.map((k) => Math.max(...all.map((r) => r[k].length)));
  const line = (r: Row): string => `| ${keys.map((k, i) => r[k].padEnd(widths[i]!)).join(' | ')} |`;
  return [line(header), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...rows.map(line)].join('\n');
}

function compare(results: {
  propagation?: Partial<Record<Kind, PropagationResult>>;
  mixed?: Partial<Record<Kind, PropagationResult>>;
  joinStorm?: Partial<Record<Kind, StormResult>>;
  coldOpen?: Awaited<ReturnType<typeof runColdOpen>>;
}): { rows: Row[]; targets: Record<string, boolean> } {
  const rows: Row[] = [];
  const targets: Record<string, boolean> = {};
  const pair = <T>(r: Partial<Record<Kind, T>> | undefined): { ref?: T; ours?: T } => ({ ref: r?.ref, ours: r?.ours });
  const row = (
    metric: string,
    ref: number | undefined,
    ours: number | undefined,
    digits: number,
    target = '-',
    ok?: boolean,
  ): Row => ({
    metric,
    ref: fmt(ref, digits),
    ours: fmt(ours, digits),
    ratio: ref !== undefined && ours !== undefined ? fmt(ref / ours, 2) : 'n/a',
    target,
    met: ok === undefined ? '-' : yes(ok),
  });

  const prop = pair(results.propagation);
  if (prop.ref || prop.ours) {
    const { ref, ours } = prop;
    const both = ref && ours;
    for (const q of ['p50', 'p95', 'p99'] as const) {
      const ok = both ? ours.latencyMs[q] <= ref.latencyMs[q] : undefined;
      if (q === 'p99' && ok !== undefined) targets.propagationP99 = ok;
      rows.push(
        row(
          `1. propagation ${q}, pooled (ms)`,
          ref?.latencyMs[q],
          ours?.latencyMs[q],
          2,
          q === 'p99' ? 'ours <= ref' : '-',
          q === 'p99' ? ok : undefined,
        ),
      );
    }
    rows.push({
      metric: '   p99 of each round (ms)',
      ref: ref ? ref.p99PerRoundMs.map((v) => v.toFixed(1)).join(', ') : 'n/a',
      ours: ours ? ours.p99PerRoundMs.map((v) => v.toFixed(1)).join(', ') : 'n/a',
      ratio: '-',
      target: '-',
      met: '-',
    });
    rows.push({
      metric: '   other processes, % of a core, each round',
      ref: ref ? ref.runs.map((r) => r.otherCpuPercent.toFixed(0)).join(', ') : 'n/a',
      ours: ours ? ours.runs.map((r) => r.otherCpuPercent.toFixed(0)).join(', ') : 'n/a',
      ratio: '-',
      target: 'quiet: < 15',
      met: yes([ref, ours].every((x) => !x || x.runs.every((r) => r.otherCpuPercent < 15))),
    });
    rows.push({
      metric: '   rounds re-run (disturbed by others)',
      ref: String(ref?.discardedRounds?.length ?? 'n/a'),
      ours: String(ours?.discardedRounds?.length ?? 'n/a'),
      ratio: '-',
      target: '-',
      met: '-',
    });
    rows.push({
      metric: '   deliveries observed / expected',
      ref: ref ? `${(ref.deliveryRatio * 100).toFixed(2)}%` : 'n/a',
      ours: ours ? `${(ours.deliveryRatio * 100).toFixed(2)}%` : 'n/a',
      ratio: '-',
      target: '100%',
      met: yes([ref, ours].every((r) => !r || (r.deliveryRatio === 1 && r.converged))),
    });
    const cpuOk = both ? ours.cpuPerMessageUs <= ref.cpuPerMessageUs / 2 : undefined;
    if (cpuOk !== undefined) targets.cpuPerDeliveredUpdate = cpuOk;
    rows.push(
      row(
        '3. server CPU per update message (µs)',
        ref?.cpuPerMessageUs,
        ours?.cpuPerMessageUs,
        2,
        'ours <= ref/2',
        cpuOk,
      ),
    );
    rows.push(
      row('   server CPU per observed update (µs)', ref?.cpuPerObservedUpdateUs, ours?.cpuPerObservedUpdateUs, 2),
    );
    rows.push(row('   server CPU, % of one core', ref?.serverCpuPercent, ours?.serverCpuPercent, 1));
    rows.push(row('   of which kernel (system) share', ref?.serverSystemCpuShare, ours?.serverSystemCpuShare, 2));
  }

  const mixed = pair(results.mixed);
  if (mixed.ref || mixed.ours) {
    const { ref, ours } = mixed;
    const m = params.mixed;
    // Issue 12's targets, as ours/ref (at or below 1 is met).
    const oursOverRef = (a: number | undefined, b: number | undefined): string =>
      a !== undefined && b !== undefined ? `ours/ref ${fmt(b / a, 2)}` : 'n/a';
    for (const q of ['p50', 'p99'] as const) {
      const ok = ref && ours ? ours.latencyMs[q] <= ref.latencyMs[q] : undefined;
      if (q === 'p99' && ok !== undefined) targets.mixedP99 = ok;
      rows.push({
        ...row(
          `M. mixed (${m.fullProviders} providers + ${m.clients - m.fullProviders} readers) ${q} (ms)`,
          ref?.latencyMs[q],
          ours?.latencyMs[q],
          2,
          q === 'p99' ? 'ours <= ref' : '-',
          q === 'p99' ? ok : undefined,
        ),
        ratio: oursOverRef(ref?.latencyMs[q], ours?.latencyMs[q]),
      });
    }
    rows.push({
      metric: '   p99 of each round (ms)',
      ref: ref ? ref.p99PerRoundMs.map((v) => v.toFixed(1)).join(', ') : 'n/a',
      ours: ours ? ours.p99PerRoundMs.map((v) => v.toFixed(1)).join(', ') : 'n/a',
      ratio: '-',
      target: '-',
      met: '-',
    });
    rows.push({
      metric: '   other processes, % of a core, each round',
      ref: ref ? ref.runs.map((r) => r.otherCpuPercent.toFixed(0)).join(', ') : 'n/a',
      ours: ours ? ours.runs.map((r) => r.otherCpuPercent.toFixed(0)).join(', ') : 'n/a',
      ratio: '-',
      target: 'quiet: < 15',
      met: yes([ref, ours].every((x) => !x || x.runs.every((r) => r.otherCpuPercent < 15))),
    });
    rows.push({
      metric: '   deliveries observed / expected',
      ref: ref ? `${(ref.deliveryRatio * 100).toFixed(2)}%` : 'n/a',
      ours: ours ? `${(ours.deliveryRatio * 100).toFixed(2)}%` : 'n/a',
      ratio: '-',
      target: '100%',
      met: yes([ref, ours].every((r) => !r || (r.deliveryRatio === 1 && r.converged))),
    });
    const cpuOk = ref && ours ? ours.cpuPerObservedUpdateUs <= ref.cpuPerObservedUpdateUs : undefined;
    if (cpuOk !== undefined) targets.mixedCpuPerDeliveredUpdate = cpuOk;
    rows.push({
      ...row(
        '   server CPU per delivered update (µs)',
        ref?.cpuPerObservedUpdateUs,
        ours?.cpuPerObservedUpdateUs,
        2,
        'ours <= ref',
        cpuOk,
      ),
      ratio: oursOverRef(ref?.cpuPerObservedUpdateUs, ours?.cpuPerObservedUpdateUs),
    });
    rows.push({
      ...row('   server CPU per update message (µs)', ref?.cpuPerMessageUs, ours?.cpuPerMessageUs, 2),
      ratio: oursOverRef(ref?.cpuPerMessageUs, ours?.cpuPerMessageUs),
    });
    rows.push(row('   server CPU, % of one core', ref?.serverCpuPercent, ours?.serverCpuPercent, 1));
    const base = results.mixed?.base;
    if (base) {
      // The A/B diagnostic: the other checkout's server in the same run, in the Loopmap column.
      for (const q of ['p50', 'p99'] as const) {
        rows.push({
          ...row(`   base (${process.env.BENCH_BASE_DIR}) ${q} (ms)`, ref?.latencyMs[q], base.latencyMs[q], 2),
          ratio: oursOverRef(ref?.latencyMs[q], base.latencyMs[q]),
        });
      }
      rows.push({
        metric: '   base p99 of each round (ms)',
        ref: '-',
        ours: base.p99PerRoundMs.map((v) => v.toFixed(1)).join(', '),
        ratio: '-',
        target: '-',
        met: '-',
      });
      rows.push({
        ...row('   base CPU per delivered update (µs)', ref?.cpuPerObservedUpdateUs, base.cpuPerObservedUpdateUs, 2),
        ratio: oursOverRef(ref?.cpuPerObservedUpdateUs, base.cpuPerObservedUpdateUs),
      });
    }
  }

  const storm = pair(results.joinStorm);
  if (storm.ref || storm.ours) {
    const { ref, ours } = storm;
    const ok = ref && ours ? ref.allSyncedMsMedian / ours.allSyncedMsMedian >= 3 : undefined;
    if (ok !== undefined) targets.joinStorm = ok;
    rows.push(
      row(
        `2. join storm, ${params.joinStorm.clients} joiners all synced (ms)`,
        ref?.allSyncedMsMedian,
        ours?.allSyncedMsMedian,
        0,
        'ratio >= 3',
        ok,
      ),
    );
    rows.push(
      row(
        '   server CPU per storm (ms)',
        ref ? median(ref.rounds.map((r) => r.serverCpuMs)) : undefined,
        ours ? median(ours.rounds.map((r) => r.serverCpuMs)) : undefined,
        0,
      ),
    );
    rows.push({
      metric: '   other processes, % of a core, each round',
      ref: ref ? ref.rounds.map((r) => r.otherCpuPercent.toFixed(0)).join(', ') : 'n/a',
      ours: ours ? ours.rounds.map((r) => r.otherCpuPercent.toFixed(0)).join(', ') : 'n/a',
      ratio: '-',
      target: 'quiet: < 15',
      met: yes([ref, ours].every((x) => !x || x.rounds.every((r) => r.otherCpuPercent < 15))),
    });
    if (ours?.coldRoom) {
      rows.push({
        ...row('   ours: map not open on the server yet', ref?.allSyncedMsMedian, ours.coldRoom.allSyncedMs, 0),
      });
    }
  }

  const cold = results.coldOpen;
  if (cold) {
    const checks: [string, keyof typeof cold, string][] = [
      ['4a. cold open, compacted state (ms)', 'compactedMs', 'coldOpenCompacted'],
      ['4b. cold open, 10k-update tail (ms)', 'tailMs', 'coldOpenTail'],
      ['    4a, first big map after a restart', 'compactedFirstAfterRestartMs', 'coldOpenCompactedAfterRestart'],
      ['    4b, first big map after a restart', 'tailFirstAfterRestartMs', 'coldOpenTailAfterRestart'],
    ];
    for (const [metric, key, target] of checks) {
      const value = cold[key] as number;
      targets[target] = value < 100;
      rows.push({
        metric: metric.replace('10k', String(cold.updates)),
        ref: 'n/a',
        ours: fmt(value),
        ratio: '-',
        target: '< 100',
        met: yes(value < 100),
      });
    }
    rows.push({
      metric: '    other processes, % of a core, all opens',
      ref: 'n/a',
      ours: fmt(cold.otherCpuPercent, 0),
      ratio: '-',
      target: 'quiet: < 15',
      met: yes(cold.otherCpuPercent < 15),
    });
    const base = cold.baselines;
    for (const [metric, value] of [
      ['    baseline Y.mergeUpdates(log) (ms)', base.mergeUpdatesMs],
      ['    baseline applyUpdate one by one (ms)', base.applyOneByOneMs],
      ['    baseline same, in one transaction (ms)', base.applyInOneTransactionMs],
      ['    baseline apply the compacted state (ms)', base.applyCompactedStateMs],
    ] as const) {
      rows.push({ metric, ref: '-', ours: fmt(value), ratio: '-', target: '-', met: '-' });
    }
  }
  return { rows, targets };
}

const runStarted = performance.now();

async function main(): Promise<void> {
  mkdirSync(resultsDir, { recursive: true });
  const started = new Date();
  log(`${QUICK ? 'QUICK ' : ''}run on ${JSON.stringify(machine())}`);
  const results: {
    propagation?: Partial<Record<Kind, PropagationResult>>;
    mixed?: Partial<Record<Kind, PropagationResult>>;
    joinStorm?: Partial<Record<Kind, StormResult>>;
    coldOpen?: Awaited<ReturnType<typeof runColdOpen>>;
  } = {};
  if (ONLY.has('propagation')) results.propagation = await runPropagation('propagation');
  if (ONLY.has('mixed')) results.mixed = await runPropagation('mixed');
  if (ONLY.has('storm')) results.joinStorm = await runJoinStorm();
  if (ONLY.has('cold')) results.coldOpen = await runColdOpen();
  const { rows, targets } = compare(results);

  const report = {
    date: started.toISOString(),
    command: QUICK ? 'BENCH_QUICK=1 pnpm bench' : 'pnpm bench',
    quick: QUICK,
    durationS: round((performance.now() - runStarted) / 1000, 1),
    machine: machine(),
    params,
    targets,
    results,
  };
  const file = join(resultsDir, 'latest.json');
  writeFileSync(file, JSON.stringify(report, null, 2) + '\n');
  process.stdout.write(`\n${table(rows)}\n\nWrote ${file} (${report.durationS} s)\n`);
}

main()
  .then(() => {
    killAllChildren();
    process.exit(0);
  })
  .catch((error: unknown) => {
    console.error(error);
    killAllChildren();
    process.exit(1);
  });
