/**
 * Where each frame goes, from a Chromium trace of a drag or a pan (bench/canvas.ts writes them with
 * CANVAS_TRACE=dir; DevTools' "Save profile" files work too).
 *
 *   node --import tsx bench/traceSummary.ts trace.json [more.json…] [--maps dir,dir] [--json]
 *
 * Prints, per frame (the page's requestAnimationFrame callbacks in the trace), the renderer main
 * thread's time by category: scripting, garbage collection, style recalculation, layout, hit
 * testing, paint and layerize, commit, the profiler's own overhead, other task work, and idle;
 * then the time of the raster workers and the display compositor (software, with --disable-gpu),
 * which run beside the main thread. Scripting is split by self time per source module and per
 * function from the V8 CPU profile in the trace, mapped through the bundle's source maps (from
 * --maps, default client/dist/assets) back to the files and packages they came from.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { TraceMap, originalPositionFor } from '@jridgewell/trace-mapping';

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  /** Thread (CPU) time, where the trace has it. */
  tdur?: number;
  id?: string;
  args?: { name?: string; data?: ProfileChunkData & Record<string, unknown> };
}

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}

interface ProfileChunkData {
  cpuProfile?: { nodes?: { id: number; callFrame: CallFrame; parent?: number }[]; samples?: number[] };
  timeDeltas?: number[];
}

/** Main-thread trace event names and the category their self time belongs to. */
const CATEGORY_OF: Record<string, string> = {
  FunctionCall: 'scripting',
  EventDispatch: 'scripting',
  TimerFire: 'scripting',
  FireAnimationFrame: 'scripting',
  FireIdleCallback: 'scripting',
  RunMicrotasks: 'scripting',
  EvaluateScript: 'scripting',
  'v8.callFunction': 'scripting',
  'v8.run': 'scripting',
  'v8.compile': 'scripting',
  'v8.compileModule': 'scripting',
  'V8.Execute': 'scripting',
  UpdateLayoutTree: 'style',
  RecalculateStyles: 'style',
  ParseAuthorStyleSheet: 'style',
  Layout: 'layout',
  HitTest: 'hit test',
  PrePaint: 'paint + layerize',
  Paint: 'paint + layerize',
  PaintImage: 'paint + layerize',
  Layerize: 'paint + layerize',
  UpdateLayer: 'paint + layerize',
  Commit: 'commit',
  CompositeLayers: 'commit',
  UpdateLayerTree: 'commit',
  'ProxyMain::BeginMainFrame::commit': 'commit',
  'CpuProfiler::StartProfiling': 'profiler overhead',
  'V8.InvokeApiInterruptCallbacks': 'profiler overhead',
};
const ORDER = [
  'scripting',
  'gc',
  'style',
  'layout',
  'hit test',
  'paint + layerize',
  'commit',
  'other',
  'profiler overhead',
];

function categoryOf(name: string): string | undefined {
  if (/^(V8\.GC|BlinkGC|MinorGC|MajorGC|V8\.GCScavenger|GCEvent)/.test(name)) return 'gc';
  return CATEGORY_OF[name];
}

const ms = (us: number): number => Math.round(us / 100) / 10;
const pad = (s: string | number, n: number): string => String(s).padEnd(n);
const lpad = (s: string | number, n: number): string => String(s).padStart(n);

/** A source location of the bundle, mapped back through its source map where there is one. */
class Symbolicator {
  private readonly maps = new Map<string, TraceMap | null>();
  constructor(private readonly dirs: string[]) {}

  locate(frame: CallFrame): { module: string; fn: string } {
    const file = frame.url ? basename(new URL(frame.url, 'http://x').pathname) : '';
    const map = file ? this.mapFor(file) : null;
    if (map && frame.lineNumber >= 0) {
      const pos = originalPositionFor(map, { line: frame.lineNumber + 1, column: Math.max(0, frame.columnNumber) });
      if (pos.source) {
        const module = moduleOf(pos.source);
        return {
          module,
          fn: `${pos.name ?? frame.functionName ?? '(anonymous)'} (${shortPath(pos.source)}:${pos.line})`,
        };
      }
    }
    const module = frame.url ? file : frame.functionName || '(native)';
    return {
      module,
      fn: `${frame.functionName || '(anonymous)'}${frame.url ? ` (${file}:${frame.lineNumber + 1})` : ''}`,
    };
  }

