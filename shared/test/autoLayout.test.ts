import * as Y from 'yjs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_CARD_SIZE,
  LEVELS,
  MIN_LANE_HEIGHT,
  addNode,
  attachNode,
  autoLayout,
  buildTemplate,
  connect,
  createOrigin,
  fromMapJSON,
  getMeta,
  getNodes,
  initMap,
  laneAt,
  laneBand,
  lanesFrom,
  readMapGraph,
  warmUpAutoLayout,
  writeLayout,
  writeMapJSON,
  type Level,
  type LinkRelation,
  type LayoutOptions,
  type LayoutResult,
  type MapGraph,
  type MapJSON,
  type MapKind,
  type NodeFields,
  type NodeId,
  type NodeKind,
  type NodeView,
} from '../src/index.ts';
import { LAYER_GAP } from '../src/layout/elkLayered.ts';

const me = createOrigin('user', 'me');
// The first layout loads and compiles ELK: seconds on a busy machine.
const SLOW = { timeout: 60_000 };

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

async function layOut(doc: Y.Doc, options?: LayoutOptions): Promise<{ result: LayoutResult; graph: MapGraph }> {
  const result = await autoLayout(readMapGraph(doc), options);
  // As the canvas writes it: every part of it in one transaction.
  writeLayout(doc, result, me);
  return { result, graph: readMapGraph(doc) };
}

const onCanvas = (graph: MapGraph): NodeView[] =>
  graph.nodes.filter((node) => node.attachedTo === null && node.kind !== 'group');

const boxOf = (node: NodeView, sizes?: ReadonlyMap<string, { width: number; height: number }>): Box => ({
  x: node.x,
  y: node.y,
  ...(sizes?.get(node.id) ?? DEFAULT_CARD_SIZE),
});

function overlapping(graph: MapGraph, sizes?: ReadonlyMap<string, { width: number; height: number }>): string[] {
  const cards = onCanvas(graph);
  const found: string[] = [];
  for (let i = 0; i < cards.length; i++) {
    for (let j = i + 1; j < cards.length; j++) {
      const a = boxOf(cards[i]!, sizes);
      const b = boxOf(cards[j]!, sizes);
      if (a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height) {
        found.push(`${cards[i]!.label} / ${cards[j]!.label}`);
      }
    }
  }
  return found;
}

/** Top of the highest and bottom of the lowest card of a kind. */
function extent(graph: MapGraph, test: (node: NodeView) => boolean): { top: number; bottom: number } {
  const boxes = onCanvas(graph)
    .filter(test)
    .map((node) => boxOf(node));
  return {
    top: Math.min(...boxes.map((box) => box.y)),
    bottom: Math.max(...boxes.map((box) => box.y + box.height)),
  };
}
const ofKind = (kind: NodeKind) => (node: NodeView) => node.kind === kind;

function expectLevelledCardsInTheirLanes(graph: MapGraph): void {
  const lanes = graph.meta.lanes!;
  for (const node of onCanvas(graph)) {
    const level = node.fields.level;
    if (level === null || (node.kind !== 'outcome' && node.kind !== 'precondition')) continue;
    const band = laneBand(lanes, level);
    const box = boxOf(node);
    expect({ card: node.label, top: box.y >= band.top, bottom: box.y + box.height <= band.bottom }).toEqual({
      card: node.label,
      top: true,
      bottom: true,
    });
  }
}

const worked = (): MapJSON => buildTemplate('learning-community', { title: 'Worked example', today: '2026-03-01' });

/** A small map written with the named operations; cards are named by keys. */
class Sketch {
  readonly doc = new Y.Doc();
  readonly ids = new Map<string, NodeId>();
  private placed = 0;

  constructor(kind: MapKind = 'theory-of-change', extra: { lanes?: boolean; ceilingY?: number } = {}) {
    initMap(
      this.doc,
      {
        title: 'Sketch',
        kind,
        lanes: extra.lanes === false || kind !== 'theory-of-change' ? null : lanesFrom(-820),
        ceilingY: extra.ceilingY ?? null,
      },
      me,
    );
  }

