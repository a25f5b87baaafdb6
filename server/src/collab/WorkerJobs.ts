import { Worker } from 'node:worker_threads';

/**
 * Jobs for one worker thread, so heavy Yjs work (decoding or encoding a whole map) never holds
 * the event loop that every map's peers share. The worker starts on first use and serves the
 * process; jobs queue there. Its script answers `{ id, request }` with `{ id, result }` or
 * `{ id, error }`. Should the worker fail to start or die, the job (and every later one) is done
 * on the calling thread instead: correct, only not off the loop.
 */
export class WorkerJobs<Request, Result> {
  private worker: Worker | null = null;
  private broken = false;
  private nextId = 1;
  /** Whether a job was ever done on the worker (for tests and diagnostics). */
  usedWorker = false;
  private readonly waiting = new Map<number, { resolve: (result: Result) => void; reject: (e: Error) => void }>();

  constructor(
    private readonly script: URL,
    /** What the jobs are, for error messages. */
    private readonly what: string,
  ) {}

  run(request: Request, here: (request: Request) => Result): Promise<Result> {
    const worker = this.ensureWorker();
    if (!worker) return Promise.resolve().then(() => here(request));
    const id = this.nextId++;
    const result = new Promise<Result>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      // Copied, not transferred: the caller keeps its bytes.
      worker.postMessage({ id, request });
    });
    return result.catch(() => here(request));
  }

  /** Stops the worker; later jobs run on the calling thread. */
  async close(): Promise<void> {
    this.broken = true;
    const worker = this.worker;
    this.worker = null;
    if (worker) await worker.terminate();
  }

  private ensureWorker(): Worker | null {
    if (this.worker || this.broken) return this.worker;
    try {
      const worker = new Worker(this.script);
      worker.unref();
      worker.on('message', ({ id, result, error }: { id: number; result?: Result; error?: string }) => {
        const waiter = this.waiting.get(id);
        this.waiting.delete(id);
        if (!waiter) return;
        this.usedWorker = true;
        if (result !== undefined) waiter.resolve(result);
        else waiter.reject(new Error(error ?? `${this.what} failed`));
      });
      worker.on('error', (error) => this.fail(error));
      worker.on('exit', () => this.fail(new Error(`the ${this.what} worker exited`)));
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
