/**
 * Replay benchmark: the real client in headless Chromium against the real server, on a map of
 * about 1,000 cards whose history is about 10,000 logged updates, each written as its own
 * transaction through a real y-websocket provider as the map's owner: new cards, links, moves of
 * one card and title typing one character at a time, interleaved as a seeded random schedule.
 * Measures, with the replay open (the "Replay" button in the map header):
 *   - ready: from the click on Replay until the log is downloaded, the timeline built and the
 *     first frame drawn (the slider is on screen), of which the log's requests took downloadMs;
 *     drawn: until 90% of the cards are in the replay's canvas;
 *   - scrubbing: frames per second of requestAnimationFrame in the page while the slider is
 *       drag:   dragged with the mouse back and forth across the whole track,
 *       pages:  driven by the keyboard, Page Down ×10 then Page Up ×10 (10% of the history a key),
 *       ends:   Home and End in turn (the longest jumps there are),
 *       arrows: Arrow Right, one change a key, from the middle of the history;
 *     and the replay's own statistics (window.__loopmapReplayStats: frames drawn, ms spent
 *     drawing them, requests folded into a later frame);
 *   - play: playing from the start at 64×, frames per second and changes shown per second;
 *   - back: from the click that leaves the replay until the live map is drawn again;
 * each against the idle frame rate of the same page with the replay open (ratios).
 *
 *   pnpm build && pnpm bench:replay     (Chromium: CHROMIUM_PATH or /usr/bin/chromium)
 *
 * REPLAY_UPDATES (10000), REPLAY_CARDS (1000), REPLAY_TRIALS (3), REPLAY_MS (4000 per mode).
 * Writes bench/results/replay.json. Diagnostics: REPLAY_PROFILE=1 writes a Chromium CPU profile of
 * each mode of the first trial to bench/results/replay-<mode>.cpuprofile (build the client with
 * `vite build --minify false --outDir DIR` and set REPLAY_CLIENT_DIR=DIR for readable names);
 * with REPLAY_TRACE=1 as well, a Chromium trace (style, layout, paint) instead, replay-<mode>.trace.json.
 * REPLAY_STYLE='css' adds a style sheet to the page (to try a CSS change without a build).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import * as Y from 'yjs';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import { prng } from './lib/maps.ts';
import {
  addNode,
  connect,
  createOrigin,
  getNodes,
  installSlicedSync,
  moveNodes,
  setNodeLabel,
  type NodeId,
  type NodeKind,
} from '@loopmap/shared';
import { silentLogger, startServer } from '@loopmap/server';
import { median, round, summarize } from './lib/stats.ts';

/**
 * The bench waits on conditions written as strings, which Playwright compiles in the page: the
 * server's Content-Security-Policy (no eval) would refuse them. Only the harness's own scripts
 * are affected; the app runs as it does for people.
 */
const BYPASS_CSP = true;

const repoRoot = resolve(import.meta.dirname, '..');
const UPDATES = Number(process.env.REPLAY_UPDATES ?? 10_000);
const CARDS = Number(process.env.REPLAY_CARDS ?? 1000);
const TRIALS = Number(process.env.REPLAY_TRIALS ?? 3);
const MODE_MS = Number(process.env.REPLAY_MS ?? 4000);
const PROFILE = process.env.REPLAY_PROFILE === '1';
const TRACE = process.env.REPLAY_TRACE === '1';
/** A style sheet added to the page once it is loaded: tries a CSS change without a build. */
const STYLE = process.env.REPLAY_STYLE;
const CLIENT_DIR = process.env.REPLAY_CLIENT_DIR ?? join(repoRoot, 'client/dist');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const load = (): number[] => loadavg().map((x) => round(x, 2));

type Op = 'card' | 'link' | 'move' | 'type';

/**
 * The order of the history's updates: CARDS new cards, 15% links, 40% moves, the rest typing,
 * shuffled, except that a link or a move needs cards to exist (it becomes a new card until they do).
 */
