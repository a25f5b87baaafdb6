import type { TFunction } from 'i18next';
import type { ApiErrorCode } from '@loopmap/shared';
import { currentLanguage, i18next } from '../i18n/i18n.ts';
import { ApiError } from './ApiError.ts';

/**
 * Every error code the server sends, and whether its message says more than the code does (which
 * field failed validation, which limit a change broke, why a role cannot be granted): then a reader
 * in another language gets the code's words with the server's message as detail.
 */
const SERVER_CODES: Record<ApiErrorCode, 'plain' | 'detail'> = {
  bad_request: 'detail',
  invalid_json: 'plain',
  validation_failed: 'detail',
  not_found: 'plain',
  unauthorized: 'plain',
  forbidden: 'detail',
  conflict: 'detail',
  weak_password: 'detail',
  email_taken: 'plain',
  invalid_credentials: 'plain',
  rate_limited: 'plain',
  csrf: 'plain',
  unsupported_media_type: 'plain',
  unsupported_format: 'detail',
  payload_too_large: 'detail',
  map_too_large: 'detail',
  busy: 'detail',
  storage_unavailable: 'plain',
  not_ready: 'plain',
  internal: 'plain',
};

const isServerCode = (code: string): code is ApiErrorCode => Object.hasOwn(SERVER_CODES, code);

/**
 * What an error tells the reader, in the interface's language: the one place every area turns a
 * failure into words (`errorText(caught, t, t('…couldNotSave'))`).
 *
 * - In English: the error's own message (the server's sentence, or the client's, which
 *   request.ts writes in the words of errors:client.*), else `fallback`.
 * - In another language, no answer from the server: `errors:client.network`; an answer without
 *   an error body: `errors:client.serverProblem` (5xx) or `errors:client.requestFailed`; a server
 *   error `{error: {code, message}}`: `errors:code.<code>`, followed by the server's message as
 *   detail for the codes whose message says more (SERVER_CODES); anything else: `fallback`,
 *   else `errors:client.unknown`.
 */
export function errorText(error: unknown, t: TFunction, fallback?: string): string {
  // English is the language the server and the client's own errors are written in.
  if (currentLanguage() === 'en')
    return error instanceof Error && error.message ? error.message : (fallback ?? t('errors:client.unknown'));
  if (!(error instanceof ApiError)) return fallback ?? t('errors:client.unknown');
  if (error.code === 'network') return t('errors:client.network');
  if (error.detail === null) {
    if (error.status >= 500) return t('errors:client.serverProblem');
    if (error.status > 0) return t('errors:client.requestFailed', { status: error.status });
    return fallback ?? t('errors:client.unknown');
  }
  if (!isServerCode(error.code)) return fallback ?? t('errors:client.unknown');
  const text = t(`errors:code.${error.code}`);
  return SERVER_CODES[error.code] === 'detail' && error.detail
    ? t('errors:withDetail', { text, detail: error.detail })
    : text;
}

/**
 * The words for a WebSocket close the client reports (docs/document-format.md): `errors:close.<code>`
 * when there are some for that code, else the generic refusal. `reason` is the server's (English)
 * reason, shown as detail where a text has a place for it (4413: which limit).
 */
export function closeText(code: number, reason: string, t: TFunction): string {
  const key = `errors:close.${code}`;
  return t(key, { reason, defaultValue: t('errors:close.refused') });
}

/**
 * errorText with the app's own translator, for code that has no `t` at hand (stores, hooks): the
 * error in the reader's language, else `fallback` (already in the reader's language).
 */
export function messageOf(error: unknown, fallback: string): string {
  return errorText(error, i18next.t, fallback);
}
