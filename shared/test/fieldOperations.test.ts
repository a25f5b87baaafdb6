import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_GROUP_SIZE,
  MAX_GROUP_SIZE,
  MAX_NARRATIVE_LENGTH,
  MAX_TAGS,
  MAX_TAG_LENGTH,
  MIN_GROUP_SIZE,
  MIN_LANE_HEIGHT,
  addNode,
  addNodeTag,
  connect,
  createOrigin,
  getEdges,
  getMeta,
  getNodes,
  initMap,
  lanesFrom,
  readEdge,
  readMeta,
  readNode,
  removeNodeTag,
  setCeiling,
  setEdgeField,
  setEdgeLabel,
  setLanes,
  setNodeBounds,
  setNodeCapability,
  setNodeField,
  setNodeFields,
  setNodeKind,
  setNodeNarrative,
  toMapJSON,
  type EdgeId,
  type EdgeView,
  type Lanes,
  type NodeId,
  type NodeView,
} from '../src/index.ts';
import { cloneDoc, recordTransactions, syncAll } from './replicas.ts';

const alice = createOrigin('user', 'alice');
const bob = createOrigin('user', 'bob');
const nodeId = (id: string): NodeId => id as NodeId;
const edgeId = (id: string): EdgeId => id as EdgeId;

/** A theory of change with an outcome, an indicator, an activity linked to the outcome, and a frame. */
function map(): Y.Doc {
  const doc = new Y.Doc();
  initMap(doc, { title: 'Girls in sport', kind: 'theory-of-change' }, alice);
  addNode(doc, { id: nodeId('outcome'), kind: 'outcome', label: 'Girls stay in clubs', x: 0, y: 0 }, alice);
  addNode(doc, { id: nodeId('indicator'), kind: 'indicator', label: 'Girls still playing', x: 300, y: 0 }, alice);
  addNode(doc, { id: nodeId('activity'), kind: 'activity', label: 'Coach training', x: 0, y: 300 }, alice);
  addNode(doc, { id: nodeId('frame'), kind: 'group', label: 'Coaching pathway', x: -50, y: -50 }, alice);
  connect(doc, { id: edgeId('link'), source: nodeId('activity'), target: nodeId('outcome') }, alice);
  return doc;
}

const node = (doc: Y.Doc, id: string): NodeView => {
  const view = readNode(id, getNodes(doc).get(id));
  if (!view) throw new Error(`no node ${id}`);
  return view;
};
const edge = (doc: Y.Doc, id: string): EdgeView => {
  const view = readEdge(id, getEdges(doc).get(id));
  if (!view) throw new Error(`no link ${id}`);
  return view;
};
const changes = (log: ReturnType<typeof recordTransactions>): unknown[] =>
  log.transactions.filter((t) => t.changed).map((t) => t.origin);