  private mapFor(file: string): TraceMap | null {
    if (!this.maps.has(file)) {
      const found = this.dirs.map((dir) => join(dir, `${file}.map`)).find((path) => existsSync(path));
      this.maps.set(file, found ? new TraceMap(readFileSync(found, 'utf8')) : null);
    }
    return this.maps.get(file)!;
  }
}

/** A package name for node_modules sources; the repository path for the project's own. */
function moduleOf(source: string): string {
  const nm = source.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = source.slice(nm + 'node_modules/'.length).split('/');
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  return shortPath(source);
}

function shortPath(source: string): string {
  const nm = source.lastIndexOf('node_modules/');
  if (nm >= 0) return source.slice(nm + 'node_modules/'.length);
  return source.replace(/^(\.\.\/)+/, '');
}

export interface Summary {
  file: string;
  frames: number;
  windowMs: number;
  fps: number;
  mainPerFrame: Record<string, number>;
  /** Mouse moves the page handled in the window (the drag's or the pan's steps). */
  moves: number;
  /** Main-thread CPU time per mouse move, by category: robust on a loaded machine. */
  cpuPerMove: Record<string, number>;
  rasterPerFrame: number;
  vizPerFrame: number;
  modules: { module: string; ms: number }[];
  functions: { fn: string; ms: number }[];
  /** The project's own functions (src/…) by total time, callees included. */
  ownFunctions: { fn: string; ms: number }[];
  /** Every function by total time (React components show up here by name through the maps). */
  totalFunctions: { fn: string; ms: number }[];
}

