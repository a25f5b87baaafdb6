import { useCallback, useRef, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { readMapGraph, type EdgeView, type MapGraph, type NodeView } from '@loopmap/shared';

/**
 * The whole map as a plain graph (shared `MapGraph`), for panels that reason about all of it:
 * checks, filters, the outline, layout. Rebuilt lazily: a document change only marks it stale,
 * and listeners are told at most once per animation frame, so typing in a label does not
 * rebuild it per keystroke for every panel.
 */
export class MapGraphStore {
  private graph: MapGraph | null = null;
  private readonly listeners = new Set<() => void>();
  private frame = 0;

  // The document is watched for the store's whole life (as long as the document's, see
  // graphStoreFor), not only while someone listens: the cached graph must go stale with every
  // change, or a panel opened after edits made while none was open would show the map before them.
  constructor(private readonly doc: Y.Doc) {
    doc.on('afterTransaction', this.onTransaction);
  }

  getGraph = (): MapGraph => (this.graph ??= readMapGraph(this.doc));

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0 && this.frame !== 0) {
        cancelAnimationFrame(this.frame);
        this.frame = 0;
      }
    };
  };

  private readonly onTransaction = (transaction: Y.Transaction): void => {
    if (transaction.changed.size === 0 && transaction.deleteSet.clients.size === 0) return;
    this.graph = null;
    if (this.frame !== 0 || this.listeners.size === 0) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      for (const listener of this.listeners) listener();
    });
  };
}

const stores = new WeakMap<Y.Doc, MapGraphStore>();

/** The one graph store of a document (panels share it, so the graph is built once per change). */
export function graphStoreFor(doc: Y.Doc): MapGraphStore {
  let store = stores.get(doc);
  if (!store) stores.set(doc, (store = new MapGraphStore(doc)));
  return store;
}

export function useMapGraph(doc: Y.Doc): MapGraph {
  const store = graphStoreFor(doc);
  // The same graph for a server render (the panels' tests render them to HTML).
  return useSyncExternalStore(store.subscribe, store.getGraph, store.getGraph);
}

/**
 * One card of the graph, or null. Keeps the same object while the card did not change, so a
 * panel showing it re-renders only when it does (graphs are rebuilt, views compared by value).
 */
export function useNodeView(doc: Y.Doc, id: string | null): NodeView | null {
  const store = graphStoreFor(doc);
  const last = useRef<NodeView | null>(null);
  const getSnapshot = useCallback(() => {
    const next = id ? (store.getGraph().nodeById.get(id) ?? null) : null;
    if (!sameJson(last.current, next)) last.current = next;
    return last.current;
  }, [store, id]);
  return useSyncExternalStore(store.subscribe, getSnapshot);
}

export function useEdgeView(doc: Y.Doc, id: string | null): EdgeView | null {
  const store = graphStoreFor(doc);
  const last = useRef<EdgeView | null>(null);
  const getSnapshot = useCallback(() => {
    const next = id ? (store.getGraph().edgeById.get(id) ?? null) : null;
    if (!sameJson(last.current, next)) last.current = next;
    return last.current;
  }, [store, id]);
  return useSyncExternalStore(store.subscribe, getSnapshot);
}

/** Views are plain data: equal JSON means nothing a panel shows has changed. */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}