  card(
    key: string,
    kind: NodeKind,
    fields: Partial<NodeFields> = {},
    { at, id }: { at?: { x: number; y: number }; id?: string } = {},
  ): this {
    // Scattered, as cards are before anyone tidies them.
    const n = this.placed++;
    const { x, y } = at ?? { x: (n * 389) % 1500, y: (n * 263) % 900 };
    this.ids.set(key, addNode(this.doc, { id: id as NodeId | undefined, kind, label: key, x, y, fields }, me));
    return this;
  }

  outcome(key: string, level: Level | null): this {
    return this.card(key, 'outcome', level ? { level } : {});
  }

  link(from: string, to: string, relation: LinkRelation | null = null): this {
    const result = connect(this.doc, { source: this.id(from), target: this.id(to), relation }, me);
    expect(result.ok).toBe(true);
    return this;
  }

  id(key: string): NodeId {
    const id = this.ids.get(key);
    if (!id) throw new Error(`no card ${key}`);
    return id;
  }

  node(graph: MapGraph, key: string): NodeView {
    return graph.nodeById.get(this.id(key))!;
  }
}

describe('autoLayout on the worked example', SLOW, () => {
  it('puts the impact above the outcomes, the outcomes above the outputs, the outputs above the activities', async () => {
    const { graph } = await layOut(fromMapJSON(worked()));
    const impact = extent(graph, ofKind('impact'));
    const outcomes = extent(graph, ofKind('outcome'));
    const outputs = extent(graph, ofKind('output'));
    const activities = extent(graph, ofKind('activity'));
    expect(impact.bottom).toBeLessThan(outcomes.top);
    expect(outcomes.bottom).toBeLessThan(outputs.top);
    expect(outputs.bottom).toBeLessThan(activities.top);
  });

  it('puts every outcome inside its level’s lane and draws the lanes around them, bottom to top', async () => {
    const { result, graph } = await layOut(fromMapJSON(worked()));
    expect(result.lanes).not.toBeNull();
    expect(graph.meta.lanes).toEqual(result.lanes);
    expectLevelledCardsInTheirLanes(graph);
    const [top, , , bottom] = result.lanes!.bounds;
    for (let i = 1; i < 4; i++) {
      expect(result.lanes!.bounds[i]! - result.lanes!.bounds[i - 1]!).toBeGreaterThanOrEqual(MIN_LANE_HEIGHT);
    }
    // The impact above the contextual lane, activities and outputs below the individual one.
    expect(extent(graph, ofKind('impact')).bottom).toBeLessThanOrEqual(top);
    expect(extent(graph, (node) => node.kind === 'output' || node.kind === 'activity').top).toBeGreaterThanOrEqual(
      bottom,
    );
  });

  it('keeps the accountability ceiling between institutional and contextual change', async () => {
    const { result, graph } = await layOut(fromMapJSON(worked()));
    expect(result.ceilingY).toBe(result.lanes!.bounds[1]);
    expect(graph.meta.ceilingY).toBe(result.lanes!.bounds[1]);
  });

  it('leaves no two cards overlapping', async () => {
    const { graph } = await layOut(fromMapJSON(worked()));
    expect(overlapping(graph)).toEqual([]);
  });

  it('moves only cards on the canvas: attached indicators, assumptions and evidence stay with their host', async () => {
    const doc = fromMapJSON(worked());
    const attached = readMapGraph(doc).nodes.filter((node) => node.attachedTo !== null);
    expect(attached.length).toBeGreaterThan(0);
    const { result, graph } = await layOut(doc);
    const moved = new Set(result.positions.map((position) => position.id as string));
    for (const node of attached) {
      expect(moved.has(node.id)).toBe(false);
      expect(graph.nodeById.get(node.id)).toMatchObject({ x: node.x, y: node.y, attachedTo: node.attachedTo });
    }
  });

  it('is deterministic: the same map gives the same layout, whatever order its cards were written in', async () => {
    const json = worked();
    const reversed = new Y.Doc();
    writeMapJSON(reversed, { ...json, nodes: [...json.nodes].reverse(), edges: [...json.edges].reverse() });
    const first = await autoLayout(readMapGraph(fromMapJSON(json)));
    const again = await autoLayout(readMapGraph(fromMapJSON(json)));
    const otherOrder = await autoLayout(readMapGraph(reversed));
    expect(again).toEqual(first);
    expect(otherOrder).toEqual(first);
  });

  it('changes nothing when asked again', async () => {
    const doc = fromMapJSON(worked());
    await layOut(doc);
    const second = await autoLayout(readMapGraph(doc));
    expect(second.positions).toEqual([]);
    expect(second.frames).toEqual([]);
    expect(second.lanes).toEqual(readMapGraph(doc).meta.lanes);
    expect(second.ceilingY).toBe(readMapGraph(doc).meta.ceilingY);
  });
});

