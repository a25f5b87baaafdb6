import { describe, expect, it } from 'vitest';
import {
  MAX_ENTRIES,
  MAX_GROUP_SIZE,
  MAX_LABEL_LENGTH,
  MAX_NARRATIVE_LENGTH,
  MAX_TAGS,
  MAX_TAG_LENGTH,
  MAX_TITLE_LENGTH,
  MIN_LANE_HEIGHT,
  mapJsonSchema,
  parseMapJSON,
  type MapJSON,
  type MapNodeJSON,
} from '../src/index.ts';
import { fullMap } from './fullMap.ts';

/** A small valid map; each test breaks one thing in a copy of it. */
function validMap(): MapJSON {
  return {
    format: 'loopmap.map',
    schemaVersion: 2,
    meta: { title: 'Peer learning network', kind: 'partnership' },
    nodes: [
      { id: 'city', kind: 'actor', label: 'City of Lyon', x: 0, y: 0 },
      { id: 'ngo', kind: 'actor', label: 'Sport NGO', x: 120.5, y: -40 },
    ],
    edges: [{ id: 'fund', source: 'city', target: 'ngo', rationale: 'funding' }],
  };
}

/** parseMapJSON's failure message, or a marker when it unexpectedly accepted the input. */
function failure(input: unknown): string {
  const result = parseMapJSON(input);
  return result.ok ? '<accepted>' : result.message;
}

describe('parseMapJSON', () => {
  it('accepts a valid map and returns it unchanged', () => {
    const map = validMap();
    expect(parseMapJSON(map)).toEqual({ ok: true, map });
    expect(parseMapJSON(JSON.parse(JSON.stringify(map)))).toEqual({ ok: true, map });
  });

  it('accepts an empty map', () => {
    expect(parseMapJSON({ ...validMap(), nodes: [], edges: [] }).ok).toBe(true);
  });

  it('rejects input that is not a map at all', () => {
    for (const input of [null, 'loopmap.map', 42, [], {}]) {
      const result = parseMapJSON(input);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.message.length).toBeGreaterThan(0);
    }
  });

  it('rejects a wrong format, naming the field', () => {
    expect(failure({ ...validMap(), format: 'excalidraw' })).toMatch(/^format: /);
  });

  it('rejects another schema version, naming the field', () => {
    expect(failure({ ...validMap(), schemaVersion: 3 })).toMatch(/^schemaVersion: /);
    expect(failure({ ...validMap(), schemaVersion: '2' })).toMatch(/^schemaVersion: /);
    expect(failure({ ...validMap(), schemaVersion: '1' })).toMatch(/^schemaVersion: /);
  });

  it('rejects duplicate node ids, naming the second one', () => {
    const map = validMap();
    map.nodes.push({ id: 'city', kind: 'outcome', label: 'again', x: 0, y: 0 });
    expect(failure(map)).toBe('nodes.2.id: duplicate node id city');
  });

  it('rejects duplicate link ids', () => {
    const map = validMap();
    map.edges.push({ id: 'fund', source: 'ngo', target: 'city', rationale: '' });
    expect(failure(map)).toBe('edges.1.id: duplicate id fund');
  });

  it('rejects a link to a missing node, naming the end', () => {
    const map = validMap();
    map.edges.push({ id: 'orphan', source: 'ngo', target: 'ministry', rationale: '' });
    expect(failure(map)).toBe('edges.1.target: link orphan points at missing node ministry');
    const fromMissing = validMap();
    fromMissing.edges[0]!.source = 'ministry';
    expect(failure(fromMissing)).toBe('edges.0.source: link fund points at missing node ministry');
  });

  it('rejects a label or title that is too long, naming the field', () => {
    const longLabel = validMap();
    longLabel.nodes[1]!.label = 'x'.repeat(MAX_LABEL_LENGTH + 1);
    expect(failure(longLabel)).toMatch(/^nodes\.1\.label: /);

    const longEdgeLabel = validMap();
    longEdgeLabel.edges[0]!.rationale = 'x'.repeat(MAX_LABEL_LENGTH + 1);
    expect(failure(longEdgeLabel)).toMatch(/^edges\.0\.rationale: /);

    const longTitle = validMap();
    longTitle.meta.title = 'x'.repeat(MAX_TITLE_LENGTH + 1);
    expect(failure(longTitle)).toMatch(/^meta\.title: /);

    const atLimit = validMap();
    atLimit.nodes[0]!.label = 'x'.repeat(MAX_LABEL_LENGTH);
    atLimit.meta.title = 'x'.repeat(MAX_TITLE_LENGTH);
    expect(parseMapJSON(atLimit).ok).toBe(true);
  });

  it('rejects non-finite and out-of-range coordinates, naming the field', () => {
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1e8, null, '12']) {
      const map = validMap() as unknown as { nodes: { x: unknown }[] };
      map.nodes[1]!.x = bad;
      expect(failure(map), `x = ${String(bad)}`).toMatch(/^nodes\.1\.x: /);
    }
  });

  it('rejects an unknown node kind and an id with unsafe characters', () => {
    const badKind = validMap() as unknown as { nodes: { kind: string }[] };
    badKind.nodes[0]!.kind = 'banana';
    expect(failure(badKind)).toMatch(/^nodes\.0\.kind: /);

    const badId = validMap();
    badId.nodes[0]!.id = 'city hall';
    badId.edges[0]!.source = 'city hall';
    expect(failure(badId)).toMatch(/^nodes\.0\.id: ids are 1-64 URL-safe characters/);
  });

  it('reports a missing field by its path', () => {
    const map = validMap() as unknown as { edges: Record<string, unknown>[] };
    delete map.edges[0]!.target;
    expect(failure(map)).toMatch(/^edges\.0\.target: /);
  });
});