describe('setNodeField', () => {
  it('sets a choice and a text field in one transaction each, with the origin', () => {
    const doc = map();
    const log = recordTransactions(doc);
    expect(setNodeField(doc, nodeId('outcome'), 'term', 'short', bob)).toBe(true);
    expect(setNodeField(doc, nodeId('indicator'), 'unit', 'girls per club', bob)).toBe(true);
    expect(node(doc, 'outcome').fields.term).toBe('short');
    expect(node(doc, 'indicator').fields.unit).toBe('girls per club');
    expect(log.transactions).toEqual([
      { origin: bob, changed: true },
      { origin: bob, changed: true },
    ]);
    expect(toMapJSON(doc).nodes.find((n) => n.id === 'indicator')?.unit).toBe('girls per club');
  });

  it('accepts real dates and http(s) addresses', () => {
    const doc = map();
    expect(setNodeField(doc, nodeId('indicator'), 'targetDate', '2028-02-29', alice)).toBe(true);
    expect(setNodeField(doc, nodeId('indicator'), 'url', 'https://example.org/report?page=2#top', alice)).toBe(true);
    expect(node(doc, 'indicator').fields).toMatchObject({
      targetDate: '2028-02-29',
      url: 'https://example.org/report?page=2#top',
    });
  });

  it('refuses a value the field does not accept, and writes nothing', () => {
    const doc = map();
    setNodeField(doc, nodeId('indicator'), 'baselineDate', '2025-01-15', alice);
    const log = recordTransactions(doc);
    const refused: [Parameters<typeof setNodeField>[2], string][] = [
      ['baselineDate', '2025-02-30'],
      ['baselineDate', '15/01/2025'],
      ['baselineDate', '2025-1-5'],
      ['url', 'javascript:alert(1)'],
      ['url', 'ftp://example.org/file'],
      ['url', 'https://user@evil.example'],
      ['status', 'purple'],
      ['term', 'medium'],
    ];
    for (const [key, value] of refused) {
      expect(setNodeField(doc, nodeId('indicator'), key, value as never, alice), `${key} = ${value}`).toBe(false);
    }
    expect(log.updates).toEqual([]);
    expect(node(doc, 'indicator').fields.baselineDate).toBe('2025-01-15');
    expect(node(doc, 'indicator').fields.url).toBeNull();
  });

  it('refuses to write to a card that does not exist', () => {
    const doc = map();
    const log = recordTransactions(doc);
    expect(setNodeField(doc, nodeId('ghost'), 'status', 'red', alice)).toBe(false);
    expect(log.transactions).toEqual([]);
  });

  it('clears a field with null, and a text field with an empty text, removing the key', () => {
    const doc = map();
    setNodeField(doc, nodeId('outcome'), 'status', 'amber', alice);
    setNodeField(doc, nodeId('indicator'), 'source', 'Club register', alice);
    expect(setNodeField(doc, nodeId('outcome'), 'status', null, alice)).toBe(true);
    expect(setNodeField(doc, nodeId('indicator'), 'source', '', alice)).toBe(true);
    expect(node(doc, 'outcome').fields.status).toBeNull();
    expect(node(doc, 'indicator').fields.source).toBeNull();
    expect(getNodes(doc).get('outcome')?.has('status')).toBe(false);
    expect(getNodes(doc).get('indicator')?.has('source')).toBe(false);
    expect(toMapJSON(doc).nodes.find((n) => n.id === 'indicator')).not.toHaveProperty('source');
  });

  it('does not write a value that is already set, or clear a field that is unset', () => {
    const doc = map();
    setNodeField(doc, nodeId('outcome'), 'level', 'individual', alice);
    const log = recordTransactions(doc);
    expect(setNodeField(doc, nodeId('outcome'), 'level', 'individual', alice)).toBe(true);
    expect(setNodeField(doc, nodeId('outcome'), 'sphere', null, alice)).toBe(true);
    expect(log.updates).toEqual([]);
  });

  it('keeps a short text on one line and cuts it to the field length', () => {
    const doc = map();
    setNodeField(doc, nodeId('indicator'), 'source', 'Club\nregister\tand survey', alice);
    expect(node(doc, 'indicator').fields.source).toBe('Club register and survey');
    setNodeField(doc, nodeId('indicator'), 'unit', 'u'.repeat(100), alice);
    expect(node(doc, 'indicator').fields.unit).toBe('u'.repeat(60));
  });

  it('keeps a field when the kind changes, so nothing typed is lost by a wrong click', () => {
    const doc = map();
    setNodeField(doc, nodeId('outcome'), 'term', 'long', alice);
    setNodeKind(doc, nodeId('outcome'), 'note', alice);
    setNodeKind(doc, nodeId('outcome'), 'outcome', alice);
    expect(node(doc, 'outcome').fields.term).toBe('long');
  });
});

