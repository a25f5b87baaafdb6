import * as Y from 'yjs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  NODE_KINDS,
  addNode,
  connect,
  createOrigin,
  disconnect,
  findDanglingEdges,
  fromMapJSON,
  getEdges,
  hasNode,
  initMap,
  mapJsonSchema,
  moveNodes,
  readEdge,
  readNodes,
  removeDanglingEdges,
  removeNodes,
  setEdgeLabel,
  setMapTitle,
  setNodeKind,
  setNodeLabel,
  toMapJSON,
  type EdgeId,
  type MapJSON,
  type NodeId,
  type NodeKind,
} from '../src/index.ts';
import { syncAll, syncOnce } from './replicas.ts';

/**
 * Three peers edit the same map concurrently, exchanging their changes now and then in random
 * directions and orders (some updates arrive before the ones they depend on), then fully sync.
 * Whatever happened, they must agree byte for byte on a valid export.
 */

const REPLICAS = 3;
const origins = Array.from({ length: REPLICAS }, (_, i) => createOrigin('user', `peer-${i}`));

/** Every ordered pair of distinct replicas: one transfer of each, in any order, syncs everything. */
const ALL_PAIRS: (readonly [number, number])[] = Array.from({ length: REPLICAS }, (_, from) =>
  Array.from({ length: REPLICAS }, (_, to) => [from, to] as const),
)
  .flat()
  .filter(([from, to]) => from !== to);

const replica = fc.nat({ max: REPLICAS - 1 });
const coordinate = fc.oneof(fc.integer({ min: -2000, max: 2000 }), fc.double({ min: -5000, max: 5000, noNaN: true }));
// Text mixes one-unit characters with surrogate pairs, where an edit could cut a character in half.
const text = fc
  .array(fc.constantFrom('a', 'b', 'c', ' ', 'é', '😀', '👍🏽'), { maxLength: 8 })
  .map((parts) => parts.join(''));
/** An edit to a label at a character (code point) position, as a person typing would make. */
const textEdit = fc.record({ at: fc.nat(), remove: fc.nat({ max: 3 }), insert: text });
type TextEdit = { at: number; remove: number; insert: string };

/**
 * A reference to a node or link: usually one the acting replica can see, sometimes any id created
 * so far, which the replica may not have received yet or may have removed.
 */
const ref = fc.oneof(
  { weight: 4, arbitrary: fc.record({ among: fc.constant('visible' as const), index: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ among: fc.constant('created' as const), index: fc.nat() }) },
);
type Ref = { among: 'visible' | 'created'; index: number };

const command = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      op: fc.constant('addNode' as const),
      replica,
      kind: fc.constantFrom(...NODE_KINDS),
      label: text,
      x: coordinate,
      y: coordinate,
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({ op: fc.constant('editNodeLabel' as const), replica, node: ref, edit: textEdit }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('setNodeKind' as const),
      replica,
      node: ref,
      kind: fc.constantFrom(...NODE_KINDS),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('moveNodes' as const),
      replica,
      moves: fc.array(fc.record({ node: ref, x: coordinate, y: coordinate }), { minLength: 1, maxLength: 3 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('removeNodes' as const),
      replica,
      nodes: fc.array(ref, { minLength: 1, maxLength: 2 }),
    }),
  },
  {
    weight: 6,
    arbitrary: fc.record({
      op: fc.constant('connect' as const),
      replica,
      source: ref,
      targetOffset: fc.nat(),
      label: text,
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('disconnect' as const), replica, edge: ref }) },
  {
    weight: 2,
    arbitrary: fc.record({ op: fc.constant('editEdgeLabel' as const), replica, edge: ref, edit: textEdit }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('setMapTitle' as const), replica, title: text }) },
  { weight: 5, arbitrary: fc.record({ op: fc.constant('sync' as const), from: replica, to: replica }) },
);
type Command = typeof command extends fc.Arbitrary<infer T> ? T : never;

const scenario = fc.record({
  clientIds: fc.uniqueArray(fc.integer({ min: 1, max: 2 ** 31 - 1 }), { minLength: REPLICAS, maxLength: REPLICAS }),
  commands: fc.array(command, { minLength: 1, maxLength: 60, size: 'max' }),
  finalSyncOrder: fc.shuffledSubarray(ALL_PAIRS, { minLength: ALL_PAIRS.length, maxLength: ALL_PAIRS.length }),
  cleanupReplica: replica,
});