describe('autoLayout and lanes', SLOW, () => {
  it('gives a lane without cards the minimum height, and keeps the lanes touching', async () => {
    const sketch = new Sketch()
      .card('act', 'activity')
      .outcome('me', 'individual')
      .outcome('world', 'contextual')
      .card('goal', 'impact')
      .link('act', 'me')
      .link('me', 'world')
      .link('world', 'goal');
    const { result, graph } = await layOut(sketch.doc);
    const [b0, b1, b2, b3] = result.lanes!.bounds;
    // An empty lane is as tall as one gap between rows, and never thinner than a lane may be.
    expect(b2 - b1).toBe(Math.max(MIN_LANE_HEIGHT, LAYER_GAP));
    expect(b1 - b0).toBeGreaterThanOrEqual(MIN_LANE_HEIGHT);
    expect(b3 - b2).toBeGreaterThanOrEqual(MIN_LANE_HEIGHT);
    expectLevelledCardsInTheirLanes(graph);
  });

  it('keeps levelled cards in their lanes when links run against the levels or form cycles', async () => {
    const sketch = new Sketch()
      .outcome('policy', 'contextual')
      .outcome('org', 'institutional')
      .outcome('skills', 'individual')
      .outcome('floating', null)
      .card('pre', 'precondition', { level: 'institutional' })
      .card('risk', 'risk')
      .link('policy', 'skills') // downwards, against the levels
      .link('skills', 'org')
      .link('org', 'policy')
      .link('skills', 'floating')
      .link('floating', 'skills')
      .link('pre', 'org')
      .link('risk', 'pre', 'blocks');
    const { result, graph } = await layOut(sketch.doc);
    expectLevelledCardsInTheirLanes(graph);
    // A card without a level is placed freely, but among the lanes, with the outcomes.
    const floating = boxOf(sketch.node(graph, 'floating'));
    expect(floating.y).toBeGreaterThanOrEqual(result.lanes!.bounds[0]);
    expect(floating.y + floating.height).toBeLessThanOrEqual(result.lanes!.bounds[3]);
    expect(overlapping(graph)).toEqual([]);
  });

  it('gives a card it places in a lane that lane’s level, in the same undo step as the layout', async () => {
    const sketch = new Sketch()
      .card('impact', 'impact')
      .outcome('policy', 'contextual')
      .outcome('floating', null)
      .card('pre', 'precondition')
      .card('act', 'activity')
      .link('act', 'floating')
      .link('pre', 'floating')
      .link('floating', 'policy')
      .link('policy', 'impact');
    const undo = new Y.UndoManager([getNodes(sketch.doc), getMeta(sketch.doc)], { trackedOrigins: new Set([me]) });
    const before = readMapGraph(sketch.doc);
    const { result, graph } = await layOut(sketch.doc);
    const lanes = result.lanes!;
    for (const key of ['floating', 'pre']) {
      const card = sketch.node(graph, key);
      // The lane the inspector's user sees it in: where its centre is.
      const shown = laneAt(lanes, card.y + DEFAULT_CARD_SIZE.height / 2);
      expect(shown, key).not.toBeNull();
      expect({ key, level: card.fields.level }).toEqual({ key, level: shown });
    }
    // Cards without a level field keep none.
    expect(sketch.node(graph, 'act').fields.level ?? null).toBeNull();
    expect(sketch.node(graph, 'policy').fields.level).toBe('contextual');
    expectLevelledCardsInTheirLanes(graph);

    undo.undo();
    const undone = readMapGraph(sketch.doc);
    for (const key of ['floating', 'pre', 'policy']) {
      const was = sketch.node(before, key);
      const now = sketch.node(undone, key);
      expect({ key, x: now.x, y: now.y, level: now.fields.level }).toEqual({
        key,
        x: was.x,
        y: was.y,
        level: was.fields.level,
      });
    }
  });

  it('draws no lanes for a map that has none, and still layers it bottom-up', async () => {
    const sketch = new Sketch('theory-of-change', { lanes: false })
      .card('act', 'activity')
      .card('out', 'output')
      .outcome('short', 'individual')
      .card('goal', 'impact')
      .link('act', 'out')
      .link('out', 'short')
      .link('short', 'goal');
    const { result, graph } = await layOut(sketch.doc);
    expect(result.lanes).toBeNull();
    expect(graph.meta.lanes).toBeNull();
    const y = (key: string): number => sketch.node(graph, key).y;
    expect(y('goal')).toBeLessThan(y('short'));
    expect(y('short')).toBeLessThan(y('out'));
    expect(y('out')).toBeLessThan(y('act'));
  });

  it('keeps a ceiling drawn without lanes between the same rows of cards', async () => {
    const doc = fromMapJSON(buildTemplate('logic-model', { title: 'Logic model', today: '2026-03-01' }));
    const { result, graph } = await layOut(doc);
    // The template draws it between the long-term and the intermediate outcome.
    const long = graph.nodes.find((node) => node.fields.term === 'long')!;
    const intermediate = graph.nodes.find((node) => node.fields.term === 'intermediate')!;
    expect(result.ceilingY).not.toBeNull();
    expect(long.y + DEFAULT_CARD_SIZE.height).toBeLessThan(result.ceilingY!);
    expect(intermediate.y).toBeGreaterThan(result.ceilingY!);
  });
});

