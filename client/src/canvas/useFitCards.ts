import { useCallback } from 'react';
import { getViewportForBounds, useReactFlow, useStoreApi, type Node } from '@xyflow/react';
import type { XY } from '../collab/presence.ts';
import { prefersReducedMotion } from './animatePositions.ts';
import { cardBounds } from './cardBounds.ts';
import { openingView, type OpeningCard } from './openingView.ts';
import { CARD_HEIGHT, CARD_WIDTH } from './toFlow.ts';

const PADDING = 0.12;
const MAX_ZOOM = 1.2;

export interface FitOptions {
  /** Only these cards (default: all). */
  ids?: readonly string[];
  /** Where cards are about to be (a layout being animated): used instead of where they are drawn. */
  at?: ReadonlyMap<string, XY>;
  padding?: number;
  maxZoom?: number;
  /** Animation in ms; none for users who ask for reduced motion. */
  duration?: number;
}

/**
 * Fits cards in view (see cardBounds for why not React Flow's fitView). Returns false when it
 * could not yet: no cards, or the canvas has no size yet.
 */
export function useFitCards(store: { getNodes(): readonly Node[] }): (options?: FitOptions) => boolean {
  const flow = useStoreApi();
  const { setViewport } = useReactFlow();
  return useCallback(
    ({ ids, at, padding = PADDING, maxZoom = MAX_ZOOM, duration = 0 }: FitOptions = {}) => {
      const wanted = ids ? new Set(ids) : null;
      const nodes = store.getNodes();
      const chosen = wanted ? nodes.filter((node) => wanted.has(node.id)) : nodes;
      const bounds = cardBounds(at ? chosen.map((node) => movedTo(node, at)) : chosen);
      const { width, height, minZoom } = flow.getState();
      if (!bounds || width === 0 || height === 0) return false;
      const viewport = getViewportForBounds(bounds, width, height, minZoom, maxZoom, padding);
      void setViewport(viewport, { duration: prefersReducedMotion() ? 0 : duration });
      return true;
    },
    [flow, setViewport, store],
  );
}

/** The card where `at` puts it, its size kept. */
function movedTo(node: Node, at: ReadonlyMap<string, XY>): Node {
  const position = at.get(node.id);
  return position ? { ...node, position } : node;
}

/**
 * Shows a map as it opens: the whole of it where its titles stay readable, else the top of the
 * chain at a readable zoom (see openingView). Returns false when it could not yet.
 */
export function useFitOpening(store: { getNodes(): readonly Node[] }): () => boolean {
  const flow = useStoreApi();
  const { setViewport } = useReactFlow();
  const fitCards = useFitCards(store);
  return useCallback(() => {
    const nodes = store.getNodes();
    const bounds = cardBounds(nodes);
    const { width, height, minZoom } = flow.getState();
    if (!bounds || width === 0 || height === 0) return false;
    const fitted = getViewportForBounds(bounds, width, height, minZoom, MAX_ZOOM, PADDING).zoom;
    const view = openingView(nodes.map(openingCard), { width, height }, fitted);
    if (view === 'all') return fitCards();
    void setViewport(view);
    return true;
  }, [flow, setViewport, store, fitCards]);
}

function openingCard(node: Node): OpeningCard {
  return {
    rect: {
      ...node.position,
      width: node.measured?.width ?? CARD_WIDTH,
      height: node.measured?.height ?? CARD_HEIGHT,
    },
    impact: node.data.kind === 'impact',
  };
}
