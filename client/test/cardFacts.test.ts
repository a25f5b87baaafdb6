import { describe, expect, it } from 'vitest';
import { cardAccessibleName, type AssumptionReview, type NodeId } from '@loopmap/shared';
import { cardView } from './cardView.ts';

describe('cardAccessibleName', () => {
  const assumption = { id: 'a' as NodeId, kind: 'assumption' as const, label: 'Peers have time', x: 0, y: 0 };

  it('says an assumption nobody reviewed is not reviewed', () => {
    expect(cardAccessibleName(cardView(assumption))).toBe('Assumption: Peers have time. Not reviewed');
  });

  it('says a reviewed assumption’s latest state, which the card shows as a chip', () => {
    const reviews: AssumptionReview[] = [
      { id: 'r1', date: '2026-03-01', status: 'holds', note: '', by: 'Ana' },
      { id: 'r2', date: '2026-04-01', status: 'at-risk', note: 'Staff hours cut', by: 'Ben' },
    ];
    const fields = { ...cardView(assumption).fields, criticality: 'high' as const };
    expect(cardAccessibleName(cardView(assumption, { reviews, fields }))).toBe(
      'Assumption: Peers have time, at risk. High criticality',
    );
  });
});
