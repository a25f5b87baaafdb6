import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  NODE_FIELD_KEYS,
  addNode,
  connect,
  createOrigin,
  getEdges,
  getNodes,
  moveNodes,
  removeNodes,
  setNodeLabel,
  type NodeFields,
  type NodeId,
  type NodeView,
} from '@loopmap/shared';
import {
  EMPTY_OVERLAY,
  collectChanges,
  patchEdges,
  patchNodes,
  projectEdges,
  projectNodes,
  toCardNode,
  type CardNode,
  type NodeOverlay,
  type RecordChanges,
} from '../src/canvas/toFlow.ts';

const me = createOrigin('user', 'me');

/** The view readNode gives of a card with only a kind, a title and a position: every v2 detail unset. */
function cardView(base: Pick<NodeView, 'id' | 'kind' | 'label' | 'x' | 'y'>): NodeView {
  return {
    ...base,
    narrative: '',
    tags: [],
    fields: Object.fromEntries(NODE_FIELD_KEYS.map((key) => [key, null])) as NodeFields,
    capabilities: [],
    attachedTo: null,
    width: null,
    height: null,
    reviews: [],
    readings: [],
    health: [],
  };
}

function mapWith(count: number): { doc: Y.Doc; ids: NodeId[] } {
  const doc = new Y.Doc();
  const ids: NodeId[] = [];
  for (let i = 0; i < count; i++) ids.push(addNode(doc, { kind: 'outcome', label: `n${i}`, x: i * 10, y: 0 }, me));
  return { doc, ids };
}

/** Records what observeDeep reports for the nodes and edges maps during `change`. */
function observe(doc: Y.Doc, change: () => void): { nodes: RecordChanges; edges: RecordChanges } {
  const nodes = getNodes(doc);
  const edges = getEdges(doc);
  let nodeChanges: RecordChanges = { changed: new Set(), addedOrDeleted: new Set() };
  let edgeChanges: RecordChanges = { changed: new Set(), addedOrDeleted: new Set() };
  const onNodes = (events: Y.YEvent<Y.AbstractType<unknown>>[]): void => {
    nodeChanges = collectChanges(events, nodes);
  };
  const onEdges = (events: Y.YEvent<Y.AbstractType<unknown>>[]): void => {
    edgeChanges = collectChanges(events, edges);
  };
  nodes.observeDeep(onNodes);
  edges.observeDeep(onEdges);
  change();
  nodes.unobserveDeep(onNodes);
  edges.unobserveDeep(onEdges);
  return { nodes: nodeChanges, edges: edgeChanges };
}

describe('projectNodes / projectEdges', () => {
  it('projects every node with its kind as type, label as data, and position', () => {
    const { doc, ids } = mapWith(2);
    const nodes = projectNodes(doc);
    expect(nodes).toHaveLength(2);
    const first = nodes.find((n) => n.id === ids[0])!;
    expect(first.type).toBe('card-outcome');
    expect(first.data).toEqual({ kind: 'outcome', label: 'n0', peers: [] });
    expect(first.position).toEqual({ x: 0, y: 0 });
    expect(first.ariaLabel).toBe('Outcome: n0');
  });

  it('never shows a dangling link', () => {
    const { doc, ids } = mapWith(2);
    const edges = getEdges(doc);
    connect(doc, { source: ids[0]!, target: ids[1]! }, me);
    // A link to a node that does not exist, as a concurrent delete would leave behind.
    doc.transact(() => {
      const record = new Y.Map<unknown>();
      record.set('source', ids[0]);
      record.set('target', 'gone');
      record.set('label', new Y.Text(''));
      edges.set('dangling', record);
    });
    expect(projectEdges(doc).map((e) => e.id)).not.toContain('dangling');
    expect(projectEdges(doc)).toHaveLength(1);
  });
});

describe('collectChanges', () => {
  it('names the records touched, and which were added or deleted', () => {
    const { doc, ids } = mapWith(3);
    const label = observe(doc, () => setNodeLabel(doc, ids[0]!, 'changed', me));
    expect([...label.nodes.changed]).toEqual([ids[0]]);
    expect(label.nodes.addedOrDeleted.size).toBe(0);

    const move = observe(doc, () => moveNodes(doc, [{ id: ids[1]!, x: 5, y: 5 }], me));
    expect([...move.nodes.changed]).toEqual([ids[1]]);

    const removal = observe(doc, () => removeNodes(doc, [ids[2]!], me));
    expect([...removal.nodes.addedOrDeleted]).toEqual([ids[2]]);
  });
});

