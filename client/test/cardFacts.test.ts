import { describe, expect, it } from 'vitest';
import { cardAccessibleName, cardFacts, type AssumptionReview, type NodeId } from '@loopmap/shared';
import { currentT } from '../src/i18n/domainText.ts';
import { cardView } from './cardView.ts';
import { useCatalogue } from './catalogue.ts';

await useCatalogue('en');

describe('cardAccessibleName', () => {
  const assumption = { id: 'a' as NodeId, kind: 'assumption' as const, label: 'Peers have time', x: 0, y: 0 };

  it('says an assumption nobody reviewed is not reviewed', () => {
    expect(cardAccessibleName(cardView(assumption), currentT)).toBe('Assumption: Peers have time. Not reviewed');
  });

  it('says a reviewed assumption’s latest state, which the card shows as a chip', () => {
    const reviews: AssumptionReview[] = [
      { id: 'r1', date: '2026-03-01', status: 'holds', note: '', by: 'Ana' },
      { id: 'r2', date: '2026-04-01', status: 'at-risk', note: 'Staff hours cut', by: 'Ben' },
    ];
    const fields = { ...cardView(assumption).fields, criticality: 'high' as const };
    expect(cardAccessibleName(cardView(assumption, { reviews, fields }), currentT)).toBe(
      'Assumption: Peers have time, at risk. High criticality',
    );
  });
});

describe('card facts in the interface’s language', () => {
  const indicator = { id: 'i' as NodeId, kind: 'indicator' as const, label: 'Pairs confiants', x: 0, y: 0 };
  const fields = { ...cardView(indicator).fields, baselineValue: '35', targetValue: '75', unit: '%' };

  it('says a card’s kind, facts and status in French and in Arabic', async () => {
    await useCatalogue('fr');
    try {
      const view = cardView(indicator, { fields: { ...fields, status: 'amber' } });
      expect(cardFacts(view, currentT)).toBe('Référence 35 % · Cible 75 %');
      expect(cardAccessibleName(view, currentT)).toBe(
        'Indicateur: Pairs confiants, statut orange. Référence 35 %, Cible 75 %',
      );
      await useCatalogue('ar');
      const risk = cardView({ ...indicator, kind: 'risk', label: '' }, { fields: { ...fields, likelihood: 'high' } });
      expect(cardAccessibleName(risk, currentT)).toBe('خطر: بلا عنوان بعد. الاحتمالية: مرتفع');
    } finally {
      await useCatalogue('en');
    }
  });
});
