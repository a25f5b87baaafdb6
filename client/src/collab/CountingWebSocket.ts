import { isDocumentMessage } from '@loopmap/shared';

/**
 * A WebSocket class for y-websocket's `WebSocketPolyfill` option that reports every document
 * message (sync step 2 or update) it actually puts on the wire. The server acknowledges stored
 * document messages by count (MESSAGE_SAVED), so the client has to count the same messages.
 */
export function createCountingWebSocket(onDocumentMessage: () => void): typeof WebSocket {
  return class CountingWebSocket extends WebSocket {
    override send(data: string | ArrayBufferLike | Blob | ArrayBufferView): void {
      const open = this.readyState === WebSocket.OPEN;
      super.send(data);
      // A socket that is closing drops frames silently: those are not sent, so not counted.
      if (open && data instanceof Uint8Array && isDocumentMessage(data)) onDocumentMessage();
    }
  };
}
