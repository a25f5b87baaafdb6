import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface TcpRelay {
  port: number;
  /** Every connection through the relay dropped and new ones refused, as if the service went away. */
  cut(): Promise<void>;
  /** Listening again on the same port. */
  restore(): Promise<void>;
}

/**
 * A TCP relay in front of a service (PostgreSQL, Redis) that a test can cut and restore on the
 * same port: the service going away and coming back, as one server instance sees it.
 */
export async function tcpRelay(upstreamHost: string, upstreamPort: number): Promise<TcpRelay> {
  const sockets = new Set<Socket>();
  let server: Server;
  const listen = (port: number) =>
    new Promise<number>((resolve) => {
      server = createServer((client) => {
        const upstream = connect(upstreamPort, upstreamHost);
        for (const socket of [client, upstream]) {
          sockets.add(socket);
          socket.on('close', () => sockets.delete(socket));
          socket.on('error', () => undefined);
        }
        client.pipe(upstream).pipe(client);
      });
      server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
    });
  const port = await listen(0);
  return {
    port,
    cut: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
    restore: async () => {
      await listen(port);
    },
  };
}
