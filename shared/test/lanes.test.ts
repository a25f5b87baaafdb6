import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  addNode,
  createOrigin,
  initMap,
  moveNodesAcrossLanes,
  readMapGraph,
  setLanes,
  setMapKind,
  type NodeId,
  DEFAULT_LANE_HEIGHT,
  LANE_ORDER,
  MAX_COORDINATE,
  MIN_LANE_HEIGHT,
  laneAt,
  laneBand,
  lanesFrom,
  moveLaneBoundary,
  parseLanes,
  type Lanes,
} from '../src/index.ts';

const lanes: Lanes = { bounds: [0, 300, 700, 1000] };

describe('lanes', () => {
  it('run contextual at the top, institutional, individual at the bottom', () => {
    expect(LANE_ORDER).toEqual(['contextual', 'institutional', 'individual']);
    expect(laneBand(lanes, 'contextual')).toEqual({ top: 0, bottom: 300 });
    expect(laneBand(lanes, 'institutional')).toEqual({ top: 300, bottom: 700 });
    expect(laneBand(lanes, 'individual')).toEqual({ top: 700, bottom: 1000 });
  });

  it('lanesFrom draws three lanes of the default height from a top edge', () => {
    expect(lanesFrom(-100)).toEqual({
      bounds: [-100, -100 + DEFAULT_LANE_HEIGHT, -100 + 2 * DEFAULT_LANE_HEIGHT, -100 + 3 * DEFAULT_LANE_HEIGHT],
    });
    expect(lanesFrom(0, 200).bounds).toEqual([0, 200, 400, 600]);
  });

  it('laneAt gives the lane that holds a y (a boundary belongs to the lane below it), or null outside', () => {
    expect(laneAt(lanes, -1)).toBeNull();
    expect(laneAt(lanes, 0)).toBe('contextual');
    expect(laneAt(lanes, 299.9)).toBe('contextual');
    expect(laneAt(lanes, 300)).toBe('institutional');
    expect(laneAt(lanes, 999)).toBe('individual');
    expect(laneAt(lanes, 1000)).toBeNull();
  });

  it('moveLaneBoundary trades height between two lanes, never below MIN_LANE_HEIGHT', () => {
    expect(moveLaneBoundary(lanes, 1, 350).bounds).toEqual([0, 350, 700, 1000]);
    expect(moveLaneBoundary(lanes, 1, 650).bounds).toEqual([0, 700 - MIN_LANE_HEIGHT, 700, 1000]);
    expect(moveLaneBoundary(lanes, 2, 0).bounds).toEqual([0, 300, 300 + MIN_LANE_HEIGHT, 1000]);
  });

  it('moveLaneBoundary moves the outer edges freely outwards, and inwards down to MIN_LANE_HEIGHT', () => {
    expect(moveLaneBoundary(lanes, 0, -500).bounds).toEqual([-500, 300, 700, 1000]);
    expect(moveLaneBoundary(lanes, 0, 290).bounds).toEqual([300 - MIN_LANE_HEIGHT, 300, 700, 1000]);
    expect(moveLaneBoundary(lanes, 3, 5000).bounds).toEqual([0, 300, 700, 5000]);
    expect(moveLaneBoundary(lanes, 3, 0).bounds).toEqual([0, 300, 700, 700 + MIN_LANE_HEIGHT]);
    expect(moveLaneBoundary(lanes, 3, 1e12).bounds[3]).toBe(MAX_COORDINATE);
  });

  it('moveLaneBoundary rounds to whole units, and ignores a bad index or y', () => {
    expect(moveLaneBoundary(lanes, 1, 350.6).bounds).toEqual([0, 351, 700, 1000]);
    expect(moveLaneBoundary(lanes, 4, 10)).toBe(lanes);
    expect(moveLaneBoundary(lanes, -1, 10)).toBe(lanes);
    expect(moveLaneBoundary(lanes, 1, Number.NaN)).toBe(lanes);
  });

  it('every result of moveLaneBoundary is lanes a reader accepts', () => {
    let current = lanes;
    for (const [index, y] of [
      [1, 5000],
      [2, -5000],
      [0, 1e9],
      [3, -1e9],
      [1, 1e9],
    ] as const) {
      current = moveLaneBoundary(current, index, y);
      expect(parseLanes(current), JSON.stringify(current)).toEqual(current);
    }
  });
});

