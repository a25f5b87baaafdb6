import { randomBytes } from 'node:crypto';
import { connect, createServer, type AddressInfo } from 'node:net';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { MUST_RUN } from './postgres.ts';

/**
 * The Redis the integration tests use: LOOPMAP_TEST_REDIS_URL, else a local one. Each test puts
 * its channels under a prefix of its own (uniquePrefix), so parallel test files never hear each
 * other. Tests that must stop Redis start their own redis-server on a spare port (startRedis).
 */
export const TEST_REDIS_URL = process.env.LOOPMAP_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export const uniquePrefix = (): string => `lmtest:${randomBytes(6).toString('hex')}:`;

/** Answers PING on host:port within the timeout? */
function pings(host: string, port: number, timeoutMs = 2_000): Promise<string | null> {
  return new Promise((resolve) => {
    const socket = connect(port, host);
    let answer = '';
    const done = (reason: string | null): void => {
      socket.destroy();
      resolve(reason);
    };
    const timer = setTimeout(() => done('no answer to PING'), timeoutMs);
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => {
      answer += chunk.toString();
      if (answer.includes('\r\n')) {
        clearTimeout(timer);
        done(answer.startsWith('+PONG') ? null : `answered ${JSON.stringify(answer.trim())}`);
      }
    });
    socket.on('error', (error) => {
      clearTimeout(timer);
      done(error.message);
    });
  });
}

let reachable: Promise<string | null> | null = null;
/** Null when the test Redis answers, otherwise why not (checked once per file). */
export function redisUnavailable(): Promise<string | null> {
  reachable ??= (async () => {
    const url = new URL(TEST_REDIS_URL);
    const reason = await pings(url.hostname, Number(url.port || 6379));
    return reason ? `Redis at ${url.host} unreachable: ${reason}` : null;
  })();
  return reachable;
}

/** Null when redis-server can be started here, otherwise why not. */
export function redisServerUnavailable(): string | null {
  const found = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
  return found.status === 0 ? null : 'redis-server is not installed (apt-get install redis-server)';
}

/** Skips the test (printing why) or, under CI, fails it, when a service it needs is missing. */
export function skipUnless(reason: string | null, label: string, skip: () => void): boolean {
  if (!reason) return false;
  if (MUST_RUN) throw new Error(`${label} cannot run: ${reason}`);
  console.log(`[${label}] skipped (${reason})`);
  skip();
  return true;
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface OwnRedis {
  url: string;
  /** SIGKILL: Redis vanishes at once, keeping nothing (it was started without persistence). */
  stop(): Promise<void>;
  /** A fresh redis-server on the same port. */
  start(): Promise<void>;
}

/** A redis-server of the test's own on a spare port, without persistence, that it can stop. */
export async function startRedis(): Promise<OwnRedis> {
  const port = await freePort();
  let child: ChildProcess | null = null;
  const start = async (): Promise<void> => {
    child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: 'ignore',
    });
    const deadline = Date.now() + 10_000;
    while ((await pings('127.0.0.1', port, 500)) !== null) {
      if (Date.now() > deadline) throw new Error(`redis-server did not start on port ${port}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    start,
    stop: async () => {
      const running = child;
      child = null;
      if (!running || running.exitCode !== null) return;
      const exited = new Promise((resolve) => running.once('exit', resolve));
      running.kill('SIGKILL');
      await exited;
    },
  };
}
