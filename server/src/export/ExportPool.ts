import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { ExportOptionError } from './formats.ts';
import type { ExportJob, ExportResult } from './jobs.ts';

export interface ExportRunner {
  /** Runs a job for `owner` (who asked: their jobs are limited, so one person cannot fill the queue). */
  run(job: ExportJob, owner?: string): Promise<ExportResult>;
  close(): Promise<void>;
}

/** Jobs waiting or running beyond this are refused (503): exports cannot pile up without bound. */
export const MAX_QUEUED_EXPORTS = 32;
/** One person's jobs waiting or running at once; more are refused (429). */
export const MAX_EXPORTS_PER_OWNER = 4;
/** A job running longer is stopped (its worker replaced) and answered 503. */
export const EXPORT_TIMEOUT_MS = 120_000;

/** The queue is full: try again in a moment (503, with Retry-After). */
export class ExportBusyError extends Error {}
/** This person already has MAX_EXPORTS_PER_OWNER exports in hand (429). */
export class ExportLimitError extends Error {}
/** The worker stopped (crashed, ran out of memory, took too long): nothing was produced (503). */
export class ExportFailedError extends Error {}

interface Queued {
  job: ExportJob;
  owner: string;
  resolve(result: ExportResult): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker;
  /** The job it runs; a worker runs one job at a time. */
  current: Queued | null;
  timer: NodeJS.Timeout | null;
}

type WorkerMessage = { result?: ExportResult; error?: { message: string; option: boolean } };

/**
 * Export jobs in worker threads, so that rendering a 1,000-card PDF never holds up the event loop
 * that relays live peers' updates. The queue lives here: each worker gets one job at a time (so
 * memory stays bounded by the pool's size, not by the queue's), jobs run in arrival order, and
 * each person may have only a few in hand. Workers start on first use, stay warm (fonts and the
 * shaping engine loaded once) and do not keep the process alive. A worker that crashes, runs out
 * of memory or overruns EXPORT_TIMEOUT_MS fails only its own job and is replaced.
 */
export class ExportPool implements ExportRunner {
  private readonly slots: Slot[] = [];
  private readonly queue: Queued[] = [];
  private readonly perOwner = new Map<string, number>();
  private closed = false;

  constructor(
    // Two at least: a short export (JSON, CSV) need not wait behind a long one (a 1,000-card PDF).
    private readonly size: number = Math.max(2, Math.min(4, availableParallelism() - 1)),
    private readonly timeoutMs: number = EXPORT_TIMEOUT_MS,
  ) {}

  run(job: ExportJob, owner = 'anyone'): Promise<ExportResult> {
    const inHand = this.queue.length + this.slots.filter((slot) => slot.current).length;
    if (inHand >= MAX_QUEUED_EXPORTS) {
      return Promise.reject(new ExportBusyError('the server is busy with other exports; try again in a moment'));
    }
    const mine = this.perOwner.get(owner) ?? 0;
    if (mine >= MAX_EXPORTS_PER_OWNER) {
      return Promise.reject(
        new ExportLimitError(`you already have ${mine} exports in progress; wait for one to finish`),
      );
    }
    this.perOwner.set(owner, mine + 1);
    return new Promise<ExportResult>((resolve, reject) => {
      const done = (): void => {
        const left = (this.perOwner.get(owner) ?? 1) - 1;
        if (left > 0) this.perOwner.set(owner, left);
        else this.perOwner.delete(owner);
      };
      this.queue.push({
        job,
        owner,
        resolve: (result) => {
          done();
          resolve(result);
        },
        reject: (error) => {
          done();
          reject(error);
        },
      });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const queued of this.queue.splice(0)) queued.reject(new ExportFailedError('the server is stopping'));
    const slots = this.slots.splice(0);
    for (const slot of slots) this.finish(slot, { error: new ExportFailedError('the server is stopping') });
    await Promise.all(slots.map((slot) => slot.worker.terminate()));
  }

  /** Hands queued jobs to idle workers, starting workers up to the pool's size. */
  private dispatch(): void {
    while (this.queue.length > 0 && !this.closed) {
      let slot = this.slots.find((candidate) => candidate.current === null);
      if (!slot && this.slots.length < this.size) {
        slot = this.startWorker();
        this.slots.push(slot);
      }
      if (!slot) return;
      const queued = this.queue.shift()!;
      slot.current = queued;
      slot.timer = setTimeout(
        () => this.fail(slot!, new ExportFailedError('the export took too long')),
        this.timeoutMs,
      );
      slot.timer.unref();
      try {
        slot.worker.postMessage({ job: queued.job });
      } catch (error) {
        this.finish(slot, { error: new ExportFailedError(`the export could not start: ${(error as Error).message}`) });
      }
    }
  }

  private finish(slot: Slot, outcome: { result: ExportResult } | { error: Error }): void {
    const queued = slot.current;
    if (slot.timer) clearTimeout(slot.timer);
    slot.current = null;
    slot.timer = null;
    if (!queued) return;
    if ('result' in outcome) queued.resolve(outcome.result);
    else queued.reject(outcome.error);
  }

  /** A worker that failed is dropped (its job answered), and the queue moves on with a new one. */
  private fail(slot: Slot, error: Error): void {
    const index = this.slots.indexOf(slot);
    if (index < 0) return;
    this.slots.splice(index, 1);
    this.finish(slot, { error });
    void slot.worker.terminate();
    this.dispatch();
  }

  private startWorker(): Slot {
    // The server runs TypeScript through tsx; the entry teaches the worker thread to as well.
    const worker = new Worker(new URL('./workerEntry.mjs', import.meta.url), {
      // Deep pathways recurse in the report model; big maps need room.
      resourceLimits: { stackSizeMb: 16, maxOldGenerationSizeMb: 2048 },
    });
    worker.unref();
    const slot: Slot = { worker, current: null, timer: null };
    worker.on('message', (message: WorkerMessage) => {
      if (message.result) {
        const body = message.result.body;
        this.finish(slot, {
          result: { ...message.result, body: typeof body === 'string' ? body : new Uint8Array(body) },
        });
      } else {
        const error = message.error!;
        this.finish(slot, { error: error.option ? new ExportOptionError(error.message) : new Error(error.message) });
      }
      this.dispatch();
    });
    worker.on('messageerror', () => this.fail(slot, new ExportFailedError('the export could not be read back')));
    worker.on('error', (error) => this.fail(slot, new ExportFailedError(`the export stopped: ${error.message}`)));
    worker.on('exit', (code) => this.fail(slot, new ExportFailedError(`the export stopped (exit code ${code})`)));
    return slot;
  }
}

let shared: ExportPool | null = null;
/** The process's export workers, started on the first export. */
export function sharedExportPool(): ExportPool {
  shared ??= new ExportPool();
  return shared;
}
