import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { readMapGraph } from '@loopmap/shared';
import type { XY } from '../collab/presence.ts';
import type { MapEditor } from '../collab/MapEditor.ts';
import { animatePositions } from './animatePositions.ts';
import { loadLayoutEngine } from './layoutEngine.ts';
import type { FlowStore } from './FlowStore.ts';
import { useFitCards } from './useFitCards.ts';

/** How long the cards take to reach their new places, and the view to follow them (ms). */
const LAYOUT_MOTION = 450;

export interface AutoLayout {
  /** Lays out the selected cards (two or more), else the whole map. */
  run: () => Promise<void>;
  busy: boolean;
}

/**
 * Automatic layout (shared `autoLayout`, elkjs): computes new positions for the cards on the
 * canvas (or the selection), writes them, the refitted frames, the lanes and the levels of the
 * cards it placed in a lane as ONE change (one undo step, one message to peers), then animates
 * this user's canvas from the old positions to the new ones while the view moves to take in where
 * they end up (the whole map, or the laid-out selection): a layout must never leave the map off
 * screen.
 */
export function useAutoLayout(
  editor: MapEditor,
  store: FlowStore,
  onNotice: (message: string) => void,
  onDone?: (ids: readonly string[]) => void,
): AutoLayout {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const animation = useRef<{ cancel: () => void } | null>(null);
  const fitCards = useFitCards(store);
  useEffect(() => () => animation.current?.cancel(), []);

  const run = useCallback(async () => {
    if (editor.isReadOnly) return;
    const selection = store.getSelection();
    const only = selection.length > 1 ? new Set(selection) : undefined;
    const nodes = store.getNodes();
    const sizes = new Map(
      nodes
        .filter((node) => node.measured?.width && node.measured.height)
        .map((node) => [node.id, { width: node.measured!.width!, height: node.measured!.height! }]),
    );
    setBusy(true);
    try {
      const { autoLayout } = await loadLayoutEngine();
      const graph = readMapGraph(editor.doc);
      const result = await autoLayout(graph, { only, sizes });
      if (result.positions.length === 0) {
        onNotice(t('canvas:layout.nothing'));
        return;
      }
      const from = new Map<string, XY>(nodes.map((node) => [node.id, { ...node.position }]));
      const to = new Map<string, XY>(result.positions.map(({ id, x, y }) => [id, { x, y }]));
      for (const frame of result.frames) to.set(frame.id, { x: frame.x, y: frame.y });
      animation.current?.cancel();
      editor.applyLayout(result);
      animation.current = animatePositions(store, from, to, LAYOUT_MOTION);
      fitCards({ ids: only ? [...to.keys()] : undefined, at: to, duration: LAYOUT_MOTION });
      const count = result.positions.length;
      onNotice(t('canvas:layout.done', { count }));
      onDone?.(result.positions.map((position) => position.id));
    } catch (error) {
      onNotice(t('canvas:layout.failed', { reason: error instanceof Error ? error.message : String(error) }));
    } finally {
      setBusy(false);
    }
  }, [editor, store, onNotice, onDone, fitCards, t]);

  return { run, busy };
}