describe('setNodeFields', () => {
  it('sets and clears several fields as one change', () => {
    const doc = map();
    setNodeField(doc, nodeId('indicator'), 'frequency', 'yearly', alice);
    const log = recordTransactions(doc);
    expect(
      setNodeFields(
        doc,
        nodeId('indicator'),
        { baselineValue: '12', baselineDate: '2025-01-15', targetValue: '40', frequency: null },
        bob,
      ),
    ).toBe(true);
    expect(log.transactions).toEqual([{ origin: bob, changed: true }]);
    expect(log.updates).toHaveLength(1);
    expect(node(doc, 'indicator').fields).toMatchObject({
      baselineValue: '12',
      baselineDate: '2025-01-15',
      targetValue: '40',
      frequency: null,
    });
  });

  it('reports a refused value, writing the acceptable ones', () => {
    const doc = map();
    expect(setNodeFields(doc, nodeId('indicator'), { unit: 'clubs', targetDate: 'next year' }, bob)).toBe(false);
    expect(node(doc, 'indicator').fields).toMatchObject({ unit: 'clubs', targetDate: null });
  });

  it('one undo takes back the whole change', () => {
    const doc = map();
    const undo = new Y.UndoManager([getNodes(doc)], { trackedOrigins: new Set([bob]) });
    setNodeFields(doc, nodeId('outcome'), { term: 'short', level: 'individual', sphere: 'control' }, bob);
    undo.undo();
    expect(node(doc, 'outcome').fields).toMatchObject({ term: null, level: null, sphere: null });
  });
});

describe('setNodeNarrative', () => {
  it('writes the narrative as collaborative text and cuts it to the maximum', () => {
    const doc = map();
    expect(setNodeNarrative(doc, nodeId('outcome'), 'Girls who *belong* stay.', alice)).toBe(true);
    expect(node(doc, 'outcome').narrative).toBe('Girls who *belong* stay.');
    expect(getNodes(doc).get('outcome')?.get('narrative')).toBeInstanceOf(Y.Text);
    setNodeNarrative(doc, nodeId('outcome'), 'n'.repeat(MAX_NARRATIVE_LENGTH + 5), alice);
    expect(node(doc, 'outcome').narrative).toHaveLength(MAX_NARRATIVE_LENGTH);
    expect(setNodeNarrative(doc, nodeId('ghost'), 'x', alice)).toBe(false);
  });

  it('edits minimally: concurrent edits at both ends of the text both survive the merge', () => {
    const docA = map();
    setNodeNarrative(docA, nodeId('outcome'), 'Coaches make girls feel welcome.', alice);
    const docB = cloneDoc(docA);
    setNodeNarrative(docA, nodeId('outcome'), 'Trained coaches make girls feel welcome.', alice);
    setNodeNarrative(docB, nodeId('outcome'), 'Coaches make girls feel welcome, so they stay.', bob);
    syncAll([docA, docB]);
    for (const doc of [docA, docB]) {
      expect(node(doc, 'outcome').narrative).toBe('Trained coaches make girls feel welcome, so they stay.');
    }
  });
});

