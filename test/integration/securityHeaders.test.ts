import { afterEach, describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunningServer, ServerConfig } from '@loopmap/server';
import { removeDir, startTestServer, tempDataDir } from './support/servers.ts';

/** A built client in miniature: the page and one fingerprinted script. */
function tinyClient(dir: string): string {
  const clientDir = join(dir, 'client');
  mkdirSync(join(clientDir, 'assets'), { recursive: true });
  writeFileSync(join(clientDir, 'index.html'), '<!doctype html><script type="module" src="/assets/app-1.js"></script>');
  writeFileSync(join(clientDir, 'assets', 'app-1.js'), 'console.log(1)');
  return clientDir;
}

describe('security headers on every response (a real server on a real port)', () => {
  let server: RunningServer | null = null;
  let dir = '';
  afterEach(async () => {
    await server?.close();
    server = null;
    removeDir(dir);
  });
  const start = async (overrides: Partial<ServerConfig> = {}): Promise<string> => {
    dir = tempDataDir('loopmap-headers');
    server = await startTestServer(dir, { clientDir: tinyClient(dir), ...overrides });
    return server.url;
  };
  /** CSP directives by name. */
  const policy = (response: Response): Map<string, string[]> =>
    new Map(
      (response.headers.get('content-security-policy') ?? '')
        .split(';')
        .map((part) => part.trim().split(/\s+/))
        .filter((words) => words[0])
        .map(([name, ...values]) => [name!, values]),
    );

  it('pages, client routes, assets, fonts, the API and its errors all carry them', async () => {
    const url = await start();
    const paths = [
      '/',
      '/maps/some-map',
      '/assets/app-1.js',
      '/api/health',
      '/api/maps',
      '/api/nothing-here',
      '/fonts/none.ttf',
    ];
    for (const path of paths) {
      const response = await fetch(url + path);
      const csp = policy(response);
      expect(csp.get('script-src'), path).toEqual(["'self'", "'wasm-unsafe-eval'"]);
      expect(csp.get('default-src'), path).toEqual(["'self'"]);
      expect(csp.get('frame-ancestors'), path).toEqual(["'none'"]);
      expect(csp.get('object-src'), path).toEqual(["'none'"]);
      expect(csp.get('base-uri'), path).toEqual(["'none'"]);
      expect(response.headers.get('x-frame-options'), path).toBe('DENY');
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(response.headers.get('referrer-policy'), path).toBe('same-origin');
      expect(response.headers.get('cross-origin-opener-policy'), path).toBe('same-origin');
      // Plain http: HSTS would be ignored by browsers, and says nothing true.
      expect(response.headers.get('strict-transport-security'), path).toBeNull();
    }
    const page = await fetch(`${url}/maps/some-map`);
    expect(await page.text()).toContain('/assets/app-1.js');
    const unauthenticated = await fetch(`${url}/api/maps`);
    expect(unauthenticated.status).toBe(401);
  });

  it('no inline scripts: script-src never allows unsafe-inline or unsafe-eval', async () => {
    const url = await start();
    const csp = (await fetch(url)).headers.get('content-security-policy') ?? '';
    const scripts = csp.split(';').find((part) => part.trim().startsWith('script-src')) ?? '';
    expect(scripts).not.toMatch(/'unsafe-inline'|'unsafe-eval'|\*|data:|blob:/);
  });

  it('HSTS behind https: from a trusted proxy’s X-Forwarded-Proto, not from anyone else’s', async () => {
    const url = await start({ trustProxy: true });
    const viaProxy = await fetch(`${url}/api/health`, { headers: { 'x-forwarded-proto': 'https' } });
    expect(viaProxy.headers.get('strict-transport-security')).toBe('max-age=15552000');
    const plain = await fetch(`${url}/api/health`, { headers: { 'x-forwarded-proto': 'http' } });
    expect(plain.headers.get('strict-transport-security')).toBeNull();
    await server!.close();
    removeDir(dir);
    const untrusting = await start();
    const spoofed = await fetch(`${untrusting}/api/health`, { headers: { 'x-forwarded-proto': 'https' } });
    expect(spoofed.headers.get('strict-transport-security')).toBeNull();
  });

  it('frame-ancestors and connect-src follow the configuration', async () => {
    const url = await start({
      frameAncestors: ['https://intranet.example.org'],
      allowedOrigins: ['http://localhost:5173'],
    });
    const response = await fetch(url);
    const csp = policy(response);
    expect(csp.get('frame-ancestors')).toEqual(['https://intranet.example.org']);
    expect(response.headers.get('x-frame-options')).toBeNull();
    expect(csp.get('connect-src')).toEqual(["'self'", 'blob:', 'http://localhost:5173', 'ws://localhost:5173']);
  });
});