describe('autoLayout with cycles', SLOW, () => {
  it('reads feeds-back links and plain cycles as back links: activities stay low and the impact high', async () => {
    const sketch = new Sketch()
      .card('act', 'activity')
      .card('out', 'output')
      .outcome('peers', 'individual')
      .outcome('orgs', 'institutional')
      .card('goal', 'impact')
      .link('act', 'out')
      .link('out', 'peers')
      .link('peers', 'orgs')
      .link('orgs', 'goal')
      .link('orgs', 'peers', 'feeds-back')
      .link('goal', 'act') // a cycle through the whole map, not marked
      .link('out', 'act');
    const { graph } = await layOut(sketch.doc);
    const y = (key: string): number => sketch.node(graph, key).y;
    expect(y('goal')).toBeLessThan(y('orgs'));
    expect(y('orgs')).toBeLessThan(y('peers'));
    expect(y('peers')).toBeLessThan(y('out'));
    expect(y('out')).toBeLessThan(y('act'));
    expectLevelledCardsInTheirLanes(graph);
  });

  it('reads a chain inside one lane upwards, even when its last card feeds back into its first', async () => {
    // Ids chosen so that a search in id order meets the feeds-back link first: were it not read
    // backwards, the chain would be drawn upside down.
    const sketch = new Sketch()
      .card('trust', 'outcome', { level: 'individual' }, { id: 'b-trust' })
      .card('sharing', 'outcome', { level: 'individual' }, { id: 'a-sharing' })
      .card('confidence', 'outcome', { level: 'individual' }, { id: 'c-confidence' })
      .link('trust', 'sharing')
      .link('sharing', 'confidence')
      .link('confidence', 'trust', 'feeds-back');
    const { graph } = await layOut(sketch.doc);
    const y = (key: string): number => sketch.node(graph, key).y;
    expect(y('confidence')).toBeLessThan(y('sharing'));
    expect(y('sharing')).toBeLessThan(y('trust'));
    expectLevelledCardsInTheirLanes(graph);
  });

  it('lays out a map that is one big cycle of notes', async () => {
    const sketch = new Sketch('theory-of-change', { lanes: false });
    for (let i = 0; i < 8; i++) sketch.card(`n${i}`, 'note');
    for (let i = 0; i < 8; i++) sketch.link(`n${i}`, `n${(i + 1) % 8}`);
    const { result, graph } = await layOut(sketch.doc);
    expect(result.positions.length).toBeGreaterThan(0);
    expect(overlapping(graph)).toEqual([]);
  });
});

