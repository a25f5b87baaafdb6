import type { TFunction } from 'i18next';
import { type PresentationStep } from '@loopmap/shared';
import { kindLabel } from '../i18n/domainText.ts';

/**
 * Where a presentation stands: the card of the step on screen, or null for the overview (the
 * whole map, before the first step). A card id rather than a step number, so the place survives
 * a peer's edit that adds or removes steps before it. This is the whole of what a presenter would
 * broadcast for others to follow (facilitation): everything else derives from it and the map.
 */
export interface PresentationState {
  at: string | null;
}

export const PRESENTATION_START: PresentationState = { at: null };

/** The index of the step on screen; -1 for the overview (and when its card has gone). */
export function stepIndex(steps: readonly PresentationStep[], state: PresentationState): number {
  return state.at === null ? -1 : steps.findIndex((step) => step.cardId === state.at);
}

/**
 * One step on or back. Back from the first step is the overview; on from the last stays there.
 * When the card on screen has gone, on starts again from the top.
 */
export function moveStep(
  steps: readonly PresentationStep[],
  state: PresentationState,
  delta: 1 | -1,
): PresentationState {
  const next = Math.min(steps.length - 1, Math.max(-1, stepIndex(steps, state) + delta));
  return goToStep(steps, next);
}

/** The state showing step `index` (-1, or anything outside the steps: the overview). */
export function goToStep(steps: readonly PresentationStep[], index: number): PresentationState {
  return { at: steps[index]?.cardId ?? null };
}

/** What the caption says: "Step 3 of 12: Teachers share practice", or how to begin. */
export function stepCaption(steps: readonly PresentationStep[], index: number, t: TFunction): string {
  const step = steps[index];
  if (!step) {
    if (steps.length === 0) return t('map:presentation.caption.empty');
    return t('map:presentation.caption.overview', { count: steps.length });
  }
  return t('map:presentation.caption.step', { number: index + 1, total: steps.length, title: step.title });
}

/** The kind of the step's card, as a tag beside the caption (null for the overview). */
export function stepKindLabel(steps: readonly PresentationStep[], index: number): string | null {
  const step = steps[index];
  return step ? kindLabel(step.kind) : null;
}
