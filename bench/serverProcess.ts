/**
 * One server under test, alone in its process so its CPU can be measured.
 *
 *   node --import tsx bench/serverProcess.ts ref
 *   node --import tsx bench/serverProcess.ts ours <dataDir>
 *
 * `ref` is the y-websocket reference server (@y/websocket-server: in-memory, no persistence),
 * wired exactly like its bin/server.js. `ours` is startServer() from @loopmap/server with a real
 * SQLite file. Reports {type:'ready', port, pid} over IPC; {type:'cpu'} is answered with
 * process.cpuUsage(), {type:'stalls'} with its event-loop stalls (lib/stalls.ts); {type:'stop'}
 * (or the parent going away) shuts it down.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { setupWSConnection } from '@y/websocket-server/utils';
import { issueApiToken, silentLogger, startServer } from '@loopmap/server';
import { startStallRecorder } from './lib/stalls.ts';
import { BENCH_ATTACKER, BENCH_USER } from './lib/benchUser.ts';

type Kind = 'ref' | 'ours';
const kind = process.argv[2] as Kind;
const dataDir = process.argv[3];

function send(message: unknown): void {
  process.send?.(message);
}

async function startRef(): Promise<{ port: number; token?: string; close: () => Promise<void> }> {
  const wss = new WebSocketServer({ noServer: true });
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/plain' });
    res.end('okay');
  });
  wss.on('connection', setupWSConnection);
  server.on('upgrade', (request, socket, head) => {
    wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: async () => {
      for (const client of wss.clients) client.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** How many person accounts to make (BENCH_PEOPLE, for the soak). */
const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 0);

interface Started {
  port: number;
  token?: string;
  attackerToken?: string;
  people?: { email: string; token: string }[];
  close: () => Promise<void>;
}

async function startOurs(): Promise<Started> {
  if (!dataDir) throw new Error('ours needs a data dir');
  // Diagnostics only (never set by pnpm bench): BENCH_OURS_ROOMS='{"compactEvery":1e9}' etc.
  const rooms = process.env.BENCH_OURS_ROOMS ? (JSON.parse(process.env.BENCH_OURS_ROOMS) as object) : undefined;
  // Diagnostics only: BENCH_OURS_INBOUND='{"accountFactor":100}' changes the inbound budgets.
  const inbound = process.env.BENCH_OURS_INBOUND ? (JSON.parse(process.env.BENCH_OURS_INBOUND) as object) : undefined;
  const running = await startServer({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    log: silentLogger,
    ...(rooms && { rooms }),
    ...(inbound && { inbound }),
  });
  // Our server requires an account: the load generator's clients use an API token (?token=).
  if (!(await running.store.getUser(BENCH_USER.id))) {
    await running.store.createUser({ ...BENCH_USER, passwordHash: 'no password: token only', at: Date.now() });
  }
  const { secret } = await issueApiToken(running.store, BENCH_USER.id, 'bench', Date.now());
  if (!(await running.store.getUser(BENCH_ATTACKER.id))) {
    await running.store.createUser({ ...BENCH_ATTACKER, passwordHash: 'no password: token only', at: Date.now() });
  }
  const attacker = await issueApiToken(running.store, BENCH_ATTACKER.id, 'bench', Date.now());
  // People: budgets are per account, so a load of many people uses many accounts (bench/soak.ts).
  const people: { email: string; token: string }[] = [];
  for (let i = 0; i < PEOPLE; i++) {
    const person = { id: `bench-person-${i}`, email: `person${i}@example.org`, name: `Person ${i}` };
    if (!(await running.store.getUser(person.id))) {
      await running.store.createUser({ ...person, passwordHash: 'no password: token only', at: Date.now() });
    }
    people.push({
      email: person.email,
      token: (await issueApiToken(running.store, person.id, 'bench', Date.now())).secret,
    });
  }
  return { port: running.port, token: secret, attackerToken: attacker.secret, people, close: () => running.close() };
}

async function main(): Promise<void> {
  if (kind !== 'ref' && kind !== 'ours') throw new Error(`unknown server kind ${String(kind)}`);
  const server: Started = kind === 'ref' ? await startRef() : await startOurs();
  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    const hardExit = setTimeout(() => process.exit(2), 10_000);
    hardExit.unref();
    await server.close().catch(() => {});
    send({ type: 'stopped' });
    process.exit(0);
  };
  const recorder = startStallRecorder();
  process.on('message', (message: { type: string }) => {
    if (message.type === 'stalls') {
      send({ type: 'stalls', stalls: recorder.stalls });
    } else if (message.type === 'cpu') {
      const usage = process.cpuUsage();
      send({ type: 'cpu', ms: (usage.user + usage.system) / 1000 });
    } else if (message.type === 'stop') {
      void stop();
    }
  });
  process.on('disconnect', () => process.exit(0));
  process.on('SIGTERM', () => void stop());
  send({
    type: 'ready',
    port: server.port,
    pid: process.pid,
    token: server.token,
    attackerToken: server.attackerToken,
    people: server.people,
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