describe('autoLayout of a selection', SLOW, () => {
  it('moves only the selected cards and keeps the top-left corner of the selection', async () => {
    const doc = fromMapJSON(worked());
    const before = readMapGraph(doc);
    const selected = before.nodes.filter((node) => node.kind === 'outcome' && node.fields.level !== 'contextual');
    const only = new Set(selected.map((node) => node.id as string));
    const corner = (graph: MapGraph) => ({
      x: Math.min(...[...only].map((id) => graph.nodeById.get(id)!.x)),
      y: Math.min(...[...only].map((id) => graph.nodeById.get(id)!.y)),
    });
    const { result, graph } = await layOut(doc, { only });
    expect(result.positions.length).toBeGreaterThan(0);
    for (const position of result.positions) expect(only.has(position.id)).toBe(true);
    for (const node of before.nodes) {
      if (!only.has(node.id)) expect(graph.nodeById.get(node.id)).toMatchObject({ x: node.x, y: node.y });
    }
    expect(corner(graph)).toEqual(corner(before));
    // The rest of the map stays, so do its lanes and ceiling.
    expect(result.lanes).toBeNull();
    expect(result.ceilingY).toBeNull();
    // Among themselves, the selected cards are layered too: institutional above individual.
    const rows = (level: Level) => extent(graph, (node) => only.has(node.id) && node.fields.level === level);
    expect(rows('institutional').bottom).toBeLessThan(rows('individual').top);
  });

  it('ignores what cannot be laid out in a selection (attached cards, frames, unknown ids)', async () => {
    const doc = fromMapJSON(worked());
    const graph = readMapGraph(doc);
    const attached = graph.nodes.find((node) => node.attachedTo !== null)!;
    const result = await autoLayout(graph, { only: new Set([attached.id, 'nope']) });
    expect(result).toEqual({ positions: [], lanes: null, ceilingY: null, frames: [] });
  });
});

describe('autoLayout and pathway frames', SLOW, () => {
  it('refits a frame around the cards it held, and leaves frames that held none alone', async () => {
    const sketch = new Sketch()
      .card('act', 'activity', {}, { at: { x: 0, y: 600 } })
      .card('out', 'output', {}, { at: { x: 300, y: 600 } })
      .outcome('peers', 'individual')
      .card('goal', 'impact')
      .link('act', 'out')
      .link('out', 'peers')
      .link('peers', 'goal');
    const frame = addNode(sketch.doc, { kind: 'group', label: 'Pathway', x: -40, y: 560, width: 600, height: 200 }, me);
    const empty = addNode(sketch.doc, { kind: 'group', label: 'Empty', x: 5000, y: 5000, width: 300, height: 300 }, me);
    const { result, graph } = await layOut(sketch.doc);
    expect(result.positions.map((position) => position.id)).not.toContain(frame);
    expect(result.frames.map((bounds) => bounds.id)).toEqual([frame]);
    const box = graph.nodeById.get(frame)!;
    for (const key of ['act', 'out']) {
      const card = boxOf(sketch.node(graph, key));
      expect(card.x).toBeGreaterThan(box.x);
      expect(card.y).toBeGreaterThan(box.y);
      expect(card.x + card.width).toBeLessThan(box.x + box.width!);
      expect(card.y + card.height).toBeLessThan(box.y + box.height!);
    }
    expect(graph.nodeById.get(empty)).toMatchObject({ x: 5000, y: 5000, width: 300, height: 300 });
  });

  it('lays out no frame and no attached card as a card', async () => {
    const sketch = new Sketch().card('act', 'activity').card('goal', 'impact').link('act', 'goal');
    addNode(sketch.doc, { kind: 'group', label: 'Frame', x: 0, y: 0, width: 400, height: 400 }, me);
    const indicator = addNode(sketch.doc, { kind: 'indicator', label: 'Indicator', x: 7, y: 9 }, me);
    attachNode(sketch.doc, indicator, sketch.id('goal'), me);
    const result = await autoLayout(readMapGraph(sketch.doc));
    const moved = new Set(result.positions.map((position) => position.id as string));
    expect(moved.has(indicator)).toBe(false);
    expect([...moved].every((id) => id === sketch.id('act') || id === sketch.id('goal'))).toBe(true);
  });
});

