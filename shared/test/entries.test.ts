import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  MAX_ENTRIES,
  MAX_NOTE_LENGTH,
  addEntry,
  addNode,
  byDate,
  createOrigin,
  currentAssumptionState,
  getNodes,
  initMap,
  isValidId,
  latestHealth,
  readNode,
  removeEntry,
  setNodeKind,
  toMapJSON,
  type HealthRating,
  type NodeId,
  type NodeView,
} from '../src/index.ts';
import { cloneDoc, recordTransactions, syncAll } from './replicas.ts';

const alice = createOrigin('user', 'alice');
const bob = createOrigin('user', 'bob');
const nodeId = (id: string): NodeId => id as NodeId;

/** An assumption, an indicator and a partner: the three cards that keep dated histories. */
function map(): Y.Doc {
  const doc = new Y.Doc();
  initMap(doc, { title: 'Network review', kind: 'theory-of-change' }, alice);
  addNode(doc, { id: nodeId('assumption'), kind: 'assumption', label: 'Peers have time', x: 0, y: 0 }, alice);
  addNode(doc, { id: nodeId('indicator'), kind: 'indicator', label: 'Practices adopted', x: 0, y: 100 }, alice);
  addNode(doc, { id: nodeId('partner'), kind: 'actor', label: 'City of Lyon', x: 0, y: 200 }, alice);
  return doc;
}

const node = (doc: Y.Doc, id: string): NodeView => {
  const view = readNode(id, getNodes(doc).get(id));
  if (!view) throw new Error(`no node ${id}`);
  return view;
};

describe('addEntry', () => {
  it('appends a review in one transaction and returns its fresh id', () => {
    const doc = map();
    const log = recordTransactions(doc);
    const id = addEntry(
      doc,
      nodeId('assumption'),
      'reviews',
      { date: '2025-06-02', status: 'at-risk', note: 'Two cities cut hours', by: 'Amina' },
      bob,
    );
    expect(id).not.toBeNull();
    expect(isValidId(id)).toBe(true);
    expect(log.transactions).toEqual([{ origin: bob, changed: true }]);
    expect(node(doc, 'assumption').reviews).toEqual([
      { id, date: '2025-06-02', status: 'at-risk', note: 'Two cities cut hours', by: 'Amina' },
    ]);
  });

  it('keeps a given id, and gives every entry its own id otherwise', () => {
    const doc = map();
    const reading = { date: '2025-01-01', value: '3', note: '', by: '' };
    expect(addEntry(doc, nodeId('indicator'), 'readings', { ...reading, id: 'given' }, alice)).toBe('given');
    const a = addEntry(doc, nodeId('indicator'), 'readings', reading, alice);
    const b = addEntry(doc, nodeId('indicator'), 'readings', reading, alice);
    expect(new Set(['given', a, b]).size).toBe(3);
  });

  it('refuses an entry with a bad date, a bad id, an unknown status or rating, or an empty reading', () => {
    const doc = map();
    const log = recordTransactions(doc);
    const base = { note: '', by: 'Amina' };
    expect(
      addEntry(doc, nodeId('assumption'), 'reviews', { ...base, date: '2025-02-30', status: 'holds' }, alice),
    ).toBeNull();
    expect(
      addEntry(doc, nodeId('assumption'), 'reviews', { ...base, date: 'yesterday', status: 'holds' }, alice),
    ).toBeNull();
    expect(
      addEntry(
        doc,
        nodeId('assumption'),
        'reviews',
        { ...base, id: 'not ok', date: '2025-02-03', status: 'holds' },
        alice,
      ),
    ).toBeNull();
    expect(
      addEntry(doc, nodeId('assumption'), 'reviews', { ...base, date: '2025-02-03', status: 'fine' as never }, alice),
    ).toBeNull();
    expect(
      addEntry(doc, nodeId('indicator'), 'readings', { ...base, date: '2025-02-03', value: '' }, alice),
    ).toBeNull();
    expect(
      addEntry(
        doc,
        nodeId('partner'),
        'health',
        { ...base, date: '2025-02-03', dimension: 'mood' as never, rating: 'green' },
        alice,
      ),
    ).toBeNull();
    expect(
      addEntry(
        doc,
        nodeId('partner'),
        'health',
        { ...base, date: '2025-02-03', dimension: 'trust', rating: 'blue' as never },
        alice,
      ),
    ).toBeNull();
    expect(
      addEntry(doc, nodeId('ghost'), 'reviews', { ...base, date: '2025-02-03', status: 'holds' }, alice),
    ).toBeNull();
    expect(log.transactions.filter((t) => t.changed)).toEqual([]);
  });

  it('stores only the keys of the entry, its note on one line and cut to the maximum', () => {
    const doc = map();
    const entry = {
      date: '2025-03-04',
      status: 'holds' as const,
      note: `line one\nline two ${'x'.repeat(MAX_NOTE_LENGTH)}`,
      by: 'Amina',
      secret: 'not part of the format',
    };
    addEntry(doc, nodeId('assumption'), 'reviews', entry, alice);
    const stored = (getNodes(doc).get('assumption')?.get('reviews') as Y.Array<Record<string, unknown>>).get(0);
    expect(Object.keys(stored).sort()).toEqual(['by', 'date', 'id', 'note', 'status']);
    expect(stored.note).toHaveLength(MAX_NOTE_LENGTH);
    expect(String(stored.note).startsWith('line one line two')).toBe(true);
  });

  it(`refuses an entry beyond ${MAX_ENTRIES} in one history`, () => {
    const doc = map();
    for (let i = 0; i < MAX_ENTRIES; i++) {
      expect(
        addEntry(doc, nodeId('indicator'), 'readings', { date: '2025-01-01', value: `${i}`, note: '', by: '' }, alice),
      ).not.toBeNull();
    }
    expect(
      addEntry(doc, nodeId('indicator'), 'readings', { date: '2025-01-02', value: 'x', note: '', by: '' }, alice),
    ).toBeNull();
    expect(node(doc, 'indicator').readings).toHaveLength(MAX_ENTRIES);
  });
});

