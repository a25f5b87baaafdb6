import { afterEach, beforeEach } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { silentLogger, startServer, type RunningServer, type ServerConfig } from '@loopmap/server';
import { freshSchema, urlForSchema } from './postgres.ts';

export const repoRoot = resolve(import.meta.dirname, '../../..');

export function tempDataDir(label = 'loopmap'): string {
  return mkdtempSync(join(tmpdir(), `${label}-`));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** A real server in this process on a free port, with a real SQLite file in dataDir. */
export function startTestServer(dataDir: string, overrides: Partial<ServerConfig> = {}): Promise<RunningServer> {
  return startServer({ port: 0, host: '127.0.0.1', dataDir, log: silentLogger, ...overrides });
}

export interface ChildServer {
  url: string;
  process: ChildProcess;
  output(): string;
  /** SIGKILL: no shutdown hook runs, nothing is flushed on the way out. */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

/** The real server as a separate OS process (the production entry), so it can be SIGKILLed. */
export async function startChildServer(
  dataDir: string,
  port = 0,
  env: Record<string, string> = {},
): Promise<ChildServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/index.ts'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      CLIENT_DIR: join(dataDir, 'no-client'),
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolvePromise, reject) => {
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /running at (http:\/\/[^\s"]+)/.exec(output);
      if (match) resolvePromise(match[1]!);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited with ${code} before it was ready:\n${output}`)));
    setTimeout(() => reject(new Error(`server did not start in time:\n${output}`)), 30_000).unref();
  });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  return {
    url,
    process: child,
    output: () => output,
    kill: async () => {
      child.kill('SIGKILL');
      await exited;
    },
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

export interface TestServerContext {
  /** The running server of the current test. */
  readonly server: RunningServer;
  /** Its data directory (a fresh one per test). */
  readonly dir: string;
  /** Stops the server and starts a new one on the same data directory. */
  restart(overrides?: Partial<ServerConfig>): Promise<void>;
}

/**
 * Registers beforeEach/afterEach hooks that give every test of the enclosing describe a real
 * server on a free port with a fresh data directory, closed and removed afterwards.
 */
export function useTestServer(overrides: Partial<ServerConfig> = {}): TestServerContext {
  let server: RunningServer | null = null;
  let dir: string | null = null;
  const context: TestServerContext = {
    get server() {
      if (!server) throw new Error('no test server: use it inside a test');
      return server;
    },
    get dir() {
      if (!dir) throw new Error('no test server: use it inside a test');
      return dir;
    },
    async restart(next = overrides) {
      await server?.close();
      server = await startTestServer(context.dir, { ...next, ...(databaseUrl ? { databaseUrl } : {}) });
    },
  };
  // LOOPMAP_TEST_STORE=postgres runs the same tests on PostgreSQL, a fresh schema per test.
  let databaseUrl: string | undefined;
  let dropSchema: (() => Promise<void>) | null = null;
  beforeEach(async () => {
    dir = tempDataDir();
    if (process.env.LOOPMAP_TEST_STORE === 'postgres') {
      const { schema, drop } = await freshSchema();
      dropSchema = drop;
      databaseUrl = urlForSchema(schema);
    }
    server = await startTestServer(dir, { ...overrides, ...(databaseUrl ? { databaseUrl } : {}) });
  });
  afterEach(async () => {
    await server?.close();
    server = null;
    if (dir) removeDir(dir);
    dir = null;
    await dropSchema?.();
    dropSchema = null;
    databaseUrl = undefined;
  });
  return context;
}
