import fc from 'fast-check';
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import {
  MapStateRecorder,
  addEntry,
  addNode,
  addNodeTag,
  connect,
  createOrigin,
  getNodes,
  initMap,
  moveNodes,
  removeEntry,
  removeNodes,
  setCeiling,
  setEdgeField,
  setEdgeLabel,
  setLanes,
  setMapTitle,
  setNodeCapability,
  setNodeField,
  setNodeKind,
  setNodeLabel,
  setNodeNarrative,
  disconnect,
  writeMapJSON,
  fromMapJSON,
  restoreMapContent,
  type ChangeSummary,
  type EdgeId,
  type NodeId,
} from '../src/index.ts';
import { cloneDoc, syncOnce } from './replicas.ts';
import { fullMap } from './fullMap.ts';
import { editedMapArbitrary } from './mapEdits.ts';
import { mapJsonArbitrary } from './mapJsonArbitrary.ts';

const ana = createOrigin('user', 'ana');
const n = (id: string): NodeId => id as NodeId;
const e = (id: string): EdgeId => id as EdgeId;

const recorders: MapStateRecorder[] = [];
afterEach(() => {
  for (const recorder of recorders.splice(0)) recorder.destroy();
});

/** A map of five cards, two of them linked, and a recorder that has not seen its making. */
function setup(): { doc: Y.Doc; recorder: MapStateRecorder } {
  const doc = new Y.Doc();
  initMap(doc, { title: 'Peer learning', kind: 'theory-of-change' }, ana);
  addNode(doc, { id: n('calls'), kind: 'activity', label: 'Run peer calls', x: 0, y: 0 }, ana);
  addNode(doc, { id: n('share'), kind: 'outcome', label: 'Peers share failures', x: 0, y: -200 }, ana);
  addNode(doc, { id: n('trust'), kind: 'assumption', label: 'Peers feel safe', x: 200, y: -100 }, ana);
  addNode(doc, { id: n('reads'), kind: 'indicator', label: 'Failures shared', x: 200, y: -300 }, ana);
  addNode(doc, { id: n('city'), kind: 'actor', label: 'City of Braga', x: 400, y: 0 }, ana);
  connect(doc, { id: e('l1'), source: n('calls'), target: n('share'), label: 'Calls build trust' }, ana);
  const recorder = new MapStateRecorder(doc);
  recorders.push(recorder);
  return { doc, recorder };
}

const EMPTY: ChangeSummary = { added: [], removed: [], changed: [], moved: [], meta: [] };
const summary = (part: Partial<ChangeSummary>): ChangeSummary => ({ ...EMPTY, ...part });

