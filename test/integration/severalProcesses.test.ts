import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addNode, createOrigin, readNodes } from '@loopmap/shared';
import { connectPeer, type TestPeer } from './support/peers.ts';
import { removeDir, startChildServer, tempDataDir, type ChildServer } from './support/servers.ts';
import { createMapAs, signUp } from './support/accounts.ts';
import { freshSchema, postgresUnavailable, urlForSchema } from './support/postgres.ts';
import { redisServerUnavailable, skipUnless, startRedis, uniquePrefix, type OwnRedis } from './support/redis.ts';
import { waitFor } from './support/waitFor.ts';

/**
 * Two real server processes (the production entry) on one PostgreSQL database, joined through a
 * Redis this test starts on a spare port: peers on each converge; when one process is SIGKILLed
 * its peers move to the other and no acknowledged update is lost; when Redis stops for a few
 * seconds and comes back, everyone converges.
 */
describe('two server processes through Redis', () => {
  const peers: TestPeer[] = [];
  const servers: ChildServer[] = [];
  const cleanups: (() => Promise<void> | void)[] = [];
  let env: Record<string, string> = {};
  let redis: OwnRedis;
  let dir = '';

  beforeEach(async (context) => {
    if (skipUnless(await postgresUnavailable(), 'severalProcesses', () => context.skip())) return;
    if (skipUnless(redisServerUnavailable(), 'severalProcesses', () => context.skip())) return;
    const { schema, drop } = await freshSchema();
    cleanups.push(drop);
    dir = tempDataDir('loopmap-processes');
    cleanups.push(() => removeDir(dir));
    redis = await startRedis();
    cleanups.push(() => redis.stop());
    env = {
      DATABASE_URL: urlForSchema(schema),
      REDIS_URL: redis.url,
      REDIS_PREFIX: uniquePrefix(),
      LOG_FORMAT: 'json',
    };
  });
  afterEach(async (context) => {
    if (context.task.result?.state === 'fail') {
      for (const s of servers) console.log(`--- ${s.url}\n${s.output().slice(-6000)}`);
    }
    for (const p of peers.splice(0)) p.destroy();
    await Promise.all(servers.splice(0).map((s) => s.stop()));
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  const start = async (): Promise<ChildServer> => {
    const server = await startChildServer(dir, 0, env);
    servers.push(server);
    return server;
  };
  const peer = (...args: Parameters<typeof connectPeer>): TestPeer => {
    const p = connectPeer(...args);
    peers.push(p);
    return p;
  };
  const labels = (p: TestPeer): string =>
    readNodes(p.doc)
      .map((n) => n.label)
      .sort()
      .join();
  const card = (p: TestPeer, label: string): void => {
    addNode(p.doc, { kind: 'outcome', label, x: 0, y: 0 }, createOrigin('user', p.name));
  };

  it('peers on each converge, and a killed process’s peers move to the other losing nothing acknowledged', async () => {
    const [a, b] = [await start(), await start()];
    const owner = await signUp(a.url, 'Owner');
    const mapId = await createMapAs(owner, 'Two processes');
    // A is reached first and owns the map; B relays its peer there.
    const onA = peer(a.url, mapId, 'on-a', owner);
    await onA.whenSynced();
    const onB = peer(b.url, mapId, 'on-b', owner);
    await onB.whenSynced();

    for (let i = 0; i < 5; i++) card(onA, `A${i}`);
    card(onB, 'B0');
    await Promise.all([onA.whenSaved(), onB.whenSaved()]);
    const acknowledged = 'A0,A1,A2,A3,A4,B0';
    await waitFor(() => labels(onB) === acknowledged, 'B has every card');
    await waitFor(() => labels(onA) === acknowledged, 'A has every card');

    // Work the server may or may not have stored when it dies, then SIGKILL: nothing flushes.
    card(onA, 'A5');
    await a.kill();
    // The client keeps its document and reconnects, reaching the other instance (as behind a
    // load balancer); what A never acknowledged goes in the sync handshake.
    onA.provider.destroy();
    const moved = peer(b.url, mapId, 'moved-to-b', owner, { doc: onA.doc });
    await moved.whenSaved();
    const everything = `${acknowledged.replace('A4,', 'A4,A5,')}`;
    await waitFor(() => labels(onB) === everything, 'B’s peer has the moved peer’s cards');

    // And a newcomer reads all of it back from the database.
    const fresh = peer(b.url, mapId, 'newcomer', owner);
    await fresh.whenSynced();
    expect(labels(fresh)).toBe(everything);
  });

  it('SIGTERM of the owner hands its maps over: its peers on the other process are served there, nothing lost', async () => {
    const [a, b] = [await start(), await start()];
    const owner = await signUp(a.url, 'Owner');
    const mapId = await createMapAs(owner, 'Hand-over');
    const onA = peer(a.url, mapId, 'on-a', owner);
    await onA.whenSynced();
    const onB = peer(b.url, mapId, 'on-b', owner);
    await onB.whenSynced();
    const gauge = async (server: ChildServer, name: string): Promise<number> => {
      const text = await (await fetch(`${server.url}/metrics`)).text();
      return Number(new RegExp(`^${name} (\\d+)`, 'm').exec(text)?.[1] ?? NaN);
    };
    expect(await gauge(b, 'loopmap_relayed_connections')).toBe(1);
    for (let i = 0; i < 3; i++) card(onB, `B${i}`);
    await onB.whenSaved();

    await a.stop();
    expect(a.process.exitCode).toBe(0);
    // A stored the map, let go of its lease, then closed its peers with 1012: B's peer came back
    // to B, which now owns the map and serves it from the database.
    await waitFor(async () => (await gauge(b, 'loopmap_owned_maps')) === 1, 'B owns the map', 15_000);
    expect(await gauge(b, 'loopmap_relayed_connections')).toBe(0);
    card(onB, 'After');
    await onB.whenSaved();
    const fresh = peer(b.url, mapId, 'newcomer', owner);
    await fresh.whenSynced();
    expect(labels(fresh)).toBe('After,B0,B1,B2');
  });

  it('a server whose REDIS_URL does not answer refuses to start, in one line, without the password', async () => {
    await redis.stop();
    const secretUrl = redis.url.replace('redis://', 'redis://:hunter2-secret@');
    const failure = await startChildServer(dir, 0, { ...env, REDIS_URL: secretUrl }).then(
      async (server) => {
        await server.stop();
        return 'started';
      },
      (error: unknown) => String((error as Error).message),
    );
    expect(failure).toContain('could not reach Redis at redis://127.0.0.1:');
    expect(failure).toContain('is it running?');
    expect(failure).not.toContain('hunter2-secret');
  });

  it('Redis stopped for a few seconds and back: everyone converges', async () => {
    const [a, b] = [await start(), await start()];
    const owner = await signUp(a.url, 'Owner');
    const mapId = await createMapAs(owner, 'Redis outage');
    // A is reached first and owns the map; B relays its peer there.
    const onA = peer(a.url, mapId, 'on-a', owner);
    await onA.whenSynced();
    const onB = peer(b.url, mapId, 'on-b', owner);
    await onB.whenSynced();
    card(onA, 'Before');
    await waitFor(() => labels(onB) === 'Before', 'B sees A’s card while Redis runs');

    await redis.stop();
    // Storage still works: each instance stores and acknowledges its own peer's work.
    for (let i = 0; i < 3; i++) {
      card(onA, `A${i}`);
      card(onB, `B${i}`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    await Promise.all([onA.whenSaved(), onB.whenSaved()]);
    const ready = async (server: ChildServer): Promise<number> => (await fetch(`${server.url}/readyz`)).status;
    expect(await ready(a)).toBe(503); // Redis unavailable: a balancer sends newcomers elsewhere

    await redis.start();
    const all = 'A0,A1,A2,B0,B1,B2,Before';
    await waitFor(() => labels(onA) === all && labels(onB) === all, 'both peers have every card', 20_000);
    await waitFor(async () => (await ready(a)) === 200, 'A ready again');
    // Live again: an edit after the outage crosses at once.
    card(onB, 'After');
    await waitFor(() => labels(onA).includes('After'), 'A sees B’s card made after the outage');
  });
});
