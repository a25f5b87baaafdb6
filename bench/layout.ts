/**
 * Layout benchmark: `autoLayout` on random, realistic theories of change (bench/lib/randomTocMap.ts)
 * of 100, 250, 500 and 1,000 cards, in Node and in headless Chromium, against two baselines in
 * the same run (bench/lib/layoutCases.ts): ELK Layered out of the box on the same cards and
 * links, and our own layout without lanes.
 *
 *   pnpm bench:layout            (node --import tsx bench/layout.ts; about 4 minutes)
 *
 * LAYOUT_RUNS timed runs (default 7) per size and variant, after LAYOUT_WARMUP (default 2), the
 * variants interleaved so that a busy neighbour slows all three alike; LAYOUT_SIZES (default
 * 100,250,500,1000); LAYOUT_BROWSER=0 skips Chromium (CHROMIUM_PATH, else /usr/bin/chromium).
 * Writes bench/results/layout.json. Target (issue): a 500-card map in under 1 s.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { chromium, type Page } from '@playwright/test';
import { layoutCase, problems, extent, timeVariant, VARIANTS, type Variant } from './lib/layoutCases.ts';
import { machineBusyMs, waitForQuiet } from './lib/wire.ts';
import { percentile, round } from './lib/stats.ts';

const repoRoot = resolve(import.meta.dirname, '..');
const RUNS = Number(process.env.LAYOUT_RUNS ?? 7);
const WARMUP = Number(process.env.LAYOUT_WARMUP ?? 2);
const SIZES = (process.env.LAYOUT_SIZES ?? '100,250,500,1000').split(',').map(Number);
const BROWSER = process.env.LAYOUT_BROWSER !== '0';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const TARGET_CARDS = 500;
const TARGET_MS = 1000;
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

interface Timing {
  median: number;
  p95: number;
  runs: number[];
}
interface SizeResult {
  cards: number;
  links: number;
  feedback: number;
  ours: Timing;
  oursWithoutLanes: Timing;
  plainElk: Timing;
  /** ours / plainElk and ours / oursWithoutLanes, medians. */
  ratioToPlainElk: number;
  ratioToNoLanes: number;
  /** CPU other processes used while this size was measured, in % of one core. */
  otherCpuPercent: number;
  extent?: { width: number; height: number };
  problems?: number;
}

const timing = (runs: number[]): Timing => {
  const sorted = [...runs].sort((a, b) => a - b);
  return {
    median: round(percentile(sorted, 50), 1),
    p95: round(percentile(sorted, 95), 1),
    runs: runs.map((ms) => round(ms, 1)),
  };
};

/** CPU (ms) of a process and all its descendants (Chromium is a child of this process). */
function treeCpuMs(rootPid: number): number {
  const parent = new Map<number, number>();
  const cpu = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parent.set(Number(entry), Number(rest[1]));
      cpu.set(Number(entry), ((Number(rest[11]) + Number(rest[12])) * 1000) / 100);
    } catch {
      // The process ended while we listed them.
    }
  }
  let total = 0;
  for (const [pid, ms] of cpu) {
    for (let p: number | undefined = pid; p !== undefined && p > 1; p = parent.get(p)) {
      if (p === rootPid) {
        total += ms;
        break;
      }
    }
  }
  return total;
}

/** Starts measuring the CPU of every process but ours; returns % of one core since then. */
function othersMeter(): () => number {
  const t0 = performance.now();
  const busy0 = machineBusyMs();
  const own0 = treeCpuMs(process.pid);
  return () => {
    const others = Math.max(0, machineBusyMs() - busy0 - (treeCpuMs(process.pid) - own0));
    return round((100 * others) / (performance.now() - t0), 1);
  };
}

/**
 * Times every variant on every size: warm-up runs first (ELK is large, and V8 keeps optimising
 * it for several layouts), then timed runs with the variants in a rotating order.
 */
async function measure(
  label: string,
  prepare: (cards: number) => Promise<{ cards: number; links: number; feedback: number }>,
  time: (cards: number, variant: Variant) => Promise<number>,
  check?: (cards: number) => Promise<Pick<SizeResult, 'extent' | 'problems'>>,
): Promise<SizeResult[]> {
  const results: SizeResult[] = [];
  for (const size of SIZES) {
    const counts = await prepare(size);
    const checked = check ? await check(size) : {};
    await waitForQuiet(10_000, 15);
    const others = othersMeter();
    for (let i = 0; i < WARMUP; i++) for (const variant of VARIANTS) await time(size, variant);
    const runs: Record<Variant, number[]> = { ours: [], oursWithoutLanes: [], plainElk: [] };
    for (let i = 0; i < RUNS; i++) {
      for (let k = 0; k < VARIANTS.length; k++) {
        const variant = VARIANTS[(i + k) % VARIANTS.length]!;
        runs[variant].push(await time(size, variant));
      }
    }
    const result: SizeResult = {
      ...counts,
      ours: timing(runs.ours),
      oursWithoutLanes: timing(runs.oursWithoutLanes),
      plainElk: timing(runs.plainElk),
      ratioToPlainElk: 0,
      ratioToNoLanes: 0,
      otherCpuPercent: others(),
      ...checked,
    };
    result.ratioToPlainElk = round(result.ours.median / result.plainElk.median, 2);
    result.ratioToNoLanes = round(result.ours.median / result.oursWithoutLanes.median, 2);
    results.push(result);
    console.log(
      `${label} ${String(size).padStart(4)} cards, ${result.links} links: ours ${result.ours.median} ms (p95 ${result.ours.p95}), ` +
        `without lanes ${result.oursWithoutLanes.median} ms, plain ELK ${result.plainElk.median} ms; ` +
        `ours/plain ${result.ratioToPlainElk}, ours/without lanes ${result.ratioToNoLanes}; others used ${result.otherCpuPercent}% of a core`,
    );
  }
  return results;
}

