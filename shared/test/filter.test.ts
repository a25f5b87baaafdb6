import { describe, expect, it } from 'vitest';
import {
  EMPTY_FILTER,
  cardMatchesFilter,
  foldSearchText,
  isFilterActive,
  matchingCards,
  matchingLinks,
  tagsInUse,
  type MapFilter,
  type MapGraph,
} from '../src/index.ts';
import { cardId, link, linkId, sketchMap, templateGraph } from './sketchMap.ts';

const filter = (parts: Partial<MapFilter>): MapFilter => ({ ...EMPTY_FILTER, ...parts });
const sorted = (set: ReadonlySet<string>): string[] => [...set].sort();

describe('isFilterActive', () => {
  it('is off for the empty filter and for blank text, on for words or any chosen value', () => {
    expect(isFilterActive(EMPTY_FILTER)).toBe(false);
    expect(isFilterActive(filter({ text: '   ' }))).toBe(false);
    expect(isFilterActive(filter({ text: 'trust' }))).toBe(true);
    expect(isFilterActive(filter({ statuses: ['unrated'] }))).toBe(true);
    expect(isFilterActive(filter({ tags: ['youth'] }))).toBe(true);
  });
});

describe('foldSearchText', () => {
  it('ignores case, accents and typographic apostrophes', () => {
    expect(foldSearchText('Región’s ÉLAN  Café')).toBe("region's elan cafe");
  });
});

describe('matchingCards by text', () => {
  const graph = sketchMap('theory-of-change', {
    es: { kind: 'outcome', label: 'Más jóvenes en la Región', narrative: 'Programas con la alcaldía' },
    en: { kind: 'outcome', label: 'Peers trust each other', tags: ['Youth'] },
    ind: { kind: 'indicator', label: 'Share of peers', source: 'Annual member survey', targetValue: '75' },
    // A note that was an indicator once keeps its source; the note does not show it.
    note: { kind: 'note', label: 'Was an indicator', source: 'Quarterly census' },
    apos: { kind: 'activity', label: 'Document each organisation’s practice' },
  });
  const search = (text: string): string[] => sorted(matchingCards(graph, filter({ text })));

  it('finds words in any case and without their accents', () => {
    expect(search('REGION')).toEqual(['es']);
    expect(search('jovenes')).toEqual(['es']);
    expect(search("organisation's")).toEqual(['apos']);
  });

  it('needs every word, anywhere in the card: title, narrative, tags', () => {
    expect(search('region alcaldia')).toEqual(['es']);
    expect(search('trust youth')).toEqual(['en']);
    expect(search('trust region')).toEqual([]);
  });

  it('reads the text fields a card shows, and not those it keeps from a former kind', () => {
    expect(search('annual survey')).toEqual(['ind']);
    expect(search('census')).toEqual([]);
  });

  it('matches every card on the canvas when nothing is asked', () => {
    expect(sorted(matchingCards(graph, EMPTY_FILTER))).toEqual(['apos', 'en', 'es', 'ind', 'note']);
  });
});

