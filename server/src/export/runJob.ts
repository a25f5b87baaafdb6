import { DEFAULT_LANGUAGE } from '@loopmap/shared';
import { ExportOptionError, MAP_FORMATS } from './formats.ts';
import { runChangeReport, runReviewExport } from './documentFormats.ts';
import type { ExportJob, ExportResult } from './jobs.ts';
import { runImportJob } from '../import/runImport.ts';
import { translatorFor } from '../i18n.ts';

/** Runs one export job wherever it is called (a worker thread, or inline in tests and benches). */
export async function runExportJob(job: ExportJob): Promise<ExportResult> {
  // Documents are written in the job's language: the catalogue's `exports` words, through i18next.
  switch (job.kind) {
    case 'map': {
      const format = MAP_FORMATS[job.format];
      if (!format) throw new ExportOptionError(`unknown format "${job.format.slice(0, 40)}"`);
      return format.run(job, translatorFor(job.language ?? DEFAULT_LANGUAGE, 'exports'));
    }
    case 'changes':
      return runChangeReport(job, translatorFor(job.language ?? DEFAULT_LANGUAGE, 'exports'));
    case 'review':
      return runReviewExport(job, translatorFor(job.language ?? DEFAULT_LANGUAGE, 'exports'));
    case 'import': {
      // The outcome, refusals included, travels as JSON: the route turns it into its answer.
      const outcome = await runImportJob(job);
      return { body: JSON.stringify(outcome), contentType: 'application/json', extension: 'json' };
    }
  }
}
