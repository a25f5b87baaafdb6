import { describe, expect, it } from 'vitest';
import { MAX_LABEL_LENGTH, MAX_TITLE_LENGTH, mapJsonSchema, parseMapJSON, type MapJSON } from '../src/index.ts';

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