async function inNode(): Promise<{ coldMs: number; sizes: SizeResult[] }> {
  // The first layout of the process loads ELK (1.6 MB of JavaScript) and runs it unoptimised.
  const cold = layoutCase(TARGET_CARDS);
  const coldMs = round((await timeVariant(cold, 'ours')).ms, 1);
  console.log(`node: first layout of the process (${TARGET_CARDS} cards): ${coldMs} ms`);
  const cases = new Map<number, ReturnType<typeof layoutCase>>();
  const sizes = await measure(
    'node',
    async (cards) => {
      const made = layoutCase(cards);
      cases.set(cards, made);
      return { cards: made.cards, links: made.links, feedback: made.feedback };
    },
    async (cards, variant) => (await timeVariant(cases.get(cards)!, variant)).ms,
    async (cards) => {
      const made = cases.get(cards)!;
      const { result } = await timeVariant(made, 'ours');
      const found = problems(made, result!);
      if (found.length > 0) console.error(`node ${cards} cards: ${found.length} problems, e.g. ${found[0]}`);
      return { extent: extent(made, result!), problems: found.length };
    },
  );
  return { coldMs, sizes };
}

async function inChromium(): Promise<{ coldMs: number; sizes: SizeResult[]; version: string } | { skipped: string }> {
  if (!BROWSER) return { skipped: 'LAYOUT_BROWSER=0' };
  if (!existsSync(CHROMIUM)) return { skipped: `no Chromium at ${CHROMIUM} (set CHROMIUM_PATH)` };
  const bundle = await build({
    entryPoints: [join(import.meta.dirname, 'lib/layoutPage.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    write: false,
  });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  try {
    const page: Page = await browser.newPage();
    await page.setContent('<!doctype html><title>Loopmap layout benchmark</title>');
    await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
    const prepare = (cards: number) =>
      page.evaluate(`layoutBench.prepare(${cards})`) as Promise<{ cards: number; links: number; feedback: number }>;
    const time = (cards: number, variant: Variant) =>
      page.evaluate(`layoutBench.time(${cards}, '${variant}')`) as Promise<number>;
    await prepare(TARGET_CARDS);
    const coldMs = round(await time(TARGET_CARDS, 'ours'), 1);
    console.log(`chromium: first layout of the page (${TARGET_CARDS} cards): ${coldMs} ms`);
    const sizes = await measure('chromium', prepare, time);
    return { coldMs, sizes, version: browser.version() };
  } finally {
    await browser.close();
  }
}

async function main(): Promise<void> {
  const started = new Date();
  const load = loadavg();
  const node = await inNode();
  const browser = await inChromium();
  const result = {
    date: started.toISOString(),
    command: 'pnpm bench:layout',
    machine: {
      nproc: availableParallelism(),
      cpuModel: cpus()[0]?.model ?? 'unknown',
      node: process.version,
      loadAverageAtStart: load.map((x) => round(x, 2)),
      loadAverageAtEnd: loadavg().map((x) => round(x, 2)),
    },
    params: { runs: RUNS, warmup: WARMUP, sizes: SIZES, card: '220x84' },
    node,
    chromium: browser,
  };
  console.log('');
  const verdict = (sizes: SizeResult[]): string => {
    const at = sizes.find((size) => size.cards === TARGET_CARDS);
    if (!at) return 'not measured';
    return `${at.ours.median} ms median, p95 ${at.ours.p95} ms: ${at.ours.median < TARGET_MS ? 'met' : 'MISSED'}`;
  };
  console.log(`target: ${TARGET_CARDS} cards under ${TARGET_MS} ms. node: ${verdict(node.sizes)}`);
  console.log(`chromium: ${'skipped' in browser ? `skipped (${browser.skipped})` : verdict(browser.sizes)}`);
  mkdirSync(join(repoRoot, 'bench/results'), { recursive: true });
  writeFileSync(join(repoRoot, 'bench/results/layout.json'), JSON.stringify(result, null, 2));
}

// Exit explicitly: ELK's stand-in worker keeps no timer, but a browser left behind must not.
main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
