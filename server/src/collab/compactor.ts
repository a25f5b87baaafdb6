import * as Y from 'yjs';
import { WorkerJobs } from './WorkerJobs.ts';

/**
 * Encodes a map's merged state (its stored state plus the updates logged after it) on a worker
 * thread (WorkerJobs.ts), so compacting a large map (about 20 ms of encoding for 10,000 cards,
 * more to rebuild) never holds the event loop; should the worker fail, on the calling thread.
 */
export class Compactor {
  private readonly jobs = new WorkerJobs<{ base: Uint8Array | null; tail: readonly Uint8Array[] }, Uint8Array>(
    new URL('./compactWorker.mjs', import.meta.url),
    'compaction',
  );

  /** Whether a merge was ever done on the worker (for tests and diagnostics). */
  get usedWorker(): boolean {
    return this.jobs.usedWorker;
  }

  merge(base: Uint8Array | null, tail: readonly Uint8Array[]): Promise<Uint8Array> {
    return this.jobs.run({ base, tail }, (request) => mergeHere(request.base, request.tail));
  }

  /** Stops the worker; later merges run on the calling thread. */
  close(): Promise<void> {
    return this.jobs.close();
  }
}

/** The worker's work, on this thread. */
export function mergeHere(base: Uint8Array | null, tail: readonly Uint8Array[]): Uint8Array {
  const doc = new Y.Doc();
  doc.transact(() => {
    if (base) Y.applyUpdate(doc, base);
    for (const update of tail) Y.applyUpdate(doc, update);
  });
  doc.store.pendingStructs = null;
  doc.store.pendingDs = null;
  const state = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return state;
}

/** The process's compactor, started on first use. */
export const sharedCompactor = new Compactor();
