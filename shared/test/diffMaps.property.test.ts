import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyMapDiff, diffMaps, isEmptyDiff, mapJsonSchema } from '../src/index.ts';
import { mapJsonArbitrary } from './mapJsonArbitrary.ts';
import { editedMapArbitrary, sortedContent } from './mapEdits.ts';

describe('diffMaps and applyMapDiff (properties)', () => {
  it('the edited pairs are valid maps (so the other properties test what they claim)', () => {
    fc.assert(
      fc.property(editedMapArbitrary, ([a, b]) => {
        expect(mapJsonSchema.safeParse(a).success).toBe(true);
        expect(mapJsonSchema.safeParse(b).success).toBe(true);
      }),
      { numRuns: 200 },
    );
  }, 60_000);

  it('applying the diff of a and b to a gives b, for unrelated maps', () => {
    fc.assert(
      fc.property(mapJsonArbitrary, mapJsonArbitrary, (a, b) => {
        expect(sortedContent(applyMapDiff(a, diffMaps(a, b)))).toEqual(sortedContent(b));
      }),
      { numRuns: 300 },
    );
  }, 60_000);

  it('applying the diff of a and b to a gives b, for b a few edits away from a', () => {
    fc.assert(
      fc.property(editedMapArbitrary, ([a, b]) => {
        const diff = diffMaps(a, b);
        expect(sortedContent(applyMapDiff(a, diff))).toEqual(sortedContent(b));
        // The reverse diff undoes it.
        expect(sortedContent(applyMapDiff(b, diffMaps(b, a)))).toEqual(sortedContent(a));
      }),
      { numRuns: 300 },
    );
  }, 60_000);

  it('a map compared with itself (or an equal copy) has no difference', () => {
    fc.assert(
      fc.property(mapJsonArbitrary, (a) => {
        expect(isEmptyDiff(diffMaps(a, a))).toBe(true);
        const copy = JSON.parse(JSON.stringify(a)) as typeof a;
        const diff = diffMaps(a, copy);
        expect(diff).toEqual({
          meta: [],
          cards: [],
          links: [],
          counts: { added: 0, removed: 0, changed: 0, moved: 0 },
        });
      }),
      { numRuns: 200 },
    );
  }, 60_000);

  it('is deterministic and sorted by id', () => {
    fc.assert(
      fc.property(editedMapArbitrary, ([a, b]) => {
        const diff = diffMaps(a, b);
        const reordered = { ...b, nodes: [...b.nodes].reverse(), edges: [...b.edges].reverse() };
        expect(diffMaps(a, reordered)).toEqual(diff);
        const ids = diff.cards.map((card) => card.id);
        expect(ids).toEqual([...ids].sort());
        const linkIds = diff.links.map((link) => link.id);
        expect(linkIds).toEqual([...linkIds].sort());
      }),
      { numRuns: 100 },
    );
  }, 60_000);
});
