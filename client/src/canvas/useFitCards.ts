import { useCallback } from 'react';
import { getViewportForBounds, useReactFlow, useStoreApi, type Node } from '@xyflow/react';
import { cardBounds } from './cardBounds.ts';

export interface FitOptions {
  /** Only these cards (default: all). */
  ids?: readonly string[];
  padding?: number;
  maxZoom?: number;
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
    ({ ids, padding = 0.12, maxZoom = 1.2, duration = 0 }: FitOptions = {}) => {
      const wanted = ids ? new Set(ids) : null;
      const nodes = store.getNodes();
      const bounds = cardBounds(wanted ? nodes.filter((node) => wanted.has(node.id)) : nodes);
      const { width, height, minZoom } = flow.getState();
      if (!bounds || width === 0 || height === 0) return false;
      const viewport = getViewportForBounds(bounds, width, height, minZoom, maxZoom, padding);
      void setViewport(viewport, { duration });
      return true;
    },
    [flow, setViewport, store],
  );
}
