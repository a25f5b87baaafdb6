import { describe, expect, it } from 'vitest';
import { LANGUAGES, TEMPLATE_IDS, buildTemplate, templateWords, type MapJSON } from '@loopmap/shared';
import { translatorFor } from '../src/i18n.ts';

/**
 * Templates in the language a map is made in (issue 13): every word from the catalogue through
 * the server's real i18next, the structure (kinds, places, choices, links) the same in each.
 */
const options = { title: 'Carte', today: '2026-03-02' };

/** The map without its words: what must not change from one language to another. */
function shape(map: MapJSON) {
  const cards = new Map(
    map.nodes.map(
      ({ id, label: _label, narrative: _narrative, tags, attachedTo, reviews, readings, health, ...rest }) => [
        id,
        JSON.stringify({
          ...Object.fromEntries(
            Object.entries(rest)
              .filter(
                ([key]) => !['id', 'unit', 'source', 'verification', 'citation', 'homeOrganisation'].includes(key),
              )
              .sort(),
          ),
          tags: tags?.length ?? 0,
          attached: attachedTo !== undefined,
          reviews: reviews?.map((review) => [review.date, review.status]),
          readings: readings?.map((reading) => [reading.date, reading.value]),
          health: health?.map((rating) => [rating.date, rating.dimension, rating.rating]),
        }),
      ],
    ),
  );
  return {
    meta: map.meta,
    nodes: [...cards.values()],
    edges: map.edges.map((edge) => [cards.get(edge.source), edge.relation ?? null, cards.get(edge.target)]),
  };
}

/** Every text a template writes: titles, narratives, rationales, field texts, tags, names, notes. */
function words(map: MapJSON): string[] {
  return [
    ...map.nodes.flatMap((node) => [
      node.label,
      node.narrative ?? '',
      node.unit ?? '',
      node.source ?? '',
      node.verification ?? '',
      node.citation ?? '',
      node.homeOrganisation ?? '',
      ...(node.tags ?? []),
      ...(node.reviews ?? []).flatMap((review) => [review.note, review.by]),
      ...(node.readings ?? []).flatMap((reading) => [reading.note, reading.by]),
      ...(node.health ?? []).map((rating) => rating.by),
    ]),
    ...map.edges.map((edge) => edge.rationale),
  ].filter((text) => text !== '' && text !== '%');
}

describe('templates in the five languages', () => {
  const english = translatorFor('en', 'domain');
  const french = translatorFor('fr', 'domain');

  for (const id of TEMPLATE_IDS) {
    it(`builds ${id} in French with French words and the English structure`, () => {
      const inEnglish = buildTemplate(id, { ...options, t: english });
      const inFrench = buildTemplate(id, { ...options, t: french });
      expect(shape(inFrench)).toEqual(shape(inEnglish));
      expect(words(inFrench)).toHaveLength(words(inEnglish).length);
      // No sentence left in English (a single word may be the same: the tag "adoption").
      const englishWords = new Set(words(inEnglish));
      expect(words(inFrench).filter((text) => englishWords.has(text) && text.includes(' '))).toEqual([]);
      // Without a translator, the builder writes the catalogue's English.
      expect(words(buildTemplate(id, options))).toEqual(words(inEnglish));
    });
  }

  it('writes the worked example’s cards, links and entries from the French catalogue', () => {
    const map = buildTemplate('learning-community', { ...options, t: french });
    const labels = map.nodes.map((node) => node.label);
    expect(labels).toContain('Les jeunes des villes membres trouvent un travail décent');
    expect(labels).toContain('Les pairs se font confiance et partagent ouvertement leurs échecs');
    expect(map.edges.map((edge) => edge.rationale)).toContain(
      'Se réunir régulièrement dans un espace sûr crée la confiance',
    );
    const assumption = map.nodes.find((node) => node.label === 'Les pairs ont le temps de participer entre les appels');
    expect(assumption?.reviews?.[0]).toMatchObject({
      status: 'at-risk',
      note: 'Deux villes ont réduit les heures de leur personnel cette année.',
      by: 'Facilitateur',
    });
    expect(map.nodes.flatMap((node) => node.tags ?? [])).toEqual(['adoption', 'confiance']);
  });

  it('names every template in every language', () => {
    for (const language of LANGUAGES) {
      const t = translatorFor(language, 'domain');
      const names = TEMPLATE_IDS.map((id) => templateWords(id, t).name);
      expect(new Set(names).size).toBe(TEMPLATE_IDS.length);
      if (language !== 'en') expect(names).not.toContain(templateWords('logic-model').name);
    }
    expect(templateWords('partnership', translatorFor('ar', 'domain'))).toEqual({
      name: 'خريطة الشراكات',
      description: 'أمانة وجهة مموّلة ومحفّز ومنظمات أعضاء، مع العلاقات بينها.',
    });
  });
});