describe('removeEntry', () => {
  it('removes one entry by its id in one transaction, leaving the others', () => {
    const doc = map();
    const keep = addEntry(
      doc,
      nodeId('indicator'),
      'readings',
      { date: '2025-01-01', value: '3', note: '', by: '' },
      alice,
    );
    const drop = addEntry(
      doc,
      nodeId('indicator'),
      'readings',
      { date: '2025-02-01', value: '30', note: 'typo', by: '' },
      alice,
    );
    const log = recordTransactions(doc);
    expect(removeEntry(doc, nodeId('indicator'), 'readings', drop!, bob)).toBe(true);
    expect(log.transactions).toEqual([{ origin: bob, changed: true }]);
    expect(node(doc, 'indicator').readings.map((r) => r.id)).toEqual([keep]);
  });

  it('reports an unknown entry, history or card without writing', () => {
    const doc = map();
    const id = addEntry(
      doc,
      nodeId('indicator'),
      'readings',
      { date: '2025-01-01', value: '3', note: '', by: '' },
      alice,
    );
    const log = recordTransactions(doc);
    expect(removeEntry(doc, nodeId('indicator'), 'readings', 'nope', alice)).toBe(false);
    expect(removeEntry(doc, nodeId('indicator'), 'reviews', id!, alice)).toBe(false);
    expect(removeEntry(doc, nodeId('ghost'), 'readings', id!, alice)).toBe(false);
    expect(log.transactions).toEqual([]);
  });
});

describe('reading a history', () => {
  it('gives entries oldest first by date, whatever order they were recorded in', () => {
    const doc = map();
    for (const date of ['2025-05-01', '2024-11-30', '2025-01-15']) {
      addEntry(doc, nodeId('assumption'), 'reviews', { date, status: 'holds', note: '', by: '' }, alice);
    }
    expect(node(doc, 'assumption').reviews.map((r) => r.date)).toEqual(['2024-11-30', '2025-01-15', '2025-05-01']);
  });

  it('the current state of an assumption is its latest review, or null when never reviewed', () => {
    const doc = map();
    expect(currentAssumptionState(node(doc, 'assumption').reviews)).toBeNull();
    addEntry(doc, nodeId('assumption'), 'reviews', { date: '2025-06-01', status: 'broken', note: '', by: '' }, alice);
    addEntry(doc, nodeId('assumption'), 'reviews', { date: '2025-01-01', status: 'holds', note: '', by: '' }, alice);
    expect(currentAssumptionState(node(doc, 'assumption').reviews)?.status).toBe('broken');
    // Two reviews on one day: the one recorded later is the current one.
    addEntry(doc, nodeId('assumption'), 'reviews', { date: '2025-06-01', status: 'at-risk', note: '', by: '' }, alice);
    expect(currentAssumptionState(node(doc, 'assumption').reviews)?.status).toBe('at-risk');
  });

  it('latestHealth gives the latest rating of each dimension a partner was rated on', () => {
    const ratings: HealthRating[] = byDate([
      { id: 'a', date: '2025-09-01', dimension: 'trust', rating: 'green', note: '', by: '' },
      { id: 'b', date: '2025-03-01', dimension: 'trust', rating: 'red', note: '', by: '' },
      { id: 'c', date: '2025-03-01', dimension: 'resources', rating: 'amber', note: '', by: '' },
    ]);
    const latest = latestHealth(ratings);
    expect(Object.keys(latest).sort()).toEqual(['resources', 'trust']);
    expect(latest.trust?.id).toBe('a');
    expect(latest.resources?.rating).toBe('amber');
    expect(latest.communication).toBeUndefined();
  });
});

