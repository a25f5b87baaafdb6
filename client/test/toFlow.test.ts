import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addEntry,
  addNode,
  attachNode,
  connect,
  createOrigin,
  disconnect,
  getEdges,
  getNodes,
  moveNodes,
  removeNodes,
  setNodeLabel,
  type EdgeId,
  type NodeId,
} from '@loopmap/shared';
import { LiveProjection, collectChanges, type RecordChanges } from '../src/canvas/LiveProjection.ts';
import {
  EMPTY_OVERLAY,
  summarise,
  toCardNode,
  type CardNode,
  type LinkEdge,
  type NodeOverlay,
} from '../src/canvas/toFlow.ts';
import { cardView } from './cardView.ts';
import { useCatalogue } from './catalogue.ts';

await useCatalogue('en');

const me = createOrigin('user', 'me');

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
  const nodeChanges = { changed: new Set<string>(), addedOrDeleted: new Set<string>() };
  const edgeChanges = { changed: new Set<string>(), addedOrDeleted: new Set<string>() };
  // Several transactions in `change` each report: collect them all.
  const collect = (into: typeof nodeChanges, found: RecordChanges): void => {
    for (const id of found.changed) into.changed.add(id);
    for (const id of found.addedOrDeleted) into.addedOrDeleted.add(id);
  };
  const onNodes = (events: Y.YEvent<Y.AbstractType<unknown>>[]): void =>
    collect(nodeChanges, collectChanges(events, nodes));
  const onEdges = (events: Y.YEvent<Y.AbstractType<unknown>>[]): void =>
    collect(edgeChanges, collectChanges(events, edges));
  nodes.observeDeep(onNodes);
  edges.observeDeep(onEdges);
  change();
  nodes.unobserveDeep(onNodes);
  edges.unobserveDeep(onEdges);
  return { nodes: nodeChanges, edges: edgeChanges };
}

/** A projection of `doc` that follows changes the way FlowStore does. */
class Follower {
  readonly projection: LiveProjection;
  nodes: CardNode[];
  edges: LinkEdge[];

  constructor(
    readonly doc: Y.Doc,
    private overlay: NodeOverlay = EMPTY_OVERLAY,
  ) {
    this.projection = new LiveProjection(doc);
    ({ nodes: this.nodes, edges: this.edges } = this.projection.projectAll(overlay));
  }

  change(run: () => void): void {
    const { nodes, edges } = observe(this.doc, run);
    ({ nodes: this.nodes, edges: this.edges } = this.projection.patch(
      this.nodes,
      this.edges,
      nodes.changed,
      edges.changed,
      this.overlay,
    ));
  }

  card(id: string): CardNode | undefined {
    return this.nodes.find((node) => node.id === id);
  }
}

