import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  EMPTY_FILTER,
  buildTemplate,
  fromMapJSON,
  readMapGraph,
  type MapFilter,
  type MapGraph,
  type TemplateId,
} from '@loopmap/shared';
import {
  canvasCardCount,
  clearChoices,
  countChosen,
  filterChoiceGroups,
  matchSummary,
  toggleChoice,
} from '../src/panels/filterChoices.ts';
import { FilterBar } from '../src/panels/FilterBar.tsx';
import { translator, useCatalogue } from './catalogue.ts';

await useCatalogue('en');
beforeAll(() => useCatalogue('en'));
const en = () => translator('en', 'outline');
const fr = () => translator('fr', 'outline');

const templateGraph = (id: TemplateId): MapGraph =>
  readMapGraph(fromMapJSON(buildTemplate(id, { title: 'Template', today: '2026-03-02' })));
const worked = templateGraph('learning-community');
const filter = (parts: Partial<MapFilter>): MapFilter => ({ ...EMPTY_FILTER, ...parts });

describe('filterChoiceGroups', () => {
  it('offers the kinds on the map, the levels, capabilities, statuses and the tags in use', () => {
    const groups = filterChoiceGroups(worked, EMPTY_FILTER, en());
    expect(groups.map((group) => group.legend)).toEqual(['Kind', 'Level', 'Capability', 'Status', 'Tag']);
    const labels = (facet: string): string[] =>
      groups.find((group) => group.facet === facet)!.choices.map((choice) => choice.label);
    expect(labels('kinds')).toEqual([
      'Impact',
      'Outcome',
      'Output',
      'Activity',
      'Assumption',
      'Indicator',
      'Evidence',
      'Risk',
      'Lesson',
    ]);
    expect(labels('statuses')).toEqual(['Red (off track)', 'Amber (at risk)', 'Green (on track)', 'No status']);
    expect(labels('tags')).toEqual(['adoption', 'trust']);
  });

  it('leaves out levels and capabilities on a partnership map, unless one is chosen', () => {
    const partnership = templateGraph('partnership');
    expect(filterChoiceGroups(partnership, EMPTY_FILTER, en()).map((group) => group.facet)).toEqual([
      'kinds',
      'statuses',
      'tags',
    ]);
    expect(
      filterChoiceGroups(partnership, filter({ levels: ['individual'] }), en()).map((group) => group.facet),
    ).toContain('levels');
  });

  it('checks what is chosen, and keeps offering a chosen value the map no longer has', () => {
    const groups = filterChoiceGroups(worked, filter({ kinds: ['note'], tags: ['TRUST', 'gone'] }), en());
    const kinds = groups.find((group) => group.facet === 'kinds')!.choices;
    expect(kinds.find((choice) => choice.value === 'note')).toMatchObject({ checked: true, label: 'Note' });
    const tags = groups.find((group) => group.facet === 'tags')!.choices;
    expect(tags.map((choice) => [choice.label, choice.checked])).toEqual([
      ['adoption', false],
      ['trust', true],
      ['gone', true],
    ]);
  });
});

describe('toggleChoice, countChosen, clearChoices', () => {
  it('adds and removes one value, tags whatever their case', () => {
    const one = toggleChoice(EMPTY_FILTER, 'kinds', 'outcome', true);
    expect(one.kinds).toEqual(['outcome']);
    expect(toggleChoice(one, 'kinds', 'outcome', false).kinds).toEqual([]);
    const tagged = toggleChoice(filter({ tags: ['Youth'] }), 'tags', 'youth', false);
    expect(tagged.tags).toEqual([]);
    expect(toggleChoice(filter({ tags: ['Youth'] }), 'tags', 'youth', true).tags).toEqual(['youth']);
  });

  it('counts chosen values, not the words searched for, and clears them keeping the words', () => {
    const chosen = filter({ text: 'trust', kinds: ['outcome', 'output'], statuses: ['unrated'] });
    expect(countChosen(chosen)).toBe(3);
    expect(clearChoices(chosen)).toEqual(filter({ text: 'trust' }));
  });
});

describe('matchSummary and canvasCardCount', () => {
  it('says how many of the cards on the canvas match', () => {
    expect(canvasCardCount(worked)).toBe(13);
    expect(matchSummary(3, 13, en())).toBe('3 of 13 cards match');
    expect(matchSummary(1, 13, en())).toBe('1 of 13 cards matches');
    expect(matchSummary(1, 1, en())).toBe('1 of 1 card matches');
    expect(matchSummary(0, 0, en())).toBe('No cards yet');
  });

  it('says it in French, the noun agreeing with the cards that match', () => {
    expect(matchSummary(3, 13, fr())).toBe('3 fiches sur 13 correspondent');
    expect(matchSummary(1, 13, fr())).toBe('1 fiche sur 13 correspond');
    expect(filterChoiceGroups(worked, EMPTY_FILTER, fr()).map((group) => group.legend)).toEqual([
      'Type',
      'Niveau',
      'Capacité',
      'Statut',
      'Étiquette',
    ]);
  });
});

describe('FilterBar', () => {
  const render = (value: MapFilter, matchCount: number): string =>
    renderToStaticMarkup(
      createElement(FilterBar, { graph: worked, filter: value, onChange: () => undefined, matchCount }),
    );

  it('labels the search field and says how many cards match, politely, only while filtering', () => {
    const idle = render(EMPTY_FILTER, 13);
    expect(idle).toContain('aria-label="Search cards"');
    expect(idle).toMatch(/aria-live="polite"><\/p>/);
    const filtering = render(filter({ kinds: ['outcome', 'impact'] }), 7);
    expect(filtering).toMatch(/aria-live="polite">7 of 13 cards match</);
    expect(filtering).toContain('aria-label="Filter, 2 chosen"');
    expect(filtering).toContain('aria-expanded="false"');
  });
});