describe('tags', () => {
  const tagsOf = (doc: Y.Doc, id = 'outcome'): readonly string[] => node(doc, id).tags;

  it('adds and removes tags, sorted case-insensitively, each in one transaction', () => {
    const doc = map();
    const log = recordTransactions(doc);
    expect(addNodeTag(doc, nodeId('outcome'), 'youth', bob)).toBe(true);
    expect(addNodeTag(doc, nodeId('outcome'), 'Girls', bob)).toBe(true);
    expect(addNodeTag(doc, nodeId('outcome'), 'adoption', bob)).toBe(true);
    expect(tagsOf(doc)).toEqual(['adoption', 'Girls', 'youth']);
    expect(removeNodeTag(doc, nodeId('outcome'), 'GIRLS', bob)).toBe(true);
    expect(tagsOf(doc)).toEqual(['adoption', 'youth']);
    expect(changes(log)).toEqual([bob, bob, bob, bob]);
  });

  it('normalises a tag: single spaces, no surrounding space, at most MAX_TAG_LENGTH; refuses an empty one', () => {
    const doc = map();
    expect(addNodeTag(doc, nodeId('outcome'), '  youth \n  employment ', alice)).toBe(true);
    expect(addNodeTag(doc, nodeId('outcome'), 't'.repeat(MAX_TAG_LENGTH + 10), alice)).toBe(true);
    expect(addNodeTag(doc, nodeId('outcome'), '   ', alice)).toBe(false);
    expect(tagsOf(doc)).toEqual(['t'.repeat(MAX_TAG_LENGTH), 'youth employment']);
  });

  it('treats tags that differ only in case as one tag: the last spelling written is kept', () => {
    const doc = map();
    addNodeTag(doc, nodeId('outcome'), 'youth', alice);
    const log = recordTransactions(doc);
    expect(addNodeTag(doc, nodeId('outcome'), 'youth', alice)).toBe(true);
    expect(log.updates).toEqual([]);
    expect(addNodeTag(doc, nodeId('outcome'), 'Youth', alice)).toBe(true);
    expect(tagsOf(doc)).toEqual(['Youth']);
  });

  it("two peers adding a card's first tags at once keep both", () => {
    const docA = map();
    const docB = cloneDoc(docA);
    addNodeTag(docA, nodeId('outcome'), 'girls', alice);
    addNodeTag(docB, nodeId('outcome'), 'sport', bob);
    syncAll([docA, docB]);
    expect(tagsOf(docA)).toEqual(['girls', 'sport']);
    expect(tagsOf(docB)).toEqual(['girls', 'sport']);
  });

  it('two peers adding "Youth" and "youth" at once end with one tag, the same on both', () => {
    const docA = map();
    const docB = cloneDoc(docA);
    addNodeTag(docA, nodeId('outcome'), 'Youth', alice);
    addNodeTag(docB, nodeId('outcome'), 'youth', bob);
    syncAll([docA, docB]);
    expect(tagsOf(docA)).toHaveLength(1);
    expect(tagsOf(docB)).toEqual(tagsOf(docA));
    expect(JSON.stringify(toMapJSON(docB))).toBe(JSON.stringify(toMapJSON(docA)));
  });

  it(`refuses a new tag beyond ${MAX_TAGS}, but still accepts a new spelling of an existing one`, () => {
    const doc = map();
    for (let i = 0; i < MAX_TAGS; i++) expect(addNodeTag(doc, nodeId('outcome'), `tag ${i}`, alice)).toBe(true);
    expect(addNodeTag(doc, nodeId('outcome'), 'one too many', alice)).toBe(false);
    expect(addNodeTag(doc, nodeId('outcome'), 'TAG 0', alice)).toBe(true);
    expect(tagsOf(doc)).toHaveLength(MAX_TAGS);
    expect(tagsOf(doc)).toContain('TAG 0');
  });

  it('reports removing a tag the card does not have, and tagging a missing card', () => {
    const doc = map();
    expect(removeNodeTag(doc, nodeId('outcome'), 'nothing', alice)).toBe(false);
    expect(addNodeTag(doc, nodeId('ghost'), 'youth', alice)).toBe(false);
  });
});

