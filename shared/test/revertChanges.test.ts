import fc from 'fast-check';
import type * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  addEntry,
  addNode,
  addNodeTag,
  connect,
  createOrigin,
  diffMaps,
  fromMapJSON,
  mapJsonSchema,
  moveNodes,
  removeNodes,
  revertChanges,
  setMapTitle,
  setNodeField,
  setNodeLabel,
  toMapJSON,
  type MapJSON,
  type NodeId,
  type RevertStep,
} from '../src/index.ts';
import { fullMap } from './fullMap.ts';
import { editedMapArbitrary, sortedContent } from './mapEdits.ts';
import { mapJsonArbitrary } from './mapJsonArbitrary.ts';

const ana = createOrigin('user', 'ana');
const ben = createOrigin('user', 'ben');
const n = (id: string): NodeId => id as NodeId;

/**
 * A map's history as the server keeps it: each edit applied to a live document, with the map
 * before and after it. `partial` keeps only what the step touched, as the server passes it.
 */
function history(edits: ((doc: Y.Doc) => void)[], partial = true): { steps: RevertStep[]; now: MapJSON } {
  const doc = fromMapJSON(fullMap());
  const steps: RevertStep[] = [];
  for (const edit of edits) {
    const before = toMapJSON(doc);
    edit(doc);
    const after = toMapJSON(doc);
    steps.push(partial ? touched(before, after) : { before, after });
  }
  return { steps, now: toMapJSON(doc) };
}

/** Only the cards and links that differ (and the meta when it does). */
function touched(before: MapJSON, after: MapJSON): RevertStep {
  const diff = diffMaps(before, after);
  const ids = new Set([...diff.cards.map((c) => c.id), ...diff.links.map((l) => l.id)]);
  const side = (map: MapJSON) => ({
    ...(diff.meta.length > 0 ? { meta: map.meta } : {}),
    nodes: map.nodes.filter((node) => ids.has(node.id)),
    edges: map.edges.filter((edge) => ids.has(edge.id)),
  });
  return { before: side(before), after: side(after) };
}

const card = (map: MapJSON, id: string) => map.nodes.find((node) => node.id === id);

