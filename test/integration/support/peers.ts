import * as Y from 'yjs';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as decoding from 'lib0/decoding';
import { MESSAGE_COMMENTS, MESSAGE_SAVED, installSlicedSync, isDocumentMessage } from '@loopmap/shared';
import { waitFor } from './waitFor.ts';

export interface TestPeer {
  name: string;
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Document messages this peer sent on its current socket. */
  sent(): number;
  /** The server's last MESSAGE_SAVED count for the current socket. */
  saved(): number;
  /** The last close code the server gave this peer. */
  lastCloseCode(): number | null;
  /**
   * Every socket of this peer that closed, in order: its close code, and how many document
   * messages it had sent and the server had acknowledged (MESSAGE_SAVED) by then.
   */
  closes(): { code: number; sent: number; saved: number }[];
  /** The MESSAGE_COMMENTS revisions received (only with `comments: true`). */
  commentRevisions(): number[];
  /** The type (first byte) of every message the server sent this peer, in order. */
  receivedTypes(): number[];
  whenSynced(): Promise<void>;
  /** Resolves when the server has durably stored every document message this peer sent. */
  whenSaved(): Promise<void>;
  destroy(): void;
}

/**
 * A real, unmodified y-websocket provider over a real WebSocket (ws), as a third-party Node
 * client would use it, plus the optional saved-ack extension.
 */
export interface PeerCredentials {
  /** A session cookie (`loopmap_session=…`), as a browser sends it. */
  cookie?: string;
  /** An API token, sent as `Authorization: Bearer`. */
  token?: string;
  /** An Origin header, as a browser sends it. */
  origin?: string;
}

export function connectPeer(
  baseUrl: string,
  mapId: string,
  name: string,
  credentials: PeerCredentials,
  options: {
    saved?: boolean;
    comments?: boolean;
    /**
     * As the browser client does, large messages go in slices that fit a frame; a function is
     * told how many frames a sliced message took; `false` sends every message whole.
     */
    slices?: false | ((count: number) => void);
    /** Connect with this document (what a client kept when its server went away). */
    doc?: Y.Doc;
  } = {},
): TestPeer {
  const doc = options.doc ?? new Y.Doc();
  let sent = 0;
  let saved = 0;
  let lastCloseCode: number | null = null;
  const closes: { code: number; sent: number; saved: number }[] = [];
  const commentRevisions: number[] = [];
  const receivedTypes: number[] = [];
  // Count outgoing document messages per socket, the way the browser client does.
  class CountingWebSocket extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      const headers: Record<string, string> = {};
      if (credentials.cookie) headers.cookie = credentials.cookie;
      if (credentials.token) headers.authorization = `Bearer ${credentials.token}`;
      if (credentials.origin) headers.origin = credentials.origin;
      super(url, protocols, { headers });
      sent = 0;
      saved = 0;
      this.on('close', (code: number) => {
        lastCloseCode = code;
        closes.push({ code, sent, saved });
      });
      // Every type this protocol uses is below 128, so it is the frame's first byte.
      // (y-websocket sets binaryType to 'arraybuffer'.)
      this.on('message', (data: ArrayBuffer | Uint8Array) => {
        receivedTypes.push((data instanceof ArrayBuffer ? new Uint8Array(data) : data)[0]!);
      });
    }
    override send(data: unknown, ...rest: unknown[]): void {
      if (data instanceof Uint8Array && isDocumentMessage(data)) sent++;
      (super.send as (...args: unknown[]) => void)(data, ...rest);
    }
  }
  const params: Record<string, string> = { name };
  if (options.saved !== false) params.saved = '1';
  if (options.comments) params.comments = '1';
  const provider = new WebsocketProvider(`${baseUrl.replace(/^http/, 'ws')}/ws`, mapId, doc, {
    WebSocketPolyfill: CountingWebSocket as unknown as typeof globalThis.WebSocket,
    params,
    disableBc: true,
  });
  if (options.slices !== false) installSlicedSync(provider, options.slices);
  provider.messageHandlers[MESSAGE_SAVED] = (_encoder, decoder: decoding.Decoder) => {
    saved = decoding.readVarUint(decoder);
  };
  if (options.comments) {
    provider.messageHandlers[MESSAGE_COMMENTS] = (_encoder, decoder: decoding.Decoder) => {
      commentRevisions.push(decoding.readVarUint(decoder));
    };
  }
  return {
    name,
    doc,
    provider,
    sent: () => sent,
    saved: () => saved,
    lastCloseCode: () => lastCloseCode,
    closes: () => [...closes],
    commentRevisions: () => [...commentRevisions],
    receivedTypes: () => [...receivedTypes],
    whenSynced: () => waitFor(() => provider.synced, `${name} synced`).then(() => undefined),
    whenSaved: () =>
      waitFor(() => provider.synced && saved >= sent, `${name} saved (${saved}/${sent})`).then(() => undefined),
    destroy: () => {
      provider.destroy();
      doc.destroy();
    },
  };
}
