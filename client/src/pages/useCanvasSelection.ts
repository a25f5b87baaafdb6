import { useCallback, useRef, useSyncExternalStore } from 'react';
import type { FlowStore } from '../canvas/FlowStore.ts';

export interface CanvasSelection {
  nodes: readonly string[];
  edges: readonly string[];
  /** The one selected card or link, or null when none or several are. */
  sole: { kind: 'node' | 'link'; id: string } | null;
}

/** The canvas selection, as one object that changes only when the selection does. */
export function useCanvasSelection(store: FlowStore): CanvasSelection {
  const last = useRef<CanvasSelection | null>(null);
  const getSnapshot = useCallback(() => {
    const nodes = store.getSelection();
    const edges = store.getSelectedEdges();
    const prev = last.current;
    if (prev && prev.nodes === nodes && prev.edges === edges) return prev;
    const sole =
      nodes.length === 1 && edges.length === 0
        ? { kind: 'node' as const, id: nodes[0]! }
        : nodes.length === 0 && edges.length === 1
          ? { kind: 'link' as const, id: edges[0]! }
          : null;
    return (last.current = { nodes, edges, sole });
  }, [store]);
  return useSyncExternalStore(store.subscribe, getSnapshot);
}
