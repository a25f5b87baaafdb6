import { afterEach, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import * as Y from 'yjs';
import { SqliteStore } from '@loopmap/server';
import { removeDir, repoRoot, tempDataDir } from './support/servers.ts';

/**
 * Two OS processes on one SQLite file, both appending to the same map as fast as they can: the
 * case the contract suite's in-process instances cannot reach, since better-sqlite3 runs each
 * call to its end. Each process numbers its updates inside its own write transaction.
 */
const WRITER = `
import { SqliteStore } from ${JSON.stringify(join(repoRoot, 'server/src/storage/SqliteStore.ts'))};
const [filename, name, count] = process.argv.slice(-3);
const store = new SqliteStore({ filename, checkpointEveryMs: 0 });
const update = new Uint8Array([0, 0]);
// Both start together: each says it is ready, then waits for the other's word.
await store.appendUpdates('m', [{ update, author: name + ':ready', at: Date.now() }]);
while ((await store.lastSeq('m')) < 3) {}
const seqs = [];
for (let i = 0; i < Number(count); i++) {
  seqs.push(await store.appendUpdates('m', [{ update, author: name + ':' + i, at: Date.now() }]));
  // A server appends once per turn, not in a tight loop: pace the writes so neither process
  // can take every turn while the other sleeps in SQLite's busy handler.
  if (i % 5 === 4) await new Promise((resolve) => setTimeout(resolve, 1));
}
await store.close();
process.stdout.write(JSON.stringify(seqs));
`;

function runWriter(filename: string, name: string, count: number): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', WRITER, '--', filename, name, String(count)],
      { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.once('exit', (code) =>
      code === 0 ? resolve(JSON.parse(out) as number[]) : reject(new Error(`writer ${name} exited ${code}:\n${err}`)),
    );
  });
}

describe('SqliteStore: two processes on one file', () => {
  let dir: string | null = null;
  afterEach(() => {
    if (dir) removeDir(dir);
    dir = null;
  });

  it('appending to one map at the same time, lose and repeat no seq', async () => {
    dir = tempDataDir('two-processes');
    const filename = join(dir, 'loopmap.sqlite');
    const setup = new SqliteStore({ filename, checkpointEveryMs: 0 });
    await setup.createUser({ id: 'owner', email: 'owner@example.org', name: 'Owner', passwordHash: 'h', at: 1 });
    const doc = new Y.Doc();
    doc.getMap('nodes').set('init', 'init');
    await setup.createMap({
      id: 'm',
      ownerId: 'owner',
      title: 'Shared',
      kind: 'theory-of-change',
      at: 1,
      initialUpdate: Y.encodeStateAsUpdate(doc),
      author: 'owner',
    });
    await setup.close();

    const count = 500;
    const [a, b] = await Promise.all([runWriter(filename, 'a', count), runWriter(filename, 'b', count)]);

    const store = new SqliteStore({ filename, checkpointEveryMs: 0 });
    try {
      const log = await store.listUpdates('m', 0, 10_000);
      const total = 3 + 2 * count;
      expect(log.map((e) => e.seq)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
      expect([...a, ...b].sort((x, y) => x - y)).toEqual(Array.from({ length: total - 3 }, (_, i) => i + 4));
      // Each process's updates are all there, once, in the order it sent them.
      for (const name of ['a', 'b']) {
        expect(log.filter((e) => e.author.startsWith(`${name}:`)).map((e) => e.author)).toEqual([
          `${name}:ready`,
          ...Array.from({ length: count }, (_, i) => `${name}:${i}`),
        ]);
      }
      // The writes really interleaved: each process's seqs are not one contiguous block.
      expect(a.some((seq, i) => i > 0 && seq !== a[i - 1]! + 1)).toBe(true);
    } finally {
      await store.close();
    }
  }, 60_000);
});
