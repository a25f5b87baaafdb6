import { describe, expect, it } from 'vitest';
import {
  CAUSAL_RELATIONS,
  LEVELS,
  MAP_TEMPLATES,
  PARTNERSHIP_RELATIONS,
  TEMPLATE_IDS,
  buildTemplate,
  defaultTemplateFor,
  fromMapJSON,
  isTemplateId,
  laneAt,
  laneBand,
  parseLanes,
  parseMapJSON,
  readMapGraph,
  toMapJSON,
  type MapJSON,
  type MapNodeJSON,
} from '../src/index.ts';

const options = { title: 'Our network', today: '2026-03-14' };
/** The height the canvas gives a card before measuring it (client/src/canvas/toFlow.ts). */
const CARD_HEIGHT = 84;

describe('every template', () => {
  it.each(TEMPLATE_IDS)('%s builds a valid map with the given title that imports and exports unchanged', (id) => {
    const map = buildTemplate(id, options);
    expect(parseMapJSON(JSON.parse(JSON.stringify(map)))).toEqual({ ok: true, map });
    expect(map.meta.title).toBe('Our network');
    expect(map.meta.kind).toBe(MAP_TEMPLATES.find((t) => t.id === id)?.kind);
    const sorted: MapJSON = {
      ...map,
      nodes: [...map.nodes].sort((a, b) => (a.id < b.id ? -1 : 1)),
      edges: [...map.edges].sort((a, b) => (a.id < b.id ? -1 : 1)),
    };
    expect(toMapJSON(fromMapJSON(map))).toEqual(sorted);
  });

  it.each(TEMPLATE_IDS)('%s gives fresh ids each time, so cards copied between two maps never clash', (id) => {
    const ids = (map: MapJSON): string[] => [...map.nodes, ...map.edges].map((record) => record.id);
    const first = ids(buildTemplate(id, options));
    const second = new Set(ids(buildTemplate(id, options)));
    expect(first.filter((x) => second.has(x))).toEqual([]);
  });

  it('are listed once each, and named by their ids', () => {
    expect(MAP_TEMPLATES.map((t) => t.id)).toEqual([...TEMPLATE_IDS]);
    expect(TEMPLATE_IDS.every(isTemplateId)).toBe(true);
    expect(isTemplateId('mind-map')).toBe(false);
    expect(defaultTemplateFor('theory-of-change')).toBe('blank-toc');
    expect(defaultTemplateFor('partnership')).toBeNull();
  });
});

describe('blank theory of change', () => {
  it('has no cards, three lanes, and the ceiling between institutional and contextual change', () => {
    const map = buildTemplate('blank-toc', options);
    expect(map.nodes).toEqual([]);
    const lanes = parseLanes(map.meta.lanes);
    expect(lanes).not.toBeNull();
    expect(map.meta.ceilingY).toBe(laneBand(lanes!, 'contextual').bottom);
  });
});

describe('logic model', () => {
  it('chains every activity through outputs and outcomes to the impact', () => {
    const graph = readMapGraph(fromMapJSON(buildTemplate('logic-model', options)));
    const next = (id: string): string[] => graph.edges.filter((e) => e.source === id).map((e) => e.target);
    const reachesImpact = (id: string, seen = new Set<string>()): boolean =>
      graph.nodeById.get(id)?.kind === 'impact' ||
      (!seen.has(id) && next(id).some((target) => reachesImpact(target, seen.add(id))));
    const activities = graph.nodes.filter((n) => n.kind === 'activity');
    expect(activities.length).toBeGreaterThan(0);
    for (const activity of activities) expect(reachesImpact(activity.id)).toBe(true);
    expect(new Set(graph.nodes.filter((n) => n.kind === 'outcome').map((n) => n.fields.term))).toEqual(
      new Set(['short', 'intermediate', 'long']),
    );
    for (const edge of graph.edges) expect(CAUSAL_RELATIONS).toContain(edge.relation);
  });
});

describe('partnership map', () => {
  it('maps actors with their network roles and typed relationships', () => {
    const map = buildTemplate('partnership', options);
    expect(map.nodes.every((n) => n.kind === 'actor' && n.networkRole !== undefined)).toBe(true);
    expect(new Set(map.nodes.map((n) => n.networkRole))).toEqual(
      new Set(['organizer', 'sponsor', 'catalyst', 'participant']),
    );
    for (const edge of map.edges) {
      expect(PARTNERSHIP_RELATIONS).toContain(edge.relation);
      expect(edge.rationale).not.toBe('');
    }
  });
});

