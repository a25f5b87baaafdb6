/**
 * Child processes of a bench run: each server under test and each load generator runs in its
 * own Node process. Every child is tracked and SIGKILLed when the run exits, however it exits.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import type { Stall } from './stalls.ts';

const benchDir = resolve(import.meta.dirname, '..');
export const repoRoot = resolve(benchDir, '..');

const live = new Set<ChildProcess>();

export function killAllChildren(): void {
  for (const child of live) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
  live.clear();
}

export function spawnTs(script: string, args: string[], extraNodeArgs: string[] = [], root = repoRoot): ChildProcess {
  const child = spawn(
    process.execPath,
    [...extraNodeArgs, '--import', 'tsx', resolve(root, 'bench', script), ...args],
    {
      cwd: root,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      env: { ...process.env, NODE_ENV: 'production' },
    },
  );
  live.add(child);
  child.once('exit', () => live.delete(child));
  return child;
}

export function waitForMessage<T>(
  child: ChildProcess,
  match: (m: unknown) => m is T,
  ms: number,
  what: string,
): Promise<T> {
  return new Promise<T>((resolvePromise, reject) => {
    const timer = setTimeout(() => done(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
    const onMessage = (message: unknown): void => {
      if (match(message)) done(null, message);
    };
    const onExit = (code: number | null): void => done(new Error(`${what}: child exited (${code}) first`));
    const done = (error: Error | null, message?: T): void => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      if (error) reject(error);
      else resolvePromise(message!);
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

/**
 * Diagnostics for A/B runs: `base` is our server from another checkout (BENCH_BASE_DIR, e.g. a
 * worktree of main), run by that checkout's bench/serverProcess.ts, next to `ours` and `ref`.
 */
export type ServerKind = 'ref' | 'ours' | 'base';

export interface ServerChild {
  kind: ServerKind;
  port: number;
  /** ours: an API token of the bench account, for ?token= and Bearer. */
  token?: string;
  /** ours: an API token of a second account (bench/attacks.ts). */
  attackerToken?: string;
  /** ours: accounts of people (BENCH_PEOPLE of them), for loads of many people. */
  people?: { email: string; token: string }[];
  pid: number;
  /** The server process's event-loop stalls so far (lib/stalls.ts). */
  stalls(): Promise<Stall[]>;
  stop(): Promise<void>;
}

/** Starts a server under test; extraNodeArgs e.g. ['--cpu-prof'] for profiling. */
export async function startServerChild(
  kind: ServerKind,
  dataDir?: string,
  extraNodeArgs: string[] = [],
): Promise<ServerChild> {
  const base = kind === 'base' ? process.env.BENCH_BASE_DIR : undefined;
  if (kind === 'base' && !base) throw new Error('the base server needs BENCH_BASE_DIR (another checkout)');
  const processKind = kind === 'base' ? 'ours' : kind;
  const child = spawnTs(
    'serverProcess.ts',
    dataDir ? [processKind, dataDir] : [processKind],
    extraNodeArgs,
    base ? resolve(base) : repoRoot,
  );
  const ready = await waitForMessage(
    child,
    (
      m,
    ): m is {
      type: 'ready';
      port: number;
      pid: number;
      token?: string;
      attackerToken?: string;
      people?: { email: string; token: string }[];
    } => (m as { type?: string }).type === 'ready',
    30_000,
    `${kind} server start`,
  );
  return {
    kind,
    port: ready.port,
    token: ready.token,
    attackerToken: ready.attackerToken,
    people: ready.people,
    pid: ready.pid,
    stalls: async () => {
      const reply = waitForMessage(
        child,
        (m): m is { type: 'stalls'; stalls: Stall[] } => (m as { type?: string }).type === 'stalls',
        10_000,
        'server stalls',
      );
      child.send({ type: 'stalls' });
      return (await reply).stalls;
    },
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((r) => child.once('exit', () => r()));
      child.send({ type: 'stop' });
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export interface LoadChild {
  call<T>(task: string, params: unknown, timeoutMs: number): Promise<T>;
  stop(): Promise<void>;
}

/** The load generator (bench/loadProcess.ts, or another script speaking the same IPC protocol). */
export async function startLoadChild(script = 'loadProcess.ts'): Promise<LoadChild> {
  const child = spawnTs(script, []);
  await waitForMessage(
    child,
    (m): m is { type: 'ready' } => (m as { type?: string }).type === 'ready',
    30_000,
    'load generator start',
  );
  let nextId = 1;
  return {
    call: async <T>(task: string, params: unknown, timeoutMs: number): Promise<T> => {
      const id = nextId++;
      const reply = waitForMessage(
        child,
        (m): m is { id: number; result?: T; error?: string } => (m as { id?: number }).id === id,
        timeoutMs,
        `load task ${task}`,
      );
      child.send({ id, task, params });
      const message = await reply;
      if (message.error !== undefined) throw new Error(`load task ${task} failed: ${message.error}`);
      return message.result as T;
    },
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((r) => child.once('exit', () => r()));
      child.disconnect();
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