function schedule(updates: number, cards: number, rand: () => number): Op[] {
  const links = Math.round(updates * 0.15);
  const moves = Math.round(updates * 0.4);
  const typing = Math.max(0, updates - cards - links - moves);
  const ops: Op[] = [
    ...Array<Op>(cards).fill('card'),
    ...Array<Op>(links).fill('link'),
    ...Array<Op>(moves).fill('move'),
    ...Array<Op>(typing).fill('type'),
  ];
  for (let i = ops.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [ops[i], ops[j]] = [ops[j]!, ops[i]!];
  }
  // The first few updates make cards, so that links and moves have something to work on.
  for (let i = 0, made = 0; i < ops.length && made < 3; i++) {
    if (ops[i] === 'card') made++;
    else {
      const k = ops.indexOf('card', i + 1);
      if (k < 0) break;
      [ops[i], ops[k]] = [ops[k]!, ops[i]!];
      made++;
    }
  }
  return ops;
}

async function api(base: string, cookie: string, method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(base + path, {
    method,
    // The server's own Origin, as the browser client sends it with its session cookie.
    headers: { 'content-type': 'application/json', cookie, origin: new URL(base).origin },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.status === 204 ? null : res.json();
}

const WORDS = 'more farmers adopt the practices they saw work on a neighbour field and yields rise'.split(' ');

/** Writes the history, one update a transaction, through a real provider; returns the counts. */
async function populate(base: string, cookie: string, mapId: string): Promise<Record<Op, number>> {
  const doc = new Y.Doc();
  class CookieSocket extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers: { cookie } });
    }
  }
  const provider = new WebsocketProvider(`${base.replace('http', 'ws')}/ws`, mapId, doc, {
    WebSocketPolyfill: CookieSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  // As the browser client does: anything over 64 KiB goes in slices (frames are at most 256 KiB).
  installSlicedSync(provider);
  await new Promise<void>((r) => provider.once('sync', () => r()));
  const origin = createOrigin('user');
  const kinds: NodeKind[] = ['impact', 'outcome', 'output', 'activity', 'assumption', 'indicator'];
  const rand = prng(1); // the same history every run
  const ids: NodeId[] = [];
  const labels = new Map<NodeId, string>();
  const counts: Record<Op, number> = { card: 0, link: 0, move: 0, type: 0 };
  let typingOn: NodeId | null = null;
  let typingTo = '';
  const ops = schedule(UPDATES, CARDS, rand);
  const pick = (): NodeId => ids[Math.floor(rand() * ids.length)]!;
  for (let i = 0; i < ops.length; i++) {
    let op = ops[i]!;
    if (op === 'link' && ids.length < 2) op = 'card';
    if (op === 'card') {
      const n = ids.length;
      const label = `Card ${n}`;
      const id = addNode(
        doc,
        { kind: kinds[n % kinds.length]!, label, x: (n % 40) * 280, y: Math.floor(n / 40) * 160 },
        origin,
      );
      ids.push(id);
      labels.set(id, label);
    } else if (op === 'link') {
      // A few tries: a pair may already be linked.
      for (let t = 0; t < 10; t++) {
        const a = pick();
        const b = pick();
        if (a !== b && connect(doc, { source: a, target: b, label: '' }, origin).ok) break;
        if (t === 9) op = 'move';
      }
    }
    if (op === 'move') {
      const id = pick();
      const record = getNodes(doc).get(id)!;
      const x = Number(record.get('x')) + Math.round((rand() - 0.5) * 400);
      const y = Number(record.get('y')) + Math.round((rand() - 0.5) * 240);
      moveNodes(doc, [{ id, x, y }], origin);
    } else if (op === 'type') {
      // One character a change, on one card until its title is long enough, as a person types.
      if (typingOn === null || labels.get(typingOn)!.length >= typingTo.length) {
        typingOn = pick();
        for (let t = 0; t < 20 && labels.get(typingOn)!.length >= 50; t++) typingOn = pick();
        const words = Array.from({ length: 8 }, () => WORDS[Math.floor(rand() * WORDS.length)]!);
        typingTo = `${labels.get(typingOn)!}: ${words.join(' ')}`.slice(0, 60);
      }
      const before = labels.get(typingOn)!;
      const next = typingTo.slice(0, before.length + 1);
      setNodeLabel(doc, typingOn, next, origin);
      labels.set(typingOn, next);
    }
    counts[op]++;
    // Let the socket drain now and then (each transaction is already its own message).
    if (i % 250 === 249) await new Promise((r) => setTimeout(r, 0));
  }
  // Wait until the server has logged them all.
  const deadline = Date.now() + 120_000;
  for (;;) {
    const timeline = (await api(base, cookie, 'GET', `/api/maps/${mapId}/timeline`)) as { entries: unknown[] };
    if (timeline.entries.length >= UPDATES) break;
    if (Date.now() > deadline) throw new Error(`only ${timeline.entries.length} updates logged`);
    await new Promise((r) => setTimeout(r, 250));
  }
  provider.destroy();
  return counts;
}

// Scripts run in the page are strings: tsx would wrap named functions in a helper the page lacks.
const START = `(() => {
  const s = window.__loopmapReplayStats;
  window.__bench = { frames: [], longTasks: 0, longMs: 0, start: s ? { ...s } : null };
  const loop = (t) => { window.__bench.frames.push(t); window.__bench.raf = requestAnimationFrame(loop); };
  window.__bench.raf = requestAnimationFrame(loop);
  try {
    window.__bench.observer = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) { window.__bench.longTasks++; window.__bench.longMs += e.duration; }
    });
    window.__bench.observer.observe({ type: 'longtask' });
  } catch {}
})()`;
const STOP = `(() => {
  const b = window.__bench;
  cancelAnimationFrame(b.raf);
  b.observer?.disconnect();
  const f = b.frames;
  const gaps = [];
  for (let i = 1; i < f.length; i++) gaps.push(f[i] - f[i - 1]);
  const s = window.__loopmapReplayStats;
  return {
    fps: (f.length - 1) / ((f[f.length - 1] - f[0]) / 1000),
    gaps,
    longTasks: b.longTasks,
    longMs: b.longMs,
    stats: s && b.start
      ? {
          frames: s.frames - b.start.frames,
          totalMs: s.totalMs - b.start.totalMs,
          skipped: s.skipped - b.start.skipped,
          from: b.start.position,
          position: s.position,
        }
      : null,
  };
})()`;

interface Measured {
  fps: number;
  gaps: number[];
  longTasks: number;
  longMs: number;
  stats: { frames: number; totalMs: number; skipped: number; from: number; position: number } | null;
}

interface ModeResult {
  fps: number;
  /** Frame interval percentiles, ms (what a hitch looks like). */
  p50FrameMs: number;
  p95FrameMs: number;
  maxFrameMs: number;
  longTasks: number;
  /** Replay frames drawn per second and mean ms a drawn frame took (seek + read + project). */
  drawnPerS: number;
  drawMs: number;
  skipped: number;
  /** Changes moved through per second (play), or inputs sent per second (scrub). */
  perS: number;
  seconds: number;
}

let profileAs: string | null = null;
/** Changes per second while playing (set by play64: the measured window also holds the clicks). */
let playRate = 0;

async function measure(page: Page, during: () => Promise<number>): Promise<ModeResult> {
  const cdp = profileAs && !TRACE ? await page.context().newCDPSession(page) : null;
  const browser = profileAs && TRACE ? page.context().browser() : null;
  if (browser) {
    mkdirSync(join(repoRoot, 'bench/results'), { recursive: true });
    await browser.startTracing(page, {
      path: join(repoRoot, `bench/results/replay-${profileAs}.trace.json`),
      categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink', 'cc'],
    });
  }
  if (cdp) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
  }
  await page.evaluate(START);
  const started = Date.now();
  const count = await during();
  const seconds = (Date.now() - started) / 1000;
  const m = (await page.evaluate(STOP)) as Measured;
  if (browser) await browser.stopTracing();
  if (cdp) {
    const { profile } = await cdp.send('Profiler.stop');
    mkdirSync(join(repoRoot, 'bench/results'), { recursive: true });
    writeFileSync(join(repoRoot, `bench/results/replay-${profileAs}.cpuprofile`), JSON.stringify(profile));
    await cdp.detach();
  }
  const gaps = summarize(m.gaps);
  const s = m.stats;
  return {
    fps: round(m.fps, 1),
    p50FrameMs: round(gaps.p50, 1),
    p95FrameMs: round(gaps.p95, 1),
    maxFrameMs: round(gaps.max, 1),
    longTasks: m.longTasks,
    drawnPerS: s ? round(s.frames / seconds, 1) : 0,
    drawMs: s && s.frames > 0 ? round(s.totalMs / s.frames, 2) : 0,
    skipped: s?.skipped ?? 0,
    perS: round(count / seconds, 1),
    seconds: round(seconds, 2),
  };
}

