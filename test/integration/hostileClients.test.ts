import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addNode, CLOSE_CODES, createOrigin, MAX_FRAME_BYTES, MESSAGE_AWARENESS, readNodes } from '@loopmap/shared';
import type { RunningServer, ServerConfig } from '@loopmap/server';
import { connectPeer, type TestPeer } from './support/peers.ts';
import { removeDir, startTestServer, tempDataDir } from './support/servers.ts';
import { addMember, createMapAs, signUp, type Actor } from './support/accounts.ts';
import { openRawPeer, presenceFrame, updateFrame } from './support/rawPeer.ts';
import { waitFor } from './support/waitFor.ts';

/**
 * Clients that send far more than people do: one client's excess must cost that client, never
 * the others on the map, and never anyone's work. (Latency under attack is measured in
 * bench/attacks.ts, not asserted here.)
 */
describe('hostile clients hurt only themselves', () => {
  let dir: string;
  let server: RunningServer;
  let owner: Actor;
  let mapId: string;
  let socketUrl: string;
  let alice: TestPeer;
  let bob: TestPeer;
  /** Another editor of the map, whose client misbehaves (budgets are per account). */
  let mallory: Actor;

  async function start(overrides: Partial<ServerConfig> = {}): Promise<void> {
    dir = tempDataDir('hostile');
    server = await startTestServer(dir, overrides);
    owner = await signUp(server.url, 'Owner');
    mapId = await createMapAs(owner, 'Map under attack');
    mallory = await signUp(server.url, 'Mallory');
    await addMember(owner, mapId, mallory, 'editor');
    socketUrl = `${server.url.replace('http', 'ws')}/ws/${mapId}`;
    alice = connectPeer(server.url, mapId, 'alice', owner);
    bob = connectPeer(server.url, mapId, 'bob', owner);
    await Promise.all([alice.whenSynced(), bob.whenSynced()]);
    alice.provider.awareness.setLocalStateField('cursor', { x: 1, y: 1 });
    bob.provider.awareness.setLocalStateField('cursor', { x: 2, y: 2 });
    await waitFor(() => alice.provider.awareness.getStates().size === 2, 'alice sees bob');
  }

  afterEach(async () => {
    alice?.destroy();
    bob?.destroy();
    await server?.close();
    if (dir) removeDir(dir);
  });

  /** The others still co-edit, and nothing they did was lost. */
  async function expectOthersUnharmed(): Promise<void> {
    const before = readNodes(alice.doc).length;
    addNode(bob.doc, { kind: 'output', label: 'After the attack', x: 0, y: 100 }, createOrigin('user', bob.name));
    await waitFor(() => readNodes(alice.doc).length === before + 1, 'alice still receives bob’s edits');
    await bob.whenSaved();
  }

  describe('presence', () => {
    beforeEach(() => start());

    it('a viewer announcing 200 new presence ids a frame is closed with 4429 and never gets past its share', async () => {
      const viewer = await signUp(server.url, 'Viewer');
      await addMember(owner, mapId, viewer, 'viewer');
      const attacker = await openRawPeer(socketUrl, viewer.cookie);
      let most = alice.provider.awareness.getStates().size;
      const watch = (): void => {
        most = Math.max(most, alice.provider.awareness.getStates().size);
      };
      alice.provider.awareness.on('change', watch);
      let nextId = 1_000_000;
      for (let frame = 0; frame < 300; frame++) {
        const entries = Array.from({ length: 200 }, () => ({
          clientId: nextId++,
          clock: 1,
          state: { cursor: { x: 0, y: 0 } },
        }));
        attacker.send(presenceFrame(entries));
      }
      const { code } = await attacker.closed;
      expect(code).toBe(CLOSE_CODES.tooManyMessages);
      // Its few entries are removed with it; alice never held more than two people plus its share.
      await waitFor(() => alice.provider.awareness.getStates().size === 2, 'the attacker’s presence is gone');
      alice.provider.awareness.off('change', watch);
      console.log(
        `presence-ids flood: 60,000 entries sent, most entries an honest peer held: ${most}, closed with ${code}`,
      );
      expect(most).toBeLessThanOrEqual(2 + 4);
      await expectOthersUnharmed();
    });

    it('presence sent far faster than a person moves is coalesced: the latest arrives, relays stay few', async () => {
      const attacker = await openRawPeer(socketUrl, mallory.cookie);
      const clientId = 424242;
      const bobFramesBefore = bob.receivedTypes().length;
      const started = performance.now();
      // A frame every 2 ms for a little over half a second: 15 times a person's cursor rate.
      for (let clock = 1; clock <= 300; clock++) {
        attacker.send(presenceFrame([{ clientId, clock, state: { cursor: { x: clock, y: 0 } } }]));
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
      await waitFor(() => {
        const state = bob.provider.awareness.getStates().get(clientId) as { cursor?: { x: number } } | undefined;
        return state?.cursor?.x === 300;
      }, 'bob sees the last cursor position');
      const elapsed = performance.now() - started;
      const relayed = bob
        .receivedTypes()
        .slice(bobFramesBefore)
        .filter((t) => t === MESSAGE_AWARENESS).length;
      console.log(
        `presence-rate flood: 300 frames in, ${relayed} presence messages to an honest peer over ${Math.round(elapsed)} ms`,
      );
      // At most one relay per room interval (30 ms), plus the honest peers' own renewals.
      expect(relayed).toBeLessThanOrEqual(Math.ceil(elapsed / 30) + 4);
      expect(attacker.ws.readyState).toBe(attacker.ws.OPEN);
      attacker.ws.close();
      await expectOthersUnharmed();
    });

    it('oversized presence states are never relayed, and a sender that keeps sending them is closed', async () => {
      const attacker = await openRawPeer(socketUrl, mallory.cookie);
      const huge = 'x'.repeat(20 * 1024); // over the 16 KiB state limit, under the 64 KiB frame limit
      for (let clock = 1; clock <= 30; clock++)
        attacker.send(presenceFrame([{ clientId: 777, clock, state: { huge } }]));
      const { code } = await attacker.closed;
      expect(code).toBe(CLOSE_CODES.tooManyMessages);
      expect(bob.provider.awareness.getStates().has(777)).toBe(false);
      await expectOthersUnharmed();
    });
  });

  describe('document floods', () => {
    const burst = 50;
    const perSecond = 400;
    // Messages are the binding limit here (time spent is budgeted too, generously for this test).
    beforeEach(() =>
      start({
        inbound: { burstMessages: burst, messagesPerSecond: perSecond, burstCpuMs: 10_000, cpuMsPerSecond: 1_000 },
      }),
    );

    it('a flood of valid updates is slowed to its budget, never dropped, while the others keep co-editing', async () => {
      const flooder = await openRawPeer(socketUrl, mallory.cookie);
      const source = new Y.Doc();
      const frames: Uint8Array[] = [];
      source.on('update', (update: Uint8Array) => frames.push(updateFrame(update)));
      const count = 2_500;
      for (let i = 0; i < count; i++) {
        addNode(source, { kind: 'activity', label: `Flood ${i}`, x: i, y: 0 }, createOrigin('user', 'flooder'));
      }
      const started = performance.now();
      for (const frame of frames) flooder.send(frame);

      // Bob keeps editing meanwhile; every edit reaches alice.
      const latencies: number[] = [];
      for (let i = 0; i < 10; i++) {
        const label = `Honest ${i}`;
        const sent = performance.now();
        addNode(bob.doc, { kind: 'output', label, x: 0, y: i * 100 }, createOrigin('user', bob.name));
        await waitFor(() => readNodes(alice.doc).some((n) => n.label === label), `alice sees ${label}`, 10_000);
        latencies.push(performance.now() - sent);
      }
      await waitFor(() => readNodes(alice.doc).length === count + 10, 'every flood update arrives', 30_000);
      const took = performance.now() - started;
      latencies.sort((a, b) => a - b);
      console.log(
        `update flood: ${count} updates paced over ${Math.round(took)} ms (budget ${burst} + ${perSecond}/s); honest edits' latency p50 ${Math.round(latencies[5]!)} ms, max ${Math.round(latencies[9]!)} ms`,
      );
      // The server read the flood no faster than its budget: the flooder paid for its excess.
      expect(took).toBeGreaterThanOrEqual(((count - burst) / perSecond) * 1000 * 0.9);
      // Generous for a loaded machine; without the budget the slowest honest edit took seconds.
      expect(latencies[9]).toBeLessThan(1_000);
      expect(flooder.ws.readyState).toBe(flooder.ws.OPEN);
      flooder.ws.close();
      // Nothing was dropped: a fresh joiner sees every card.
      await bob.whenSaved();
      const checker = connectPeer(server.url, mapId, 'checker', owner);
      await checker.whenSynced();
      expect(readNodes(checker.doc)).toHaveLength(count + 10);
      checker.destroy();
    });
  });

  describe('large offline work', () => {
    beforeEach(() => start());

    function offlineCards(count: number): Uint8Array {
      const offline = new Y.Doc();
      Y.applyUpdate(offline, Y.encodeStateAsUpdate(alice.doc));
      const origin = createOrigin('user', 'offline');
      offline.transact(() => {
        for (let i = 0; i < count; i++) {
          addNode(
            offline,
            { kind: 'output', label: `Made offline ${i}`, x: (i % 200) * 240, y: Math.floor(i / 200) * 120 },
            origin,
          );
        }
      }, origin);
      return Y.encodeStateAsUpdate(offline);
    }

    it('20,000 cards made offline reach the server in slices, and every one is stored', async () => {
      const work = offlineCards(20_000);
      expect(work.length).toBeGreaterThan(MAX_FRAME_BYTES);
      let slices = 0;
      const carol = connectPeer(server.url, mapId, 'carol', owner, { slices: (n) => (slices = n) });
      Y.applyUpdate(carol.doc, work); // before the socket opens: the work goes in the handshake
      const started = performance.now();
      await carol.whenSynced();
      // Within the account's budget: a 2 MiB burst at once, then 64 KiB a second (about 15 s here).
      await waitFor(() => carol.sent() > 1 && carol.saved() >= carol.sent(), 'carol’s offline work is stored', 90_000);
      const took = performance.now() - started;
      console.log(`offline work: ${work.length} bytes in ${slices} slices, stored in ${Math.round(took)} ms`);
      expect(slices).toBeGreaterThan(5);
      expect(carol.lastCloseCode()).toBeNull();
      await waitFor(() => readNodes(alice.doc).length === 20_000, 'alice receives the offline work', 60_000);
      await expectOthersUnharmed();
      const checker = connectPeer(server.url, mapId, 'checker', owner);
      await checker.whenSynced();
      expect(readNodes(checker.doc)).toHaveLength(20_001);
      checker.destroy();
      carol.destroy();
    }, 120_000);

    it('without slices the same work is refused with 1009 (the frame limit stays)', async () => {
      const work = offlineCards(20_000);
      const dave = connectPeer(server.url, mapId, 'dave', owner, { slices: false });
      Y.applyUpdate(dave.doc, work);
      await waitFor(() => dave.lastCloseCode() !== null, 'dave is closed');
      expect(dave.lastCloseCode()).toBe(CLOSE_CODES.tooLarge);
      dave.destroy();
    }, 60_000);
  });
});
