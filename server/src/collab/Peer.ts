import type { PeerSocket } from './PeerSocket.ts';
import type { Logger } from '../logger.ts';
import { CLOSE_CODES } from '@loopmap/shared';

/** A peer whose socket holds more unsent bytes than this is too slow to keep up and is dropped. */
export const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;

let nextPeerNumber = 1;

/** One WebSocket connection to one map. Transport-free: it only knows a PeerSocket. */
export class Peer {
  readonly id = `p${nextPeerNumber++}`;
  /** Document messages (sync step 2 and update) this peer sent and the room applied. */
  docMessages = 0;
  /** The count last acknowledged with MESSAGE_SAVED. */
  ackedMessages = 0;
  /** Awareness client ids this peer announced, removed when it leaves. */
  readonly awarenessClients = new Set<number>();
  closed = false;

  constructor(
    readonly socket: PeerSocket,
    readonly author: string,
    readonly wantsSavedAcks: boolean,
    private readonly log: Logger,
  ) {}

  send(frame: Uint8Array): void {
    if (this.closed) return;
    if (this.socket.bufferedAmount() > MAX_BUFFERED_BYTES) {
      this.log.warn('peer too slow, closing', { peer: this.id });
      this.close(CLOSE_CODES.slowConsumer, 'too slow to keep up');
      return;
    }
    try {
      this.socket.send(frame);
    } catch (error) {
      this.log.warn('send failed, closing', { peer: this.id, error: String(error) });
      this.close(CLOSE_CODES.goingAway, 'send failed');
    }
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    try {
      this.socket.close(code, reason);
    } catch {
      // The socket is already gone; nothing left to tell the client.
    }
  }
}
