import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { ExportOptionError } from './formats.ts';
import { runExportJob } from './runJob.ts';
import type { ExportJob, ExportResult } from './jobs.ts';

interface Pending {
  resolve(result: ExportResult): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker;
  busy: number;
}

export interface ExportRunner {
  run(job: ExportJob): Promise<ExportResult>;
  close(): Promise<void>;
}

/** Jobs waiting for a worker beyond this are refused (503): exports cannot pile up without bound. */
export const MAX_QUEUED_EXPORTS = 32;

/**
 * Export jobs in worker threads, so that rendering a 1,000-card PDF never holds up the event loop
 * that relays live peers' updates. Workers start on first use, stay warm (fonts and the shaping
 * engine loaded once) and do not keep the process alive. A worker that dies fails its jobs and is
 * replaced on the next job.
 */
export class ExportPool implements ExportRunner {
  private readonly slots: Slot[] = [];
  private readonly pending = new Map<number, Pending & { slot: Slot }>();
  private nextId = 1;

  constructor(private readonly size: number = Math.max(1, Math.min(2, availableParallelism() - 1))) {}

  run(job: ExportJob): Promise<ExportResult> {
    if (this.pending.size >= MAX_QUEUED_EXPORTS) {
      return Promise.reject(new ExportBusyError('the server is busy with other exports; try again in a moment'));
    }
    const slot = this.pickSlot();
    const id = this.nextId++;
    slot.busy += 1;
    return new Promise<ExportResult>((resolve, reject) => {
      this.pending.set(id, { resolve, reject, slot });
      slot.worker.postMessage({ id, job });
    });
  }

  async close(): Promise<void> {
    const workers = this.slots.splice(0).map((slot) => slot.worker);
    await Promise.all(workers.map((worker) => worker.terminate()));
  }

  private pickSlot(): Slot {
    if (this.slots.length < this.size) {
      const slot = this.startWorker();
      this.slots.push(slot);
      return slot;
    }
    return this.slots.reduce((a, b) => (b.busy < a.busy ? b : a));
  }

  private startWorker(): Slot {
    // The server runs TypeScript through tsx; the entry teaches the worker thread to as well.
    const worker = new Worker(new URL('./workerEntry.mjs', import.meta.url));
    worker.unref();
    const slot: Slot = { worker, busy: 0 };
    worker.on(
      'message',
      (message: { id: number; result?: ExportResult; error?: { message: string; option: boolean } }) => {
        const pending = this.pending.get(message.id);
        if (!pending) return;
        this.pending.delete(message.id);
        slot.busy -= 1;
        if (message.result) {
          const body = message.result.body;
          pending.resolve({ ...message.result, body: typeof body === 'string' ? body : new Uint8Array(body) });
        } else {
          const error = message.error!;
          pending.reject(error.option ? new ExportOptionError(error.message) : new Error(error.message));
        }
      },
    );
    const fail = (error: Error): void => {
      const index = this.slots.indexOf(slot);
      if (index >= 0) this.slots.splice(index, 1);
      for (const [id, pending] of this.pending) {
        if (pending.slot !== slot) continue;
        this.pending.delete(id);
        pending.reject(error);
      }
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`export worker stopped (exit code ${code})`)));
    return slot;
  }
}

export class ExportBusyError extends Error {}

/** Runs jobs on the calling thread: for benches that measure the rendering itself. */
export const inlineExports: ExportRunner = {
  run: (job) => runExportJob(job),
  close: async () => {},
};

let shared: ExportPool | null = null;
/** The process's export workers, started on the first export. */
export function sharedExportPool(): ExportPool {
  shared ??= new ExportPool();
  return shared;
}