const SLIDER = '.replay-track__input';

/** Puts the replay at `key` (Home, End…) with the slider focused; not measured. */
async function startAt(page: Page, key: string): Promise<void> {
  await page.locator(SLIDER).focus();
  await page.keyboard.press(key);
  await page.waitForTimeout(300);
}

/** Mouse drag of the slider's thumb across the whole track and back, for `ms` (from Home). */
async function scrubDrag(page: Page, ms: number): Promise<number> {
  const box = (await page.locator(SLIDER).boundingBox())!;
  const y = box.y + box.height / 2;
  const left = box.x + 4;
  const width = box.width - 8;
  await page.mouse.move(left, y);
  await page.mouse.down();
  const started = Date.now();
  let moves = 0;
  // One sweep (left to right or back) per second: about 10,000 changes a second.
  while (Date.now() - started < ms) {
    const t = ((Date.now() - started) / 1000) % 2;
    const f = t < 1 ? t : 2 - t;
    await page.mouse.move(left + f * width, y);
    moves++;
    await page.waitForTimeout(4);
  }
  await page.mouse.up();
  return moves;
}

/** Presses the keys in turn on the focused slider for `ms`; returns how many. */
async function keys(page: Page, ms: number, sequence: readonly string[]): Promise<number> {
  const started = Date.now();
  let presses = 0;
  while (Date.now() - started < ms) {
    await page.keyboard.press(sequence[presses % sequence.length]!);
    presses++;
  }
  return presses;
}

