import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './support/servers.ts';

/**
 * docs/deploy's Dockerfile and compose file are not run here (no Docker), so they must run
 * exactly what the tests run as real processes: the same entry (startChildServer spawns it),
 * the same build commands as the README, and only variables the server reads.
 */
const read = (path: string): string => readFileSync(join(repoRoot, path), 'utf8');
const dockerfile = read('docs/deploy/Dockerfile');
const compose = read('docs/deploy/compose.yaml');
const entry = read('server/src/index.ts') + read('server/src/logger.ts');
const servers = read('test/integration/support/servers.ts');

/** Every variable the server reads (index.ts: env.NAME or wholeFrom('NAME', …); logger.ts). */
const readByServer = new Set(
  [...entry.matchAll(/env\.([A-Z][A-Z0-9_]*)|wholeFrom\('([A-Z][A-Z0-9_]*)'/g)].map((m) => m[1] ?? m[2]),
);

describe('the deployment files', () => {
  it('run the entry the process tests run', () => {
    expect(servers).toContain("['--import', 'tsx', 'server/src/index.ts']");
    expect(dockerfile).toContain('CMD ["node", "--import", "tsx", "server/src/index.ts"]');
    expect(dockerfile).toContain('npx -y pnpm@10.34.9 install --frozen-lockfile');
    expect(dockerfile).toContain('npx -y pnpm@10.34.9 build');
    expect(read('package.json')).toContain('"build": "pnpm --filter @loopmap/client build"');
  });

  it('set only variables the server reads', () => {
    const dockerVars = [...dockerfile.matchAll(/^ENV (.+)$/gm)].flatMap((m) =>
      m[1]!.split(/\s+/).map((pair) => pair.split('=')[0]!),
    );
    const composeVars = [...compose.matchAll(/^ {4}([A-Z][A-Z0-9_]*):/gm)].map((m) => m[1]!);
    expect(dockerVars.length).toBeGreaterThan(0);
    expect(composeVars).toEqual(expect.arrayContaining(['DATABASE_URL', 'REDIS_URL']));
    for (const name of [...dockerVars, ...composeVars]) expect(readByServer, name).toContain(name);
  });

  it('put both instances on one database, one Redis and one data directory behind a WebSocket-aware proxy', () => {
    expect(compose).toMatch(/app1: \*loopmap/);
    expect(compose).toMatch(/app2: \*loopmap/);
    expect(compose).toContain('loopmap-data:/data');
    const nginx = read('docs/deploy/nginx.conf');
    expect(nginx).toContain('server app1:8787');
    expect(nginx).toContain('server app2:8787');
    expect(nginx).toContain('proxy_set_header Upgrade $http_upgrade');
  });
});
