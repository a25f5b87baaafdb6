import { prepareLoad, type LoadRequest, type PreparedLoad } from './prepareLoad.ts';
import { WorkerJobs } from './WorkerJobs.ts';

/**
 * Prepares a large map's stored state and log for a room to apply in slices (prepareLoad.ts) on
 * a worker thread (WorkerJobs.ts), so decoding a map of 20,000 cards (0.4-0.7 s) never holds the
 * event loop; should the worker fail, on the calling thread (correct, but not cooperative).
 */
export class DocLoader {
  // The server runs TypeScript through tsx; the entry teaches the worker thread to as well.
  private readonly jobs = new WorkerJobs<LoadRequest, PreparedLoad>(
    new URL('./loadWorkerEntry.mjs', import.meta.url),
    'map load',
  );

  /** Whether a load was ever prepared on the worker (for tests and diagnostics). */
  get usedWorker(): boolean {
    return this.jobs.usedWorker;
  }

  prepare(request: LoadRequest): Promise<PreparedLoad> {
    return this.jobs.run({ state: request.state, tail: request.tail }, prepareLoad);
  }

  /** Stops the worker; later loads are prepared on the calling thread. */
  close(): Promise<void> {
    return this.jobs.close();
  }
}

/** The process's loader, started on first use. */
export const sharedDocLoader = new DocLoader();