/** Half-way through the history (Home, then Page Down five times), the slider focused. */
async function toMiddle(page: Page): Promise<void> {
  await startAt(page, 'Home');
  for (let i = 0; i < 5; i++) await page.keyboard.press('PageDown');
  await page.waitForTimeout(300);
}

/** From the start at 64×: plays for `ms`; returns the changes played per second. */
async function play64(page: Page, ms: number): Promise<number> {
  const before = (await page.evaluate('window.__loopmapReplayStats.position')) as number;
  const started = Date.now();
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await page.waitForTimeout(ms);
  const after = (await page.evaluate('window.__loopmapReplayStats.position')) as number;
  const seconds = (Date.now() - started) / 1000;
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  playRate = (after - before) / seconds;
  return after - before;
}

const VERSION_NODES = '.canvas--version .react-flow__node';

async function trial(
  page: Page,
  url: string,
  cards: number,
  profile: boolean,
): Promise<Record<string, number | ModeResult>> {
  const as = (mode: string): void => {
    profileAs = profile ? mode : null;
  };
  await page.goto(url);
  await page.waitForFunction(
    `(() => {
      const lm = window.__loopmap;
      if (!lm || lm.doc.getMap('nodes').size < ${cards}) return false;
      return document.querySelectorAll('.react-flow__node').length >= ${Math.floor(cards * 0.9)};
    })()`,
    undefined,
    { polling: 'raf', timeout: 60_000 },
  );
  if (STYLE) await page.addStyleTag({ content: STYLE });
  await page.waitForTimeout(500);
  const liveIdle = await measure(page, async () => {
    await page.waitForTimeout(2000);
    return 0;
  });

  const clicked = Date.now();
  await page.getByRole('button', { name: 'Replay', exact: true }).click();
  await page.waitForFunction(
    `window.__loopmapReplayStats !== undefined && window.__loopmapReplayStats.frames > 0 && document.querySelector('${SLIDER}') !== null`,
    undefined,
    { polling: 'raf', timeout: 120_000 },
  );
  const readyMs = Date.now() - clicked;
  // Of that, the requests for the log (the timeline and each page of updates, one after the other,
  // each page built before the next is asked for): the sum of their durations.
  const downloadMs = (await page.evaluate(`(() => performance.getEntriesByType('resource')
    .filter((r) => /\\/(timeline|updates)\\b/.test(r.name))
    .reduce((sum, r) => sum + r.responseEnd - r.startTime, 0))()`)) as number;
  await page.waitForFunction(
    `document.querySelectorAll('${VERSION_NODES}').length >= ${Math.floor(cards * 0.9)}`,
    undefined,
    { polling: 'raf', timeout: 60_000 },
  );
  const drawnMs = Date.now() - clicked;
  await page.waitForTimeout(500);
  const idle = await measure(page, async () => {
    await page.waitForTimeout(2000);
    return 0;
  });
  await startAt(page, 'Home');
  as('drag');
  const drag = await measure(page, () => scrubDrag(page, MODE_MS));
  await startAt(page, 'Home');
  as('pages');
  const pages = await measure(page, () =>
    keys(page, MODE_MS, [...Array<string>(10).fill('PageDown'), ...Array<string>(10).fill('PageUp')]),
  );
  await startAt(page, 'Home');
  as('ends');
  const ends = await measure(page, () => keys(page, MODE_MS, ['End', 'Home']));
  await toMiddle(page);
  as('arrows');
  const arrows = await measure(page, () => keys(page, MODE_MS, ['ArrowRight']));
  await startAt(page, 'Home');
  await page.getByRole('combobox', { name: 'Speed' }).selectOption('64');
  await page.waitForTimeout(300);
  as('play');
  const play = await measure(page, () => play64(page, MODE_MS));
  play.perS = round(playRate, 1);
  as('');
  profileAs = null;
  // Back to the live map (kept mounted under the replay): until the replay is gone and a frame drawn.
  const leaving = Date.now();
  await page.getByRole('button', { name: 'Replay', exact: true }).click();
  await page.waitForFunction(
    `document.querySelector('.version-stage') === null && window.__loopmapReplayStats === undefined`,
    undefined,
    { polling: 'raf', timeout: 30_000 },
  );
  await page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))');
  const backMs = Date.now() - leaving;
  return {
    readyMs,
    downloadMs: Math.round(downloadMs),
    drawnMs,
    backMs,
    liveIdle,
    idle,
    drag,
    pages,
    ends,
    arrows,
    play,
  };
}