describe('autoLayout of a partnership map', SLOW, () => {
  it('lays the partners out along their relationships, funders first, without overlaps', async () => {
    const doc = fromMapJSON(buildTemplate('partnership', { title: 'Network', today: '2026-03-01' }));
    const { result, graph } = await layOut(doc);
    expect(result.lanes).toBeNull();
    expect(result.ceilingY).toBeNull();
    expect(overlapping(graph)).toEqual([]);
    const byLabel = (label: string) => graph.nodes.find((node) => node.label === label)!;
    expect(byLabel('Foundation').y).toBeLessThan(byLabel('Network secretariat').y);
    expect(byLabel('Network secretariat').y).toBeLessThan(byLabel('Member organisation A').y);
  });
});

describe('autoLayout edge cases', SLOW, () => {
  it('does nothing to an empty map', async () => {
    const sketch = new Sketch();
    expect(await autoLayout(readMapGraph(sketch.doc))).toEqual({
      positions: [],
      lanes: null,
      ceilingY: null,
      frames: [],
    });
  });

  it('can be warmed up ahead of the first layout', async () => {
    await expect(warmUpAutoLayout()).resolves.toBeUndefined();
  });

  it('uses measured sizes: tall cards do not overlap', async () => {
    const sketch = new Sketch('theory-of-change', { lanes: false });
    for (let i = 0; i < 6; i++) sketch.card(`o${i}`, 'outcome');
    for (let i = 1; i < 6; i++) sketch.link('o0', `o${i}`);
    const sizes = new Map([...sketch.ids.values()].map((id) => [id as string, { width: 300, height: 260 }]));
    const { graph } = await layOut(sketch.doc, { sizes });
    expect(overlapping(graph, sizes)).toEqual([]);
  });
});

/** Random theories of change with lanes: any kinds, levels, links, feedback and cycles. */
const randomMap = fc
  .record({
    cards: fc.array(
      fc.record({
        kind: fc.constantFrom<NodeKind>(
          'activity',
          'output',
          'outcome',
          'outcome',
          'precondition',
          'impact',
          'risk',
          'note',
        ),
        level: fc.option(fc.constantFrom(...LEVELS), { nil: null }),
      }),
      { minLength: 1, maxLength: 24 },
    ),
    links: fc.array(
      fc.record({
        from: fc.nat(),
        to: fc.nat(),
        relation: fc.constantFrom<LinkRelation | null>(null, 'leads-to', 'feeds-back', 'blocks'),
      }),
      { maxLength: 40 },
    ),
  })
  .map(({ cards, links }) => {
    const sketch = new Sketch('theory-of-change', { ceilingY: -500 });
    cards.forEach((card, i) => sketch.card(`c${i}`, card.kind, card.level ? { level: card.level } : {}));
    for (const link of links) {
      const from = `c${link.from % cards.length}`;
      const to = `c${link.to % cards.length}`;
      if (from !== to)
        connect(sketch.doc, { source: sketch.id(from), target: sketch.id(to), relation: link.relation }, me);
    }
    return sketch;
  });

describe('autoLayout on random theories of change', SLOW, () => {
  it('never overlaps cards, keeps levelled cards in their lanes, activities below and the impact above them', async () => {
    await fc.assert(
      fc.asyncProperty(randomMap, async (sketch) => {
        const { graph } = await layOut(sketch.doc);
        expect(overlapping(graph)).toEqual([]);
        expectLevelledCardsInTheirLanes(graph);
        const [top, , , bottom] = graph.meta.lanes!.bounds;
        for (const node of onCanvas(graph)) {
          const box = boxOf(node);
          if (node.kind === 'impact') expect(box.y + box.height).toBeLessThanOrEqual(top);
          if (node.kind === 'activity' || node.kind === 'output') expect(box.y).toBeGreaterThanOrEqual(bottom);
        }
      }),
      { numRuns: 30 },
    );
  });
});