describe('patchNodes', () => {
  it('keeps the identity of every node that did not change', () => {
    const { doc, ids } = mapWith(100);
    const before = projectNodes(doc);
    const { nodes } = observe(doc, () => setNodeLabel(doc, ids[42]!, 'new label', me));
    const after = patchNodes(before, doc, nodes.changed);
    expect(after).not.toBe(before);
    expect(after).toHaveLength(100);
    for (let i = 0; i < 100; i++) {
      if (i === 42) {
        expect(after[i]).not.toBe(before[i]);
        expect(after[i]!.data.label).toBe('new label');
      } else expect(after[i]).toBe(before[i]);
    }
  });

  it('returns the same array when the change is invisible', () => {
    const { doc, ids } = mapWith(3);
    const before = projectNodes(doc);
    expect(patchNodes(before, doc, [ids[0]!])).toBe(before);
    expect(patchNodes(before, doc, [])).toBe(before);
  });

  it('appends added nodes and drops deleted ones', () => {
    const { doc, ids } = mapWith(3);
    const before = projectNodes(doc);
    const added = addNode(doc, { kind: 'impact', x: 1, y: 2 }, me);
    removeNodes(doc, [ids[1]!], me);
    const after = patchNodes(before, doc, [added, ids[1]!]);
    expect(after.map((n) => n.id)).toEqual([ids[0], ids[2], added]);
    expect(after[0]).toBe(before[0]);
  });

  it('keeps what React Flow and the local user own: size, selection, and a local drag', () => {
    const { doc, ids } = mapWith(1);
    const [node] = projectNodes(doc);
    const local: CardNode = {
      ...node!,
      selected: true,
      measured: { width: 220, height: 90 },
      dragging: true,
      position: { x: 500, y: 500 },
    };
    moveNodes(doc, [{ id: ids[0]!, x: 7, y: 7 }], me); // a peer moves it while we drag
    setNodeLabel(doc, ids[0]!, 'renamed', me);
    const [after] = patchNodes([local], doc, [ids[0]!]);
    expect(after!.data.label).toBe('renamed');
    expect(after!.selected).toBe(true);
    expect(after!.measured).toEqual({ width: 220, height: 90 });
    expect(after!.position).toEqual({ x: 500, y: 500 });
  });

  it("draws a peer's live drag position over the document's", () => {
    const { doc, ids } = mapWith(1);
    const before = projectNodes(doc);
    const overlay: NodeOverlay = { positions: new Map([[ids[0]!, { x: 300, y: 40 }]]), peerMarks: new Map() };
    const [dragged] = patchNodes(before, doc, [ids[0]!], overlay);
    expect(dragged!.position).toEqual({ x: 300, y: 40 });
    const [released] = patchNodes([dragged!], doc, [ids[0]!], EMPTY_OVERLAY);
    expect(released!.position).toEqual({ x: 0, y: 0 });
  });

  it('reuses the data object when only the position changed', () => {
    const { doc, ids } = mapWith(1);
    const [before] = projectNodes(doc);
    moveNodes(doc, [{ id: ids[0]!, x: 9, y: 9 }], me);
    const [after] = patchNodes([before!], doc, [ids[0]!]);
    expect(after).not.toBe(before);
    expect(after!.data).toBe(before!.data);
  });
});

describe('patchEdges', () => {
  it('removes links of a deleted node and keeps the others identical', () => {
    const { doc, ids } = mapWith(3);
    connect(doc, { source: ids[0]!, target: ids[1]! }, me);
    connect(doc, { source: ids[1]!, target: ids[2]! }, me);
    const keep = connect(doc, { source: ids[0]!, target: ids[2]! }, me);
    const before = projectEdges(doc);
    const changes = observe(doc, () => removeNodes(doc, [ids[1]!], me));
    const after = patchEdges(before, doc, changes.edges.changed, changes.nodes.addedOrDeleted);
    expect(after).toHaveLength(1);
    expect(keep.ok && after[0]!.id === keep.id).toBe(true);
    expect(after[0]).toBe(before.find((e) => e.id === after[0]!.id));
  });

  it('shows a link once its missing end appears (e.g. after a merge)', () => {
    const { doc, ids } = mapWith(1);
    const edges = getEdges(doc);
    doc.transact(() => {
      const record = new Y.Map<unknown>();
      record.set('source', ids[0]);
      record.set('target', 'later');
      record.set('label', new Y.Text('because'));
      edges.set('waiting', record);
    });
    const before = projectEdges(doc);
    expect(before).toHaveLength(0);
    const changes = observe(doc, () => addNode(doc, { id: 'later' as NodeId, kind: 'impact', x: 0, y: 0 }, me));
    const after = patchEdges(before, doc, changes.edges.changed, changes.nodes.addedOrDeleted);
    expect(after.map((e) => [e.id, e.data?.label])).toEqual([['waiting', 'because']]);
  });
});

describe('toCardNode', () => {
  it('returns the previous node when nothing visible changed', () => {
    const { doc } = mapWith(1);
    const [node] = projectNodes(doc);
    const view = cardView({ id: node!.id as NodeId, kind: 'outcome', label: 'n0', x: 0, y: 0 });
    expect(toCardNode(view, node)).toBe(node);
  });
});