describe('concurrent entries on two replicas', () => {
  it('keeps both appends and agrees on the latest review', () => {
    const docA = map();
    addEntry(docA, nodeId('assumption'), 'reviews', { date: '2025-01-10', status: 'holds', note: '', by: 'A' }, alice);
    const docB = cloneDoc(docA);
    addEntry(
      docA,
      nodeId('assumption'),
      'reviews',
      { date: '2025-06-01', status: 'at-risk', note: 'A', by: 'A' },
      alice,
    );
    addEntry(docB, nodeId('assumption'), 'reviews', { date: '2025-06-01', status: 'broken', note: 'B', by: 'B' }, bob);
    syncAll([docA, docB]);
    const reviewsA = node(docA, 'assumption').reviews;
    const reviewsB = node(docB, 'assumption').reviews;
    expect(reviewsA).toHaveLength(3);
    expect(reviewsB).toEqual(reviewsA);
    expect(currentAssumptionState(reviewsA)).toEqual(currentAssumptionState(reviewsB));
    expect(JSON.stringify(toMapJSON(docA))).toBe(JSON.stringify(toMapJSON(docB)));
  });

  it("keeps both when they are the card's first entries", () => {
    const docA = map();
    const docB = cloneDoc(docA);
    addEntry(docA, nodeId('indicator'), 'readings', { date: '2025-06-01', value: '5', note: '', by: 'A' }, alice);
    addEntry(docB, nodeId('indicator'), 'readings', { date: '2025-06-02', value: '6', note: '', by: 'B' }, bob);
    syncAll([docA, docB]);
    expect(node(docA, 'indicator').readings.map((r) => r.value)).toEqual(['5', '6']);
    expect(node(docB, 'indicator').readings).toEqual(node(docA, 'indicator').readings);
  });

  it('keeps both first reviews of a card that became an assumption before the peers went offline', () => {
    const docA = map();
    addNode(docA, { id: nodeId('note'), kind: 'note', label: 'Leaders back staff', x: 0, y: 0 }, alice);
    setNodeKind(docA, nodeId('note'), 'assumption', alice);
    const docB = cloneDoc(docA);
    addEntry(docA, nodeId('note'), 'reviews', { date: '2025-06-01', status: 'holds', note: '', by: 'A' }, alice);
    addEntry(docB, nodeId('note'), 'reviews', { date: '2025-06-01', status: 'at-risk', note: '', by: 'B' }, bob);
    syncAll([docA, docB]);
    expect(node(docA, 'note').reviews).toHaveLength(2);
    expect(node(docB, 'note').reviews).toEqual(node(docA, 'note').reviews);
  });

  it('agrees on the latest health rating per dimension', () => {
    const docA = map();
    const docB = cloneDoc(docA);
    addEntry(
      docA,
      nodeId('partner'),
      'health',
      { date: '2025-09-01', dimension: 'trust', rating: 'green', note: '', by: 'A' },
      alice,
    );
    addEntry(
      docB,
      nodeId('partner'),
      'health',
      { date: '2025-09-01', dimension: 'trust', rating: 'red', note: '', by: 'B' },
      bob,
    );
    syncAll([docA, docB]);
    const a = latestHealth(node(docA, 'partner').health);
    const b = latestHealth(node(docB, 'partner').health);
    expect(node(docA, 'partner').health).toHaveLength(2);
    expect(a.trust).toEqual(b.trust);
  });

  it('a removal and a concurrent append both take effect', () => {
    const docA = map();
    const first = addEntry(
      docA,
      nodeId('indicator'),
      'readings',
      { date: '2025-01-01', value: '1', note: '', by: '' },
      alice,
    );
    const docB = cloneDoc(docA);
    removeEntry(docA, nodeId('indicator'), 'readings', first!, alice);
    addEntry(docB, nodeId('indicator'), 'readings', { date: '2025-02-01', value: '2', note: '', by: '' }, bob);
    syncAll([docA, docB]);
    for (const doc of [docA, docB]) expect(node(doc, 'indicator').readings.map((r) => r.value)).toEqual(['2']);
  });
});