function applyEdit(current: string, { at, remove, insert }: TextEdit): string {
  const chars = Array.from(current);
  const start = at % (chars.length + 1);
  chars.splice(start, remove, insert);
  return chars.join('');
}

const pick = <T>(list: readonly T[], index: number): T | undefined =>
  list.length === 0 ? undefined : list[index % list.length];

function newReplicas(clientIds: readonly number[]): Y.Doc[] {
  return clientIds.map((clientID) => {
    const doc = new Y.Doc();
    doc.clientID = clientID;
    return doc;
  });
}

/** What the run did, so the final state can be checked against it. */
interface History {
  addedNodes: Set<string>;
  /** Nodes some replica actually removed (it could see them at the time). */
  removedNodes: Set<string>;
  createdEdges: Set<string>;
  edgeEnds: Map<string, [string, string]>;
  /** Links some replica actually deleted, by disconnect or as a link of a removed node. */
  deletedEdges: Set<string>;
  kindsWritten: Map<string, Set<NodeKind>>;
  titlesWritten: Set<string>;
}

function runCommands(replicas: Y.Doc[], commands: readonly Command[]): History {
  const history: History = {
    addedNodes: new Set(),
    removedNodes: new Set(),
    createdEdges: new Set(),
    edgeEnds: new Map(),
    deletedEdges: new Set(),
    kindsWritten: new Map(),
    titlesWritten: new Set(['Seed map']),
  };
  const nodeIds: NodeId[] = [];
  const edgeIds: EdgeId[] = [];
  const pickNode = (doc: Y.Doc, { among, index }: Ref): NodeId | undefined =>
    pick(among === 'visible' ? readNodes(doc).map((n) => n.id) : nodeIds, index);
  const pickEdge = (doc: Y.Doc, { among, index }: Ref): EdgeId | undefined =>
    pick(among === 'visible' ? ([...getEdges(doc).keys()].sort() as EdgeId[]) : edgeIds, index);
  const nodeLabelOn = (doc: Y.Doc, id: string): string | undefined => readNodes(doc).find((n) => n.id === id)?.label;

  for (const [step, c] of commands.entries()) {
    if (c.op === 'sync') {
      if (c.from !== c.to) syncOnce(replicas[c.from]!, replicas[c.to]!);
      continue;
    }
    const doc = replicas[c.replica]!;
    const origin = origins[c.replica]!;
    switch (c.op) {
      case 'addNode': {
        const id = addNode(doc, { id: `n${step}` as NodeId, kind: c.kind, label: c.label, x: c.x, y: c.y }, origin);
        nodeIds.push(id);
        history.addedNodes.add(id);
        history.kindsWritten.set(id, new Set([c.kind]));
        break;
      }
      case 'editNodeLabel': {
        const id = pickNode(doc, c.node);
        const current = id === undefined ? undefined : nodeLabelOn(doc, id);
        if (id !== undefined)
          expect(setNodeLabel(doc, id, applyEdit(current ?? '', c.edit), origin)).toBe(current !== undefined);
        break;
      }
      case 'setNodeKind': {
        const id = pickNode(doc, c.node);
        if (id !== undefined && setNodeKind(doc, id, c.kind, origin)) history.kindsWritten.get(id)?.add(c.kind);
        break;
      }
      case 'moveNodes': {
        const moves = c.moves.flatMap(({ node, x, y }) => {
          const id = pickNode(doc, node);
          return id === undefined ? [] : [{ id, x, y }];
        });
        moveNodes(doc, moves, origin);
        break;
      }
      case 'removeNodes': {
        const ids = c.nodes.flatMap((n) => pickNode(doc, n) ?? []);
        const seen = ids.filter((id) => hasNode(doc, id));
        getEdges(doc).forEach((record, edgeId) => {
          const edge = readEdge(edgeId, record);
          if (edge && (seen.includes(edge.source) || seen.includes(edge.target))) history.deletedEdges.add(edgeId);
        });
        expect(removeNodes(doc, ids, origin)).toBe(new Set(seen).size);
        for (const id of seen) history.removedNodes.add(id);
        break;
      }
      case 'connect': {
        // The target is another node the replica can see (self-links are covered by unit tests).
        const source = pickNode(doc, c.source);
        const others = readNodes(doc)
          .map((n) => n.id)
          .filter((id) => id !== source);
        const target = pick(others, c.targetOffset);
        if (source === undefined || target === undefined) break;
        const result = connect(doc, { id: `e${step}` as EdgeId, source, target, label: c.label }, origin);
        if (result.ok) {
          edgeIds.push(result.id);
          history.createdEdges.add(result.id);
          history.edgeEnds.set(result.id, [source, target]);
        } else if (result.reason === 'missing-node') {
          expect(hasNode(doc, source) && hasNode(doc, target)).toBe(false);
        }
        break;
      }
      case 'disconnect': {
        const id = pickEdge(doc, c.edge);
        if (id !== undefined && disconnect(doc, [id], origin) === 1) history.deletedEdges.add(id);
        break;
      }
      case 'editEdgeLabel': {
        const id = pickEdge(doc, c.edge);
        if (id === undefined) break;
        const record = getEdges(doc).get(id);
        const current = record ? (readEdge(id, record)?.label ?? '') : '';
        setEdgeLabel(doc, id, applyEdit(current, c.edit), origin);
        break;
      }
      case 'setMapTitle':
        setMapTitle(doc, c.title, origin);
        history.titlesWritten.add(c.title);
        break;
    }
    // Every intermediate state, however partial, must export.
    expect(() => toMapJSON(doc)).not.toThrow();
  }
  return history;
}

