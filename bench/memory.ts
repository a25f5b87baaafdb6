/**
 * What an open map costs a server instance in memory, for the memory budget (MEMORY_BUDGET_MB,
 * docs/deploy.md "Memory").
 *
 *   pnpm bench:memory            (about a minute)
 *
 * In this process, with GC exposed: a real SQLite store and the real map services (rooms, the
 * history index, live sessions), maps of 500, 5,000 and 20,000 cards (links half as many) stored
 * as a browser would send them, then opened by one connected peer each (an in-memory socket, so
 * only the server's side is counted). Heap and resident memory are read after a full GC before and
 * after the maps are opened and after they are unloaded again; per map, per card, and against the
 * map's stored size.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as Y from 'yjs';
import { createMapServices, silentLogger, SqliteStore } from '@loopmap/server';
import { buildMap } from './lib/maps.ts';
import { BENCH_USER } from './lib/benchUser.ts';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) {
  console.error('run with --expose-gc (pnpm bench:memory does)');
  process.exit(2);
}

const CASES = [
  { cards: 500, maps: 20 },
  { cards: 5_000, maps: 4 },
  { cards: 20_000, maps: 2 },
];

function settle(): { heap: number; rss: number } {
  for (let i = 0; i < 4; i++) gc!();
  const usage = process.memoryUsage();
  return { heap: usage.heapUsed + usage.external + usage.arrayBuffers, rss: usage.rss };
}

const mb = (bytes: number): string => (bytes / 1024 / 1024).toFixed(1);

const dir = mkdtempSync(join(tmpdir(), 'loopmap-memory-'));
const store = new SqliteStore({ filename: join(dir, 'loopmap.sqlite') });
const clock = { now: () => Date.now() };
await store.createUser({ id: BENCH_USER.id, email: BENCH_USER.email, name: BENCH_USER.name, passwordHash: 'x', at: 1 });
const services = createMapServices(store, clock, silentLogger, { rooms: { idleUnloadMs: 0 } });

interface Row {
  cards: number;
  maps: number;
  storedKB: number;
  perMapMB: number;
  perCardKB: number;
  timesStored: number;
  rssPerMapMB: number;
  freedPct: number;
}
const rows: Row[] = [];

let mapNo = 0;
for (const { cards, maps } of CASES) {
  const built = buildMap(cards, Math.floor(cards / 2));
  const ids: string[] = [];
  for (let i = 0; i < maps; i++) {
    const id = `memory-${++mapNo}`;
    const doc = new Y.Doc();
    for (const chunk of built.chunks) Y.applyUpdate(doc, chunk);
    await store.createMap({
      id,
      ownerId: BENCH_USER.id,
      title: `memory ${cards}`,
      kind: 'theory-of-change',
      at: 1,
      initialUpdate: Y.encodeStateAsUpdate(doc),
      author: 'system',
    });
    doc.destroy();
    ids.push(id);
  }
  const before = settle();
  const handles = ids.map((id) => {
    const socket = { send: () => undefined, close: () => undefined, bufferedAmount: () => 0 };
    const identity = { userId: BENCH_USER.id, name: 'Bench', color: '#000000', role: 'owner' as const };
    return services.rooms.connect(id, socket, { identity, wantsSavedAcks: false });
  });
  // Wait until every room is loaded (a connect loads in the background).
  for (const id of ids) await services.rooms.withRoom(id, () => undefined);
  const open = settle();
  for (const handle of handles) handle.closed();
  // Unload (idleUnloadMs 0) and wait for the closes to finish.
  for (let i = 0; i < 200 && ids.some((id) => services.rooms.isLoaded(id)); i++) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await new Promise((resolve) => setTimeout(resolve, 200));
  const after = settle();
  const perMap = (open.heap - before.heap) / maps;
  rows.push({
    cards,
    maps,
    storedKB: Math.round(built.stateBytes / 1024),
    perMapMB: Number(mb(perMap)),
    perCardKB: Number((perMap / cards / 1024).toFixed(2)),
    timesStored: Number((perMap / built.stateBytes).toFixed(1)),
    rssPerMapMB: Number(mb((open.rss - before.rss) / maps)),
    freedPct: Math.round(((open.heap - after.heap) / Math.max(1, open.heap - before.heap)) * 100),
  });
  console.log(
    `${cards} cards × ${maps}: heap ${mb(before.heap)} → ${mb(open.heap)} → ${mb(after.heap)} MB, ` +
      `rss ${mb(before.rss)} → ${mb(open.rss)} → ${mb(after.rss)} MB`,
  );
}

console.log('\nper open map (heap, external and array buffers after a full GC):');
console.table(rows);
console.log(`node ${process.version}, ${new Date().toISOString()}`);
await services.shutdown();
await store.close();
rmSync(dir, { recursive: true, force: true });