describe('setNodeCapability', () => {
  it('turns capability tags on and off, read in the canonical order of the five', () => {
    const doc = map();
    const log = recordTransactions(doc);
    expect(setNodeCapability(doc, nodeId('outcome'), 'adapt', true, bob)).toBe(true);
    expect(setNodeCapability(doc, nodeId('outcome'), 'commit', true, bob)).toBe(true);
    expect(setNodeCapability(doc, nodeId('outcome'), 'relate', true, bob)).toBe(true);
    expect(node(doc, 'outcome').capabilities).toEqual(['commit', 'relate', 'adapt']);
    expect(setNodeCapability(doc, nodeId('outcome'), 'relate', false, bob)).toBe(true);
    expect(node(doc, 'outcome').capabilities).toEqual(['commit', 'adapt']);
    expect(changes(log)).toEqual([bob, bob, bob, bob]);
  });

  it('does not write when nothing changes, and refuses an unknown capability or card', () => {
    const doc = map();
    setNodeCapability(doc, nodeId('outcome'), 'deliver', true, alice);
    const log = recordTransactions(doc);
    expect(setNodeCapability(doc, nodeId('outcome'), 'deliver', true, alice)).toBe(true);
    expect(setNodeCapability(doc, nodeId('outcome'), 'balance', false, alice)).toBe(true);
    expect(setNodeCapability(doc, nodeId('outcome'), 'dance' as never, true, alice)).toBe(false);
    expect(setNodeCapability(doc, nodeId('ghost'), 'deliver', true, alice)).toBe(false);
    expect(log.updates).toEqual([]);
  });

  it('merges two peers tagging different capabilities at once', () => {
    const docA = map();
    const docB = cloneDoc(docA);
    setNodeCapability(docA, nodeId('outcome'), 'balance', true, alice);
    setNodeCapability(docB, nodeId('outcome'), 'commit', true, bob);
    syncAll([docA, docB]);
    expect(node(docA, 'outcome').capabilities).toEqual(['commit', 'balance']);
    expect(node(docB, 'outcome').capabilities).toEqual(['commit', 'balance']);
  });
});

describe('setNodeKind (schema v2)', () => {
  it('detaches a card whose new kind cannot be attached, so it stands on the canvas', () => {
    const doc = map();
    addNode(doc, { id: nodeId('a'), kind: 'assumption', x: 0, y: 0, attachedTo: 'link' }, alice);
    setNodeKind(doc, nodeId('a'), 'evidence', alice);
    expect(node(doc, 'a').attachedTo).toBe('link');
    setNodeKind(doc, nodeId('a'), 'risk', alice);
    expect(node(doc, 'a').attachedTo).toBeNull();
    expect(getNodes(doc).get('a')?.has('attachedTo')).toBe(false);
  });

  it('gives a card that becomes a frame the default size, in the same transaction', () => {
    const doc = map();
    const log = recordTransactions(doc);
    setNodeKind(doc, nodeId('activity'), 'group', bob);
    expect(log.transactions).toEqual([{ origin: bob, changed: true }]);
    expect(node(doc, 'activity')).toMatchObject({ kind: 'group', ...DEFAULT_GROUP_SIZE });
    setNodeKind(doc, nodeId('activity'), 'activity', bob);
    expect(node(doc, 'activity')).toMatchObject({ width: null, height: null });
  });

  it('keeps a former frame its size when it becomes a frame again', () => {
    const doc = map();
    setNodeBounds(doc, nodeId('frame'), { x: 0, y: 0, width: 900, height: 400 }, alice);
    setNodeKind(doc, nodeId('frame'), 'note', alice);
    setNodeKind(doc, nodeId('frame'), 'group', alice);
    expect(node(doc, 'frame')).toMatchObject({ width: 900, height: 400 });
  });
});

describe('setNodeBounds', () => {
  it('moves and resizes a frame in one transaction, writing only what changed', () => {
    const doc = map();
    const keys: string[] = [];
    getNodes(doc)
      .get('frame')
      ?.observe((event) => keys.push(...event.keysChanged));
    const log = recordTransactions(doc);
    expect(setNodeBounds(doc, nodeId('frame'), { x: -50, y: -80, width: 700, height: 360 }, bob)).toBe(true);
    expect(log.transactions).toEqual([{ origin: bob, changed: true }]);
    expect(keys.sort()).toEqual(['width', 'y']);
    expect(node(doc, 'frame')).toMatchObject({ x: -50, y: -80, width: 700, height: 360 });
  });

  it('keeps a frame between the smallest and largest size, in whole units', () => {
    const doc = map();
    setNodeBounds(doc, nodeId('frame'), { x: 0, y: 0, width: 10, height: 1e9 }, alice);
    expect(node(doc, 'frame')).toMatchObject({ width: MIN_GROUP_SIZE, height: MAX_GROUP_SIZE });
    setNodeBounds(doc, nodeId('frame'), { x: 0, y: 0, width: 250.6, height: Number.NaN }, alice);
    expect(node(doc, 'frame')).toMatchObject({ width: 251, height: MIN_GROUP_SIZE });
  });

  it('refuses a card that is not a frame, and a missing card', () => {
    const doc = map();
    const log = recordTransactions(doc);
    expect(setNodeBounds(doc, nodeId('outcome'), { x: 0, y: 0, width: 500, height: 500 }, alice)).toBe(false);
    expect(setNodeBounds(doc, nodeId('ghost'), { x: 0, y: 0, width: 500, height: 500 }, alice)).toBe(false);
    expect(log.transactions).toEqual([]);
    expect(node(doc, 'outcome').width).toBeNull();
  });
});