async function main(): Promise<void> {
  if (!existsSync(join(CLIENT_DIR, 'index.html'))) throw new Error('build the client first: pnpm build');
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM} (set CHROMIUM_PATH)`);
  const dataDir = mkdtempSync(join(tmpdir(), 'loopmap-replay-bench-'));
  const server = await startServer({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    clientDir: CLIENT_DIR,
    log: silentLogger,
  });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  const loadAtStart = load();
  try {
    const signup = await fetch(`${server.url}/api/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'replay@example.org', password: 'correct horse battery staple', name: 'Replay' }),
    });
    if (signup.status !== 201) throw new Error(`sign-up failed: ${signup.status} ${await signup.text()}`);
    const cookie = signup.headers
      .getSetCookie()
      .find((c) => c.startsWith('loopmap_session='))!
      .split(';')[0]!;
    const map = ((await api(server.url, cookie, 'POST', '/api/maps', { title: 'Replay' })) as { map: { id: string } })
      .map.id;
    console.log(`writing a history of ${UPDATES} updates (${CARDS} cards) through a provider…`);
    const writeStarted = Date.now();
    const counts = await populate(server.url, cookie, map);
    const timeline = (await api(server.url, cookie, 'GET', `/api/maps/${map}/timeline`)) as { entries: unknown[] };
    console.log(
      `  ${timeline.entries.length} updates logged in ${round((Date.now() - writeStarted) / 1000, 1)} s: ${JSON.stringify(counts)}`,
    );

    const trials: Record<string, unknown>[] = [];
    for (let t = 0; t < TRIALS; t++) {
      const context = await browser.newContext({ viewport: { width: 1400, height: 860 }, bypassCSP: BYPASS_CSP });
      await context.addCookies([{ name: 'loopmap_session', value: cookie.split('=')[1]!, url: server.url }]);
      const page = await context.newPage();
      const before = load();
      const r = await trial(page, `${server.url}/maps/${map}`, CARDS, PROFILE && t === 0);
      const after = load();
      trials.push({ ...r, load: { before, after } });
      const f = (m: ModeResult): string => `${m.fps} fps (p95 frame ${m.p95FrameMs} ms, draw ${m.drawMs} ms)`;
      console.log(
        `trial ${t + 1} (load ${before[0]} → ${after[0]}): ready ${r.readyMs as number} ms (log requests ${r.downloadMs as number} ms), drawn ${r.drawnMs as number} ms, back to live ${r.backMs as number} ms; idle ${(r.idle as ModeResult).fps} fps (live page ${(r.liveIdle as ModeResult).fps})`,
      );
      for (const mode of ['drag', 'pages', 'ends', 'arrows', 'play'] as const) {
        const m = r[mode] as ModeResult;
        console.log(
          `  ${mode}: ${f(m)}, ${m.drawnPerS} drawn/s, ${m.perS} ${mode === 'play' ? 'changes' : 'inputs'}/s`,
        );
      }
      await context.close();
    }
    const med = (key: string, field?: keyof ModeResult): number =>
      median(trials.map((t) => (field ? (t[key] as ModeResult)[field] : (t[key] as number))));
    const modes = ['drag', 'pages', 'ends', 'arrows', 'play'] as const;
    const idleFps = med('idle', 'fps');
    const result = {
      date: new Date().toISOString(),
      command: 'pnpm bench:replay',
      machine: {
        nproc: availableParallelism(),
        cpuModel: cpus()[0]?.model ?? 'unknown',
        node: process.version,
        loadAtStart,
        loadAtEnd: load(),
      },
      params: {
        updates: UPDATES,
        cards: CARDS,
        trials: TRIALS,
        modeMs: MODE_MS,
        viewport: '1400x860',
        counts,
        clientDir: CLIENT_DIR,
        style: STYLE ?? null,
      },
      trials,
      median: {
        readyMs: med('readyMs'),
        downloadMs: med('downloadMs'),
        drawnMs: med('drawnMs'),
        backMs: med('backMs'),
        idleFps,
        liveIdleFps: med('liveIdle', 'fps'),
        ...Object.fromEntries(
          modes.map((mode) => [
            mode,
            {
              fps: med(mode, 'fps'),
              ratio: round(med(mode, 'fps') / idleFps, 2),
              p95FrameMs: med(mode, 'p95FrameMs'),
              maxFrameMs: med(mode, 'maxFrameMs'),
              drawMs: med(mode, 'drawMs'),
              drawnPerS: med(mode, 'drawnPerS'),
              perS: med(mode, 'perS'),
              longTasks: med(mode, 'longTasks'),
            },
          ]),
        ),
      },
    };
    console.log('');
    console.log(`medians of ${TRIALS}: ${JSON.stringify(result.median)}`);
    mkdirSync(join(repoRoot, 'bench/results'), { recursive: true });
    writeFileSync(join(repoRoot, 'bench/results/replay.json'), JSON.stringify(result, null, 2));
  } finally {
    await browser.close();
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

// Exit explicitly: a provider timer or a socket left by Chromium must not keep the run alive.
main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