describe('MapStateRecorder', () => {
  it('Yjs runs observeDeep callbacks before it emits update, so take() in the update handler sees the update', () => {
    const doc = new Y.Doc();
    const order: string[] = [];
    doc.on('update', () => order.push('update'));
    doc.getMap('nodes').observeDeep(() => order.push('observeDeep'));
    doc.on('update', () => order.push('update, registered later'));
    doc.getMap('nodes').set('a', new Y.Map());
    // Also for a remote update applied as the server applies them.
    const other = new Y.Doc();
    other.getMap('nodes').set('b', new Y.Map());
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other));
    expect(order).toEqual([
      'observeDeep',
      'update',
      'update, registered later',
      'observeDeep',
      'update',
      'update, registered later',
    ]);
  });

  it('gives one summary per update when called from the update handler', () => {
    const doc = new Y.Doc();
    const taken: (ReturnType<MapStateRecorder['take']> | 'update')[] = [];
    // Registered before the recorder exists, as a server may do.
    doc.on('update', () => taken.push(recorder.take()));
    const recorder = new MapStateRecorder(doc);
    recorders.push(recorder);
    addNode(doc, { id: n('a'), kind: 'outcome', label: 'Peers share failures', x: 0, y: 0 }, ana);
    setNodeLabel(doc, n('a'), 'Peers share failures openly', ana);
    moveNodes(doc, [{ id: n('a'), x: 10, y: 0 }], ana);
    expect(taken).toEqual([
      {
        patch: { n: { a: { '+': { id: 'a', kind: 'outcome', label: 'Peers share failures', x: 0, y: 0 } } } },
        summary: summary({ added: [{ id: 'a', kind: 'outcome', label: 'Peers share failures' }] }),
        ids: ['a'],
      },
      {
        // The title grew from 20 characters: the patch keeps what was typed, where (H2).
        patch: { n: { a: { label: { '~': [20, 0, ' openly'] } } } },
        summary: summary({
          changed: [{ id: 'a', kind: 'outcome', label: 'Peers share failures openly', fields: ['label'] }],
        }),
        ids: ['a'],
      },
      {
        patch: { n: { a: { x: 10 } } },
        summary: summary({ moved: [{ id: 'a', kind: 'outcome', label: 'Peers share failures openly' }] }),
        ids: ['a'],
      },
    ]);
  });

  it('returns null when nothing happened, and forgets what it returned', () => {
    const { doc, recorder } = setup();
    expect(recorder.take()).toBeNull();
    setNodeField(doc, n('share'), 'status', 'green', ana);
    expect(recorder.take()).not.toBeNull();
    expect(recorder.take()).toBeNull();
    // A write that changes nothing is no change.
    setNodeField(doc, n('share'), 'status', 'green', ana);
    expect(recorder.take()).toBeNull();
  });

  it('names a card added and then retitled within one take by its latest title, as added', () => {
    const { doc, recorder } = setup();
    addNode(doc, { id: n('new'), kind: 'risk', label: 'Staff', x: 0, y: 0 }, ana);
    setNodeLabel(doc, n('new'), 'Staff turnover', ana);
    setNodeField(doc, n('new'), 'severity', 'high', ana);
    expect(recorder.take()).toMatchObject({
      summary: summary({ added: [{ id: 'new', kind: 'risk', label: 'Staff turnover' }] }),
      ids: ['new'],
    });
  });

  it('a card added and removed within one update is nothing', () => {
    const { doc, recorder } = setup();
    doc.transact(() => {
      addNode(doc, { id: n('tmp'), kind: 'note', label: 'Scratch', x: 0, y: 0 }, ana);
      removeNodes(doc, [n('tmp')], ana);
    }, ana);
    expect(recorder.take()).toBeNull();
    // Also across two transactions of one take.
    addNode(doc, { id: n('tmp2'), kind: 'note', label: 'Scratch', x: 0, y: 0 }, ana);
    removeNodes(doc, [n('tmp2')], ana);
    expect(recorder.take()).toBeNull();
  });

  it('names a removed card and its links by what they were called', () => {
    const { doc, recorder } = setup();
    removeNodes(doc, [n('share')], ana);
    expect(recorder.take()).toEqual({
      patch: { n: { share: null }, e: { l1: null } },
      summary: summary({
        removed: [
          { id: 'share', kind: 'outcome', label: 'Peers share failures' },
          { id: 'l1', kind: 'link', label: 'Run peer calls → Peers share failures' },
        ],
      }),
      ids: ['l1', 'share'],
    });
  });

  it('reads typing in a title or a narrative as a change of that field', () => {
    const { doc, recorder } = setup();
    const text = getNodes(doc).get('share')!.get('label') as Y.Text;
    doc.transact(() => text.insert(text.length, ' openly'), ana);
    setNodeNarrative(doc, n('share'), 'Trust shows when…', ana);
    expect(recorder.take()!.summary).toEqual(
      summary({
        changed: [
          { id: 'share', kind: 'outcome', label: 'Peers share failures openly', fields: ['label', 'narrative'] },
        ],
      }),
    );
  });

  it('reads a change inside tags, capabilities or a dated history as a change of that field', () => {
    const { doc, recorder } = setup();
    addNodeTag(doc, n('share'), 'Trust', ana);
    setNodeCapability(doc, n('share'), 'relate', true, ana);
    const review = addEntry(
      doc,
      n('trust'),
      'reviews',
      { date: '2026-03-01', status: 'at-risk', note: '', by: 'Ana' },
      ana,
    );
    addEntry(doc, n('reads'), 'readings', { date: '2026-03-01', value: '12', note: '', by: 'Ana' }, ana);
    addEntry(
      doc,
      n('city'),
      'health',
      { date: '2026-03-01', dimension: 'trust', rating: 'green', note: '', by: 'Ana' },
      ana,
    );
    expect(recorder.take()!.summary.changed).toEqual([
      { id: 'city', kind: 'actor', label: 'City of Braga', fields: ['health'] },
      { id: 'reads', kind: 'indicator', label: 'Failures shared', fields: ['readings'] },
      { id: 'share', kind: 'outcome', label: 'Peers share failures', fields: ['tags', 'capabilities'] },
      { id: 'trust', kind: 'assumption', label: 'Peers feel safe', fields: ['reviews'] },
    ]);
    removeEntry(doc, n('trust'), 'reviews', review!, ana);
    expect(recorder.take()!.summary.changed).toEqual([
      { id: 'trust', kind: 'assumption', label: 'Peers feel safe', fields: ['reviews'] },
    ]);
  });

  it('puts position-only changes under moved, and a moved and edited card under changed', () => {
    const { doc, recorder } = setup();
    moveNodes(
      doc,
      [
        { id: n('calls'), x: 50, y: 50 },
        { id: n('share'), x: 50, y: -150 },
      ],
      ana,
    );
    expect(recorder.take()!.summary.moved.map((m) => m.id)).toEqual(['calls', 'share']);
    doc.transact(() => {
      moveNodes(doc, [{ id: n('share'), x: 0, y: 0 }], ana);
      setNodeField(doc, n('share'), 'term', 'long', ana);
    }, ana);
    expect(recorder.take()!.summary).toEqual(
      summary({ changed: [{ id: 'share', kind: 'outcome', label: 'Peers share failures', fields: ['term'] }] }),
    );
  });

  it('a change of kind is a change of kind, not of the containers the new kind is given', () => {
    const { doc, recorder } = setup();
    setNodeKind(doc, n('calls'), 'outcome', ana);
    expect(recorder.take()!.summary.changed).toEqual([
      { id: 'calls', kind: 'outcome', label: 'Run peer calls', fields: ['kind'] },
    ]);
  });

  it('names links by their ends and their fields by the JSON keys', () => {
    const { doc, recorder } = setup();
    const made = connect(doc, { id: e('l2'), source: n('share'), target: n('city') }, ana);
    expect(made.ok).toBe(true);
    expect(recorder.take()!.summary.added).toEqual([
      { id: 'l2', kind: 'link', label: 'Peers share failures → City of Braga' },
    ]);
    setEdgeLabel(doc, e('l1'), 'Calls build trust over time', ana);
    setEdgeField(doc, e('l1'), 'relation', 'enables', ana);
    setEdgeField(doc, e('l1'), 'confidence', 'high', ana);
    expect(recorder.take()!.summary.changed).toEqual([
      {
        id: 'l1',
        kind: 'link',
        label: 'Run peer calls → Peers share failures',
        fields: ['rationale', 'relation', 'confidence'],
      },
    ]);
    disconnect(doc, [e('l2')], ana);
    expect(recorder.take()!.summary.removed).toEqual([
      { id: 'l2', kind: 'link', label: 'Peers share failures → City of Braga' },
    ]);
  });

  it('ignores keys readers do not know (written by another client)', () => {
    const { doc, recorder } = setup();
    doc.transact(() => getNodes(doc).get('share')!.set('colour', 'pink'), ana);
    expect(recorder.take()).toBeNull();
  });

  it("names the map's own changes", () => {
    const { doc, recorder } = setup();
    setMapTitle(doc, 'Peer learning 2026', ana);
    setLanes(doc, { bounds: [0, 300, 600, 900] }, ana);
    setCeiling(doc, 300, ana);
    // In the order the inspector and diffMaps give them (META_DIFF_KEYS), not the order written.
    expect(recorder.take()!.summary).toEqual(summary({ meta: ['title', 'lanes', 'ceilingY'] }));
    expect(recorder.take()).toBeNull();
  });

  it('reads remote updates as it reads local ones', () => {
    const { doc, recorder } = setup();
    const peer = cloneDoc(doc);
    setNodeLabel(peer, n('calls'), 'Run monthly peer calls', ana);
    removeNodes(peer, [n('city')], ana);
    syncOnce(peer, doc);
    expect(recorder.take()).toEqual({
      patch: { n: { calls: { label: 'Run monthly peer calls' }, city: null } },
      summary: summary({
        removed: [{ id: 'city', kind: 'actor', label: 'City of Braga' }],
        changed: [{ id: 'calls', kind: 'activity', label: 'Run monthly peer calls', fields: ['label'] }],
      }),
      ids: ['calls', 'city'],
    });
  });

  it('reads a whole map written at once as cards and links added', () => {
    const doc = new Y.Doc();
    const recorder = new MapStateRecorder(doc);
    recorders.push(recorder);
    writeMapJSON(doc, fullMap());
    const taken = recorder.take()!;
    expect(taken.summary.added).toHaveLength(fullMap().nodes.length + fullMap().edges.length);
    // An empty document already reads as a theory of change, so writing that kind changes nothing.
    expect(taken.summary.meta).toEqual(['title', 'lanes', 'ceilingY']);
    expect(taken.summary.added).toContainEqual({
      id: 'link-trust',
      kind: 'link',
      label: 'Coach exchanges between clubs → Coaches trust each other',
    });
  });

  it('costs little per update on a large map', () => {
    const doc = new Y.Doc();
    const map = fullMap();
    const template = map.nodes.find((node) => node.id === 'outcome')!;
    map.nodes = Array.from({ length: 2000 }, (_, i) => ({ ...template, id: `n${i}`, label: `Card ${i}` }));
    map.edges = [];
    writeMapJSON(doc, map);
    const recorder = new MapStateRecorder(doc);
    recorders.push(recorder);
    let summaries = 0;
    doc.on('update', () => {
      if (recorder.take()) summaries++;
    });
    // The best of three rounds each: the first round pays for the JIT and a shared machine is noisy.
    const best = (rounds: number[]): number => Math.min(...rounds.map((round) => timeEdits(doc, round)));
    const withRecorder = best([0, 1, 2]);
    recorder.destroy();
    const without = best([3, 4, 5]);
    expect(summaries).toBe(6000);
    // Measured: re-reading the one card an update touched (this one has every field and dated
    // histories) adds a few tens of microseconds per update; a whole-map read would add milliseconds.
    expect(withRecorder).toBeLessThan(without * 3 + 200);
  });
});

