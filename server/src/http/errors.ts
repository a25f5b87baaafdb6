import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { HTTPException } from 'hono/http-exception';
import type { ApiErrorBody, ApiErrorCode } from '@loopmap/shared';
import type { z } from 'zod';
import { MapBudgetError } from '../collab/updateGuard.ts';
import { OverMemoryBudgetError, ShuttingDownError } from '../collab/RoomManager.ts';
import { isStorageUnavailable } from '../storage/storageErrors.ts';

/** An error a handler throws to answer `{ error: { code, message } }` with a 4xx/5xx status. */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ApiErrorCode,
    message: string,
    /** Extra response headers, e.g. Retry-After on a 503. */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

/**
 * The answer to a request that arrives while the server drains for a restart: 503, try again in
 * a second (a load balancer sends the retry to another instance; /readyz already says 503), and
 * close this connection so a keep-alive client does not come back to this instance.
 */
export function shuttingDown(c: Context): Response {
  return c.json(errorBody('not_ready', 'the server is restarting; try again in a moment'), 503, {
    'Retry-After': '1',
    Connection: 'close',
  });
}

export function errorBody(code: ApiErrorCode, message: string): ApiErrorBody {
  return { error: { code, message } };
}

export const notFound = (what: string): ApiError => new ApiError(404, 'not_found', `${what} not found`);

/** `application/json`, with at most a UTF-8 charset (JSON is UTF-8; the body is read as UTF-8). */
const JSON_CONTENT_TYPE = /^application\/json\s*(;\s*charset\s*=\s*"?utf-?8"?\s*)?$/i;

/**
 * Parses a JSON request body against a schema, with a 400 that says what is wrong. The body must
 * be declared `application/json`, empty or not: an HTML form or a "simple" cross-site fetch can
 * only send text/plain, form-urlencoded or multipart without a CORS preflight, so this closes
 * that door whatever else the browser does. Routes that take no body never call this.
 */
export async function readJsonBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  const type = c.req.header('content-type');
  if (type === undefined || !JSON_CONTENT_TYPE.test(type.trim())) {
    throw new ApiError(
      415,
      'unsupported_media_type',
      `send the body as JSON with Content-Type: application/json (got ${type === undefined ? 'no Content-Type' : JSON.stringify(type.slice(0, 100))})`,
    );
  }
  let raw: unknown;
  const text = await c.req.text();
  try {
    raw = text.length === 0 ? {} : JSON.parse(text);
  } catch {
    throw new ApiError(400, 'invalid_json', 'the request body is not valid JSON');
  }
  const result = schema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
    throw new ApiError(400, 'validation_failed', `${where}${issue?.message ?? 'invalid body'}`);
  }
  return result.data;
}

/** The app-wide error handler: every failure leaves as JSON in the one error shape. */
export function handleError(error: Error, c: Context, log: (e: Error) => void): Response {
  if (error instanceof ApiError) return c.json(errorBody(error.code, error.message), error.status, error.headers);
  if (error instanceof MapBudgetError) return c.json(errorBody('map_too_large', error.message), 413);
  if (error instanceof ShuttingDownError) return shuttingDown(c);
  if (error instanceof OverMemoryBudgetError) {
    return c.json(errorBody('not_ready', error.message), 503, { 'Retry-After': '5' });
  }
  if (error instanceof HTTPException) {
    const status = error.status as ContentfulStatusCode;
    const code: ApiErrorCode = status === 413 ? 'payload_too_large' : status === 404 ? 'not_found' : 'bad_request';
    return c.json(errorBody(code, error.message || 'bad request'), status);
  }
  log(error);
  // 503, not 507: the request was fine and a retry will work once the disk has room again;
  // 507 is WebDAV's "your request does not fit", which generic clients and proxies do not retry.
  if (isStorageUnavailable(error)) {
    return c.json(
      errorBody('storage_unavailable', 'the server cannot store changes right now; nothing was saved, try again'),
      503,
      { 'Retry-After': '30' },
    );
  }
  return c.json(errorBody('internal', 'something went wrong on the server'), 500);
}
