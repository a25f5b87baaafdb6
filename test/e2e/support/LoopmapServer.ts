import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './environment.ts';

const START_TIMEOUT_MS = 30_000;

/**
 * The real server (its production entry, server/src/index.ts) as a child process with its own
 * data directory, serving the built client. It can be stopped, killed (SIGKILL: nothing is
 * flushed on the way out) and started again on the same port with the same data, so open pages
 * reconnect to it as they would to a restarted production server.
 */
export class LoopmapServer {
  private child: ChildProcess | null = null;
  private output = '';
  private port = 0;

  private constructor(readonly dataDir: string) {}

  static async start(): Promise<LoopmapServer> {
    const server = new LoopmapServer(mkdtempSync(join(tmpdir(), 'loopmap-e2e-')));
    await server.launch();
    return server;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get log(): string {
    return this.output;
  }

  /** Starts the process again (same port, same data) after stop() or kill(). */
  async launch(): Promise<void> {
    if (this.child) throw new Error('server already running');
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/index.ts'], {
      cwd: repoRoot,
      env: { ...process.env, PORT: String(this.port), HOST: '127.0.0.1', DATA_DIR: this.dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    const started = this.output.length;
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`server did not start in time:\n${this.output}`)),
        START_TIMEOUT_MS,
      );
      const onData = (chunk: Buffer): void => {
        this.output += chunk.toString();
        const match = /running at (http:\/\/[^\s"]+)/.exec(this.output.slice(started));
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`server exited with ${code} before it was ready:\n${this.output}`));
      });
    });
    this.port = Number(new URL(url).port);
    await this.waitHealthy();
  }

  /** SIGKILL, as a crash or an OOM kill would. */
  async kill(): Promise<void> {
    await this.end('SIGKILL');
  }

  /** SIGTERM: the server stores open maps and shuts down. */
  async stop(): Promise<void> {
    await this.end('SIGTERM');
  }

  async restart({ crash = false } = {}): Promise<void> {
    if (crash) await this.kill();
    else await this.stop();
    await this.launch();
  }

  async dispose(): Promise<void> {
    await this.stop();
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  private async waitHealthy(): Promise<void> {
    const deadline = Date.now() + START_TIMEOUT_MS;
    for (;;) {
      try {
        const response = await fetch(`${this.url}/healthz`);
        if (response.ok) return;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) throw new Error(`server never became healthy:\n${this.output}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  private async end(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.child = null;
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill(signal);
    await exited;
  }
}
