import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';

// The worker is plain CommonJS source (eval), so it needs no TypeScript loader.
const WORKER_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads');
const Database = require(workerData.modulePath);
const db = new Database(workerData.filename);
db.pragma('busy_timeout = 1000');
const checkpoint = (mode) => {
  try { db.pragma('wal_checkpoint(' + mode + ')'); } catch (error) { parentPort.postMessage(String(error)); }
};
const timer = setInterval(() => checkpoint('PASSIVE'), workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  checkpoint('PASSIVE');
  db.close();
  parentPort.close();
});
`;

/**
 * Moves SQLite's WAL checkpoints off the main thread. With automatic checkpoints, every ~1000
 * pages an append pays for copying the WAL into the database file (3-4 ms here), which stalls
 * every room's relays at that moment. A passive checkpoint on a second connection in a worker
 * runs beside the writer without blocking it.
 */
export class WalCheckpointer {
  private readonly worker: Worker;

  constructor(filename: string, intervalMs: number, onError: (message: string) => void) {
    const modulePath = createRequire(import.meta.url).resolve('better-sqlite3');
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { filename, modulePath, intervalMs } });
    this.worker.on('message', (message: string) => onError(message));
    this.worker.on('error', (error) => onError(String(error)));
    this.worker.unref();
  }

  async stop(): Promise<void> {
    const exited = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()));
    this.worker.postMessage('stop');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 2000))]);
    await this.worker.terminate();
  }
}
