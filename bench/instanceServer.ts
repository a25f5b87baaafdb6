/**
 * One Loopmap instance of a several-instance deployment, alone in its process (bench/instances.ts):
 * startServer() from @loopmap/server on PostgreSQL (databaseUrl) and Redis (redisUrl, redisPrefix),
 * as server/src/index.ts starts it from DATABASE_URL, REDIS_URL and REDIS_PREFIX.
 *
 *   node --import tsx bench/instanceServer.ts '<json config>'
 *
 * Config: { databaseUrl, redisUrl, redisPrefix, dataDir, people }. dataDir holds the server secret,
 * shared by all instances of a run. When people > 0 this instance seeds the accounts: the bench
 * account (which owns the maps) and `people` person accounts (one per writer: inbound budgets are
 * per account), each with an API token; a token is good on every instance (tokens live in the
 * database). Reports {type:'ready', port, pid, token, people} over IPC; {type:'stalls'} is answered
 * with its event-loop stalls (lib/stalls.ts); {type:'stop'} (or the parent going away) stores open
 * maps and exits.
 */
import { issueApiToken, silentLogger, startServer } from '@loopmap/server';
import { BENCH_USER } from './lib/benchUser.ts';
import { startStallRecorder } from './lib/stalls.ts';

interface Config {
  databaseUrl: string;
  redisUrl: string;
  redisPrefix: string;
  dataDir: string;
  people: number;
}

const config = JSON.parse(process.argv[2] ?? '{}') as Config;

function send(message: unknown): void {
  process.send?.(message);
}

async function main(): Promise<void> {
  const running = await startServer({
    port: 0,
    host: '127.0.0.1',
    dataDir: config.dataDir,
    databaseUrl: config.databaseUrl,
    redisUrl: config.redisUrl,
    redisPrefix: config.redisPrefix,
    log: silentLogger,
  });
  let token: string | undefined;
  const people: { email: string; token: string }[] = [];
  if (config.people > 0) {
    const at = Date.now();
    if (!(await running.store.getUser(BENCH_USER.id))) {
      await running.store.createUser({ ...BENCH_USER, passwordHash: 'no password: token only', at });
    }
    token = (await issueApiToken(running.store, BENCH_USER.id, 'bench', at)).secret;
    for (let i = 0; i < config.people; i++) {
      const person = { id: `bench-person-${i}`, email: `person${i}@example.org`, name: `Person ${i}` };
      if (!(await running.store.getUser(person.id))) {
        await running.store.createUser({ ...person, passwordHash: 'no password: token only', at });
      }
      people.push({ email: person.email, token: (await issueApiToken(running.store, person.id, 'bench', at)).secret });
    }
  }
  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    const hardExit = setTimeout(() => process.exit(2), 10_000);
    hardExit.unref();
    await running.close().catch(() => {});
    send({ type: 'stopped' });
    process.exit(0);
  };
  const recorder = startStallRecorder();
  process.on('message', (message: { type: string }) => {
    if (message.type === 'stop') void stop();
    else if (message.type === 'stalls') send({ type: 'stalls', stalls: recorder.stalls });
  });
  process.on('disconnect', () => process.exit(0));
  process.on('SIGTERM', () => void stop());
  send({ type: 'ready', port: running.port, pid: process.pid, token, people });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
