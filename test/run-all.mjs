#!/usr/bin/env node
// Runs every check and test of the workspace, in order, and ends with one summary line
// `N passed, N failed, N skipped`. Exit code 0 only when nothing failed.
//
//   lint (eslint, prettier --check) -> typecheck (tsc per package) -> vitest (unit + integration)
//   -> client build -> bundle budget (test/bundleBudget.mjs) -> Playwright end-to-end in Chromium
//
// Set LOOPMAP_REQUIRE_SERVICES=1 (CI does) to turn "skipped: Chromium/PostgreSQL/Redis not
// available" into failures.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const results = join(root, 'test-results');
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });

const totals = { passed: 0, failed: 0, skipped: 0 };
const failures = [];

function run(label, command, args, env = {}) {
  console.log(`\n━━ ${label}: ${command} ${args.join(' ')}`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const ok = result.status === 0;
  console.log(`━━ ${label}: ${ok ? 'ok' : `FAILED (exit ${result.status ?? result.signal})`} in ${seconds}s`);
  return ok;
}

/** A check that is not a test runner counts as one passed or failed test. */
function check(label, command, args) {
  if (run(label, command, args)) totals.passed++;
  else {
    totals.failed++;
    failures.push(label);
  }
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

const bin = (name) => join(root, 'node_modules', '.bin', name);

check('eslint', bin('eslint'), ['.', '--max-warnings=0']);
check('prettier', bin('prettier'), ['--check', '.']);
for (const pkg of ['shared', 'server', 'client', 'test', 'bench']) {
  if (existsSync(join(root, pkg, 'tsconfig.json')))
    check(`typecheck ${pkg}`, bin('tsc'), ['-p', join(pkg, 'tsconfig.json')]);
}

// Vitest: unit and integration projects.
const vitestReport = join(results, 'vitest.json');
const vitestOk = run('vitest', bin('vitest'), [
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${vitestReport}`,
]);
const vitest = readJson(vitestReport);
if (vitest) {
  totals.passed += vitest.numPassedTests;
  totals.failed += vitest.numFailedTests;
  totals.skipped += vitest.numPendingTests + (vitest.numTodoTests ?? 0);
  // A suite that failed to load has no failed tests but must still fail the run.
  if (!vitestOk && vitest.numFailedTests === 0) {
    totals.failed++;
    failures.push('vitest (a test file failed to load)');
  } else if (vitest.numFailedTests > 0) failures.push(`vitest (${vitest.numFailedTests} failed)`);
} else {
  totals.failed++;
  failures.push('vitest (no report)');
}

// End-to-end: the real server and the built client in Chromium.
check('client build', 'pnpm', ['--filter', '@loopmap/client', 'build']);
// What the map page loads before it is usable, against its budget (docs/benchmarks.md).
check('bundle budget', process.execPath, [join(root, 'test', 'bundleBudget.mjs')]);
{
  const e2eReport = join(results, 'e2e.json');
  const e2eOk = run('playwright', bin('playwright'), ['test', '-c', 'test/playwright.config.ts'], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: e2eReport,
  });
  const e2e = readJson(e2eReport);
  if (e2e?.stats) {
    totals.passed += e2e.stats.expected;
    totals.failed += e2e.stats.unexpected + (e2e.stats.flaky ?? 0);
    totals.skipped += e2e.stats.skipped;
    if (e2e.stats.unexpected > 0) failures.push(`playwright (${e2e.stats.unexpected} failed)`);
    if (!e2eOk && e2e.stats.unexpected === 0) {
      totals.failed++;
      failures.push('playwright (run failed)');
    }
  } else {
    totals.failed++;
    failures.push('playwright (no report)');
  }
}

console.log('');
if (failures.length > 0) console.log(`Failed: ${failures.join('; ')}`);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed > 0 ? 1 : 0);
