import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  connect,
  addNode,
  addNodeTag,
  createOrigin,
  initMap,
  setNodeLabel,
  sliceUpdate,
  type NodeId,
} from '@loopmap/shared';
import {
  DEFAULT_MAP_BUDGETS,
  MapBudget,
  checkBudgets,
  decodeUpdate,
  guardUpdate,
  missingDependencies,
  type MapBudgets,
} from '../src/collab/updateGuard.ts';

/** mulberry32: a small seeded generator, so a failure replays exactly. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** What Yjs itself says: apply to a copy and look for anything left pending. */
function yjsLeavesPending(doc: Y.Doc, update: Uint8Array): boolean {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  Y.applyUpdate(copy, update);
  const pending = copy.store.pendingStructs !== null || copy.store.pendingDs !== null;
  copy.destroy();
  return pending;
}

interface Writer {
  doc: Y.Doc;
  updates: Uint8Array[];
}

/** Random edits of the kinds a map sees: records, texts typed and cut, overwrites, lists, deletions. */
function randomEdit(writer: Writer, random: () => number): void {
  const { doc } = writer;
  const nodes = doc.getMap<Y.Map<unknown>>('nodes');
  const keys = [...nodes.keys()];
  const pick = (): Y.Map<unknown> | undefined =>
    keys.length ? nodes.get(keys[Math.floor(random() * keys.length)]!) : undefined;
  const r = random();
  doc.transact(() => {
    if (r < 0.2 || keys.length === 0) {
      const record = new Y.Map<unknown>();
      record.set('kind', 'outcome');
      record.set('label', new Y.Text('card ' + Math.floor(random() * 1000)));
      record.set('x', Math.floor(random() * 1000));
      nodes.set(`n${Math.floor(random() * 1e9)}`, record);
    } else if (r < 0.45) {
      const label = pick()?.get('label');
      if (label instanceof Y.Text)
        label.insert(Math.floor(random() * (label.length + 1)), 'abc'.slice(0, 1 + Math.floor(random() * 3)));
    } else if (r < 0.6) {
      const label = pick()?.get('label');
      if (label instanceof Y.Text && label.length > 0) {
        const at = Math.floor(random() * label.length);
        label.delete(at, Math.min(label.length - at, 1 + Math.floor(random() * 3)));
      }
    } else if (r < 0.75) {
      pick()?.set('x', Math.floor(random() * 1000));
    } else if (r < 0.85) {
      const list = doc.getArray<unknown>('list');
      list.insert(Math.floor(random() * (list.length + 1)), [{ id: String(random()), note: 'n' }]);
    } else if (r < 0.92) {
      const list = doc.getArray<unknown>('list');
      if (list.length > 0) list.delete(Math.floor(random() * list.length), 1);
    } else {
      if (keys.length > 0) nodes.delete(keys[Math.floor(random() * keys.length)]!);
    }
  }, 'local');
}

function makeWriters(count: number): Writer[] {
  return Array.from({ length: count }, (_, i) => {
    const doc = new Y.Doc();
    doc.clientID = 1000 + i;
    const writer: Writer = { doc, updates: [] };
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === 'local') writer.updates.push(update);
    });
    return writer;
  });
}

