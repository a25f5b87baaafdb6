import type { NodeView } from '../doc/layout.ts';
import type { NodeKind } from '../model/kinds.ts';
import { canvasIndexOf } from '../analysis/canvasIndex.ts';
import { cardTitle } from '../analysis/cardTitle.ts';
import type { MapGraph } from '../analysis/graph.ts';
import { buildPathways, forEachStep } from './report.ts';

/** One stop of a presentation: a card, shown with the card it leads to on its pathway. */
export interface PresentationStep {
  cardId: string;
  kind: NodeKind;
  /** The card's title on one line, as the caption names it. */
  title: string;
  /** The card this one leads to on its pathway; null for the top of a pathway and for cards on none. */
  effectId: string | null;
  /** The link from this card to `effectId`; null when there is none. */
  linkId: string | null;
  /** False for the cards presented at the end: on no pathway (actors, risks, notes, ...). */
  onPathway: boolean;
}

/**
 * The order a map is presented in: the pathways as the report reads them (see buildPathways),
 * each impact first and then down its chain (outcomes, outputs, activities, preconditions) depth
 * first, so one pathway is told from top to bottom before the next begins; each card once, where
 * the report lists its causes. Then the cards on no pathway, top to bottom and left to right as
 * they stand on the canvas. Frames are places, not points: they are not steps. Attached cards are
 * drawn as part of their host and are not steps either.
 */
export function presentationSteps(graph: MapGraph): PresentationStep[] {
  const index = canvasIndexOf(graph);
  const steps: PresentationStep[] = [];
  const seen = new Set<string>();
  const parents: string[] = [];
  forEachStep(buildPathways(graph, index), (step, depth) => {
    parents.length = depth;
    const effectId = depth > 0 ? (parents[depth - 1] ?? null) : null;
    parents.push(step.cardId);
    if (seen.has(step.cardId)) return;
    seen.add(step.cardId);
    const card = graph.nodeById.get(step.cardId)!;
    steps.push({
      cardId: step.cardId,
      kind: card.kind,
      title: cardTitle(card),
      effectId,
      linkId: step.link?.id ?? null,
      onPathway: true,
    });
  });
  const rest = index.cards.filter((card) => !seen.has(card.id) && card.kind !== 'group').sort(byReadingOrder);
  for (const card of rest) {
    steps.push({
      cardId: card.id,
      kind: card.kind,
      title: cardTitle(card),
      effectId: null,
      linkId: null,
      onPathway: false,
    });
  }
  return steps;
}

/** The cards and link a step shows together (everything else is dimmed while it is shown). */
export function presentationStepElements(step: PresentationStep): string[] {
  const ids = [step.cardId];
  if (step.effectId !== null) ids.push(step.effectId);
  if (step.linkId !== null) ids.push(step.linkId);
  return ids;
}

const byReadingOrder = (a: NodeView, b: NodeView): number =>
  a.y - b.y || a.x - b.x || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
