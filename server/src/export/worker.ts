import { setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import { ExportOptionError } from './formats.ts';
import { runExportJob } from './runJob.ts';
import type { ExportJob } from './jobs.ts';

/**
 * Exports yield the CPU to the thread that relays live edits: on Linux this lowers the priority
 * of this worker's own thread only (a thread is a task there), so when the machine is busy the
 * event loop runs first and a peer's update is not queued behind a PDF. Elsewhere it may not
 * apply, which costs nothing.
 */
try {
  setPriority(0, 10);
} catch {
  // Not permitted here: exports keep the default priority.
}

/** An export worker: answers each job (one at a time) with its file, or the error that stopped it. */
parentPort?.on('message', async (message: { job: ExportJob }) => {
  try {
    const result = await runExportJob(message.job);
    const transfer = typeof result.body === 'string' ? [] : [result.body.buffer as ArrayBuffer];
    parentPort!.postMessage({ result }, transfer);
  } catch (error) {
    const e = error as Error;
    parentPort!.postMessage({ error: { message: e.message, option: e instanceof ExportOptionError } });
  }
});