describe('missingDependencies agrees with Yjs', () => {
  it('over seeded random updates, whole, cut, merged with gaps and diffed', { timeout: 60_000 }, () => {
    const random = rng(20261204);
    let checked = 0;
    let refused = 0;
    for (let round = 0; round < 16; round++) {
      const writers = makeWriters(3);
      for (let step = 0; step < 150; step++) {
        const writer = writers[Math.floor(random() * writers.length)]!;
        randomEdit(writer, random);
        if (random() < 0.15) {
          // Writers sync now and then, so their later updates depend on each other's.
          const other = writers[Math.floor(random() * writers.length)]!;
          if (other !== writer)
            Y.applyUpdate(other.doc, Y.encodeStateAsUpdate(writer.doc, Y.encodeStateVector(other.doc)));
        }
      }
      const server = new Y.Doc();
      const candidates: Uint8Array[] = [];
      const all = writers.flatMap((w) => w.updates);
      // Every update of every writer, some dropped (a cut sequence), in a shuffled-ish order.
      for (const update of all) if (random() > 0.1) candidates.push(update);
      for (let i = candidates.length - 1; i > 0; i--) {
        if (random() < 0.3) {
          const j = Math.floor(random() * (i + 1));
          [candidates[i], candidates[j]] = [candidates[j]!, candidates[i]!];
        }
      }
      // Merges of non-contiguous updates of one writer carry Skip structs.
      for (const writer of writers) {
        const some = writer.updates.filter(() => random() < 0.3);
        if (some.length > 1) candidates.splice(Math.floor(random() * candidates.length), 0, Y.mergeUpdates(some));
      }
      for (const update of candidates) {
        const predicted = missingDependencies(server, update) !== null;
        const actual = yjsLeavesPending(server, update);
        expect(predicted, `round ${round}, update ${checked}`).toBe(actual);
        checked++;
        if (actual) refused++;
        else Y.applyUpdate(server, update);
        // A writer's sync step 2 against the server's state vector is always complete.
        if (random() < 0.05) {
          const writer = writers[Math.floor(random() * writers.length)]!;
          const diff = Y.encodeStateAsUpdate(writer.doc, Y.encodeStateVector(server));
          const missing = missingDependencies(server, diff);
          expect(missing !== null).toBe(yjsLeavesPending(server, diff));
          if (missing === null) Y.applyUpdate(server, diff);
          checked++;
        }
      }
      expect(server.store.pendingStructs).toBeNull();
      expect(server.store.pendingDs).toBeNull();
    }
    console.log(`missingDependencies agreed with Yjs on ${checked} updates (${refused} would stay pending)`);
    // Both verdicts occur often enough for the agreement to mean something.
    expect(checked).toBeGreaterThan(2000);
    expect(refused).toBeGreaterThan(100);
    expect(checked - refused).toBeGreaterThan(1000);
  });

  it('refuses an update after a dropped middle update, and the same once the middle arrives', () => {
    const [writer] = makeWriters(1);
    const nodes = writer!.doc.getMap<Y.Map<unknown>>('nodes');
    writer!.doc.transact(() => nodes.set('a', new Y.Map()), 'local');
    writer!.doc.transact(() => nodes.get('a')!.set('label', new Y.Text('first')), 'local');
    writer!.doc.transact(() => (nodes.get('a')!.get('label') as Y.Text).insert(5, ' second'), 'local');
    const [first, middle, last] = writer!.updates;
    const server = new Y.Doc();
    Y.applyUpdate(server, first!);
    expect(missingDependencies(server, last!)).toMatch(/client 1000/);
    expect(yjsLeavesPending(server, last!)).toBe(true);
    Y.applyUpdate(server, middle!);
    expect(missingDependencies(server, last!)).toBeNull();
  });

  it('refuses a deletion of items the map never had', () => {
    const [writer] = makeWriters(1);
    const text = writer!.doc.getText('t');
    writer!.doc.transact(() => text.insert(0, 'hello'), 'local');
    writer!.doc.transact(() => text.delete(0, 2), 'local');
    const server = new Y.Doc();
    expect(missingDependencies(server, writer!.updates[1]!)).toMatch(/deletion/);
    expect(yjsLeavesPending(server, writer!.updates[1]!)).toBe(true);
  });
});

describe('the client’s slices of large offline work', () => {
  it('each pass the guard once the slices before them are applied', { timeout: 60_000 }, () => {
    const origin = createOrigin('user', 'offline');
    const server = new Y.Doc();
    initMap(server, { title: 'Shared', kind: 'theory-of-change' }, origin);
    const shared = addNode(server, { kind: 'impact', label: 'On the server', x: 0, y: 0 }, origin);
    const budget = new MapBudget(server, DEFAULT_MAP_BUDGETS, { stateBytes: 0, logBytes: 0 });
    const offline = new Y.Doc();
    Y.applyUpdate(offline, Y.encodeStateAsUpdate(server));
    // Work made offline: cards, links to the server's card, texts edited in the middle.
    const ids: NodeId[] = [];
    for (let i = 0; i < 5_000; i++) {
      const id = addNode(offline, { kind: 'outcome', label: `Offline card ${i}`, x: i, y: 0 }, origin);
      ids.push(id);
      if (i % 10 === 0) connect(offline, { source: id, target: shared }, origin);
      if (i % 7 === 0) setNodeLabel(offline, ids[Math.floor(i / 2)]!, `Renamed ${i}`, origin);
    }
    const sv = Y.encodeStateVector(server);
    const slices = sliceUpdate(Y.encodeStateAsUpdate(offline, sv));
    expect(slices.length).toBeGreaterThan(3);
    for (const slice of slices) {
      expect(guardUpdate(server, slice, budget)).toBeNull();
      Y.applyUpdate(server, slice);
    }
    expect(server.store.pendingStructs).toBeNull();
    const records = ['nodes', 'edges', 'meta'].reduce((n, name) => n + server.getMap(name).size, 0);
    expect(budget.records).toBe(records);
  });
});

