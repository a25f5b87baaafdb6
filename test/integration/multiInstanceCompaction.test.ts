import { afterEach, describe, expect, it } from 'vitest';
import { addNode, createOrigin, readNodes } from '@loopmap/shared';
import type { RunningServer, ServerConfig } from '@loopmap/server';
import { connectPeer, type TestPeer } from './support/peers.ts';
import { removeDir, startTestServer, tempDataDir } from './support/servers.ts';
import { createMapAs, signUp } from './support/accounts.ts';
import { freshSchema, MUST_RUN, postgresUnavailable, urlForSchema } from './support/postgres.ts';

/**
 * Two server instances on one database with the same map open, each compacting after every
 * update: a compacted state must never claim updates the other instance logged (it did: 10 cards
 * written, 5 came back on a cold load). Rooms merge from the log when their own tail disagrees.
 */
describe.each(['sqlite', 'postgres'] as const)('two instances on one %s database', (engine) => {
  const peers: TestPeer[] = [];
  const servers: RunningServer[] = [];
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const p of peers.splice(0)) p.destroy();
    for (const s of servers.splice(0)) await s.close().catch(() => {});
    for (const c of cleanups.splice(0)) await c();
  });

  it('after both compacted, a cold load has every card either wrote', async (context) => {
    const dir = tempDataDir('loopmap-two-instances');
    cleanups.push(() => removeDir(dir));
    const options: Partial<ServerConfig> = { rooms: { compactEvery: 1, compactDebounceMs: 0, compactMaxWaitMs: 0 } };
    if (engine === 'postgres') {
      const reason = await postgresUnavailable();
      if (reason) {
        if (MUST_RUN) throw new Error(`PostgreSQL tests cannot run: ${reason}`);
        console.log(`[multiInstanceCompaction] skipped (${reason})`);
        return context.skip();
      }
      const { schema, drop } = await freshSchema();
      cleanups.push(drop);
      options.databaseUrl = urlForSchema(schema);
    }
    const start = async (): Promise<RunningServer> => {
      const server = await startTestServer(dir, options);
      servers.push(server);
      return server;
    };
    const [a, b] = [await start(), await start()];
    const owner = await signUp(a.url, 'Owner');
    const mapId = await createMapAs(owner, 'Shared');
    const onA = connectPeer(a.url, mapId, 'on-a', owner);
    const onB = connectPeer(b.url, mapId, 'on-b', owner);
    peers.push(onA, onB);
    await Promise.all([onA.whenSynced(), onB.whenSynced()]);
    for (let i = 0; i < 5; i++) {
      addNode(onA.doc, { kind: 'outcome', label: `A${i}`, x: i, y: 0 }, createOrigin('user', 'a'));
      await onA.whenSaved();
      addNode(onB.doc, { kind: 'outcome', label: `B${i}`, x: i, y: 1 }, createOrigin('user', 'b'));
      await onB.whenSaved();
    }
    for (const p of peers.splice(0)) p.destroy();
    for (const s of servers.splice(0)) await s.close(); // each stores a final compacted state

    const c = await start();
    const reader = connectPeer(c.url, mapId, 'reader', owner);
    peers.push(reader);
    await reader.whenSynced();
    expect(
      readNodes(reader.doc)
        .map((n) => n.label)
        .sort(),
    ).toEqual(['A0', 'A1', 'A2', 'A3', 'A4', 'B0', 'B1', 'B2', 'B3', 'B4']);
  });
});
