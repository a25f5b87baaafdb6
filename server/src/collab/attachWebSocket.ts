import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { CLOSE_CODES, MAX_FRAME_BYTES, isValidId } from '@loopmap/shared';
import type { Logger } from '../logger.ts';
import type { RoomManager } from './RoomManager.ts';
import type { PeerSocket } from './PeerSocket.ts';

const SOCKET_PATH = /^\/ws\/([^/]+)$/;
const HEARTBEAT_MS = 30_000;

function refuseUpgrade(socket: Duplex, status: number, message: string): void {
  socket.end(`HTTP/1.1 ${status} ${message}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

function adapt(ws: WebSocket): PeerSocket {
  return {
    send: (frame) => ws.send(frame, { binary: true }),
    close: (code, reason) => ws.close(code, reason),
    bufferedAmount: () => ws.bufferedAmount,
  };
}

/** A display name for the update log until accounts exist: sanitised, short. */
function authorFrom(url: URL): string {
  const name = (url.searchParams.get('name') ?? '')
    .replace(/[\p{Cc}]/gu, '')
    .trim()
    .slice(0, 80);
  return name.length > 0 ? name : 'anonymous';
}

/**
 * The only place that knows about `ws`: upgrades `/ws/:mapId` on the HTTP server and hands each
 * socket to the RoomManager. Frames over MAX_FRAME_BYTES close that socket with 1009 (ws does
 * that itself); text frames close it with 4400.
 */
export function attachWebSocket(
  server: Server,
  rooms: RoomManager,
  log: Logger,
  heartbeatMs = HEARTBEAT_MS,
): WebSocketServer {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES, perMessageDeflate: false });

  // A peer whose network vanished (laptop lid closed, Wi-Fi dropped) never sends a close frame:
  // ping every socket and drop the ones that did not answer the previous ping, so their
  // presence disappears for everyone else.
  const alive = new WeakSet<WebSocket>();
  const heartbeat = setInterval(() => {
    for (const ws of wss.clients) {
      if (!alive.has(ws)) {
        ws.terminate();
        continue;
      }
      alive.delete(ws);
      ws.ping();
    }
  }, heartbeatMs);
  heartbeat.unref();
  wss.on('close', () => clearInterval(heartbeat));

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const match = SOCKET_PATH.exec(url.pathname);
    const mapId = match ? decodeURIComponent(match[1]!) : null;
    if (!mapId) return refuseUpgrade(socket, 404, 'Not Found');
    wss.handleUpgrade(req, socket, head, (ws) => {
      alive.add(ws);
      ws.on('pong', () => alive.add(ws));
      if (!isValidId(mapId)) {
        ws.close(CLOSE_CODES.mapNotFound, 'map not found');
        return;
      }
      const handle = rooms.connect(mapId, adapt(ws), {
        author: authorFrom(url),
        wantsSavedAcks: url.searchParams.get('saved') === '1',
      });
      ws.on('message', (data, isBinary) => {
        if (!isBinary) {
          log.warn('text frame on the document socket, closing', { map: mapId });
          ws.close(CLOSE_CODES.badMessage, 'binary frames only');
          return;
        }
        const buffer = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
        handle.receive(new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength));
      });
      ws.on('close', (code) => {
        if (code === CLOSE_CODES.tooLarge) log.warn('frame too large, connection closed', { map: mapId });
        handle.closed();
      });
      ws.on('error', (error) => log.warn('socket error', { map: mapId, error: error.message }));
    });
  });

  return wss;
}