describe('the worked example (learning community)', () => {
  const map = buildTemplate('learning-community', options);
  const graph = readMapGraph(fromMapJSON(map));
  const ofKind = (kind: MapNodeJSON['kind']): MapNodeJSON[] => map.nodes.filter((n) => n.kind === kind);

  it('has an impact, outcomes, outputs and activities, linked with rationales', () => {
    for (const kind of ['impact', 'outcome', 'output', 'activity'] as const) {
      expect(ofKind(kind).length, kind).toBeGreaterThan(0);
    }
    expect(map.edges.filter((e) => e.rationale !== '').length).toBeGreaterThan(map.edges.length / 2);
  });

  it('rests links on assumptions, reviewed on the given day', () => {
    const assumptions = ofKind('assumption');
    expect(assumptions.length).toBeGreaterThan(0);
    for (const assumption of assumptions) {
      expect(graph.edgeById.has(graph.nodeById.get(assumption.id)!.attachedTo ?? '')).toBe(true);
    }
    const reviewed = graph.nodes.filter((n) => n.reviews.length > 0);
    expect(reviewed.length).toBeGreaterThan(0);
    expect(reviewed.every((n) => n.reviews.every((r) => r.date === options.today))).toBe(true);
  });

  it('measures outcomes with indicators that have baselines, targets and a reading', () => {
    const indicators = graph.nodes.filter((n) => n.kind === 'indicator');
    expect(indicators.length).toBeGreaterThan(0);
    for (const indicator of indicators) {
      expect(graph.nodeById.get(indicator.attachedTo ?? '')?.kind).toBe('outcome');
      expect(indicator.fields.baselineValue).not.toBeNull();
      expect(indicator.fields.targetValue).not.toBeNull();
    }
    expect(indicators.some((n) => n.readings.some((r) => r.date === options.today))).toBe(true);
  });

  it('has evidence, a risk that blocks an outcome, and a lesson with its loop', () => {
    const evidence = graph.nodes.filter((n) => n.kind === 'evidence');
    expect(evidence.length).toBeGreaterThan(0);
    expect(evidence.every((n) => n.attachedTo !== null && n.fields.evidenceType !== null)).toBe(true);
    const [risk] = ofKind('risk');
    expect(risk).toBeDefined();
    expect(map.edges.some((e) => e.source === risk!.id && e.relation === 'blocks')).toBe(true);
    const [lesson] = ofKind('lesson');
    expect(lesson?.loop).toBeDefined();
  });

  it('tags capacity outcomes with capabilities', () => {
    const tagged = ofKind('outcome').filter((n) => (n.capabilities ?? []).length > 0);
    expect(tagged.length).toBeGreaterThan(0);
    expect(new Set(tagged.flatMap((n) => n.capabilities)).size).toBe(5);
  });

  it('places outcomes at all three levels, each card inside its own lane', () => {
    const lanes = parseLanes(map.meta.lanes)!;
    expect(lanes).not.toBeNull();
    const outcomes = graph.nodes.filter((n) => n.kind === 'outcome');
    expect(new Set(outcomes.map((n) => n.fields.level))).toEqual(new Set(LEVELS));
    for (const outcome of outcomes) {
      const band = laneBand(lanes, outcome.fields.level!);
      expect(laneAt(lanes, outcome.y), outcome.label).toBe(outcome.fields.level);
      expect(outcome.y + CARD_HEIGHT, outcome.label).toBeLessThanOrEqual(band.bottom);
    }
  });

  it('draws the accountability ceiling between institutional and contextual change', () => {
    const lanes = parseLanes(map.meta.lanes)!;
    expect(map.meta.ceilingY).toBe(laneBand(lanes, 'institutional').top);
    expect(map.meta.ceilingY).toBe(laneBand(lanes, 'contextual').bottom);
    // Contextual outcomes are above it (only the group's interest); the impact is above them all.
    for (const outcome of ofKind('outcome').filter((n) => n.level === 'contextual')) {
      expect(outcome.y).toBeLessThan(map.meta.ceilingY!);
      expect(outcome.sphere).toBe('interest');
    }
    expect(ofKind('impact')[0]!.y).toBeLessThan(lanes.bounds[0]);
  });
});
