import { Worker } from 'node:worker_threads';
import * as Y from 'yjs';

/**
 * Encodes a map's merged state (its stored state plus the updates logged after it) on a worker
 * thread, so compacting a large map (about 20 ms of encoding for 10,000 cards, more to rebuild)
 * never holds the event loop that every map's peers share. One worker serves the process; the
 * requests queue there. Should the worker fail, the same work is done on the calling thread.
 */
export class Compactor {
  private worker: Worker | null = null;
  private broken = false;
  private nextId = 1;
  /** Whether a merge was ever done on the worker (for tests and diagnostics). */
  usedWorker = false;
  private readonly waiting = new Map<number, { resolve: (state: Uint8Array) => void; reject: (e: Error) => void }>();

  merge(base: Uint8Array | null, tail: readonly Uint8Array[]): Promise<Uint8Array> {
    const worker = this.ensureWorker();
    if (!worker) return Promise.resolve().then(() => mergeHere(base, tail));
    const id = this.nextId++;
    const merged = new Promise<Uint8Array>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      worker.postMessage({ id, base, tail });
    });
    return merged.catch(() => mergeHere(base, tail));
  }

  /** Stops the worker; later merges run on the calling thread. */
  async close(): Promise<void> {
    this.broken = true;
    const worker = this.worker;
    this.worker = null;
    if (worker) await worker.terminate();
  }

  private ensureWorker(): Worker | null {
    if (this.worker || this.broken) return this.worker;
    try {
      const worker = new Worker(new URL('./compactWorker.mjs', import.meta.url));
      worker.unref();
      worker.on('message', ({ id, state, error }: { id: number; state?: Uint8Array; error?: string }) => {
        const waiter = this.waiting.get(id);
        this.waiting.delete(id);
        if (!waiter) return;
        this.usedWorker = true;
        if (state) waiter.resolve(state);
        else waiter.reject(new Error(error ?? 'compaction failed'));
      });
      worker.on('error', (error) => this.fail(error));
      worker.on('exit', () => this.fail(new Error('compaction worker exited')));
      this.worker = worker;
    } catch {
      this.broken = true;
    }
    return this.worker;
  }

  private fail(error: Error): void {
    this.worker = null;
    this.broken = true;
    for (const waiter of this.waiting.values()) waiter.reject(error);
    this.waiting.clear();
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
