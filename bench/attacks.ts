/**
 * Hostile clients against honest ones: what one client's excess costs the others on the map.
 *
 *   pnpm bench:attacks                   every attack, 8 s phases (about 3 minutes)
 *   ATTACK_MS=30000 pnpm bench:attacks   longer phases
 *   ATTACKS=updates,big-frames pnpm bench:attacks
 *
 * Our server runs in its own process (bench/serverProcess.ts, a real SQLite file), each attacker
 * in another (bench/attacker.ts), the two honest peers here: each sets a marked value 20 times a
 * second and times its arrival at the other. Each attack phase is preceded by a calm phase of the
 * same length, so every attack is compared against calm in the same run, as a ratio of the honest
 * peers' p99. Each attack is measured twice: with honest peers that apply everything they receive,
 * as browsers do (so applying the attacker's accepted content counts), and with honest peers that
 * apply nothing of others' (what the server adds). The attacker process is started and has made its frames before the attack phase
 * begins (starting it costs a core for a second, which is not the server's doing), then attacks
 * for the whole phase, its first burst included. Server memory (RSS) is read from /proc at the
 * end of each phase.
 * Writes bench/results/attacks.json.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { killAllChildren, repoRoot, startServerChild } from './lib/children.ts';
import { round, summarize, type Summary } from './lib/stats.ts';
import { createMap, marker, scanMarkers, sleep, socketUrl, WriterClient } from './lib/wire.ts';

const PHASE_MS = Number(process.env.ATTACK_MS ?? 8_000);
const ALL = ['presence-ids', 'presence-rate', 'updates', 'big-frames'] as const;
const ATTACKS = (process.env.ATTACKS ?? ALL.join(',')).split(',').filter((a) => (ALL as readonly string[]).includes(a));
const RATE_HZ = 20;

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return round(kb / 1024, 0);
}

/** Two honest peers editing the same map; returns their delivery latencies over `ms`. */
async function honestPhase(
  a: WriterClient,
  b: WriterClient,
  ms: number,
  seen: Map<string, number>,
  writers: readonly [number, number] = [1, 2],
): Promise<number[]> {
  const latencies: number[] = [];
  const pending = new Map<string, number>();
  const start = performance.now();
  let seq = 0;
  while (performance.now() - start < ms) {
    for (const [writer, client] of [
      [writers[0], a],
      [writers[1], b],
    ] as const) {
      const sentAt = performance.now();
      const key = `${writer}:${++seq}`;
      pending.set(key, sentAt);
      client.doc.getMap('bench').set(`w${writer}`, marker(writer, seq, sentAt));
    }
    await sleep(1000 / RATE_HZ);
  }
  await sleep(1_000); // late arrivals count, at their real latency
  for (const [key, sentAt] of pending) {
    const at = seen.get(key);
    latencies.push(at === undefined ? 10_000 : at - sentAt); // lost = 10 s, so it shows
  }
  seen.clear();
  return latencies;
}

/** The server process's longest event-loop stall since `since` (Date.now()), in ms. */
async function longestStall(server: Awaited<ReturnType<typeof startServerChild>>, since: number): Promise<number> {
  const stalls = await server.stalls();
  return round(Math.max(0, ...stalls.filter((s) => s.at >= since).map((s) => s.ms)), 0);
}

interface Attacker {
  /** Starts the attack; resolves with what it sent once it is over. */
  go(): Promise<{ sent: number; closes: Record<string, number> }>;
}

/** Starts an attacker process and resolves once it is ready (started, frames made), not attacking yet. */
function prepareAttacker(kind: string, url: string, ms: number): Promise<Attacker> {
  return new Promise((ready, failed) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', resolve(repoRoot, 'bench/attacker.ts'), kind, url, String(ms)],
      { cwd: repoRoot, stdio: ['pipe', 'pipe', 'inherit'] },
    );
    let out = '';
    let isReady = false;
    const done = new Promise<{ sent: number; closes: Record<string, number> }>((resolveDone, rejectDone) => {
      child.on('exit', () => {
        try {
          resolveDone(
            JSON.parse(out.trim().split('\n').pop() ?? '{}') as { sent: number; closes: Record<string, number> },
          );
        } catch (error) {
          const problem = new Error(`attacker ${kind} printed no result: ${out} ${String(error)}`);
          if (isReady) rejectDone(problem);
          else failed(problem);
        }
      });
    });
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (isReady || !out.includes('ready\n')) return;
      isReady = true;
      ready({
        go: () => {
          child.stdin.write('go\n');
          return done;
        },
      });
    });
  });
}

