import { can, CLOSE_CODES, type Role } from '@loopmap/shared';
import type { PeerSocket } from './PeerSocket.ts';
import type { Logger } from '../logger.ts';

/** A peer whose socket holds more unsent bytes than this is too slow to keep up and is dropped. */
export const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;

/**
 * A peer whose socket holds more unsent bytes than this is on a slow link (or has fallen behind):
 * presence (cursors, selections, drags) waits for it, coalesced to each client's latest state,
 * while document updates are sent as always (see Room.relayPresence).
 */
export const PRESENCE_BACKLOG_BYTES = 16 * 1024;

/** Who is on the other end, as the server established it at the upgrade. */
export interface PeerIdentity {
  userId: string;
  name: string;
  color: string;
  role: Role;
  /** The session the socket was opened with (closed on sign-out and password change). */
  sessionId?: string;
  /** The API token the socket was opened with (closed when it is revoked). */
  tokenId?: string;
  /** When the session expires (ms); the socket is closed then. */
  expiresAt?: number;
}

/** The optional extension messages a client asked for when it connected (see messages.ts). */
export interface PeerExtensions {
  /** `saved=1`: MESSAGE_SAVED acknowledgements. */
  wantsSavedAcks: boolean;
  /** `comments=1`: MESSAGE_COMMENTS notices. */
  wantsCommentNotices: boolean;
}

let nextPeerNumber = 1;

/** One WebSocket connection to one map. Transport-free: it only knows a PeerSocket. */
export class Peer {
  readonly id = `p${nextPeerNumber++}`;
  readonly canWrite: boolean;
  readonly wantsSavedAcks: boolean;
  readonly wantsCommentNotices: boolean;
  /** Document messages (sync step 2 and update) this peer sent and the room applied. */
  docMessages = 0;
  /** The count last acknowledged with MESSAGE_SAVED. */
  ackedMessages = 0;
  /** Document messages dropped because the peer may not write. */
  droppedWrites = 0;
  /** Whether the peer has sent its sync step 2 (its answer to the room's state vector). */
  sentStep2 = false;
  /**
   * Updates the peer sent before its sync step 2 that depend on what the room does not have
   * yet (it edited while the map was still loading): the step 2 carries them, so they are
   * counted as applied (and acknowledged) once it has been applied.
   */
  deferredUpdates = 0;
  /** Awareness client ids this peer announced, removed when it leaves. */
  readonly awarenessClients = new Set<number>();
  /**
   * Awareness client ids whose change this peer has not been sent yet, because its socket was
   * backed up: it gets their latest state once the socket drains (Room.relayPresence).
   */
  readonly presenceOwed = new Set<number>();
  closed = false;

  constructor(
    readonly socket: PeerSocket,
    readonly identity: PeerIdentity,
    extensions: PeerExtensions,
    private readonly log: Logger,
  ) {
    this.canWrite = can(identity.role, 'map.edit');
    this.wantsSavedAcks = extensions.wantsSavedAcks;
    this.wantsCommentNotices = extensions.wantsCommentNotices;
  }

  /** The update log's author for this peer's changes. */
  get author(): string {
    return this.identity.userId;
  }

  /** Whether presence should wait for this peer: its socket is backed up (see PRESENCE_BACKLOG_BYTES). */
  presenceBackedUp(): boolean {
    return this.socket.bufferedAmount() > PRESENCE_BACKLOG_BYTES;
  }

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
