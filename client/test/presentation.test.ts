import { describe, expect, it } from 'vitest';
import type { PresentationStep } from '@loopmap/shared';
import {
  PRESENTATION_START,
  goToStep,
  moveStep,
  stepCaption,
  stepIndex,
  stepKindLabel,
} from '../src/canvas/presentation.ts';
import { i18next } from '../src/i18n/i18n.ts';
import { useCatalogue } from './catalogue.ts';

await useCatalogue('en');

const step = (cardId: string, title = `Card ${cardId}`): PresentationStep => ({
  cardId,
  kind: cardId === 'a' ? 'impact' : 'outcome',
  title,
  effectId: null,
  linkId: null,
  onPathway: true,
});
const steps = [step('a', 'Pupils learn more'), step('b'), step('c')];

describe('presentation steps', () => {
  it('starts at the overview and steps on to the first card, then the next', () => {
    expect(stepIndex(steps, PRESENTATION_START)).toBe(-1);
    const first = moveStep(steps, PRESENTATION_START, 1);
    expect(first).toEqual({ at: 'a' });
    expect(moveStep(steps, first, 1)).toEqual({ at: 'b' });
  });

  it('goes back from the first step to the overview, and stays at either end', () => {
    expect(moveStep(steps, { at: 'a' }, -1)).toEqual({ at: null });
    expect(moveStep(steps, { at: null }, -1)).toEqual({ at: null });
    expect(moveStep(steps, { at: 'c' }, 1)).toEqual({ at: 'c' });
  });

  it('starts again from the top when the card on screen has gone', () => {
    expect(stepIndex(steps, { at: 'gone' })).toBe(-1);
    expect(moveStep(steps, { at: 'gone' }, 1)).toEqual({ at: 'a' });
  });

  it('goes to a step by number, and to the overview outside the steps', () => {
    expect(goToStep(steps, 2)).toEqual({ at: 'c' });
    expect(goToStep(steps, 7)).toEqual({ at: null });
    expect(goToStep([], 0)).toEqual({ at: null });
  });

  it('says where the presentation is', () => {
    const t = i18next.t;
    expect(stepCaption(steps, 0, t)).toBe('Step 1 of 3: Pupils learn more');
    expect(stepKindLabel(steps, 0)).toBe('Impact');
    expect(stepCaption(steps, -1, t)).toBe('The whole map: 3 steps. Press → to begin.');
    expect(stepCaption(steps.slice(0, 1), -1, t)).toBe('The whole map: 1 step. Press → to begin.');
    expect(stepKindLabel(steps, -1)).toBeNull();
    expect(stepCaption([], -1, t)).toBe('The map has no cards to step through yet.');
  });
});