/** Milliseconds for 2,000 one-field updates (alternating status and a tag) on `doc`; each round changes them. */
function timeEdits(doc: Y.Doc, round: number): number {
  const start = Date.now();
  for (let i = 0; i < 2000; i++) {
    const id = `n${i}` as NodeId;
    if (i % 2 === 0) setNodeField(doc, id, 'status', round % 2 === 0 ? 'red' : 'green', ana);
    else addNodeTag(doc, id, `tag ${round}`, ana);
  }
  return Date.now() - start;
}

describe('MapStateRecorder against diffMaps (property)', () => {
  it('names the same cards, links and fields as the diff of the update it saw', () => {
    fc.assert(
      fc.property(fc.oneof(editedMapArbitrary, fc.tuple(mapJsonArbitrary, mapJsonArbitrary)), ([a, b]) => {
        const doc = fromMapJSON(a);
        const recorder = new MapStateRecorder(doc);
        recorders.push(recorder);
        const diff = restoreMapContent(doc, b, ana);
        const taken = recorder.take();
        const summary = taken?.summary ?? EMPTY;
        const ids = (elements: { id: string }[]): string[] => elements.map((element) => element.id).sort();
        const cards = (state: string) => diff.cards.filter((card) => card.state === state);
        const links = (state: string) => diff.links.filter((link) => link.state === state);
        expect(ids(summary.added)).toEqual(ids([...cards('added'), ...links('added')]));
        expect(ids(summary.removed)).toEqual(ids([...cards('removed'), ...links('removed')]));
        const changed = [
          ...diff.cards.filter((card) => card.state === 'changed' && card.fields.length > 0),
          ...links('changed'),
        ];
        expect(Object.fromEntries(summary.changed.map((c) => [c.id, [...c.fields].sort()]))).toEqual(
          Object.fromEntries(changed.map((c) => [c.id, c.fields.map((f) => f.field).sort()])),
        );
        expect(ids(summary.moved)).toEqual(
          ids(diff.cards.filter((card) => card.state === 'changed' && card.moved && card.fields.length === 0)),
        );
        expect(summary.meta).toEqual(diff.meta.map((change) => change.field));
        expect(taken?.ids ?? []).toEqual(
          [...diff.cards.map((card) => card.id), ...diff.links.map((link) => link.id)].sort(),
        );
        recorder.destroy();
      }),
      { numRuns: 300 },
    );
  }, 60_000);
});
