import { defineConfig } from '@playwright/test';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_ARGS, chromiumPath } from './e2e/support/environment.ts';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * End-to-end scenarios: the real server (a child process on a free port, fresh data directory
 * per test, see e2e/support/LoopmapServer.ts) serving the built client (client/dist: build it
 * first, `pnpm --filter @loopmap/client build`), driven in Debian's Chromium.
 */
export default defineConfig({
  testDir: './e2e',
  // Scenarios start servers and several browser contexts; on a small CI machine, one at a time.
  workers: 1,
  fullyParallel: false,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  retries: 0,
  outputDir: join(repoRoot, 'test-results', 'e2e-artifacts'),
  reporter: [
    ['list'],
    ['json', { outputFile: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ?? join(repoRoot, 'test-results', 'e2e.json') }],
  ],
  use: {
    browserName: 'chromium',
    headless: true,
    viewport: { width: 1360, height: 860 },
    // The interface follows the browser's language: the scenarios read it in English unless they choose.
    locale: 'en-US',
    launchOptions: { executablePath: chromiumPath(), args: CHROMIUM_ARGS },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
});
