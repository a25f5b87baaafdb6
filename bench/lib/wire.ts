/**
 * Lean y-websocket clients for the load generator.
 *
 * - RawClient speaks the sync protocol without a Y.Doc: it asks for the full state, answers the
 *   server's sync step 1 with an empty step 2, and hands every incoming update message to a
 *   callback as raw bytes. Cheap enough to run a hundred of them next to a server on 2 cores.
 * - WriterClient is a real Y.Doc behind the same handshake the stock WebsocketProvider does
 *   (step 1 on open, reply to the server's step 1, apply step 2 / updates, send local updates).
 *
 * Latency markers: a writer puts `LMB:<writer>:<seq>:<performance.now()>;` into a side map in the
 * same transaction as its position write. Yjs (update format v1) stores the string as raw UTF-8,
 * also after the server merges updates, so receivers find it with Buffer.indexOf, no decoding.
 */
import { readFileSync } from 'node:fs';
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import { sliceUpdate } from '@loopmap/shared';
import { WebsocketProvider } from 'y-websocket';

export const MESSAGE_SYNC = 0;
export const SYNC_STEP_1 = 0;
export const SYNC_STEP_2 = 1;
export const SYNC_UPDATE = 2;

/** Sync step 1 with the state vector of an empty doc: "send me everything". */
export const STEP1_EMPTY = Uint8Array.of(MESSAGE_SYNC, SYNC_STEP_1, 1, 0);
/** Sync step 2 carrying an empty update: the reply of a client that has nothing. */
export const STEP2_EMPTY = Uint8Array.of(MESSAGE_SYNC, SYNC_STEP_2, 2, 0, 0);

