/**
 * The minimal socket the collaboration core needs. The ws adapter (attachWebSocket.ts) is the
 * only implementation in production; tests can pair two in memory.
 */
export interface PeerSocket {
  send(frame: Uint8Array): void;
  close(code: number, reason: string): void;
  /** Bytes queued but not yet sent; used to drop peers that cannot keep up. */
  bufferedAmount(): number;
}
