import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addNode, createOrigin, readNodes } from '@loopmap/shared';
import type { RunningServer, ServerConfig } from '@loopmap/server';
import { connectPeer, type TestPeer } from './support/peers.ts';
import { removeDir, startTestServer, tempDataDir } from './support/servers.ts';
import { addMember, createMapAs, signUp } from './support/accounts.ts';
import { freshSchema, inSchema, postgresUnavailable, urlForSchema } from './support/postgres.ts';
import { redisUnavailable, skipUnless, TEST_REDIS_URL, uniquePrefix } from './support/redis.ts';
import { tcpRelay } from './support/tcpRelay.ts';
import { waitFor } from './support/waitFor.ts';

/**
 * Two server instances on one PostgreSQL database, joined through Redis (REDIS_URL): peers of
 * one map connected to different instances see each other's edits, presence and comment
 * notices live; a removal done on one instance closes the member's socket on the other; an
 * instance cut off from Redis catches up from the database when it is back, storing nothing
 * twice, and closes the sockets that lost access meanwhile.
 */
describe('several instances through Redis', () => {
  const peers: TestPeer[] = [];
  const servers: RunningServer[] = [];
  const cleanups: (() => Promise<void> | void)[] = [];
  let options: Partial<ServerConfig> = {};
  let schema = '';
  let dir = '';

  beforeEach(async (context) => {
    if (skipUnless(await postgresUnavailable(), 'redisInstances', () => context.skip())) return;
    if (skipUnless(await redisUnavailable(), 'redisInstances', () => context.skip())) return;
    const fresh = await freshSchema();
    schema = fresh.schema;
    cleanups.push(fresh.drop);
    dir = tempDataDir('loopmap-redis');
    cleanups.push(() => removeDir(dir));
    options = { databaseUrl: urlForSchema(schema), redisUrl: TEST_REDIS_URL, redisPrefix: uniquePrefix() };
  });
  afterEach(async () => {
    for (const p of peers.splice(0)) p.destroy();
    for (const s of servers.splice(0)) await s.close().catch(() => {});
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  const start = async (overrides: Partial<ServerConfig> = {}): Promise<RunningServer> => {
    // One data directory: both instances sign with the same server secret, as a deployment must.
    const server = await startTestServer(dir, { ...options, ...overrides });
    servers.push(server);
    return server;
  };
  const peer = (...args: Parameters<typeof connectPeer>): TestPeer => {
    const p = connectPeer(...args);
    peers.push(p);
    return p;
  };
  const labels = (p: TestPeer): string[] =>
    readNodes(p.doc)
      .map((n) => n.label)
      .sort();

  it('peers on different instances see each other’s edits, presence and comment notices live', async () => {
    const [a, b] = [await start(), await start()];
    const owner = await signUp(a.url, 'Owner');
    const mapId = await createMapAs(owner, 'Across instances');
    const onA = peer(a.url, mapId, 'on-a', owner);
    await onA.whenSynced();
    const onB = peer(b.url, mapId, 'on-b', owner, { comments: true });
    await onB.whenSynced();
    // A peer reached A first: A owns the map, and B only relays its peer there.
    expect(a.router?.ownedMaps()).toEqual([mapId]);
    expect(b.router?.relayedCount).toBe(1);
    expect(b.rooms.isLoaded(mapId)).toBe(false);

    addNode(onA.doc, { kind: 'outcome', label: 'From A', x: 0, y: 0 }, createOrigin('user', 'a'));
    await waitFor(() => labels(onB).includes('From A'), 'B sees the card made on A');
    addNode(onB.doc, { kind: 'activity', label: 'From B', x: 0, y: 1 }, createOrigin('user', 'b'));
    await waitFor(() => labels(onA).includes('From B'), 'A sees the card made on B');

    onA.provider.awareness.setLocalStateField('cursor', { x: 12, y: 34 });
    const seen = await waitFor(
      () =>
        [...onB.provider.awareness.getStates().values()].find(
          (state) => (state as { cursor?: { x: number } }).cursor?.x === 12,
        ),
      'B sees the cursor of the peer on A',
    );
    // Stamped by A with the identity it established, and still so on B.
    expect((seen as { user?: { name?: string } }).user?.name).toBe('Owner');

    const thread = await owner.api('POST', `/api/maps/${mapId}/threads`, {
      target: { kind: 'node', id: 'card-1' },
      body: 'Is this outcome measurable?',
    });
    expect(thread.status).toBe(201);
    await waitFor(() => onB.commentRevisions().length > 0, 'B is told the comments changed on A');

    // Peers leaving A take their presence off B too.
    onA.destroy();
    await waitFor(
      () =>
        ![...onB.provider.awareness.getStates().values()].some(
          (state) => (state as { cursor?: { x: number } }).cursor?.x === 12,
        ),
      'the cursor of the peer who left A is gone on B',
    );
  });

  it('a member removed, or a map deleted, through one instance is disconnected from the other', async () => {
    const [a, b] = [await start(), await start()];
    const owner = await signUp(a.url, 'Owner');
    const member = await signUp(a.url, 'Member');
    const mapId = await createMapAs(owner, 'Removal');
    await addMember(owner, mapId, member, 'editor');
    const onB = peer(b.url, mapId, 'member-on-b', member);
    await onB.whenSynced();
    const removed = await owner.api('DELETE', `/api/maps/${mapId}/members/${member.userId}`);
    expect(removed.status).toBeLessThan(300);
    await waitFor(() => onB.lastCloseCode() === 4403, 'the member’s socket on B closed with 4403');

    // The owner's own socket on B closes when the map is deleted through A.
    const ownerOnB = peer(b.url, mapId, 'owner-on-b', owner);
    await ownerOnB.whenSynced();
    expect((await owner.api('DELETE', `/api/maps/${mapId}`)).status).toBe(204);
    await waitFor(() => ownerOnB.lastCloseCode() === 4404, 'the owner’s socket on B closed with 4404');
  });

  it('when only the owner blinks off Redis, the peers relayed to it reconnect instead of talking to nothing', async () => {
    const upstream = new URL(TEST_REDIS_URL);
    const link = await tcpRelay(upstream.hostname, Number(upstream.port || 6379));
    const a = await start({ redisUrl: `redis://127.0.0.1:${link.port}` });
    const b = await start();
    const owner = await signUp(a.url, 'Owner');
    const mapId = await createMapAs(owner, 'Blink');
    const onA = peer(a.url, mapId, 'on-a', owner);
    await onA.whenSynced();
    const onB = peer(b.url, mapId, 'on-b', owner);
    await onB.whenSynced();
    expect(b.router?.relayedCount).toBe(1);

    // A loses Redis for a moment, too short for its instance key to expire: B still thinks the
    // owner is there, but A dropped the relayed connection.
    await link.cut();
    await waitFor(() => a.rooms.peerCount(mapId) === 1, 'A dropped the peer relayed from B');
    await link.restore();
    await waitFor(() => a.rooms.peerCount(mapId) === 2, 'B’s peer is relayed to A again', 20_000);
    addNode(onB.doc, { kind: 'outcome', label: 'After the blink', x: 0, y: 0 }, createOrigin('user', 'b'));
    await onB.whenSaved();
    await waitFor(() => labels(onA).includes('After the blink'), 'A’s peer sees the card made on B');
  });

  it('an instance cut off from Redis catches up from the database when it is back', async () => {
    const upstream = new URL(TEST_REDIS_URL);
    const link = await tcpRelay(upstream.hostname, Number(upstream.port || 6379));
    const a = await start();
    const b = await start({ redisUrl: `redis://127.0.0.1:${link.port}` });
    const owner = await signUp(a.url, 'Owner');
    const member = await signUp(a.url, 'Member');
    const mapId = await createMapAs(owner, 'Outage');
    await addMember(owner, mapId, member, 'editor');
    const onA = peer(a.url, mapId, 'on-a', owner);
    await onA.whenSynced();
    const onB = peer(b.url, mapId, 'on-b', owner);
    const memberOnB = peer(b.url, mapId, 'member-on-b', member);
    await Promise.all([onB.whenSynced(), memberOnB.whenSynced()]);
    addNode(onA.doc, { kind: 'outcome', label: 'Before', x: 0, y: 0 }, createOrigin('user', 'a'));
    await waitFor(() => labels(onB).includes('Before'), 'B sees A’s card while Redis is there');

    await link.cut();
    // B's peers were relayed to A, the owner: B closes them (4503) and serves them itself.
    await waitFor(() => b.rooms.peerCount(mapId) === 2, 'B serves its peers from the database');
    for (let i = 0; i < 3; i++) {
      addNode(onA.doc, { kind: 'outcome', label: `A${i}`, x: i, y: 1 }, createOrigin('user', 'a'));
      addNode(onB.doc, { kind: 'activity', label: `B${i}`, x: i, y: 2 }, createOrigin('user', 'b'));
    }
    await Promise.all([onA.whenSaved(), onB.whenSaved()]);
    // The member is removed through A: the event cannot reach B now.
    expect((await owner.api('DELETE', `/api/maps/${mapId}/members/${member.userId}`)).status).toBeLessThan(300);
    // Each instance stored its own peer's cards; neither heard the other's.
    expect(labels(onB)).not.toContain('A0');
    expect(labels(onA)).not.toContain('B0');
    const logged = async (): Promise<number> =>
      Number(
        (await inSchema<{ n: string }>(schema, 'SELECT count(*) AS n FROM doc_updates WHERE map_id = $1', [mapId]))[0]!
          .n,
      );
    const loggedBefore = await logged();

    await link.restore();
    const all = ['A0', 'A1', 'A2', 'B0', 'B1', 'B2', 'Before'];
    await waitFor(() => labels(onB).join() === all.join(), 'B caught up with A’s cards', 20_000);
    await waitFor(() => labels(onA).join() === all.join(), 'A caught up with B’s cards', 20_000);
    // Caught up from the log, not stored again.
    expect(await logged()).toBe(loggedBefore);
    // And the map has one owner again: B's peers are relayed to A.
    await waitFor(() => b.router?.relayedCount === 1, 'B relays its remaining peer to A again', 20_000);
    // B rechecked its sockets against the database when Redis was back.
    await waitFor(() => memberOnB.lastCloseCode() === 4403, 'the removed member’s socket on B closed');
  });
});
