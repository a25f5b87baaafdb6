import { useCallback, useEffect, useRef, useState } from 'react';
import { autoLayout, readMapGraph } from '@loopmap/shared';
import type { XY } from '../collab/presence.ts';
import type { MapEditor } from '../collab/MapEditor.ts';
import { animatePositions } from './animatePositions.ts';
import type { FlowStore } from './FlowStore.ts';

export interface AutoLayout {
  /** Lays out the selected cards (two or more), else the whole map. */
  run: () => Promise<void>;
  busy: boolean;
}

/**
 * Automatic layout (shared `autoLayout`, elkjs): computes new positions for the cards on the
 * canvas (or the selection), writes them, the refitted frames, the lanes and the levels of the
 * cards it placed in a lane as ONE change (one undo step, one message to peers), then animates this user's canvas from the old positions to
 * the new ones.
 */
export function useAutoLayout(
  editor: MapEditor,
  store: FlowStore,
  onNotice: (message: string) => void,
  onDone?: (ids: readonly string[]) => void,
): AutoLayout {
  const [busy, setBusy] = useState(false);
  const animation = useRef<{ cancel: () => void } | null>(null);
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
      const graph = readMapGraph(editor.doc);
      const result = await autoLayout(graph, { only, sizes });
      if (result.positions.length === 0) {
        onNotice('Nothing to lay out yet.');
        return;
      }
      const from = new Map<string, XY>(nodes.map((node) => [node.id, { ...node.position }]));
      const to = new Map<string, XY>(result.positions.map(({ id, x, y }) => [id, { x, y }]));
      for (const frame of result.frames) to.set(frame.id, { x: frame.x, y: frame.y });
      animation.current?.cancel();
      editor.applyLayout(result);
      animation.current = animatePositions(store, from, to);
      const count = result.positions.length;
      onNotice(`Laid out ${count} card${count === 1 ? '' : 's'}. Undo puts them back.`);
      onDone?.(result.positions.map((position) => position.id));
    } catch (error) {
      onNotice(`The layout failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      setBusy(false);
    }
  }, [editor, store, onNotice, onDone]);

  return { run, busy };
}