describe('LiveProjection.projectAll', () => {
  it('projects every card with its kind as type, its title and facts as data, and its position', () => {
    const { doc, ids } = mapWith(2);
    const { nodes } = new LiveProjection(doc).projectAll(EMPTY_OVERLAY);
    expect(nodes).toHaveLength(2);
    const first = nodes.find((n) => n.id === ids[0])!;
    expect(first.type).toBe('card-outcome');
    expect(first.data).toMatchObject({ kind: 'outcome', label: 'n0', peers: [], status: null, attached: null });
    expect(first.position).toEqual({ x: 0, y: 0 });
    expect(first.ariaLabel).toBe('Outcome: n0');
  });

  it('never shows a dangling link', () => {
    const { doc, ids } = mapWith(2);
    connect(doc, { source: ids[0]!, target: ids[1]! }, me);
    // A link to a node that does not exist, as a concurrent delete would leave behind.
    doc.transact(() => {
      const record = new Y.Map<unknown>();
      record.set('source', ids[0]);
      record.set('target', 'gone');
      record.set('label', new Y.Text(''));
      getEdges(doc).set('dangling', record);
    });
    const { edges } = new LiveProjection(doc).projectAll(EMPTY_OVERLAY);
    expect(edges.map((e) => e.id)).not.toContain('dangling');
    expect(edges).toHaveLength(1);
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

describe('LiveProjection.patch', () => {
  it('keeps the identity of every card that did not change', () => {
    const { doc, ids } = mapWith(100);
    const view = new Follower(doc);
    const before = view.nodes;
    view.change(() => setNodeLabel(doc, ids[42]!, 'new label', me));
    expect(view.nodes).not.toBe(before);
    expect(view.nodes).toHaveLength(100);
    for (let i = 0; i < 100; i++) {
      if (i === 42) {
        expect(view.nodes[i]).not.toBe(before[i]);
        expect(view.nodes[i]!.data.label).toBe('new label');
      } else expect(view.nodes[i]).toBe(before[i]);
    }
  });

  it('returns the same arrays when the change is invisible', () => {
    const { doc, ids } = mapWith(3);
    const projection = new LiveProjection(doc);
    const { nodes, edges } = projection.projectAll(EMPTY_OVERLAY);
    const again = projection.patch(nodes, edges, new Set([ids[0]!]), new Set(), EMPTY_OVERLAY);
    expect(again.nodes).toBe(nodes);
    expect(again.edges).toBe(edges);
  });

  it('appends added cards and drops deleted ones', () => {
    const { doc, ids } = mapWith(3);
    const view = new Follower(doc);
    const first = view.nodes[0];
    let added = '' as NodeId;
    view.change(() => {
      added = addNode(doc, { kind: 'impact', x: 1, y: 2 }, me);
      removeNodes(doc, [ids[1]!], me);
    });
    expect(view.nodes.map((n) => n.id)).toEqual([ids[0], ids[2], added]);
    expect(view.nodes[0]).toBe(first);
  });

  it('keeps what React Flow and the local user own: size, selection, and a local drag', () => {
    const { doc, ids } = mapWith(1);
    const view = new Follower(doc);
    view.nodes = [
      {
        ...view.nodes[0]!,
        selected: true,
        measured: { width: 220, height: 90 },
        dragging: true,
        position: { x: 500, y: 500 },
      },
    ];
    view.change(() => {
      moveNodes(doc, [{ id: ids[0]!, x: 7, y: 7 }], me); // a peer moves it while we drag
      setNodeLabel(doc, ids[0]!, 'renamed', me);
    });
    const [after] = view.nodes;
    expect(after!.data.label).toBe('renamed');
    expect(after!.selected).toBe(true);
    expect(after!.measured).toEqual({ width: 220, height: 90 });
    expect(after!.position).toEqual({ x: 500, y: 500 });
  });

  it("draws an overlay's position (a peer's drag, an animation) over the document's", () => {
    const { doc, ids } = mapWith(1);
    const projection = new LiveProjection(doc);
    const before = projection.projectAll(EMPTY_OVERLAY);
    const overlay: NodeOverlay = { ...EMPTY_OVERLAY, positions: new Map([[ids[0]!, { x: 300, y: 40 }]]) };
    const dragged = projection.repaint(before.nodes, before.edges, new Set([ids[0]!]), overlay);
    expect(dragged.nodes[0]!.position).toEqual({ x: 300, y: 40 });
    const released = projection.repaint(dragged.nodes, dragged.edges, new Set([ids[0]!]), EMPTY_OVERLAY);
    expect(released.nodes[0]!.position).toEqual({ x: 0, y: 0 });
  });

  it('dims what the overlay dims, cards and links alike', () => {
    const { doc, ids } = mapWith(2);
    const link = connect(doc, { source: ids[0]!, target: ids[1]! }, me);
    const projection = new LiveProjection(doc);
    const before = projection.projectAll(EMPTY_OVERLAY);
    const linkId = link.ok ? link.id : '';
    const overlay: NodeOverlay = { ...EMPTY_OVERLAY, dimmed: new Set([ids[1]!, linkId]) };
    const after = projection.repaint(before.nodes, before.edges, new Set([ids[0]!, ids[1]!, linkId]), overlay);
    expect(after.nodes.find((n) => n.id === ids[0])).toBe(before.nodes.find((n) => n.id === ids[0]));
    expect(after.nodes.find((n) => n.id === ids[1])!.className).toContain('is-dimmed');
    expect(after.edges[0]!.className).toContain('is-dimmed');
    expect(after.edges[0]!.data?.dimmed).toBe(true);
  });

  it('reuses the data object when only the position changed', () => {
    const { doc, ids } = mapWith(1);
    const view = new Follower(doc);
    const [before] = view.nodes;
    view.change(() => moveNodes(doc, [{ id: ids[0]!, x: 9, y: 9 }], me));
    const [after] = view.nodes;
    expect(after).not.toBe(before);
    expect(after!.data).toBe(before!.data);
  });

  it('removes links of a deleted card and keeps the others identical', () => {
    const { doc, ids } = mapWith(3);
    connect(doc, { source: ids[0]!, target: ids[1]! }, me);
    connect(doc, { source: ids[1]!, target: ids[2]! }, me);
    const keep = connect(doc, { source: ids[0]!, target: ids[2]! }, me);
    const view = new Follower(doc);
    const before = view.edges;
    view.change(() => removeNodes(doc, [ids[1]!], me));
    expect(view.edges).toHaveLength(1);
    expect(keep.ok && view.edges[0]!.id === keep.id).toBe(true);
    expect(view.edges[0]).toBe(before.find((e) => e.id === view.edges[0]!.id));
  });

  it('shows a link once its missing end appears (e.g. after a merge)', () => {
    const { doc, ids } = mapWith(1);
    doc.transact(() => {
      const record = new Y.Map<unknown>();
      record.set('source', ids[0]);
      record.set('target', 'later');
      record.set('label', new Y.Text('because'));
      getEdges(doc).set('waiting', record);
    });
    const view = new Follower(doc);
    expect(view.edges).toHaveLength(0);
    view.change(() => addNode(doc, { id: 'later' as NodeId, kind: 'impact', x: 0, y: 0 }, me));
    expect(view.edges.map((e) => [e.id, e.data?.label])).toEqual([['waiting', 'because']]);
  });
});

describe('attached cards', () => {
  function outcomeWithIndicator() {
    const doc = new Y.Doc();
    const outcome = addNode(doc, { kind: 'outcome', label: 'Peers trust each other', x: 0, y: 0 }, me);
    const activity = addNode(doc, { kind: 'activity', label: 'Calls', x: 0, y: 300 }, me);
    const link = connect(doc, { source: activity, target: outcome }, me);
    const indicator = addNode(doc, { kind: 'indicator', label: 'Trust score', x: 300, y: 0 }, me);
    return { doc, outcome, activity, link: (link.ok ? link.id : '') as EdgeId, indicator };
  }

  it('are not drawn; their host shows how many there are', () => {
    const { doc, outcome, indicator } = outcomeWithIndicator();
    const view = new Follower(doc);
    expect(view.card(indicator)).toBeDefined();
    view.change(() => attachNode(doc, indicator, outcome, me));
    expect(view.card(indicator)).toBeUndefined();
    expect(view.card(outcome)!.data.attached).toEqual({ assumptions: 0, indicators: 1, evidence: 0, worst: null });
    // Detached, it stands on the canvas again and the badge goes.
    view.change(() => attachNode(doc, indicator, null, me, { x: 10, y: 10 }));
    expect(view.card(indicator)!.position).toEqual({ x: 10, y: 10 });
    expect(view.card(outcome)!.data.attached).toBeNull();
  });

  it('on a link are counted on the link, and the worst assumption state shows', () => {
    const { doc, link } = outcomeWithIndicator();
    const assumption = addNode(doc, { kind: 'assumption', label: 'Peers have time', x: 0, y: 0 }, me);
    const view = new Follower(doc);
    view.change(() => attachNode(doc, assumption, link, me));
    expect(view.card(assumption)).toBeUndefined();
    expect(view.edges[0]!.data?.attached).toMatchObject({ assumptions: 1, worst: 'unreviewed' });
    view.change(() =>
      addEntry(doc, assumption, 'reviews', { date: '2026-11-01', status: 'broken', note: '', by: 'me' }, me),
    );
    expect(view.edges[0]!.data?.attached).toMatchObject({ assumptions: 1, worst: 'broken' });
  });

  it('come back onto the canvas when their host goes without them (a concurrent delete)', () => {
    const { doc, link } = outcomeWithIndicator();
    const assumption = addNode(doc, { kind: 'assumption', label: 'Peers have time', x: 0, y: 0 }, me);
    attachNode(doc, assumption, link, me);
    const view = new Follower(doc);
    expect(view.card(assumption)).toBeUndefined();
    // The server's dangling-link cleanup removes a link without its attachments.
    view.change(() => disconnect(doc, [link], me, { withAttachments: false }));
    expect(view.card(assumption)).toBeDefined();
  });

  it('hide the links that touch them (a link drawn while another peer attached the card)', () => {
    const { doc, outcome, activity, indicator } = outcomeWithIndicator();
    connect(doc, { source: activity, target: indicator }, me);
    const view = new Follower(doc);
    expect(view.edges).toHaveLength(2);
    // attachNode refuses a linked card; concurrent edits (or another client) can still get here.
    view.change(() => getNodes(doc).get(indicator)!.set('attachedTo', outcome));
    expect(view.card(indicator)).toBeUndefined();
    expect(view.edges).toHaveLength(1);
  });
});

describe('summarise', () => {
  it('counts attachments by kind and keeps the worst assumption state', () => {
    const base = { x: 0, y: 0, label: '' };
    const summary = summarise([
      cardView(
        { id: 'a' as NodeId, kind: 'assumption', ...base },
        {
          reviews: [{ id: 'r1', date: '2026-01-01', status: 'at-risk', note: '', by: '' }],
        },
      ),
      cardView(
        { id: 'b' as NodeId, kind: 'assumption', ...base },
        {
          reviews: [{ id: 'r2', date: '2026-01-01', status: 'holds', note: '', by: '' }],
        },
      ),
      cardView({ id: 'c' as NodeId, kind: 'evidence', ...base }),
    ]);
    expect(summary).toEqual({ assumptions: 2, indicators: 0, evidence: 1, worst: 'at-risk' });
    expect(summarise([])).toBeNull();
  });
});

describe('toCardNode', () => {
  it('returns the previous node when nothing visible changed', () => {
    const { doc } = mapWith(1);
    const { nodes } = new LiveProjection(doc).projectAll(EMPTY_OVERLAY);
    const node = nodes[0]!;
    const view = cardView({ id: node.id as NodeId, kind: 'outcome', label: 'n0', x: 0, y: 0 });
    expect(toCardNode(view, node)).toBe(node);
  });
});

describe('links both ways between two cards', () => {
  it('are marked, so they bow apart instead of drawing one over the other', () => {
    const { doc, ids } = mapWith(3);
    const there = connect(doc, { source: ids[0]!, target: ids[1]! }, me);
    connect(doc, { source: ids[1]!, target: ids[2]! }, me);
    const view = new Follower(doc);
    expect(view.edges.every((edge) => edge.data?.reverse === false)).toBe(true);
    let back = '';
    view.change(() => {
      const made = connect(doc, { source: ids[1]!, target: ids[0]!, relation: 'feeds-back' }, me);
      back = made.ok ? made.id : '';
    });
    const reverse = (id: string): boolean | undefined => view.edges.find((edge) => edge.id === id)?.data?.reverse;
    expect(reverse(back)).toBe(true);
    expect(reverse(there.ok ? there.id : '')).toBe(true);
    view.change(() => disconnect(doc, [back as EdgeId], me));
    expect(reverse(there.ok ? there.id : '')).toBe(false);
  });
});
