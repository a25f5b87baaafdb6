// Preloaded into a server process by test/bigMapOpen.ts (NODE_OPTIONS=--import): prints every
// stretch of 25 ms or more during which the main thread's event loop did not turn. Worker
// threads (which load with the same NODE_OPTIONS) are meant to be busy and are not watched.
import { isMainThread } from 'node:worker_threads';

if (isMainThread) {
  let last = performance.now();
  setInterval(() => {
    const now = performance.now();
    if (now - last >= 25) process.stderr.write(`STALL ${Math.round(now - last)} ${Date.now()}\n`);
    last = now;
  }, 2).unref();
}
