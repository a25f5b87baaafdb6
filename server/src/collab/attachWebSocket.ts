import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { CLOSE_CODES, MAX_FRAME_BYTES, isValidId } from '@loopmap/shared';
import type { Logger } from '../logger.ts';
import type { ConnectOptions, PeerHandle } from './RoomManager.ts';
import type { PeerSocket } from './PeerSocket.ts';
import type { PeerIdentity } from './Peer.ts';
import {
  DEFAULT_INBOUND_LIMITS,
  InboundBudget,
  InboundBudgets,
  InboundGate,
  type InboundLimits,
} from './InboundGate.ts';
import { sendBinary } from './framedSend.ts';

const SOCKET_PATH = /^\/ws\/([^/]+)$/;
const HEARTBEAT_MS = 30_000;

export type SocketAuthorization = { ok: true; identity: PeerIdentity } | { ok: false; code: number; reason: string };

/** Decides who a socket belongs to and whether it may open the map (see server.ts). */
export type AuthorizeSocket = (req: IncomingMessage, url: URL, mapId: string) => Promise<SocketAuthorization>;

/** Where an authorised socket goes: the RoomManager, or with several instances the MapRouter. */
export interface Connector {
  connect(mapId: string, socket: PeerSocket, options: ConnectOptions): PeerHandle;
  /** The server is shutting down: new sockets are sent elsewhere (1012). */
  readonly draining: boolean;
}

function refuseUpgrade(socket: Duplex, status: number, message: string): void {
  socket.end(`HTTP/1.1 ${status} ${message}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

function adapt(ws: WebSocket): PeerSocket {
  return {
    send: (frame) => sendBinary(ws, frame),
    close: (code, reason) => ws.close(code, reason),
    bufferedAmount: () => ws.bufferedAmount,
  };
}

/**
 * The only place that knows about `ws`: upgrades `/ws/:mapId` on the HTTP server, authorises the
 * socket, and hands it to the RoomManager. Refusals complete the upgrade and then close with a
 * code (4401, 4403, 4404; 1012 while the server drains for a restart), because browsers never
 * see an upgrade's HTTP status. Frames over MAX_FRAME_BYTES close the socket with 1009 (ws does
 * that itself); text frames with 4400.
 */
export function attachWebSocket(
  server: Server,
  rooms: Connector,
  authorize: AuthorizeSocket,
  log: Logger,
  heartbeatMs = HEARTBEAT_MS,
  inboundLimits: InboundLimits = DEFAULT_INBOUND_LIMITS,
): WebSocketServer {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES, perMessageDeflate: false });
  const budgets = new InboundBudgets(inboundLimits);

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
      ws.on('error', (error) => log.warn('socket error', { map: mapId, error: error.message }));

      // Frames that arrive while the socket is being authorised wait here, in order.
      let handle: PeerHandle | null = null;
      let early: Uint8Array[] | null = [];
      let gone = false;
      // Every frame spends from this socket's budget and, once it is authorised, its account's;
      // past either, the socket is read more slowly.
      const gate = new InboundGate(
        ws,
        (frame) => {
          if (handle) return handle.receive(frame);
          early?.push(frame);
        },
        () => {
          log.warn('peer ignored backpressure, closing', { map: mapId });
          ws.close(CLOSE_CODES.tooManyMessages, 'too many messages');
        },
        new InboundBudget(inboundLimits, performance.now()),
      );
      ws.on('message', (data, isBinary) => {
        if (!isBinary) {
          log.warn('text frame on the document socket, closing', { map: mapId });
          ws.close(CLOSE_CODES.badMessage, 'binary frames only');
          return;
        }
        const buffer = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
        gate.offer(new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength));
      });
      ws.on('close', (code) => {
        gone = true;
        gate.stop();
        if (code === CLOSE_CODES.tooLarge) log.warn('frame too large, connection closed', { map: mapId });
        handle?.closed();
      });

      if (!isValidId(mapId)) {
        ws.close(CLOSE_CODES.mapNotFound, 'map not found');
        return;
      }
      // The server is draining: this socket belongs on another instance (or on this one once it
      // is back). The upgrade completes so that the browser sees the code.
      if (rooms.draining) {
        ws.close(CLOSE_CODES.serviceRestart, 'server restarting, reconnect');
        return;
      }
      authorize(req, url, mapId).then(
        (result) => {
          if (gone) return;
          if (rooms.draining) {
            ws.close(CLOSE_CODES.serviceRestart, 'server restarting, reconnect');
            return;
          }
          if (!result.ok) {
            log.info('socket refused', { map: mapId, code: result.code, reason: result.reason });
            ws.close(result.code, result.reason);
            return;
          }
          gate.useAccountBudget(budgets.for(result.identity.userId));
          handle = rooms.connect(mapId, adapt(ws), {
            identity: result.identity,
            wantsSavedAcks: url.searchParams.get('saved') === '1',
            wantsCommentNotices: url.searchParams.get('comments') === '1',
          });
          const queued = early ?? [];
          early = null;
          for (const frame of queued) handle.receive(frame);
        },
        (error: unknown) => {
          log.error('socket authorisation failed', { map: mapId, error: String(error) });
          ws.close(CLOSE_CODES.storageFailed, 'server error');
        },
      );
    });
  });

  return wss;
}