describe('mapJsonSchema', () => {
  it('reports every broken link, not only the first', () => {
    const map = validMap();
    map.edges.push({ id: 'x', source: 'nowhere', target: 'nothing', rationale: '' });
    const result = mapJsonSchema.safeParse(map);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['edges.1.source', 'edges.1.target']);
  });
});

describe('parseMapJSON, schema v2 details', () => {
  /** fullMap() with one change made by `edit` (bad values are cast: they are what is tested). */
  function edited(edit: (map: MapJSON) => void): unknown {
    const map = fullMap();
    edit(map);
    return JSON.parse(JSON.stringify(map));
  }
  const nodeIndex = (id: string): number => fullMap().nodes.findIndex((n) => n.id === id);
  const at = (id: string): string => `nodes.${nodeIndex(id)}`;
  const card = (map: MapJSON, id: string): MapNodeJSON => map.nodes[nodeIndex(id)]!;

  it('accepts a map with every detail', () => {
    expect(parseMapJSON(fullMap())).toEqual({ ok: true, map: fullMap() });
  });

  it('rejects an attachment to a missing card or link, naming the card', () => {
    const message = failure(edited((map) => (card(map, 'evidence').attachedTo = 'gone')));
    expect(message).toBe(`${at('evidence')}.attachedTo: evidence is attached to missing card or link gone`);
  });

  it('rejects a card and a link that share an id', () => {
    const message = failure(edited((map) => (map.edges[0]!.id = 'outcome')));
    expect(message).toBe('edges.0.id: duplicate id outcome');
  });

  it('rejects a date that does not exist, in a field or in an entry', () => {
    expect(failure(edited((map) => (card(map, 'indicator').targetDate = '2027-02-29')))).toBe(
      `${at('indicator')}.targetDate: not a valid target date`,
    );
    expect(failure(edited((map) => (card(map, 'assumption').reviews![1]!.date = '02/06/2025')))).toBe(
      `${at('assumption')}.reviews.1.date: dates are real days written YYYY-MM-DD`,
    );
  });

  it('rejects a link that is not http(s), and a choice a field does not offer', () => {
    expect(failure(edited((map) => (card(map, 'evidence').url = 'javascript:alert(1)')))).toBe(
      `${at('evidence')}.url: not a valid link`,
    );
    expect(failure(edited((map) => (card(map, 'outcome').status = 'purple')))).toBe(
      `${at('outcome')}.status: not a valid status`,
    );
    expect(failure(edited((map) => (card(map, 'outcome').status = '')))).toBe(
      `${at('outcome')}.status: not a valid status`,
    );
  });

  it('rejects a text field that a reader would change (a line break, or too long)', () => {
    expect(failure(edited((map) => (card(map, 'indicator').source = 'Club\nsurvey')))).toBe(
      `${at('indicator')}.source: not a valid source`,
    );
    expect(failure(edited((map) => (card(map, 'indicator').unit = 'u'.repeat(61))))).toBe(
      `${at('indicator')}.unit: not a valid unit`,
    );
  });

  it('rejects tags, capabilities and narratives beyond their limits', () => {
    expect(failure(edited((map) => (card(map, 'outcome').tags = ['t'.repeat(MAX_TAG_LENGTH + 1)])))).toMatch(
      new RegExp(`^${at('outcome')}\\.tags\\.0: `),
    );
    expect(failure(edited((map) => (card(map, 'outcome').tags = ['']))).startsWith(`${at('outcome')}.tags.0: `)).toBe(
      true,
    );
    const tooMany = Array.from({ length: MAX_TAGS + 1 }, (_, i) => `tag ${i}`);
    expect(failure(edited((map) => (card(map, 'outcome').tags = tooMany)))).toMatch(
      new RegExp(`^${at('outcome')}\\.tags: `),
    );
    expect(failure(edited((map) => (card(map, 'outcome').capabilities = ['dance' as never])))).toMatch(
      new RegExp(`^${at('outcome')}\\.capabilities\\.0: `),
    );
    expect(failure(edited((map) => (card(map, 'lesson').narrative = 'n'.repeat(MAX_NARRATIVE_LENGTH + 1))))).toMatch(
      new RegExp(`^${at('lesson')}\\.narrative: `),
    );
  });

  it('rejects entries without an id, with an unknown status, or too many of them', () => {
    expect(failure(edited((map) => delete (card(map, 'assumption').reviews![0] as { id?: string }).id))).toMatch(
      new RegExp(`^${at('assumption')}\\.reviews\\.0\\.id: `),
    );
    expect(failure(edited((map) => (card(map, 'assumption').reviews![0]!.status = 'fine' as never)))).toMatch(
      new RegExp(`^${at('assumption')}\\.reviews\\.0\\.status: `),
    );
    expect(failure(edited((map) => (card(map, 'indicator').readings![0]!.value = '')))).toMatch(
      new RegExp(`^${at('indicator')}\\.readings\\.0\\.value: `),
    );
    const entry = fullMap().nodes[nodeIndex('indicator')]!.readings![0]!;
    const many = Array.from({ length: MAX_ENTRIES + 1 }, (_, i) => ({ ...entry, id: `r${i}` }));
    expect(failure(edited((map) => (card(map, 'indicator').readings = many)))).toMatch(
      new RegExp(`^${at('indicator')}\\.readings: `),
    );
  });

  it('rejects a frame size out of range, and lanes that do not run downwards', () => {
    expect(failure(edited((map) => (card(map, 'frame').width = MAX_GROUP_SIZE + 1)))).toMatch(
      new RegExp(`^${at('frame')}\\.width: `),
    );
    expect(failure(edited((map) => (map.meta.lanes = { bounds: [0, -300, -600, -900] })))).toBe(
      'meta.lanes.bounds: lane bounds increase from top to bottom',
    );
    expect(failure(edited((map) => (map.meta.lanes = { bounds: [0, 300, 600] as never })))).toMatch(
      /^meta\.lanes\.bounds/,
    );
    expect(failure(edited((map) => (map.meta.ceilingY = 'high' as never)))).toMatch(/^meta\.ceilingY: /);
  });

  it('rejects an unknown link relation, confidence or status, naming the field', () => {
    for (const key of ['relation', 'confidence', 'status'] as const) {
      expect(failure(edited((map) => Object.assign(map.edges[0]!, { [key]: 'maybe' })))).toMatch(
        new RegExp(`^edges\\.0\\.${key}: `),
      );
    }
  });
});

