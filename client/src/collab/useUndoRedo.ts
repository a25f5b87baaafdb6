import { useCallback, useMemo, useRef, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';

export interface UndoRedo {
  canUndo: boolean;
  canRedo: boolean;
  undo: () => void;
  redo: () => void;
}

/** Undo and redo of the local user's own changes (the UndoManager tracks only their origin). */
export function useUndoRedo(undoManager: Y.UndoManager): UndoRedo {
  const cache = useRef<{ canUndo: boolean; canRedo: boolean } | null>(null);
  const subscribe = useCallback(
    (listener: () => void) => {
      const onChange = (): void => {
        const next = { canUndo: undoManager.canUndo(), canRedo: undoManager.canRedo() };
        if (next.canUndo === cache.current?.canUndo && next.canRedo === cache.current.canRedo) return;
        cache.current = next;
        listener();
      };
      const events = ['stack-item-added', 'stack-item-popped', 'stack-cleared'] as const;
      for (const event of events) undoManager.on(event, onChange);
      return () => {
        for (const event of events) undoManager.off(event, onChange);
      };
    },
    [undoManager],
  );
  const getSnapshot = useCallback(() => {
    cache.current ??= { canUndo: undoManager.canUndo(), canRedo: undoManager.canRedo() };
    return cache.current;
  }, [undoManager]);
  const state = useSyncExternalStore(subscribe, getSnapshot);
  return useMemo(
    () => ({ ...state, undo: () => void undoManager.undo(), redo: () => void undoManager.redo() }),
    [state, undoManager],
  );
}