describe('setEdgeField', () => {
  it('sets a link relation, confidence and status, and clears them with null', () => {
    const doc = map();
    const log = recordTransactions(doc);
    expect(setEdgeField(doc, edgeId('link'), 'relation', 'enables', bob)).toBe(true);
    expect(setEdgeField(doc, edgeId('link'), 'confidence', 'high', bob)).toBe(true);
    expect(setEdgeField(doc, edgeId('link'), 'status', 'confirmed', bob)).toBe(true);
    expect(edge(doc, 'link')).toMatchObject({ relation: 'enables', confidence: 'high', status: 'confirmed' });
    expect(setEdgeField(doc, edgeId('link'), 'status', null, bob)).toBe(true);
    expect(setEdgeField(doc, edgeId('link'), 'relation', null, bob)).toBe(true);
    // A link without a status is a hypothesis.
    expect(edge(doc, 'link')).toMatchObject({ relation: null, confidence: 'high', status: 'hypothesised' });
    expect(changes(log)).toEqual([bob, bob, bob, bob, bob]);
  });

  it('refuses an unknown value or link without writing, and skips a value already set', () => {
    const doc = map();
    setEdgeField(doc, edgeId('link'), 'relation', 'leads-to', alice);
    const log = recordTransactions(doc);
    expect(setEdgeField(doc, edgeId('link'), 'relation', 'causes' as never, alice)).toBe(false);
    expect(setEdgeField(doc, edgeId('link'), 'confidence', 'certain' as never, alice)).toBe(false);
    expect(setEdgeField(doc, edgeId('ghost'), 'status', 'observed', alice)).toBe(false);
    expect(setEdgeField(doc, edgeId('link'), 'relation', 'leads-to', alice)).toBe(true);
    expect(log.updates).toEqual([]);
  });

  it('is exported, and survives a merge with a concurrent rationale edit', () => {
    const docA = map();
    const docB = cloneDoc(docA);
    setEdgeField(docA, edgeId('link'), 'relation', 'contributes-to', alice);
    setEdgeLabel(docB, edgeId('link'), 'Trained coaches keep girls', bob);
    syncAll([docA, docB]);
    const expected = [
      {
        id: 'link',
        source: 'activity',
        target: 'outcome',
        rationale: 'Trained coaches keep girls',
        relation: 'contributes-to',
      },
    ];
    expect(toMapJSON(docA).edges).toEqual(expected);
    expect(toMapJSON(docB).edges).toEqual(expected);
  });
});

