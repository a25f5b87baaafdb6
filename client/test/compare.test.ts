import { describe, expect, it } from 'vitest';
import { buildTemplate, type CardDiff, type LinkDiff, type MapDiff, type MapJSON } from '@loopmap/shared';
import { compareOverlay, describeCounts } from '../src/canvas/compareMarks.ts';
import { describeFieldChange, summariseList } from '../src/canvas/changeText.ts';
import { translator, useCatalogue } from './catalogue.ts';

await useCatalogue('en');
const en = translator('en', 'history');
import { projectMap } from '../src/canvas/projectMap.ts';

const later = (): MapJSON => buildTemplate('logic-model', { title: 'Later', today: '2026-03-12' });

function diffOf(map: MapJSON): { diff: MapDiff; ids: Record<string, string> } {
  const standing = map.nodes.filter((n) => !n.attachedTo && n.kind !== 'group');
  const [added, changed, moved] = standing;
  const link = map.edges[0]!;
  const removedCard = { id: 'gone1', kind: 'outcome' as const, label: 'Old outcome', x: 10, y: 20 };
  const removedAttached = { ...removedCard, id: 'gone2', kind: 'assumption' as const, attachedTo: link.id };
  const card = (partial: Partial<CardDiff> & Pick<CardDiff, 'id' | 'state'>): CardDiff => ({
    kind: 'outcome',
    label: '',
    before: null,
    after: null,
    moved: false,
    fields: [],
    ...partial,
  });
  const cards: CardDiff[] = [
    card({ id: added!.id, state: 'added', after: added! }),
    card({
      id: changed!.id,
      state: 'changed',
      before: { ...changed!, label: 'Before' },
      after: changed!,
      fields: [{ field: 'label', label: 'Title', before: 'Before', after: changed!.label }],
    }),
    card({ id: moved!.id, state: 'changed', before: { ...moved!, x: -999, y: -888 }, after: moved!, moved: true }),
    card({ id: 'gone1', state: 'removed', before: removedCard }),
    card({ id: 'gone2', state: 'removed', before: removedAttached }),
  ];
  const links: LinkDiff[] = [
    {
      id: 'gonelink',
      state: 'removed',
      source: 'gone1',
      target: added!.id,
      before: { id: 'gonelink', source: 'gone1', target: added!.id, rationale: 'Because' },
      after: null,
      fields: [],
    },
    { id: link.id, state: 'added', source: link.source, target: link.target, before: null, after: link, fields: [] },
  ];
  return {
    diff: { meta: [], cards, links, counts: { added: 2, removed: 3, changed: 1, moved: 1 } },
    ids: { added: added!.id, changed: changed!.id, moved: moved!.id, link: link.id },
  };
}

describe('compareOverlay', () => {
  it('marks what differs and puts what was removed back as ghosts, attached ones standing alone', () => {
    const map = later();
    const { diff, ids } = diffOf(map);
    const overlay = compareOverlay(map, diff);
    expect(overlay.marks.get(ids.added!)).toEqual({ states: ['added'] });
    expect(overlay.marks.get(ids.changed!)).toEqual({ states: ['changed'] });
    expect(overlay.marks.get(ids.moved!)).toEqual({ states: ['moved'], was: { x: -999, y: -888 } });
    expect(overlay.marks.get('gone1')).toEqual({ states: ['removed'] });
    expect(overlay.marks.get('gonelink')).toEqual({ states: ['removed'] });
    expect(overlay.marks.get(ids.link!)).toEqual({ states: ['added'] });
    expect(overlay.map.nodes.find((n) => n.id === 'gone2')?.attachedTo).toBeUndefined();

    const { nodes, edges } = projectMap(overlay.map, { marks: overlay.marks });
    const ghost = nodes.find((n) => n.id === 'gone1')!;
    expect(ghost.className).toContain('mark--removed');
    expect(ghost.ariaLabel).toMatch(/^Removed: /);
    expect(nodes.find((n) => n.id === 'gone2')).toBeDefined();
    expect(edges.find((e) => e.id === 'gonelink')?.data?.mark).toBe('removed');
    expect(nodes.find((n) => n.id === `${ids.moved}~was`)?.position).toEqual({ x: -999, y: -888 });
  });

  it('leaves the later map as it is when nothing was removed', () => {
    const map = later();
    expect(
      compareOverlay(map, { meta: [], cards: [], links: [], counts: { added: 0, removed: 0, changed: 0, moved: 0 } })
        .map,
    ).toBe(map);
  });

  it('words the counts', () => {
    expect(describeCounts(en, { added: 5, removed: 2, changed: 7, moved: 3 })).toBe(
      '5 added, 2 removed, 7 changed, 3 moved',
    );
    expect(describeCounts(en, { added: 0, removed: 1, changed: 0, moved: 0 })).toBe('1 removed');
    expect(describeCounts(en, { added: 0, removed: 0, changed: 0, moved: 0 })).toBe('No changes');
  });
});

describe('describeFieldChange', () => {
  it('shows texts before and after, unset as null', () => {
    expect(describeFieldChange({ field: 'label', label: 'Title', before: 'Old', after: 'New' }, en)).toEqual({
      kind: 'values',
      label: 'Title',
      before: 'Old',
      after: 'New',
    });
    expect(
      describeFieldChange({ field: 'baseline', label: 'Baseline', before: undefined, after: '40%' }, en),
    ).toMatchObject({
      before: null,
      after: '40%',
    });
  });

  it('summarises lists by what was added, removed and changed in them', () => {
    const r = (id: string, value = '1') => ({ id, date: '2026-01-01', value, note: '', by: 'Ana' });
    expect(summariseList(en, 'readings', 'Readings', [r('a')], [r('a'), r('b'), r('c')])).toBe('2 readings added');
    expect(summariseList(en, 'readings', 'Readings', [r('a'), r('b')], [r('a', '2')])).toBe(
      '1 reading removed, 1 reading changed',
    );
    expect(summariseList(en, 'tags', 'Tags', ['x'], ['y'])).toBe('1 tag added, 1 tag removed');
    expect(
      describeFieldChange({ field: 'lanes', label: 'Lanes', before: undefined, after: { bounds: [] } }, en),
    ).toEqual({
      kind: 'summary',
      // The catalogue's name for the field (domain:field.lanes) wins over the diff's own label.
      label: 'Level swimlanes',
      text: 'added',
    });
  });
});