describe('parseLanes', () => {
  it('reads four increasing y values at least MIN_LANE_HEIGHT apart', () => {
    expect(parseLanes({ bounds: [0, 120, 240, 360] })).toEqual({ bounds: [0, 120, 240, 360] });
  });

  it('reads anything else as no lanes', () => {
    for (const value of [
      null,
      'lanes',
      [0, 300, 600, 900],
      {},
      { bounds: [0, 300, 600] },
      { bounds: [0, 300, 600, 900, 1200] },
      { bounds: [0, 300, 200, 900] },
      { bounds: [0, 300, 300 + MIN_LANE_HEIGHT - 1, 900] },
      { bounds: [0, '300', 600, 900] },
      { bounds: [0, 300, 600, Number.POSITIVE_INFINITY] },
      { bounds: [-2 * MAX_COORDINATE, 300, 600, 900] },
    ]) {
      expect(parseLanes(value), JSON.stringify(value)).toBeNull();
    }
  });
});

describe('moveNodesAcrossLanes', () => {
  const me = createOrigin('user', 'me');
  const lanes = lanesFrom(0, 300); // contextual 0-300, institutional 300-600, individual 600-900

  function toc(): { doc: Y.Doc; outcome: NodeId; activity: NodeId } {
    const doc = new Y.Doc();
    initMap(doc, { title: 'ToC', kind: 'theory-of-change', lanes }, me);
    const outcome = addNode(doc, { kind: 'outcome', x: 0, y: 650, fields: { level: 'individual' } }, me);
    const activity = addNode(doc, { kind: 'activity', x: 300, y: 650 }, me);
    return { doc, outcome, activity };
  }

  it('gives a levelled card dropped into another lane that lane’s level, in the same change', () => {
    const { doc, outcome, activity } = toc();
    const changes: unknown[] = [];
    doc.on('afterTransaction', (transaction: Y.Transaction) => changes.push(transaction.origin));
    const relevelled = moveNodesAcrossLanes(
      doc,
      [
        { id: outcome, x: 0, y: 380, height: 84 },
        { id: activity, x: 300, y: 380, height: 84 },
      ],
      me,
    );
    expect(relevelled).toEqual([{ id: outcome, level: 'institutional' }]);
    expect(changes).toEqual([me]);
    const graph = readMapGraph(doc);
    expect(graph.nodeById.get(outcome)).toMatchObject({ y: 380, fields: { level: 'institutional' } });
    // Activities have no level: they move, nothing else.
    expect(graph.nodeById.get(activity)).toMatchObject({ y: 380, fields: { level: null } });
  });

  it('places a card by its centre, and leaves the level alone above or below the lanes', () => {
    const { doc, outcome } = toc();
    // Top edge in the institutional lane, centre in the individual one.
    expect(moveNodesAcrossLanes(doc, [{ id: outcome, x: 0, y: 560, height: 100 }], me)).toEqual([]);
    expect(moveNodesAcrossLanes(doc, [{ id: outcome, x: 0, y: 1200, height: 84 }], me)).toEqual([]);
    expect(readMapGraph(doc).nodeById.get(outcome)?.fields.level).toBe('individual');
  });

  it('only moves cards on partnership maps, and on maps without lanes', () => {
    const partnership = toc();
    setMapKind(partnership.doc, 'partnership', me);
    expect(moveNodesAcrossLanes(partnership.doc, [{ id: partnership.outcome, x: 0, y: 100, height: 84 }], me)).toEqual(
      [],
    );
    const { doc, outcome } = toc();
    setLanes(doc, null, me);
    expect(moveNodesAcrossLanes(doc, [{ id: outcome, x: 0, y: 100, height: 84 }], me)).toEqual([]);
    expect(readMapGraph(doc).nodeById.get(outcome)).toMatchObject({ y: 100, fields: { level: 'individual' } });
  });
});
