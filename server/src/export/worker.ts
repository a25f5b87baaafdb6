import { parentPort } from 'node:worker_threads';
import { ExportOptionError } from './formats.ts';
import { runExportJob } from './runJob.ts';
import type { ExportJob } from './jobs.ts';

/** An export worker: answers each job with its file, or with the error that stopped it. */
parentPort?.on('message', async (message: { id: number; job: ExportJob }) => {
  try {
    const result = await runExportJob(message.job);
    const transfer = typeof result.body === 'string' ? [] : [result.body.buffer as ArrayBuffer];
    parentPort!.postMessage({ id: message.id, result }, transfer);
  } catch (error) {
    const e = error as Error;
    parentPort!.postMessage({
      id: message.id,
      error: { message: e.message, option: e instanceof ExportOptionError, stack: e.stack },
    });
  }
});
