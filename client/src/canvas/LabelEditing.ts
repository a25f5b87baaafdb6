import { useCallback, useSyncExternalStore } from 'react';

/**
 * Which card or link label is open for editing, if any (at most one). A tiny store rather than
 * node data, so opening an editor re-renders only the card concerned, not the projection.
 */
export class LabelEditing {
  private current: string | null = null;
  private enabled = true;
  private readonly listeners = new Set<() => void>();

  get editingId(): string | null {
    return this.current;
  }

  /** Read-only maps open no editor (double-click, Enter, F2 do nothing); an open one closes. */
  setEnabled(enabled: boolean): void {
    this.enabled = enabled;
    if (!enabled) this.set(null);
  }

  start(id: string): void {
    if (this.enabled) this.set(id);
  }

  /** Closes the editor; with an id, only if that is the one open. */
  stop(id?: string): void {
    if (id === undefined || this.current === id) this.set(null);
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private set(id: string | null): void {
    if (this.current === id) return;
    this.current = id;
    for (const listener of this.listeners) listener();
  }
}

export function useIsEditing(editing: LabelEditing, id: string): boolean {
  const getSnapshot = useCallback(() => editing.editingId === id, [editing, id]);
  return useSyncExternalStore(editing.subscribe, getSnapshot);
}
