/**
 * The client of bench/exports.ts that downloads exports over HTTP, in its own process so that
 * reading multi-megabyte bodies never delays the live peers whose latency the bench measures.
 *
 *   node --import tsx bench/exportDownloader.ts <port> <mapId> <token> <formats,...> <concurrency>
 *
 * Over IPC: sends {type:'ready'}; {type:'warm'} downloads every format once, one after the other,
 * and answers {type:'warmed'}; {type:'run', ms} downloads `concurrency` at a time, cycling through
 * the formats, until ms have passed (the downloads under way then finish), and answers
 * {type:'done', downloads}. Anything but a 200 with a body ends the process with code 1.
 */

/** Options of the downloads: what a user most often asks for (PNG at 2x, for slides). */
const PARAMS: Record<string, Record<string, string>> = { png: { scale: '2' } };

export interface Download {
  format: string;
  /** Date.now() at the request and once the body was read (to line up with the server's stalls). */
  from: number;
  to: number;
  ms: number;
  bytes: number;
  /** The server's own render time (its Server-Timing header), queueing for a worker included. */
  renderMs: number | null;
}

const [port, mapId, token, formatList, concurrency] = process.argv.slice(2);
if (!port || !mapId || !token || !formatList || !concurrency)
  throw new Error('usage: <port> <mapId> <token> <formats> <n>');
const formats = formatList.split(',');

async function download(format: string): Promise<Download> {
  const query = new URLSearchParams({ format, ...PARAMS[format] });
  const from = Date.now();
  const t = performance.now();
  const response = await fetch(`http://127.0.0.1:${port}/api/maps/${mapId}/export?${query}`, {
    headers: { authorization: `Bearer ${token}` },
    signal: AbortSignal.timeout(60_000),
  });
  const body = await response.arrayBuffer();
  if (response.status !== 200) {
    throw new Error(`export ${format}: ${response.status} ${Buffer.from(body).toString('utf8', 0, 200)}`);
  }
  if (body.byteLength === 0) throw new Error(`export ${format}: empty body`);
  const timing = /render;dur=([\d.]+)/.exec(response.headers.get('server-timing') ?? '');
  return {
    format,
    from,
    to: Date.now(),
    ms: Math.round(performance.now() - t),
    bytes: body.byteLength,
    renderMs: timing ? Number(timing[1]) : null,
  };
}

async function run(lengthMs: number): Promise<Download[]> {
  const until = performance.now() + lengthMs;
  const done: Download[] = [];
  let next = 0;
  const lane = async (): Promise<void> => {
    while (performance.now() < until) done.push(await download(formats[next++ % formats.length]!));
  };
  await Promise.all(Array.from({ length: Number(concurrency) }, lane));
  return done;
}

const fail = (error: unknown): void => {
  console.error(error);
  process.exit(1);
};

process.on('message', (message: { type: string; ms?: number }) => {
  if (message.type === 'warm') {
    (async () => {
      for (const format of formats) await download(format);
      process.send?.({ type: 'warmed' });
    })().catch(fail);
  } else if (message.type === 'run') {
    run(message.ms ?? 0)
      .then((downloads) => process.send?.({ type: 'done', downloads }))
      .catch(fail);
  }
});
process.on('disconnect', () => process.exit(0));
process.send?.({ type: 'ready' });
