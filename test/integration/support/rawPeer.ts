import WebSocket from 'ws';
import * as encoding from 'lib0/encoding';
import { encodeSyncMessage, MESSAGE_AWARENESS, SYNC_UPDATE } from '@loopmap/shared';

/** A protocol-level client: sends whatever frames a test (or an attacker) builds. */
export interface RawPeer {
  ws: WebSocket;
  /** Resolves with the close code and reason once the socket closes. */
  closed: Promise<{ code: number; reason: string }>;
  /** Every frame the server sent, in order. */
  received: Uint8Array[];
  send(frame: Uint8Array): void;
}

export function openRawPeer(socketUrl: string, cookie: string, origin?: string): Promise<RawPeer> {
  const headers: Record<string, string> = { cookie };
  if (origin) headers.origin = origin;
  const ws = new WebSocket(socketUrl, { headers });
  const received: Uint8Array[] = [];
  ws.on('message', (data: Buffer) => received.push(new Uint8Array(data)));
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  return new Promise((resolve, reject) => {
    ws.once('open', () =>
      resolve({
        ws,
        closed,
        received,
        send: (frame) => {
          if (ws.readyState === WebSocket.OPEN) ws.send(frame);
        },
      }),
    );
    ws.once('error', reject);
  });
}

/** An awareness frame announcing `entries` (client id, clock, state). */
export function presenceFrame(entries: { clientId: number; clock: number; state: unknown }[]): Uint8Array {
  const update = encoding.createEncoder();
  encoding.writeVarUint(update, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(update, entry.clientId);
    encoding.writeVarUint(update, entry.clock);
    encoding.writeVarString(update, JSON.stringify(entry.state));
  }
  const frame = encoding.createEncoder();
  encoding.writeVarUint(frame, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(frame, encoding.toUint8Array(update));
  return encoding.toUint8Array(frame);
}

/** A document update frame. */
export function updateFrame(update: Uint8Array): Uint8Array {
  return encodeSyncMessage(SYNC_UPDATE, update);
}
