import fc from 'fast-check';
import {
  ACTOR_TYPES,
  ASSUMPTION_KINDS,
  ASSUMPTION_STATES,
  EVIDENCE_STRENGTHS,
  EVIDENCE_TYPES,
  FIVE_CAPABILITIES,
  FREQUENCIES,
  HEALTH_DIMENSIONS,
  LESSON_LOOPS,
  LEVELS,
  LINK_RELATIONS,
  LOW_MEDIUM_HIGH,
  MAX_COORDINATE,
  MAX_GROUP_SIZE,
  MIN_GROUP_SIZE,
  MIN_LANE_HEIGHT,
  NETWORK_ROLES,
  NODE_KINDS,
  OUTCOME_TERMS,
  RAG_STATUSES,
  SPHERES,
  isAttachableKind,
  type EntryBase,
  type MapEdgeJSON,
  type MapJSON,
  type MapNodeJSON,
  type NodeFieldKey,
} from '../src/index.ts';

/**
 * Valid schema v2 maps in the canonical form an export has, so that importing one and exporting
 * it again must give it back (sorted by id): unique ids across cards and links, links between
 * existing cards, coordinates on the 0.01 grid and sizes and lanes in whole units (as the
 * document stores them), tags and entries in reading order, attachments only where a reader
 * keeps them, and no key set to its default.
 */

const id = fc.stringMatching(/^[A-Za-z0-9_-]{1,12}$/);
// Single-line text mixing one-unit characters and surrogate pairs (a field holds no line breaks).
const character = fc.constantFrom('a', 'B', 'z', ' ', '-', 'é', '1', '😀');
/** Text of at most `max` UTF-16 units (a character is at most two). */
const line = (max: number, minLength = 0): fc.Arbitrary<string> =>
  fc.string({ unit: character, minLength, maxLength: Math.floor(max / 2) });
const day = fc
  .date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2040-12-31T00:00:00Z'), noInvalidDate: true })
  .map((date) => date.toISOString().slice(0, 10));
const url = fc
  .tuple(
    fc.constantFrom('http', 'https', 'HTTPS'),
    fc.stringMatching(/^[a-z0-9.-]{1,20}$/),
    fc.stringMatching(/^(\/[a-z0-9._~%-]{0,10}){0,3}(\?[a-z=&]{0,8})?$/),
  )
  .map(([scheme, host, path]) => `${scheme}://${host}${path}`);

const FIELD_VALUES: { [K in NodeFieldKey]: fc.Arbitrary<string> } = {
  status: fc.constantFrom(...RAG_STATUSES),
  term: fc.constantFrom(...OUTCOME_TERMS),
  level: fc.constantFrom(...LEVELS),
  sphere: fc.constantFrom(...SPHERES),
  assumptionKind: fc.constantFrom(...ASSUMPTION_KINDS),
  criticality: fc.constantFrom(...LOW_MEDIUM_HIGH),
  unit: line(60, 1),
  baselineValue: line(60, 1),
  baselineDate: day,
  targetValue: line(60, 1),
  targetDate: day,
  source: line(80, 1),
  verification: line(80, 1),
  frequency: fc.constantFrom(...FREQUENCIES),
  citation: line(80, 1),
  url,
  evidenceType: fc.constantFrom(...EVIDENCE_TYPES),
  strength: fc.constantFrom(...EVIDENCE_STRENGTHS),
  actorType: fc.constantFrom(...ACTOR_TYPES),
  networkRole: fc.constantFrom(...NETWORK_ROLES),
  homeOrganisation: line(80, 1),
  likelihood: fc.constantFrom(...LOW_MEDIUM_HIGH),
  severity: fc.constantFrom(...LOW_MEDIUM_HIGH),
  loop: fc.constantFrom(...LESSON_LOOPS),
};

/** Tags already normalised, distinct case-insensitively, and in the order readers sort them. */
const TAGS_IN_ORDER = ['adoption', 'Girls', 'trust', 'youth employment'];

const entryBase = { id, date: day, note: line(40), by: line(20) };
/** Oldest first; entries of one day keep their order, as readers give them. */
const history = <T extends EntryBase>(entry: fc.Arbitrary<T>): fc.Arbitrary<T[]> =>
  fc
    .uniqueArray(entry, { selector: (e) => e.id, maxLength: 4 })
    .map((list) => [...list].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)));

