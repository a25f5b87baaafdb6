import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { MAX_IMPORT_BYTES, MAX_TITLE_LENGTH, type ImportPreview, type ImportResult } from '@loopmap/shared';
import type { Store } from '../storage/Store.ts';
import type { AuthEnv } from '../auth/identity.ts';
import { requireAuth } from '../auth/middleware.ts';
import type { Clock } from '../clock.ts';
import { ApiError, errorBody } from '../http/errors.ts';
import type { ExportRunner } from '../export/ExportPool.ts';
import type { ExportJob } from '../export/jobs.ts';
import type { ImportOutcome } from '../import/runImport.ts';
import type { UploadedFile } from '../import/readFiles.ts';
import { runExport } from './exports.ts';
import { storeNewMap } from './maps.ts';

export interface ImportRoutesDeps {
  store: Store;
  clock: Clock;
  exporter: ExportRunner;
}

/** Room for the multipart framing and the title around the file itself. */
const FORM_ALLOWANCE = 64 * 1024;
export const MAX_IMPORT_BODY_BYTES = MAX_IMPORT_BYTES + FORM_ALLOWANCE;

const tooLarge = (): ApiError =>
  new ApiError(413, 'payload_too_large', `a file to import is at most ${MAX_IMPORT_BYTES / 1024 / 1024} MiB`);

/** The uploaded files and the title of a multipart form; 4xx when the form is not one. */
async function readForm(c: Context<AuthEnv>): Promise<{ files: UploadedFile[]; title: string | null }> {
  const type = c.req.header('content-type') ?? '';
  if (!/^multipart\/form-data\s*;/i.test(type)) {
    throw new ApiError(415, 'unsupported_format', 'send the file as multipart/form-data, in a field named "file"');
  }
  let form: Record<string, string | File | (string | File)[]>;
  try {
    form = await c.req.parseBody({ all: true });
  } catch {
    throw new ApiError(400, 'bad_request', 'the form could not be read (malformed multipart body)');
  }
  const uploads = [form['file'] ?? []].flat().filter((value): value is File => value instanceof File);
  if (uploads.reduce((sum, file) => sum + file.size, 0) > MAX_IMPORT_BYTES) throw tooLarge();
  const files = await Promise.all(
    uploads.map(async (file) => ({ name: file.name || 'upload', bytes: new Uint8Array(await file.arrayBuffer()) })),
  );
  const rawTitle = form['title'];
  const title =
    typeof rawTitle === 'string' && rawTitle.trim() !== '' ? rawTitle.trim().slice(0, MAX_TITLE_LENGTH) : null;
  return { files, title };
}

/**
 * POST /api/maps/import[?dryRun=1]: a new map from a file (Loopmap JSON, CSV, or an .xlsx
 * workbook), read in an export worker. A dry run answers the laid-out map and the report and
 * creates nothing; otherwise the map is created whole, in one stored change, or not at all.
 */
/**
 * Runs an import job. Reading a file is the one place a stranger's bytes meet our parsers: an
 * error nobody foresaw there is still the file's fault (a 400 that says so), never a 500.
 */
async function readImport(exporter: ExportRunner, job: ExportJob, owner: string): Promise<ImportOutcome> {
  try {
    return JSON.parse((await runExport(exporter, job, owner)).body as string) as ImportOutcome;
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw new ApiError(400, 'bad_request', `the file could not be read: ${(error as Error).message.slice(0, 200)}`);
  }
}

export function importRoutes({ store, clock, exporter }: ImportRoutesDeps): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();

  app.post(
    '/import',
    bodyLimit({
      maxSize: MAX_IMPORT_BODY_BYTES,
      onError: (c) =>
        c.json(
          errorBody('payload_too_large', `a file to import is at most ${MAX_IMPORT_BYTES / 1024 / 1024} MiB`),
          413,
        ),
    }),
    async (c) => {
      const auth = requireAuth(c);
      const { files, title } = await readForm(c);
      const dryRun = c.req.query('dryRun') === '1';
      const job = { kind: 'import' as const, files, title, ownerId: dryRun ? null : auth.user.id };
      const outcome = await readImport(exporter, job, auth.user.id);
      if (!outcome.ok) throw new ApiError(outcome.status, outcome.code, outcome.message);
      const { report } = outcome;
      if (outcome.preview) return c.json({ preview: outcome.preview, report } satisfies ImportPreview);
      if (!outcome.built) {
        const first = report.problems[0];
        throw new ApiError(
          422,
          'validation_failed',
          `no card could be read from the file${first ? ` (${first.sheet}${first.row ? `, row ${first.row}` : ''}: ${first.reason})` : ''}`,
        );
      }
      const { built } = outcome;
      const map = await storeNewMap(store, clock, {
        ownerId: auth.user.id,
        title: built.title,
        kind: built.kind,
        first: { initialUpdate: new Uint8Array(Buffer.from(built.update, 'base64')), initialChange: built.change },
      });
      return c.json({ map: { id: map.id, title: map.title }, report } satisfies ImportResult, 201, {
        Location: `/api/maps/${map.id}`,
      });
    },
  );

  return app;
}