function expectSameJson(replicas: readonly Y.Doc[]): string {
  const [first, ...rest] = replicas.map((doc) => JSON.stringify(toMapJSON(doc)));
  for (const other of rest) expect(other).toBe(first);
  return first!;
}

function expectLinksBetweenNodes(map: MapJSON): void {
  const nodeIds = new Set(map.nodes.map((n) => n.id));
  for (const edge of map.edges) {
    expect(nodeIds.has(edge.source), `link ${edge.id} source`).toBe(true);
    expect(nodeIds.has(edge.target), `link ${edge.id} target`).toBe(true);
  }
}

describe('three replicas editing concurrently (property)', () => {
  it('converge to the same valid MapJSON, and stay equal after a dangling-link cleanup', () => {
    fc.assert(
      fc.property(scenario, ({ clientIds, commands, finalSyncOrder, cleanupReplica }) => {
        const replicas = newReplicas(clientIds);
        initMap(replicas[0]!, { title: 'Seed map', kind: 'theory-of-change' }, origins[0]!);
        syncAll(replicas);

        const history = runCommands(replicas, commands);
        for (const [from, to] of finalSyncOrder) syncOnce(replicas[from]!, replicas[to]!);

        // Byte-identical, schema-valid JSON on every replica.
        const json = expectSameJson(replicas);
        const map = JSON.parse(json) as MapJSON;
        expect(mapJsonSchema.safeParse(map).success).toBe(true);
        expectLinksBetweenNodes(map);

        // Removal wins over concurrent edits; nothing else disappears.
        const expectedNodes = [...history.addedNodes].filter((id) => !history.removedNodes.has(id)).sort();
        expect(map.nodes.map((n) => n.id)).toEqual(expectedNodes);
        // A link is exported when it was created, nobody deleted it, and both its ends survived.
        const liveNodes = new Set(expectedNodes);
        const expectedEdges = [...history.createdEdges]
          .filter((id) => !history.deletedEdges.has(id))
          .filter((id) => {
            const [source, target] = history.edgeEnds.get(id)!;
            return liveNodes.has(source) && liveNodes.has(target);
          })
          .sort();
        expect(map.edges.map((e) => e.id)).toEqual(expectedEdges);
        for (const node of map.nodes) expect(history.kindsWritten.get(node.id)?.has(node.kind)).toBe(true);
        expect(history.titlesWritten.has(map.meta.title)).toBe(true);

        // The export re-imports to the same JSON.
        expect(JSON.stringify(toMapJSON(fromMapJSON(map)))).toBe(json);

        // One replica cleans up the links left dangling by concurrent removals; everyone follows.
        removeDanglingEdges(replicas[cleanupReplica]!);
        syncAll(replicas);
        for (const doc of replicas) expect(findDanglingEdges(doc)).toEqual([]);
        expect(expectSameJson(replicas)).toBe(json);
      }),
      { numRuns: 400 },
    );
  });
});