export function syncMessage(subType: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  encoding.writeVarUint(encoder, subType);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

export function socketUrl(port: number, mapId: string, token?: string): string {
  // saved=1 is what the Loopmap browser client asks for; the reference server ignores it, and
  // it ignores the token (ours requires one: an API token of the bench account).
  const auth = token ? `&token=${encodeURIComponent(token)}` : '';
  return `ws://127.0.0.1:${port}/ws/${encodeURIComponent(mapId)}?saved=1${auth}`;
}

const MARK = Buffer.from('LMB:', 'latin1');
const MARK_END = 0x3b; // ';'

export function marker(writer: number, seq: number, sentAt: number): string {
  return `LMB:${writer}:${seq}:${sentAt.toFixed(3)};`;
}

/** Calls fn for every latency marker in a message. Bounded by the message length. */
export function scanMarkers(buf: Buffer, fn: (writer: number, seq: number, sentAt: number) => void): number {
  let found = 0;
  let pos = buf.indexOf(MARK);
  while (pos !== -1) {
    const end = buf.indexOf(MARK_END, pos + MARK.length);
    if (end === -1 || end - pos > 64) break;
    const parts = buf.toString('latin1', pos + MARK.length, end).split(':');
    if (parts.length === 3) {
      fn(Number(parts[0]), Number(parts[1]), Number(parts[2]));
      found++;
    }
    pos = buf.indexOf(MARK, end);
  }
  return found;
}

function toBuffer(data: WebSocket.RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}

export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export interface RawClientOptions {
  /** Called for every sync update message (0, 2), with its arrival time (performance.now()). */
  onUpdate?: (buf: Buffer, at: number) => void;
  /** Sent on open before step 1 (e.g. a map's content, to preload a room). */
  preload?: Uint8Array[];
}

/** A Y.Doc-less client: full state once, then raw update messages. */
export class RawClient {
  readonly ws: WebSocket;
  readonly openedAt: Promise<number>;
  /** Resolves with the arrival time of sync step 2 (the server's answer to our step 1). */
  readonly synced: Promise<number>;
  readonly closed: Promise<void>;
  step2Bytes = 0;
  private resolveSynced!: (at: number) => void;

  constructor(url: string, options: RawClientOptions = {}) {
    this.synced = new Promise((resolve) => (this.resolveSynced = resolve));
    this.ws = new WebSocket(url, { perMessageDeflate: false });
    this.openedAt = new Promise((resolve, reject) => {
      this.ws.once('open', () => resolve(performance.now()));
      this.ws.once('error', reject);
    });
    this.closed = new Promise((resolve) => this.ws.once('close', () => resolve()));
    this.ws.on('error', () => {});
    this.ws.on('open', () => {
      for (const update of options.preload ?? []) this.ws.send(syncMessage(SYNC_UPDATE, update));
      this.ws.send(STEP1_EMPTY);
    });
    this.ws.on('message', (data) => {
      const at = performance.now();
      const buf = toBuffer(data);
      if (buf[0] !== MESSAGE_SYNC) return; // awareness, saved acks: not needed here
      const sub = buf[1];
      if (sub === SYNC_UPDATE) options.onUpdate?.(buf, at);
      else if (sub === SYNC_STEP_1) this.ws.send(STEP2_EMPTY);
      else if (sub === SYNC_STEP_2) {
        this.step2Bytes = buf.length;
        this.resolveSynced(at);
      }
    });
  }

  close(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return Promise.resolve();
    this.ws.close();
    return this.closed;
  }
}

/** A real Y.Doc over the y-websocket handshake, like the stock provider minus awareness. */
export class WriterClient {
  readonly doc = new Y.Doc();
  readonly ws: WebSocket;
  readonly synced: Promise<number>;
  readonly closed: Promise<void>;
  private resolveSynced!: (at: number) => void;

  /**
   * `applyRemote: false` only reads others' updates for markers and never applies them (its own
   * writes never depend on them), so its latencies show what the server adds, not what applying
   * others' content costs this process.
   */
  constructor(
    url: string,
    onUpdate: (buf: Buffer, at: number) => void,
    private readonly options: { applyRemote?: boolean } = {},
  ) {
    this.synced = new Promise((resolve) => (this.resolveSynced = resolve));
    this.ws = new WebSocket(url, { perMessageDeflate: false });
    this.closed = new Promise((resolve) => this.ws.once('close', () => resolve()));
    this.ws.on('error', () => {});
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === this || this.ws.readyState !== WebSocket.OPEN) return;
      // As the browser client does: large updates go in slices that each fit a frame.
      for (const slice of sliceUpdate(update)) this.ws.send(syncMessage(SYNC_UPDATE, slice));
    });
    this.ws.on('open', () => {
      this.ws.send(syncMessage(SYNC_STEP_1, Y.encodeStateVector(this.doc)));
    });
    this.ws.on('message', (data) => {
      const at = performance.now();
      const buf = toBuffer(data);
      if (buf[0] !== MESSAGE_SYNC) return;
      const sub = buf[1];
      if (sub === SYNC_UPDATE) onUpdate(buf, at);
      if (sub === SYNC_UPDATE && this.options.applyRemote === false) return;
      const decoder = decoding.createDecoder(buf);
      decoding.readVarUint(decoder);
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_SYNC);
      syncProtocol.readSyncMessage(decoder, encoder, this.doc, this);
      if (encoding.length(encoder) > 1) this.ws.send(encoding.toUint8Array(encoder));
      if (sub === SYNC_STEP_2) this.resolveSynced(at);
    });
  }

  close(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return Promise.resolve();
    this.ws.close();
    return this.closed;
  }
}

/** Creates a map on the server under test: REST for ours, any free name for the reference. */
export async function createMap(kind: 'ref' | 'ours', port: number, title: string, token?: string): Promise<string> {
  if (kind === 'ref') return `bench-${title}-${Math.random().toString(36).slice(2, 10)}`;
  const res = await fetch(`http://127.0.0.1:${port}/api/maps`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token ?? ''}` },
    body: JSON.stringify({ title }),
    signal: AbortSignal.timeout(10_000),
  });
  if (res.status !== 201) throw new Error(`create map failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { map: { id: string } }).map.id;
}

/**
 * Pushes a map's content through one connection and resolves once the server has it all: the
 * server answers our step 1 only after the updates sent before it (ours: once they are durable).
 */
export async function preloadMap(url: string, chunks: Uint8Array[], timeoutMs: number): Promise<RawClient> {
  const loader = new RawClient(url, { preload: chunks });
  await withTimeout(loader.synced, timeoutMs, 'preloading the map');
  return loader;
}

/** CPU time (ms) of another process, all threads, from /proc (10 ms resolution). */
export function processCpu(pid: number): { user: number; system: number; total: number } {
  // Bounded: one small read. Fields after "pid (comm) ": state is #3, utime #14, stime #15.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const user = (Number(rest[11]) * 1000) / CLOCK_TICKS;
  const system = (Number(rest[12]) * 1000) / CLOCK_TICKS;
  return { user, system, total: user + system };
}

/**
 * CPU time the processes of the whole machine used (ms, all cores): user + nice + system from
 * /proc/stat. irq and softirq are left out: loopback traffic of the bench itself lands there.
 */