describe('matchingCards by facets', () => {
  const graph = sketchMap('theory-of-change', {
    o1: { kind: 'outcome', level: 'individual', status: 'green', capabilities: ['commit'], tags: ['Youth'] },
    o2: { kind: 'outcome', level: 'institutional', status: 'red', capabilities: ['adapt'] },
    o3: { kind: 'outcome', level: 'contextual', tags: ['youth', 'policy'] },
    p1: { kind: 'precondition', level: 'individual' },
    // An activity does not show a level: one kept from a former kind does not count.
    a1: { kind: 'activity', level: 'individual', status: 'green' },
    n1: { kind: 'note' },
  });
  const match = (parts: Partial<MapFilter>): string[] => sorted(matchingCards(graph, filter(parts)));

  it('takes any of the values chosen within one facet', () => {
    expect(match({ kinds: ['outcome', 'precondition'] })).toEqual(['o1', 'o2', 'o3', 'p1']);
    expect(match({ levels: ['individual', 'contextual'] })).toEqual(['o1', 'o3', 'p1']);
    expect(match({ capabilities: ['commit', 'adapt'] })).toEqual(['o1', 'o2']);
  });

  it('needs every facet to hold', () => {
    expect(match({ kinds: ['outcome'], levels: ['individual'] })).toEqual(['o1']);
    expect(match({ kinds: ['activity'], levels: ['individual'] })).toEqual([]);
    expect(match({ levels: ['individual'], statuses: ['green'], text: 'card' })).toEqual(['o1']);
  });

  it('finds cards without a status as unrated', () => {
    expect(match({ statuses: ['unrated'] })).toEqual(['n1', 'o3', 'p1']);
    expect(match({ statuses: ['red', 'unrated'], kinds: ['outcome'] })).toEqual(['o2', 'o3']);
  });

  it('compares tags without their case', () => {
    expect(match({ tags: ['YOUTH'] })).toEqual(['o1', 'o3']);
    expect(match({ tags: ['policy', 'youth'] })).toEqual(['o1', 'o3']);
  });
});

describe('matchingCards and attached cards', () => {
  const graph = templateGraph('learning-community');
  const id = (start: string): string => cardId(graph, start);

  it('lights the host of a matching attached card, never the attached card itself', () => {
    expect(sorted(matchingCards(graph, filter({ kinds: ['indicator'] })))).toEqual(
      [id('Member organisations adopt'), id('Peers trust'), id('Practitioners gain'), id('City policies')].sort(),
    );
    expect(sorted(matchingCards(graph, filter({ text: 'member survey' })))).toEqual([id('Member organisations adopt')]);
  });

  it('lights a link through what is attached to it, as cards do', () => {
    const found = matchingLinks(graph, filter({ text: 'time between calls' }));
    expect(sorted(found)).toEqual([linkId(graph, 'Monthly peer-learning', 'Peers trust')]);
    expect(matchingCards(graph, filter({ text: 'time between calls' })).size).toBe(0);
  });

  it('searches a link’s rationale and relation when only words are asked', () => {
    expect(sorted(matchingLinks(graph, filter({ text: 'safe space' })))).toEqual([
      linkId(graph, 'Monthly peer-learning', 'Peers trust'),
    ]);
    expect(sorted(matchingLinks(graph, filter({ text: 'feeds back' })))).toEqual([
      linkId(graph, 'Member organisations adopt', 'Peers trust'),
    ]);
    // Facets describe cards: with one chosen, a link's own words no longer light it.
    expect(matchingLinks(graph, filter({ text: 'safe space', kinds: ['outcome'] })).size).toBe(0);
  });

  it('matches every link on the canvas when nothing is asked', () => {
    expect(matchingLinks(graph, EMPTY_FILTER).size).toBe(graph.edges.length);
  });
});

describe('cardMatchesFilter', () => {
  it('judges one card by itself', () => {
    const graph: MapGraph = templateGraph('learning-community');
    const adopt = graph.nodeById.get(cardId(graph, 'Member organisations adopt'))!;
    expect(cardMatchesFilter(adopt, filter({ tags: ['Adoption'], levels: ['institutional'] }))).toBe(true);
    expect(cardMatchesFilter(adopt, filter({ kinds: ['indicator'] }))).toBe(false);
  });
});

describe('tagsInUse', () => {
  it('lists every tag once whatever its case, sorted, attached cards included', () => {
    const graph = sketchMap(
      'theory-of-change',
      {
        a: { kind: 'outcome', tags: ['Youth', 'policy'] },
        b: { kind: 'outcome', tags: ['youth', 'Arts'] },
        i: { kind: 'indicator', attachedTo: 'a', tags: ['survey'] },
      },
      { ab: link('a', 'b') },
    );
    expect(tagsInUse(graph)).toEqual(['Arts', 'policy', 'survey', 'Youth']);
    expect(tagsInUse(templateGraph('learning-community'))).toEqual(['adoption', 'trust']);
  });
});