describe('checkBudgets', () => {
  const origin = createOrigin('server', 'u1');

  function room(budgets: Partial<MapBudgets> = {}): { doc: Y.Doc; budget: MapBudget } {
    const doc = new Y.Doc();
    initMap(doc, { title: 'Map', kind: 'theory-of-change' }, origin);
    const budget = new MapBudget(doc, { ...DEFAULT_MAP_BUDGETS, ...budgets }, { stateBytes: 0, logBytes: 0 });
    return { doc, budget };
  }

  /** The update `edit` makes on a copy of `doc`, as a peer would send it. */
  function updateOf(doc: Y.Doc, edit: (copy: Y.Doc) => void): Uint8Array {
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
    const before = Y.encodeStateVector(copy);
    edit(copy);
    return Y.encodeStateAsUpdate(copy, before);
  }

  it('refuses a 100,000-character card title and keeps a 2,000-character one', () => {
    const { doc, budget } = room();
    const id = addNode(doc, { kind: 'outcome', label: 'short', x: 0, y: 0 }, origin);
    const huge = updateOf(doc, (copy) => {
      const label = (copy.getMap('nodes').get(id) as Y.Map<unknown>).get('label') as Y.Text;
      label.insert(0, 'x'.repeat(100_000));
    });
    expect(guardUpdate(doc, huge, budget)).toMatchObject({ kind: 'over-budget', budget: 'content' });
    const fine = updateOf(doc, (copy) => setNodeLabel(copy, id, 'y'.repeat(2000), origin));
    expect(guardUpdate(doc, fine, budget)).toBeNull();
    // A new card whose title is over the limit, its text made in the same update.
    const fresh = updateOf(doc, (copy) => {
      const record = new Y.Map<unknown>();
      record.set('label', new Y.Text('z'.repeat(2001)));
      copy.getMap('nodes').set('fresh', record);
    });
    expect(guardUpdate(doc, fresh, budget)).toMatchObject({ budget: 'content' });
  });

  it('refuses a text grown past its limit in small steps, but not an honest rewrite', () => {
    const { doc, budget } = room();
    const id = addNode(doc, { kind: 'outcome', label: 'a'.repeat(2000), x: 0, y: 0 }, origin);
    const rewrite = updateOf(doc, (copy) => setNodeLabel(copy, id, 'b'.repeat(2000), origin));
    expect(guardUpdate(doc, rewrite, budget)).toBeNull();
    Y.applyUpdate(doc, rewrite);
    const label = (doc.getMap('nodes').get(id) as Y.Map<unknown>).get('label') as Y.Text;
    for (let i = 0; i < 20; i++) label.insert(0, 'c'.repeat(100));
    expect(label.length).toBe(4000);
    const more = updateOf(doc, (copy) =>
      ((copy.getMap('nodes').get(id) as Y.Map<unknown>).get('label') as Y.Text).insert(0, 'd'),
    );
    expect(guardUpdate(doc, more, budget)).toMatchObject({ budget: 'content' });
    // The honest writer's next edit cuts the merged text back: what it deletes counts.
    const cut = updateOf(doc, (copy) => setNodeLabel(copy, id, 'e'.repeat(2000), origin));
    expect(guardUpdate(doc, cut, budget)).toBeNull();
  });

  it('refuses plain strings, tags and history entries over their limits', () => {
    const { doc, budget } = room();
    const id = addNode(doc, { kind: 'indicator', label: 'x', x: 0, y: 0 }, origin);
    const title = updateOf(doc, (copy) => copy.getMap('meta').set('title', 't'.repeat(201)));
    expect(guardUpdate(doc, title, budget)).toMatchObject({ budget: 'content' });
    const unit = updateOf(doc, (copy) => (copy.getMap('nodes').get(id) as Y.Map<unknown>).set('unit', 'u'.repeat(61)));
    expect(guardUpdate(doc, unit, budget)).toMatchObject({ budget: 'content' });
    const tag = updateOf(doc, (copy) => {
      const record = copy.getMap('nodes').get(id) as Y.Map<unknown>;
      (record.get('tags') as Y.Map<unknown>).set('long', 'g'.repeat(500));
    });
    expect(guardUpdate(doc, tag, budget)).toMatchObject({ budget: 'content' });
    const okTag = updateOf(doc, (copy) => addNodeTag(copy, id, 'Youth', origin));
    expect(guardUpdate(doc, okTag, budget)).toBeNull();
    const entry = updateOf(doc, (copy) => {
      const record = copy.getMap('nodes').get(id) as Y.Map<unknown>;
      let readings = record.get('readings');
      if (!(readings instanceof Y.Array)) record.set('readings', (readings = new Y.Array()));
      (readings as Y.Array<unknown>).push([
        { id: 'r1', date: '2026-01-01', value: '3', note: 'n'.repeat(5000), by: '' },
      ]);
    });
    expect(guardUpdate(doc, entry, budget)).toMatchObject({ budget: 'content' });
    const key = updateOf(doc, (copy) => copy.getMap('nodes').set('k'.repeat(300), 1));
    expect(guardUpdate(doc, key, budget)).toMatchObject({ budget: 'content' });
  });

  it('counts records incrementally and refuses the one past the budget', () => {
    const { doc, budget } = room({ maxRecords: 8 });
    const meta = budget.records; // schemaVersion, title, kind
    expect(meta).toBe(3);
    const a = addNode(doc, { kind: 'outcome', label: 'a', x: 0, y: 0 }, origin);
    const b = addNode(doc, { kind: 'outcome', label: 'b', x: 0, y: 0 }, origin);
    connect(doc, { source: a, target: b }, origin);
    addNode(doc, { kind: 'outcome', label: 'c', x: 0, y: 0 }, origin);
    expect(budget.records).toBe(7);
    const one = updateOf(doc, (copy) => addNode(copy, { kind: 'outcome', label: 'd', x: 0, y: 0 }, origin));
    expect(guardUpdate(doc, one, budget)).toBeNull();
    const two = updateOf(doc, (copy) => {
      addNode(copy, { kind: 'outcome', label: 'd', x: 0, y: 0 }, origin);
      addNode(copy, { kind: 'outcome', label: 'e', x: 0, y: 0 }, origin);
    });
    expect(guardUpdate(doc, two, budget)).toMatchObject({ budget: 'records' });
    // Edits of records already there never count.
    const move = updateOf(doc, (copy) => (copy.getMap('nodes').get(a) as Y.Map<unknown>).set('x', 5));
    expect(guardUpdate(doc, move, budget)).toBeNull();
    Y.applyUpdate(doc, one);
    expect(budget.records).toBe(8);
    expect(budget.checkRoom()).toMatchObject({ budget: 'records' });
    doc.getMap('nodes').delete(b);
    expect(budget.records).toBe(7);
    // A key deleted and written again (its item has an origin and no parent on the wire) counts.
    const again = updateOf(doc, (copy) => {
      copy.getMap('nodes').set(b, new Y.Map());
      addNode(copy, { kind: 'outcome', label: 'f', x: 0, y: 0 }, origin);
    });
    expect(guardUpdate(doc, again, budget)).toMatchObject({ budget: 'records' });
  });

  it('refuses an update that would take the stored bytes past the budget', () => {
    const { doc, budget } = room({ maxDocumentBytes: 10_000 });
    budget.logged([{ update: new Uint8Array(9_000) }]);
    const update = updateOf(doc, (copy) =>
      addNode(copy, { kind: 'note', label: 'n'.repeat(1500), x: 0, y: 0 }, origin),
    );
    expect(checkBudgets(doc, decodeUpdate(update), update.length, budget)).toMatchObject({ budget: 'bytes' });
    budget.compacted(500);
    expect(checkBudgets(doc, decodeUpdate(update), update.length, budget)).toBeNull();
  });

  it('passes a whole 20,000-card map made by the shared operations, quickly', () => {
    const source = new Y.Doc();
    initMap(source, { title: 'Big', kind: 'theory-of-change' }, origin);
    const ids: NodeId[] = [];
    source.transact(() => {
      for (let i = 0; i < 20_000; i++) {
        ids.push(addNode(source, { kind: 'outcome', label: `Card ${i}`, x: i, y: i }, origin));
      }
    });
    const update = Y.encodeStateAsUpdate(source);
    expect(update.length).toBeGreaterThan(1_000_000);
    const doc = new Y.Doc();
    const guard = new MapBudget(doc, DEFAULT_MAP_BUDGETS, { stateBytes: 0, logBytes: 0 });
    const times: number[] = [];
    for (let run = 0; run < 5; run++) {
      const started = performance.now();
      const decoded = decodeUpdate(update);
      const decodedAt = performance.now();
      expect(missingDependencies(doc, decoded)).toBeNull();
      const missingAt = performance.now();
      expect(checkBudgets(doc, decoded, update.length, guard)).toBeNull();
      times.push(performance.now() - started);
      if (run === 4) {
        console.log(
          `guard on a ${update.length}-byte update of 20,000 cards: decode ${(decodedAt - started).toFixed(1)} ms, ` +
            `dependencies ${(missingAt - decodedAt).toFixed(1)} ms, budgets ${(performance.now() - missingAt).toFixed(1)} ms`,
        );
      }
    }
    const applyStarted = performance.now();
    Y.applyUpdate(new Y.Doc(), update);
    const applyMs = performance.now() - applyStarted;
    console.log(
      `guard total (median of 5) ${times.sort((a, b) => a - b)[2]!.toFixed(1)} ms; Y.applyUpdate ${applyMs.toFixed(1)} ms`,
    );
    expect(times[2]!).toBeLessThan(2000);
  }, 60_000);
});
