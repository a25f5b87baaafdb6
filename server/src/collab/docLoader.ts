import { Worker } from 'node:worker_threads';
import { prepareLoad, type LoadRequest, type PreparedLoad } from './prepareLoad.ts';

/**
 * Prepares a large map's stored state and log for a room to apply in slices (prepareLoad.ts) on
 * a worker thread, so decoding a map of 20,000 cards (0.4-0.7 s) never holds the event loop that
 * every map's peers share. One worker serves the process; requests queue there. Should the worker
 * fail, the same work is done on the calling thread (correct, but not cooperative).
 */
export class DocLoader {
  private worker: Worker | null = null;
  private broken = false;
  private nextId = 1;
  /** Whether a load was ever prepared on the worker (for tests and diagnostics). */
  usedWorker = false;
  private readonly waiting = new Map<
    number,
    { resolve: (prepared: PreparedLoad) => void; reject: (e: Error) => void }
  >();

  prepare(request: LoadRequest): Promise<PreparedLoad> {
    const worker = this.ensureWorker();
    if (!worker) return Promise.resolve().then(() => prepareLoad(request));
    const id = this.nextId++;
    const prepared = new Promise<PreparedLoad>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      // Copied, not transferred: the room keeps the stored bytes (compaction merges from them).
      worker.postMessage({ id, state: request.state, tail: request.tail });
    });
    return prepared.catch(() => prepareLoad(request));
  }

  /** Stops the worker; later loads are prepared on the calling thread. */
  async close(): Promise<void> {
    this.broken = true;
    const worker = this.worker;
    this.worker = null;
    if (worker) await worker.terminate();
  }

  private ensureWorker(): Worker | null {
    if (this.worker || this.broken) return this.worker;
    try {
      // The server runs TypeScript through tsx; the entry teaches the worker thread to as well.
      const worker = new Worker(new URL('./loadWorkerEntry.mjs', import.meta.url));
      worker.unref();
      worker.on('message', ({ id, prepared, error }: { id: number; prepared?: PreparedLoad; error?: string }) => {
        const waiter = this.waiting.get(id);
        this.waiting.delete(id);
        if (!waiter) return;
        this.usedWorker = true;
        if (prepared) waiter.resolve(prepared);
        else waiter.reject(new Error(error ?? 'preparing the load failed'));
      });
      worker.on('error', (error) => this.fail(error));
      worker.on('exit', () => this.fail(new Error('load worker exited')));
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

/** The process's loader, started on first use. */
export const sharedDocLoader = new DocLoader();