describe('parseMapJSON refuses what a reader would silently change', () => {
  /** fullMap() with one change made by `edit`. */
  function edited(edit: (map: MapJSON) => void): unknown {
    const map = fullMap();
    edit(map);
    return JSON.parse(JSON.stringify(map));
  }
  const nodeIndex = (id: string): number => fullMap().nodes.findIndex((n) => n.id === id);
  const card = (map: MapJSON, id: string): MapNodeJSON => map.nodes[nodeIndex(id)]!;

  it('lanes thinner than a card', () => {
    expect(failure(edited((map) => (map.meta.lanes = { bounds: [0, 100, 400, 800] })))).toBe(
      `meta.lanes.bounds: each lane is at least ${MIN_LANE_HEIGHT} high`,
    );
  });

  it('an attachment a reader would not keep: a card of another kind, itself, a frame, or an attached card as host', () => {
    expect(failure(edited((map) => (card(map, 'risk').attachedTo = 'outcome')))).toBe(
      `nodes.${nodeIndex('risk')}.attachedTo: only assumptions, indicators and evidence can be attached (risk is of kind risk)`,
    );
    expect(failure(edited((map) => (card(map, 'evidence').attachedTo = 'evidence')))).toBe(
      `nodes.${nodeIndex('evidence')}.attachedTo: evidence is attached to itself`,
    );
    expect(failure(edited((map) => (card(map, 'evidence').attachedTo = 'frame')))).toBe(
      `nodes.${nodeIndex('evidence')}.attachedTo: evidence is attached to frame, a pathway frame`,
    );
    expect(failure(edited((map) => (card(map, 'evidence').attachedTo = 'indicator')))).toBe(
      `nodes.${nodeIndex('evidence')}.attachedTo: evidence is attached to indicator, which is itself attached`,
    );
  });
});
