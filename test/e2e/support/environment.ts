import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** Flags for Debian's Chromium in containers and CI. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH || '/usr/bin/chromium';
}

/**
 * Why the end-to-end tests cannot run here, or null when they can. With
 * LOOPMAP_REQUIRE_SERVICES=1 (CI) a missing prerequisite fails the run instead of skipping it.
 */
export function missingPrerequisite(): string | null {
  const chromium = chromiumPath();
  if (!existsSync(chromium)) {
    return `Chromium not found at ${chromium} (set CHROMIUM_PATH, or apt-get install chromium)`;
  }
  if (!existsSync(join(repoRoot, 'client', 'dist', 'index.html'))) {
    return 'client/dist is missing: build the client first (pnpm --filter @loopmap/client build)';
  }
  return null;
}

export const servicesRequired = process.env.LOOPMAP_REQUIRE_SERVICES === '1';