describe('revertChanges', () => {
  it("undoes one person's changes and leaves another's", () => {
    const { steps, now } = history([
      (doc) => {
        setNodeLabel(doc, n('outcome'), 'Coaches rely on each other', ana);
        addNode(doc, { id: n('ana-card'), kind: 'outcome', label: 'Ana was here', x: 0, y: 0 }, ana);
        removeNodes(doc, [n('risk')], ana);
      },
      (doc) => {
        setNodeField(doc, n('impact'), 'status', 'green', ben);
        setNodeLabel(doc, n('lesson'), 'Ben renamed this', ben);
      },
    ]);
    const reverted = revertChanges(now, [steps[0]!]);
    expect(mapJsonSchema.safeParse(reverted).success).toBe(true);
    expect(card(reverted, 'outcome')!.label).toBe('Coaches trust each other');
    expect(card(reverted, 'ana-card')).toBeUndefined();
    // The removed risk comes back with its link.
    expect(card(reverted, 'risk')).toEqual(card(fullMap(), 'risk'));
    expect(reverted.edges.map((e) => e.id)).toContain('link-risk');
    // Ben's work stays.
    expect(card(reverted, 'impact')!.status).toBe('green');
    expect(card(reverted, 'lesson')!.label).toBe('Ben renamed this');
  });

  it('undoes a range of steps, latest first, back to where it started', () => {
    const { steps, now } = history([
      (doc) => setNodeLabel(doc, n('outcome'), 'One', ana),
      (doc) => setNodeLabel(doc, n('outcome'), 'Two', ben),
      (doc) => moveNodes(doc, [{ id: n('outcome'), x: 500, y: 500 }], ana),
      (doc) => setMapTitle(doc, 'Renamed', ben),
      (doc) => connect(doc, { id: 'new-link' as never, source: n('impact'), target: n('risk') }, ana),
    ]);
    expect(revertChanges(now, steps)).toEqual(fullMap());
  });

  it('keeps the later value of a field both people changed', () => {
    const { steps, now } = history([
      (doc) => setNodeField(doc, n('outcome'), 'status', 'green', ana),
      (doc) => setNodeField(doc, n('outcome'), 'status', 'red', ben),
    ]);
    expect(card(revertChanges(now, [steps[0]!]), 'outcome')!.status).toBe('red');
    // Undoing Ben's brings back Ana's value, the one before his.
    expect(card(revertChanges(now, [steps[1]!]), 'outcome')!.status).toBe('green');
  });

  it('keeps a card the step added when someone has worked on it since', () => {
    const { steps, now } = history([
      (doc) => addNode(doc, { id: n('idea'), kind: 'outcome', label: 'Idea', x: 0, y: 0 }, ana),
      (doc) => setNodeLabel(doc, n('idea'), 'Idea, sharpened by Ben', ben),
    ]);
    expect(card(revertChanges(now, [steps[0]!]), 'idea')!.label).toBe('Idea, sharpened by Ben');
  });

  it('undoes entries and tags one by one, keeping what others added to the same list', () => {
    const { steps, now } = history([
      (doc) => {
        addEntry(
          doc,
          n('indicator'),
          'readings',
          { id: 'ana1', date: '2025-09-01', value: '20', note: '', by: 'Ana' },
          ana,
        );
        addNodeTag(doc, n('outcome'), 'ana-tag', ana);
      },
      (doc) => {
        addEntry(
          doc,
          n('indicator'),
          'readings',
          { id: 'ben1', date: '2025-10-01', value: '25', note: '', by: 'Ben' },
          ben,
        );
        addNodeTag(doc, n('outcome'), 'ben-tag', ben);
      },
    ]);
    const reverted = revertChanges(now, [steps[0]!]);
    expect(card(reverted, 'indicator')!.readings!.map((r) => r.id)).toEqual(['v1', 'ben1']);
    expect(card(reverted, 'outcome')!.tags).toEqual(['ben-tag', 'coaching', 'Trust']);
  });

  it('brings a removed card back without links to cards that are gone since', () => {
    const { steps, now } = history([
      (doc) => removeNodes(doc, [n('risk')], ana),
      (doc) => removeNodes(doc, [n('outcome')], ben),
    ]);
    const reverted = revertChanges(now, [steps[0]!]);
    expect(mapJsonSchema.safeParse(reverted).success).toBe(true);
    expect(card(reverted, 'risk')).toBeDefined();
    // link-risk went from the risk to the outcome, which Ben removed.
    expect(reverted.edges.map((e) => e.id)).not.toContain('link-risk');
  });

  it('compares the meta only when both sides of a step carry it', () => {
    const now = { ...fullMap(), meta: { ...fullMap().meta, title: 'Later' } };
    const step: RevertStep = { before: { nodes: [], edges: [] }, after: { meta: now.meta, nodes: [], edges: [] } };
    expect(revertChanges(now, [step]).meta.title).toBe('Later');
    const both: RevertStep = { before: { meta: fullMap().meta, nodes: [], edges: [] }, after: step.after };
    expect(revertChanges(now, [both]).meta.title).toBe('Sport for development network');
  });

  it('lets go of attachments whose host it removes', () => {
    const { steps, now } = history([
      (doc) => addNode(doc, { id: n('host'), kind: 'outcome', label: 'Host', x: 0, y: 0 }, ana),
      (doc) => addNode(doc, { id: n('ind'), kind: 'indicator', label: 'Measure', x: 0, y: 0, attachedTo: 'host' }, ben),
    ]);
    const reverted = revertChanges(now, [steps[0]!]);
    expect(mapJsonSchema.safeParse(reverted).success).toBe(true);
    expect(card(reverted, 'host')).toBeUndefined();
    expect(card(reverted, 'ind')!.attachedTo).toBeUndefined();
  });

  it('undoing the one step from a to b gives a back, whole or partial (property)', () => {
    fc.assert(
      fc.property(editedMapArbitrary, ([a, b]) => {
        expect(revertChanges(b, [{ before: a, after: b }])).toEqual(sortedContent(a));
        const reverted = revertChanges(b, [touched(a, b)]);
        expect(reverted).toEqual(sortedContent(a));
        expect(mapJsonSchema.safeParse(reverted).success).toBe(true);
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(mapJsonArbitrary, mapJsonArbitrary, (a, b) => {
        expect(revertChanges(b, [touched(a, b)])).toEqual(sortedContent(a));
      }),
      { numRuns: 300 },
    );
  }, 60_000);
});