export function summarise(path: string, symbols: Symbolicator): Summary {
  const raw = JSON.parse(readFileSync(path, 'utf8')) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(raw) ? raw : (raw.traceEvents ?? []);
  const threadName = new Map<string, string>();
  for (const e of events) {
    if (e.ph === 'M' && e.name === 'thread_name') threadName.set(`${e.pid}:${e.tid}`, e.args?.name ?? '');
  }
  const key = (e: TraceEvent): string => `${e.pid}:${e.tid}`;
  // The page's main thread: the busiest renderer main thread in the trace.
  const busy = new Map<string, number>();
  for (const e of events) {
    if (e.ph === 'X' && threadName.get(key(e)) === 'CrRendererMain' && e.name === 'RunTask') {
      busy.set(key(e), (busy.get(key(e)) ?? 0) + (e.dur ?? 0));
    }
  }
  const main = [...busy].sort((a, b) => b[1] - a[1])[0]?.[0];
  if (!main) throw new Error(`${path}: no renderer main thread`);
  const mainPid = Number(main.split(':')[0]);

  const mainEvents = events
    .filter((e) => e.ph === 'X' && key(e) === main && e.dur !== undefined)
    .sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const frames = mainEvents.filter((e) => e.name === 'FireAnimationFrame');
  const start = frames.length > 1 ? frames[0]!.ts : mainEvents[0]!.ts;
  const end = frames.length > 1 ? frames[frames.length - 1]!.ts : Math.max(...mainEvents.map((e) => e.ts + e.dur!));
  const window = Math.max(1, end - start);
  const frameCount = Math.max(1, frames.length - 1);

  // Self time of each event, charged to the nearest categorised event at or above it: wall
  // time, and thread (CPU) time, which a loaded machine inflates far less (a thread waiting for
  // a core runs up wall time, not CPU time).
  const cpu = new Map<string, number>();
  const totals = new Map<string, number>();
  interface Open {
    end: number;
    category: string | undefined;
    childTime: number;
    childCpu: number;
    dur: number;
    tdur: number;
  }
  const stack: Open[] = [];
  const close = (upTo: number): void => {
    while (stack.length > 0 && stack[stack.length - 1]!.end <= upTo) {
      const done = stack.pop()!;
      const self = done.dur - done.childTime;
      const selfCpu = Math.max(0, done.tdur - done.childCpu);
      const category = done.category ?? (stack.length === 0 ? 'other' : undefined);
      if (category) {
        totals.set(category, (totals.get(category) ?? 0) + self);
        cpu.set(category, (cpu.get(category) ?? 0) + selfCpu);
      } else {
        // Uncategorised: the parent keeps its time.
        stack[stack.length - 1]!.childTime -= self;
        stack[stack.length - 1]!.childCpu -= selfCpu;
      }
    }
  };
  let moves = 0;
  for (const e of mainEvents) {
    if (e.ts < start || e.ts >= end) continue;
    close(e.ts);
    const parent = stack[stack.length - 1];
    const tdur = e.tdur ?? e.dur!;
    if (parent) {
      parent.childTime += e.dur!;
      parent.childCpu += tdur;
    }
    const type = e.args?.data?.['type'];
    if (e.name === 'EventDispatch' && type === 'mousemove') moves++;
    stack.push({
      end: e.ts + e.dur!,
      category: categoryOf(e.name) ?? parent?.category,
      childTime: 0,
      childCpu: 0,
      dur: e.dur!,
      tdur,
    });
  }
  close(Infinity);
  const busyTotal = [...totals.values()].reduce((a, b) => a + b, 0);
  totals.set('idle', Math.max(0, window - busyTotal));

  // Beside the main thread: raster workers and the display compositor.
  let raster = 0;
  let viz = 0;
  for (const e of events) {
    if (e.ph !== 'X' || e.ts < start || e.ts >= end) continue;
    const thread = threadName.get(key(e)) ?? '';
    if (e.name === 'RasterTask' && e.pid === mainPid) raster += e.dur ?? 0;
    if (thread === 'VizCompositorThread' && e.name === 'RunTask') viz += e.dur ?? 0;
  }

  // Scripting by module and by function, from the CPU profile's samples (self time).
  const nodes = new Map<string, CallFrame>();
  const parentOf = new Map<string, string>();
  const selfByNode = new Map<string, number>();
  // Samples are timed from their profile's start; only those inside the frames' window count.
  const clock = new Map<string, number>();
  for (const e of events) {
    if (e.name === 'Profile' && e.pid === mainPid) clock.set(String(e.id), Number(e.args?.data?.['startTime'] ?? 0));
  }
  for (const e of events) {
    if (e.name !== 'ProfileChunk' || e.pid !== mainPid) continue;
    const data = e.args?.data;
    const profile = data?.cpuProfile;
    for (const node of profile?.nodes ?? []) {
      nodes.set(`${e.id}:${node.id}`, node.callFrame);
      if (node.parent !== undefined) parentOf.set(`${e.id}:${node.id}`, `${e.id}:${node.parent}`);
    }
    const samples = profile?.samples ?? [];
    const deltas = data?.timeDeltas ?? [];
    let t = clock.get(String(e.id)) ?? start;
    for (let i = 0; i < samples.length; i++) {
      t += deltas[i] ?? 0;
      clock.set(String(e.id), t);
      if (t < start || t >= end) continue;
      const id = `${e.id}:${samples[i]}`;
      selfByNode.set(id, (selfByNode.get(id) ?? 0) + (deltas[i + 1] ?? deltas[i] ?? 0));
    }
  }
  const byModule = new Map<string, number>();
  const byFunction = new Map<string, number>();
  for (const [id, us] of selfByNode) {
    const frame = nodes.get(id);
    if (!frame || ['(idle)', '(program)', '(root)'].includes(frame.functionName)) continue;
    const { module, fn } = symbols.locate(frame);
    byModule.set(module, (byModule.get(module) ?? 0) + us);
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
  }
  // Total (inclusive) time of the project's own functions: which of its code leads to the work.
  const located = new Map<string, { module: string; fn: string }>();
  const locate = (id: string): { module: string; fn: string } | null => {
    const frame = nodes.get(id);
    if (!frame) return null;
    if (!located.has(id)) located.set(id, symbols.locate(frame));
    return located.get(id)!;
  };
  const inclusive = new Map<string, number>();
  const inclusiveAll = new Map<string, number>();
  for (const [id, us] of selfByNode) {
    const seen = new Set<string>();
    for (let at: string | undefined = id; at !== undefined; at = parentOf.get(at)) {
      const where = locate(at);
      if (!where || seen.has(where.fn)) continue;
      seen.add(where.fn);
      inclusiveAll.set(where.fn, (inclusiveAll.get(where.fn) ?? 0) + us);
      if (where.module.startsWith('src/')) inclusive.set(where.fn, (inclusive.get(where.fn) ?? 0) + us);
    }
  }
  const top = <K extends string>(m: Map<string, number>, n: number, k: K) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, us]) => ({ [k]: name, ms: ms(us / frameCount) }) as Record<K, string> & { ms: number });

  const mainPerFrame: Record<string, number> = {};
  for (const category of [...ORDER, 'idle']) mainPerFrame[category] = ms((totals.get(category) ?? 0) / frameCount);
  const perMove = Math.max(1, moves);
  const cpuPerMove: Record<string, number> = {};
  for (const category of ORDER) cpuPerMove[category] = ms((cpu.get(category) ?? 0) / perMove);
  cpuPerMove['total'] = ms([...cpu.values()].reduce((a, b) => a + b, 0) / perMove);
  return {
    file: path,
    frames: frameCount,
    windowMs: ms(window),
    fps: Math.round((frameCount / (window / 1e6)) * 10) / 10,
    mainPerFrame,
    moves,
    cpuPerMove,
    rasterPerFrame: ms(raster / frameCount),
    vizPerFrame: ms(viz / frameCount),
    modules: top(byModule, 12, 'module'),
    functions: top(byFunction, 20, 'fn'),
    ownFunctions: top(inclusive, 15, 'fn'),
    totalFunctions: top(inclusiveAll, 80, 'fn'),
  };
}