export function machineBusyMs(): number {
  const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!;
  // cpu user nice system idle iowait irq softirq steal ...
  const f = line.trim().split(/\s+/).slice(1).map(Number);
  return ((f[0]! + f[1]! + f[2]!) * 1000) / CLOCK_TICKS;
}

/**
 * Waits (at most maxWaitMs) until the machine has been nearly idle for one second: busy time of
 * all processes under `thresholdPercent` of one core. Returns how long it waited.
 */
export async function waitForQuiet(maxWaitMs: number, thresholdPercent = 10): Promise<number> {
  const started = performance.now();
  while (performance.now() - started < maxWaitMs) {
    const before = machineBusyMs();
    await sleep(1_000);
    if (((machineBusyMs() - before) * 100) / 1_000 < thresholdPercent) break;
  }
  return Math.round(performance.now() - started);
}

/**
 * Starts measuring how much CPU every process other than the server under test and this one
 * uses; the returned function gives it since the start: ms of CPU, elapsed ms, and % of one
 * core (10 ms resolution, so only meaningful over a second or more; sum short windows).
 */
export function otherCpu(serverPid: number): () => { cpuMs: number; elapsedMs: number; percent: number } {
  const t0 = performance.now();
  const machine0 = machineBusyMs();
  const server0 = processCpuMs(serverPid);
  const self0 = ownCpuMs();
  return () => {
    const cpuMs = Math.max(0, machineBusyMs() - machine0 - (processCpuMs(serverPid) - server0) - (ownCpuMs() - self0));
    const elapsedMs = performance.now() - t0;
    return { cpuMs, elapsedMs, percent: Math.round((1000 * cpuMs) / elapsedMs) / 10 };
  };
}

export function processCpuMs(pid: number): number {
  return processCpu(pid).total;
}

const CLOCK_TICKS = 100; // getconf CLK_TCK on Linux

/** This process's CPU time (ms). */
export function ownCpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

/**
 * A full client as the browser runs it: the stock y-websocket `WebsocketProvider` (a real Y.Doc,
 * awareness with a small presence state, resync and reconnect logic) with the Loopmap params
 * (`saved=1`, `comments=1`) and handlers for the saved acks and comment notices. Every message
 * also goes to `onUpdate` (sync updates only) with its arrival time, taken before the provider
 * decodes and applies it.
 */
export class ProviderClient {
  readonly doc = new Y.Doc();
  readonly provider: WebsocketProvider;
  readonly synced: Promise<number>;
  private lastMessageAt = 0;

  constructor(
    port: number,
    mapId: string,
    token: string | undefined,
    name: string,
    onUpdate: (buf: Buffer, at: number) => void,
  ) {
    const noteMessage = (at: number): void => {
      this.lastMessageAt = at;
    };
    class TimedWebSocket extends WebSocket {
      constructor(address: string, protocols?: string | string[]) {
        super(address, protocols, { perMessageDeflate: false });
        this.on('message', (data) => {
          const at = performance.now();
          noteMessage(at);
          const buf = Buffer.isBuffer(data)
            ? data
            : Array.isArray(data)
              ? Buffer.concat(data)
              : Buffer.from(data as ArrayBuffer);
          if (buf[0] === MESSAGE_SYNC && buf[1] === SYNC_UPDATE) onUpdate(buf, at);
        });
        this.on('error', () => {});
      }
    }
    this.provider = new WebsocketProvider(`ws://127.0.0.1:${port}/ws`, mapId, this.doc, {
      params: { saved: '1', comments: '1', ...(token ? { token } : {}) },
      WebSocketPolyfill: TimedWebSocket as unknown as typeof globalThis.WebSocket,
      disableBc: true,
    });
    const ignore = (_encoder: encoding.Encoder, decoder: decoding.Decoder): void => {
      decoding.readVarUint(decoder);
    };
    this.provider.messageHandlers[100] = ignore; // MESSAGE_SAVED
    this.provider.messageHandlers[101] = ignore; // MESSAGE_COMMENTS
    this.provider.awareness.setLocalState({ user: { name, color: '#3366cc' } });
    this.synced = new Promise((resolve) => {
      const onSync = (isSynced: boolean): void => {
        if (!isSynced) return;
        this.provider.off('sync', onSync);
        resolve(this.lastMessageAt || performance.now());
      };
      this.provider.on('sync', onSync);
    });
  }

  close(): Promise<void> {
    this.provider.destroy();
    return Promise.resolve();
  }
}