const nodeSeed = fc.record({
  id,
  kind: fc.constantFrom(...NODE_KINDS),
  label: fc.string({ maxLength: 30, unit: 'grapheme' }),
  x: fc.integer({ min: -MAX_COORDINATE * 100, max: MAX_COORDINATE * 100 }).map((v) => v / 100),
  y: fc.integer({ min: -100_000, max: 100_000 }).map((v) => v / 100),
  narrative: fc.string({ maxLength: 40, unit: 'grapheme' }),
  tags: fc.subarray(TAGS_IN_ORDER),
  capabilities: fc.subarray([...FIVE_CAPABILITIES]),
  size: fc.tuple(
    fc.integer({ min: MIN_GROUP_SIZE, max: MAX_GROUP_SIZE }),
    fc.integer({ min: MIN_GROUP_SIZE, max: MAX_GROUP_SIZE }),
  ),
  fields: fc.record(FIELD_VALUES, { requiredKeys: [] }),
  reviews: history(fc.record({ ...entryBase, status: fc.constantFrom(...ASSUMPTION_STATES) })),
  readings: history(fc.record({ ...entryBase, value: line(20, 1) })),
  health: history(
    fc.record({
      ...entryBase,
      dimension: fc.constantFrom(...HEALTH_DIMENSIONS),
      rating: fc.constantFrom(...RAG_STATUSES),
    }),
  ),
  /** Whether (and where) an assumption, indicator or evidence card is attached. */
  host: fc.option(fc.nat(), { freq: 2 }),
});
type NodeSeed = typeof nodeSeed extends fc.Arbitrary<infer T> ? T : never;

const edgeSeed = fc.record({
  id,
  source: fc.nat(),
  target: fc.nat(),
  rationale: fc.string({ maxLength: 20, unit: 'grapheme' }),
  relation: fc.option(fc.constantFrom(...LINK_RELATIONS), { nil: undefined }),
  confidence: fc.option(fc.constantFrom(...LOW_MEDIUM_HIGH), { nil: undefined }),
  // 'hypothesised' is the default, which an export leaves out.
  status: fc.option(fc.constantFrom('observed' as const, 'confirmed' as const, 'refuted' as const), { nil: undefined }),
});

const lanes = fc
  .tuple(
    fc.integer({ min: -100_000, max: 100_000 }),
    fc.array(fc.integer({ min: MIN_LANE_HEIGHT, max: 5000 }), { minLength: 3, maxLength: 3 }),
  )
  .map(([top, [a, b, c]]) => ({
    bounds: [top, top + a!, top + a! + b!, top + a! + b! + c!] as [number, number, number, number],
  }));

function nodeJSON(seed: NodeSeed): MapNodeJSON {
  const node: MapNodeJSON = { id: seed.id, kind: seed.kind, label: seed.label, x: seed.x, y: seed.y };
  if (seed.narrative) node.narrative = seed.narrative;
  if (seed.tags.length > 0) node.tags = seed.tags;
  if (seed.capabilities.length > 0) node.capabilities = seed.capabilities;
  if (seed.kind === 'group') [node.width, node.height] = seed.size;
  for (const list of ['reviews', 'readings', 'health'] as const) {
    if (seed[list].length > 0) Object.assign(node, { [list]: seed[list] });
  }
  return { ...node, ...seed.fields };
}

export const mapJsonArbitrary: fc.Arbitrary<MapJSON> = fc
  .record({
    title: fc.string({ maxLength: 40 }),
    kind: fc.constantFrom('theory-of-change' as const, 'partnership' as const),
    lanes: fc.option(lanes, { nil: undefined }),
    ceilingY: fc.option(
      fc.integer({ min: -100_000, max: 100_000 }).map((v) => v / 100),
      { nil: undefined },
    ),
    nodeSeeds: fc.uniqueArray(nodeSeed, { selector: (n) => n.id, maxLength: 8 }),
    edgeSeeds: fc.uniqueArray(edgeSeed, { selector: (e) => e.id, maxLength: 10 }),
  })
  .map(({ title, kind, lanes, ceilingY, nodeSeeds, edgeSeeds }): MapJSON => {
    const nodes = nodeSeeds.map(nodeJSON);
    const nodeIds = new Set(nodes.map((node) => node.id));
    const edges: MapEdgeJSON[] =
      nodes.length === 0
        ? []
        : edgeSeeds
            .filter((seed) => !nodeIds.has(seed.id))
            .map(({ source, target, relation, confidence, status, ...edge }) => ({
              ...edge,
              source: nodes[source % nodes.length]!.id,
              target: nodes[target % nodes.length]!.id,
              ...(relation ? { relation } : {}),
              ...(confidence ? { confidence } : {}),
              ...(status ? { status } : {}),
            }));
    // Attached cards hang on a link, or on a card that stands on the canvas and is not a frame.
    const attached = new Set(
      nodeSeeds.filter((seed) => seed.host !== null && isAttachableKind(seed.kind)).map((seed) => seed.id),
    );
    const standing = nodes.filter((node) => node.kind !== 'group' && !attached.has(node.id)).map((node) => node.id);
    for (const [i, seed] of nodeSeeds.entries()) {
      if (!attached.has(seed.id)) continue;
      const hosts = [...standing, ...edges.map((edge) => edge.id)];
      if (hosts.length > 0) nodes[i]!.attachedTo = hosts[seed.host! % hosts.length];
    }
    return {
      format: 'loopmap.map',
      schemaVersion: 2,
      meta: { title, kind, ...(lanes ? { lanes } : {}), ...(ceilingY !== undefined ? { ceilingY } : {}) },
      nodes,
      edges,
    };
  });