function print(s: Summary): void {
  console.log(`\n## ${s.file}`);
  console.log(`${s.frames} frames in ${s.windowMs} ms: ${s.fps} fps, ${ms((s.windowMs * 1000) / s.frames)} ms a frame`);
  console.log('\nrenderer main thread, ms per frame:');
  for (const [category, value] of Object.entries(s.mainPerFrame))
    console.log(`  ${pad(category, 20)}${lpad(value, 7)}`);
  console.log(`\nrenderer main thread, CPU ms per mouse move (${s.moves} moves):`);
  for (const [category, value] of Object.entries(s.cpuPerMove)) console.log(`  ${pad(category, 20)}${lpad(value, 7)}`);
  console.log(`beside it: raster workers ${s.rasterPerFrame} ms, display compositor ${s.vizPerFrame} ms per frame`);
  console.log('\nscripting self time by module, ms per frame:');
  for (const m of s.modules) console.log(`  ${lpad(m.ms, 6)}  ${m.module}`);
  console.log('\nby function, ms per frame:');
  for (const f of s.functions) console.log(`  ${lpad(f.ms, 6)}  ${f.fn}`);
  console.log("\nthe project's own functions by total time (callees included), ms per frame:");
  for (const f of s.ownFunctions) console.log(`  ${lpad(f.ms, 6)}  ${f.fn}`);
  if (process.argv.includes('--total')) {
    console.log('\nevery function by total time (callees included), ms per frame:');
    for (const f of s.totalFunctions) console.log(`  ${lpad(f.ms, 6)}  ${f.fn}`);
  }
}

function main(): void {
  const args = process.argv.slice(2);
  const mapsAt = args.indexOf('--maps');
  const dirs = (mapsAt >= 0 ? args[mapsAt + 1]! : 'client/dist/assets').split(',').map((dir) => resolve(dir));
  const files = args.filter((arg, i) => !arg.startsWith('--') && (mapsAt < 0 || i !== mapsAt + 1));
  if (files.length === 0) throw new Error('usage: traceSummary.ts trace.json [more.json…] [--maps dir,dir] [--json]');
  const symbols = new Symbolicator(dirs);
  const summaries = files.map((file) => summarise(file, symbols));
  if (args.includes('--json')) console.log(JSON.stringify(summaries, null, 2));
  else summaries.forEach(print);
}

if (import.meta.url === `file://${process.argv[1]}`) main();
