import type { ApiErrorBody } from '@loopmap/shared';
import { ApiError } from './ApiError.ts';

function isErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== 'object' || value === null) return false;
  const error = (value as { error?: unknown }).error;
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { message?: unknown }).message === 'string' &&
    typeof (error as { code?: unknown }).code === 'string'
  );
}

function sentence(text: string): string {
  const trimmed = text.trim();
  if (!trimmed) return trimmed;
  const capital = trimmed[0]!.toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

const sessionEndedListeners = new Set<() => void>();

/**
 * Called whenever the server answers 401 "sign in first": the session cookie is no longer valid.
 * The session store listens, so every page learns it from whichever request found out first.
 */
export function onSessionEnded(listener: () => void): () => void {
  sessionEndedListeners.add(listener);
  return () => sessionEndedListeners.delete(listener);
}

function retryAfter(response: Response): number | null {
  const value = Number(response.headers.get('retry-after'));
  return Number.isFinite(value) && value > 0 ? Math.ceil(value) : null;
}

/** What a failed fetch() (no answer at all) tells the user, in English (errorText words it for the reader). */
export const NETWORK_ERROR_MESSAGE = 'Cannot reach the Loopmap server. Check your connection and try again.';

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * The ApiError of a response that is not ok, from its body's text: the server's
 * `{error: {code, message}}` as a sentence, or a plain message for a status without one. A 401
 * "sign in first" also tells the session listeners. For callers that fetch() themselves (files
 * up and down) as well as for request().
 */
export function apiErrorOf(response: Response, text: string): ApiError {
  const parsed = parseJson(text);
  if (isErrorBody(parsed)) {
    const error = new ApiError(
      sentence(parsed.error.message),
      response.status,
      parsed.error.code,
      retryAfter(response),
      parsed.error.message,
    );
    if (error.isSessionEnded) for (const listener of sessionEndedListeners) listener();
    return error;
  }
  const fallback =
    response.status >= 500
      ? 'The server had a problem. Try again in a moment.'
      : `Request failed (${response.status}).`;
  return new ApiError(fallback, response.status, response.status >= 500 ? 'internal' : 'bad_request');
}

/**
 * fetch() for the Loopmap API: JSON in, JSON out, and every failure (network, 4xx/5xx with
 * `{error: {code, message}}`, or anything else) as an ApiError with a readable message. Same-origin,
 * so the browser sends the session cookie and the Origin the server's cross-site check expects.
 */
export async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers:
        body === undefined
          ? { accept: 'application/json' }
          : { accept: 'application/json', 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(NETWORK_ERROR_MESSAGE, 0, 'network');
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  if (!response.ok) throw apiErrorOf(response, text);
  return parseJson(text) as T;
}
