import * as Y from 'yjs';
import { sliceUpdate } from '@loopmap/shared/slice-update';

/**
 * The target size of one slice of a loading map. Applying one costs about 1-3 ms (up to ~25 ms
 * with a young-generation GC on a cold process), so the room yields between them.
 */
export const LOAD_SLICE_BYTES = 32 * 1024;

export interface LoadRequest {
  /** The map's stored state, if any. */
  state: Uint8Array | null;
  /** The updates logged after it, in order. */
  tail: readonly Uint8Array[];
}

export interface PreparedLoad {
  /**
   * The map's whole state as one update: the stored state itself when nothing was logged after
   * it, otherwise the state and tail merged (pending structs included, as applying them would
   * leave them: the room drops them once it has applied the slices).
   */
  state: Uint8Array | null;
  /** The same, cut into updates that apply completely in order (sliceUpdate). */
  slices: Uint8Array[];
}

/**
 * What a room loading a large map applies: its state and tail as one update, cut into slices.
 * Pure and synchronous: the loader runs it on a worker thread (docLoader.ts), since decoding a
 * 20,000-card state alone takes 0.4-0.7 s.
 */
export function prepareLoad({ state, tail }: LoadRequest): PreparedLoad {
  let whole = state;
  if (tail.length > 0) {
    const doc = new Y.Doc();
    doc.transact(() => {
      if (state) Y.applyUpdate(doc, state);
      for (const update of tail) Y.applyUpdate(doc, update);
    });
    whole = Y.encodeStateAsUpdate(doc);
    doc.destroy();
  }
  return { state: whole, slices: whole ? sliceUpdate(whole, LOAD_SLICE_BYTES) : [] };
}
