import { parentPort } from 'node:worker_threads';
import { ExportOptionError } from './formats.ts';
import { runExportJob } from './runJob.ts';
import type { ExportJob } from './jobs.ts';

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