describe('setLanes and setCeiling', () => {
  it('draws lanes and the ceiling in the meta record, each in one transaction', () => {
    const doc = map();
    const log = recordTransactions(doc);
    const lanes = lanesFrom(-900);
    expect(setLanes(doc, lanes, bob)).toBe(true);
    expect(setCeiling(doc, lanes.bounds[1], bob)).toBe(true);
    expect(readMeta(doc)).toMatchObject({ lanes: { bounds: [-900, -580, -260, 60] }, ceilingY: -580 });
    expect(changes(log)).toEqual([bob, bob]);
    expect(toMapJSON(doc).meta).toEqual({
      title: 'Girls in sport',
      kind: 'theory-of-change',
      lanes: { bounds: [-900, -580, -260, 60] },
      ceilingY: -580,
    });
  });

  it('stores lanes and the ceiling in whole units', () => {
    const doc = map();
    setLanes(doc, { bounds: [0.4, 200.6, 400, 600.5] }, alice);
    setCeiling(doc, 99.5, alice);
    expect(readMeta(doc)).toMatchObject({ lanes: { bounds: [0, 201, 400, 601] }, ceilingY: 100 });
  });

  it('refuses lanes that overlap, run upwards, are thinner than a card, or are not finite', () => {
    const doc = map();
    setLanes(doc, lanesFrom(0), alice);
    const log = recordTransactions(doc);
    const bad: Lanes[] = [
      { bounds: [0, 300, 200, 600] },
      { bounds: [600, 400, 200, 0] },
      { bounds: [0, MIN_LANE_HEIGHT - 1, 400, 800] },
      { bounds: [0, 300, 600, Number.POSITIVE_INFINITY] },
      { bounds: [Number.NaN, 300, 600, 900] },
    ];
    for (const lanes of bad) expect(setLanes(doc, lanes, alice), JSON.stringify(lanes.bounds)).toBe(false);
    expect(setCeiling(doc, Number.NaN, alice)).toBe(false);
    expect(log.updates).toEqual([]);
    expect(readMeta(doc).lanes).toEqual(lanesFrom(0));
  });

  it('removes lanes and the ceiling with null', () => {
    const doc = map();
    setLanes(doc, lanesFrom(0), alice);
    setCeiling(doc, 320, alice);
    setLanes(doc, null, alice);
    setCeiling(doc, null, alice);
    expect(readMeta(doc)).toMatchObject({ lanes: null, ceilingY: null });
    expect(getMeta(doc).has('lanes')).toBe(false);
    expect(toMapJSON(doc).meta).toEqual({ title: 'Girls in sport', kind: 'theory-of-change' });
  });

  it('initMap draws the lanes and ceiling a new map starts with', () => {
    const doc = new Y.Doc();
    initMap(doc, { title: 'New', kind: 'theory-of-change', lanes: lanesFrom(-100), ceilingY: 220 }, alice);
    expect(readMeta(doc)).toMatchObject({ lanes: lanesFrom(-100), ceilingY: 220 });
  });
});

describe('texts on two replicas', () => {
  it('a field cut at its limit reads the same on the peer that wrote it and on the others', () => {
    const docA = map();
    const docB = cloneDoc(docA);
    setNodeField(docA, nodeId('indicator'), 'unit', `${'a'.repeat(59)}😀`, alice);
    addNodeTag(docA, nodeId('indicator'), `${'t'.repeat(MAX_TAG_LENGTH - 1)}🌍`, alice);
    syncAll([docA, docB]);
    expect(node(docB, 'indicator').fields.unit).toBe(node(docA, 'indicator').fields.unit);
    expect(node(docB, 'indicator').tags).toEqual(node(docA, 'indicator').tags);
    expect(JSON.stringify(toMapJSON(docB))).toBe(JSON.stringify(toMapJSON(docA)));
  });

  it('tags that sort alike ("cafe", "Café") come in the same order on every replica', () => {
    const docA = map();
    addNodeTag(docA, nodeId('outcome'), 'sport', alice);
    addNodeTag(docA, nodeId('activity'), 'sport', alice);
    const docB = cloneDoc(docA);
    addNodeTag(docA, nodeId('outcome'), 'cafe', alice);
    addNodeTag(docB, nodeId('outcome'), 'Café', bob);
    addNodeTag(docB, nodeId('activity'), 'Café', bob);
    addNodeTag(docA, nodeId('activity'), 'cafe', alice);
    syncAll([docA, docB]);
    expect(node(docA, 'outcome').tags).toHaveLength(3);
    expect(node(docB, 'outcome').tags).toEqual(node(docA, 'outcome').tags);
    expect(node(docA, 'activity').tags).toEqual(node(docA, 'outcome').tags);
    expect(JSON.stringify(toMapJSON(docB))).toBe(JSON.stringify(toMapJSON(docA)));
  });
});