describe('removing a node while another peer links to it (property)', () => {
  const PERMUTATIONS = [
    [0, 1, 2],
    [0, 2, 1],
    [1, 0, 2],
    [1, 2, 0],
    [2, 0, 1],
    [2, 1, 0],
  ] as const;

  const race = fc
    .record({
      nodeCount: fc.integer({ min: 2, max: 6 }),
      removedMask: fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
      forcedSource: fc.nat(),
      links: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 6 }),
      roles: fc.constantFrom(...PERMUTATIONS),
      clientIds: fc.uniqueArray(fc.integer({ min: 1, max: 2 ** 31 - 1 }), { minLength: 3, maxLength: 3 }),
      syncOrder: fc.shuffledSubarray(ALL_PAIRS, { minLength: ALL_PAIRS.length, maxLength: ALL_PAIRS.length }),
    })
    .map(({ nodeCount, removedMask, ...rest }) => {
      const removed = removedMask.slice(0, nodeCount).flatMap((yes, i) => (yes ? [i] : []));
      return { nodeCount, removed: removed.length > 0 ? removed : [0], ...rest };
    });

  it('leaves no dangling link in the JSON, and cleanup removes it from the document', () => {
    fc.assert(
      fc.property(race, ({ nodeCount, removed, forcedSource, links, roles, clientIds, syncOrder }) => {
        const replicas = newReplicas(clientIds);
        const [remover, linker, bystander] = roles.map((r) => replicas[r]!);
        const ids = Array.from({ length: nodeCount }, (_, i) => `n${i}` as NodeId);
        initMap(remover!, { title: 'Race', kind: 'partnership' }, origins[0]!);
        for (const id of ids) addNode(remover!, { id, kind: 'actor', x: 0, y: 0 }, origins[0]!);
        syncAll(replicas);

        // Concurrently: one peer removes nodes, another links to (at least) one of them.
        const doomed = removed.map((i) => ids[i]!);
        expect(removeNodes(remover!, doomed, origins[0]!)).toBe(doomed.length);
        const target = doomed[0]!;
        const source = ids.filter((id) => id !== target)[forcedSource % (nodeCount - 1)]!;
        const pairs: [NodeId, NodeId][] = [
          [source, target],
          ...links.map(([s, t]): [NodeId, NodeId] => [ids[s % nodeCount]!, ids[t % nodeCount]!]),
        ];
        const racing: string[] = [];
        for (const [s, t] of pairs) {
          const result = connect(linker!, { source: s, target: t }, origins[1]!);
          if (result.ok && (doomed.includes(s) || doomed.includes(t))) racing.push(result.id);
        }
        expect(racing.length).toBeGreaterThan(0);
        addNode(bystander!, { id: 'late' as NodeId, kind: 'note', x: 1, y: 1 }, origins[2]!);

        for (const [from, to] of syncOrder) syncOnce(replicas[from]!, replicas[to]!);

        const json = expectSameJson(replicas);
        const map = JSON.parse(json) as MapJSON;
        expectLinksBetweenNodes(map);
        for (const id of doomed) expect(map.nodes.some((n) => n.id === id)).toBe(false);
        for (const id of racing) expect(map.edges.some((e) => e.id === id)).toBe(false);
        for (const doc of replicas) expect(findDanglingEdges(doc).sort()).toEqual([...racing].sort());

        expect(removeDanglingEdges(bystander!)).toBe(racing.length);
        syncAll(replicas);
        for (const doc of replicas) {
          expect(findDanglingEdges(doc)).toEqual([]);
          for (const id of racing) expect(getEdges(doc).has(id)).toBe(false);
        }
        expect(expectSameJson(replicas)).toBe(json);
      }),
      { numRuns: 150 },
    );
  });
});