interface Row {
  phase: string;
  /** full: honest peers apply everything (as browsers do); server: they apply nothing of others'. */
  view: 'full' | 'server';
  honest: Summary;
  /** The server's own longest event-loop stall in the phase (ms), whoever the peers are. */
  serverStallMs: number;
  ratioP99: number;
  rssMb: number;
  attacker?: { sent: number; closes: Record<string, number> };
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'loopmap-attacks-'));
  // ATTACK_PROFILE=1: a CPU profile of the server in bench/results/profiles (diagnostics).
  const profile =
    process.env.ATTACK_PROFILE === '1'
      ? ['--cpu-prof', `--cpu-prof-dir=${resolve(repoRoot, 'bench/results/profiles')}`]
      : [];
  const server = await startServerChild('ours', dataDir, [
    ...profile,
    ...(process.env.ATTACK_NODE_FLAGS ?? '').split(' ').filter(Boolean),
  ]);
  const rows: Row[] = [];
  try {
    const mapId = await createMap('ours', server.port, 'Attacked map', server.token);
    const url = socketUrl(server.port, mapId, server.token);
    // The attacker is another editor of the map: budgets are per account.
    const added = await fetch(`http://127.0.0.1:${server.port}/api/maps/${mapId}/members`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token ?? ''}` },
      body: JSON.stringify({ email: 'attacker@example.org', role: 'editor' }),
    });
    if (added.status !== 201) throw new Error(`adding the attacker failed: ${added.status} ${await added.text()}`);
    const attackerUrl = socketUrl(server.port, mapId, server.attackerToken);
    const seen = new Map<string, number>();
    const record = (buf: Buffer, at: number): void => {
      scanMarkers(buf, (writer, seq) => {
        if (!seen.has(`${writer}:${seq}`)) seen.set(`${writer}:${seq}`, at);
      });
    };
    // Two pairs of honest peers: full clients (they apply the attacker's accepted content too, as
    // a browser must), and readers that apply nothing of others' (what the server itself adds).
    const pairs = {
      full: [new WriterClient(url, record), new WriterClient(url, record)],
      server: [
        new WriterClient(url, record, { applyRemote: false }),
        new WriterClient(url, record, { applyRemote: false }),
      ],
    } as const;
    const all = [...pairs.full, ...pairs.server];
    await Promise.all(all.map((client) => client.synced));
    await honestPhase(pairs.full[0], pairs.full[1], 2_000, seen); // warm-up
    for (const attack of ATTACKS) {
      for (const view of ['full', 'server'] as const) {
        const [a, b] = pairs[view];
        // Each pair writes its own keys: a reader pair never sees the full pair's values, so its
        // writes to the same keys would lose to them and never show.
        const writers = view === 'full' ? ([1, 2] as const) : ([3, 4] as const);
        let since = Date.now();
        const calm = summarize(await honestPhase(a, b, PHASE_MS, seen, writers));
        const calmStall = await longestStall(server, since);
        rows.push({
          phase: `calm before ${attack} (${view})`,
          view,
          honest: calm,
          serverStallMs: calmStall,
          ratioP99: 1,
          rssMb: rssMb(server.pid),
        });
        const attacker = await prepareAttacker(attack, attackerUrl, PHASE_MS + 1_000);
        await sleep(1_000); // the attacker's start-up over, the machine calm again
        since = Date.now();
        const attacking = attacker.go();
        const under = summarize(await honestPhase(a, b, PHASE_MS, seen, writers));
        const result = await attacking;
        const stall = await longestStall(server, since);
        const ratio = round(under.p99 / Math.max(calm.p99, 1), 2);
        rows.push({
          phase: attack,
          view,
          honest: under,
          serverStallMs: stall,
          ratioP99: ratio,
          rssMb: rssMb(server.pid),
          attacker: result,
        });
        console.log(
          `${attack.padEnd(14)} ${view.padEnd(6)} honest p50 ${round(under.p50, 1)} ms, p99 ${round(under.p99, 1)} ms (calm ${round(calm.p99, 1)} ms: ×${ratio}), max ${round(under.max, 0)} ms; server's longest stall ${stall} ms (calm ${calmStall}); RSS ${rssMb(server.pid)} MB; attacker sent ${result.sent} frames, closes ${JSON.stringify(result.closes)}`,
        );
        await sleep(1_500);
      }
    }
    await Promise.all(all.map((client) => client.close()));
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`;
  mkdirSync(resolve(repoRoot, 'bench/results'), { recursive: true });
  writeFileSync(
    resolve(repoRoot, 'bench/results/attacks.json'),
    JSON.stringify({ at: new Date().toISOString(), machine, phaseMs: PHASE_MS, rows }, null, 2),
  );
  console.log(`\nmachine: ${machine}; phases of ${PHASE_MS} ms; honest peers at ${RATE_HZ} edits/s each`);
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(() => killAllChildren());
