import { afterEach, describe, expect, it, vi } from 'vitest';
import { onSessionEnded, request } from '../src/api/request.ts';
import { ApiError } from '../src/api/ApiError.ts';

function respond(status: number, body?: unknown, headers: Record<string, string> = {}): void {
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => new Response(body === undefined ? null : JSON.stringify(body), { status, headers })),
  );
}

afterEach(() => vi.unstubAllGlobals());

describe('request', () => {
  it('returns the parsed body', async () => {
    respond(200, { maps: [] });
    await expect(request('GET', '/api/maps')).resolves.toEqual({ maps: [] });
  });

  it('turns {error:{code,message}} into a readable ApiError', async () => {
    respond(400, { error: { code: 'validation_failed', message: 'title must not be empty' } });
    const error = await request('POST', '/api/maps', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, code: 'validation_failed', message: 'Title must not be empty.' });
  });

  it('explains failures without a body', async () => {
    respond(502);
    await expect(request('GET', '/api/maps')).rejects.toMatchObject({ code: 'internal' });
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))),
    );
    await expect(request('GET', '/api/maps')).rejects.toMatchObject({ code: 'network', status: 0 });
  });

  it('resolves 204 with nothing', async () => {
    respond(204);
    await expect(request('DELETE', '/api/maps/x')).resolves.toBeUndefined();
  });

  it('tells listeners when the session has ended (401 unauthorized), not on a wrong password', async () => {
    const ended = vi.fn();
    const stop = onSessionEnded(ended);
    respond(401, { error: { code: 'invalid_credentials', message: 'wrong email or password' } });
    await expect(request('POST', '/api/auth/login', {})).rejects.toMatchObject({ status: 401 });
    expect(ended).not.toHaveBeenCalled();
    respond(401, { error: { code: 'unauthorized', message: 'sign in first' } });
    await expect(request('GET', '/api/maps')).rejects.toMatchObject({ isSessionEnded: true });
    expect(ended).toHaveBeenCalledTimes(1);
    stop();
  });

  it('reads Retry-After on a 429', async () => {
    respond(
      429,
      { error: { code: 'rate_limited', message: 'too many attempts; try again in 12 s' } },
      { 'retry-after': '12' },
    );
    await expect(request('POST', '/api/auth/login', {})).rejects.toMatchObject({
      retryAfterSeconds: 12,
      message: 'Too many attempts; try again in 12 s.',
    });
  });
});
