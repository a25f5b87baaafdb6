import * as encoding from 'lib0/encoding';

/**
 * The WebSocket wire. Loopmap speaks the standard y-websocket protocol (y-protocols sync and
 * awareness), so an unmodified `WebsocketProvider` works, plus two optional extension messages,
 * each sent only to clients that ask for it with a query parameter, since the stock provider
 * logs unknown message types:
 *
 *   MESSAGE_SAVED (100), with `saved=1`: varUint count. "The first `count` document messages
 *   (sync step 2 and update) that you sent on this connection are durably stored."
 *
 *   MESSAGE_COMMENTS (101), with `comments=1`: varUint revision. "The comments of this map have
 *   changed: fetch them again." Comments live outside the document (REST), so this is only a
 *   nudge; the revision grows with every change while the server runs, and restarts with it.
 */
export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
export const MESSAGE_QUERY_AWARENESS = 3;
export const MESSAGE_SAVED = 100;
export const MESSAGE_COMMENTS = 101;

/** y-protocols sync sub-types. */
export const SYNC_STEP_1 = 0;
export const SYNC_STEP_2 = 1;
export const SYNC_UPDATE = 2;

/**
 * Largest frame a client may send; larger frames close that connection with 1009. Checking a
 * frame holds the server's event loop for every map (about 3 ms for 64 KiB of cards), so frames
 * are kept small: the client sends anything over 32 KiB in slices (protocol/sliceUpdate.ts),
 * whatever its size, and the largest single thing a map holds (a 20,000-character narrative)
 * fits one frame.
 */
export const MAX_FRAME_BYTES = 64 * 1024;

/**
 * Close codes the server uses. As y-websocket's provider reads them: 4400-4499 are permanent (it
 * stops reconnecting), everything else, 4500-4599 included, is transient (it reconnects).
 */
export const CLOSE_CODES = {
  /** A frame could not be decoded or had an unknown message type. */
  badMessage: 4400,
  /** No valid session or token, or it expired or was revoked: sign in again (do not retry). */
  unauthorized: 4401,
  /** Signed in, but not a member of this map, or removed from it (do not retry). */
  forbidden: 4403,
  /** The member's role changed: reconnect to continue with the new role. */
  roleChanged: 4501,
  /** The map does not exist or was deleted. */
  mapNotFound: 4404,
  /**
   * The peer kept breaking the limits on what one connection may send (presence entries it does
   * not own, oversized presence, or frames far beyond its budget). An honest client never does.
   */
  tooManyMessages: 4429,
  /**
   * An update needed changes the server does not have (a gap in a client's clocks, an unknown
   * origin or parent, a deletion of unknown items): it was not applied and nothing was stored.
   * The reconnect handshake sends everything the server lacks, so a client may reconnect, but not
   * in a loop (Loopmap's client tries twice a minute, then asks the user to reload).
   */
  missingDependencies: 4409,
  /**
   * An update would take the map over a budget (a string over its key's limit, e.g. a card
   * title over 2,000 characters; more records than the map may hold; more bytes than it may
   * store): it was not applied and nothing was stored. Sending it again would be refused again.
   */
  overBudget: 4413,
  /** The server could not store the client's update; the client should reconnect. */
  storageFailed: 4500,
  /** The peer did not read its socket fast enough and fell too far behind. */
  slowConsumer: 4502,
  /**
   * Several instances: the map is now served by another instance (the one that served it went
   * away, or two served it while Redis was unreachable). Reconnect at once; nothing is lost.
   */
  mapMoved: 4503,
  /** The server is shutting down (or could not send to the peer). */
  goingAway: 1001,
  /**
   * The server is restarting (SIGTERM or SIGINT): everything it acknowledged is stored and the
   * map is handed over, so reconnect at once (RFC 6455's registered Service Restart code; a
   * load balancer sends the new connection to another instance). Sockets that open while the
   * server drains are closed with it too.
   */
  serviceRestart: 1012,
  /** A frame was larger than MAX_FRAME_BYTES. */
  tooLarge: 1009,
  /** The instance is at its memory budget and opens no further map now: try again (RFC 6455 1013). */
  tryAgainLater: 1013,
} as const;

/** Whether a frame from a client is a document-changing message (sync step 2 or update). */
export function isDocumentMessage(frame: Uint8Array): boolean {
  return frame.length >= 2 && frame[0] === MESSAGE_SYNC && (frame[1] === SYNC_STEP_2 || frame[1] === SYNC_UPDATE);
}

/** A sync message (step 1, step 2 or update) as y-protocols frames it. */
export function encodeSyncMessage(subType: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  encoding.writeVarUint(encoder, subType);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

/** An awareness (presence) message carrying a y-protocols awareness update. */
export function encodeAwarenessMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** MESSAGE_SAVED: the first `count` document messages the client sent are durably stored. */
export function encodeSavedMessage(count: number): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SAVED);
  encoding.writeVarUint(encoder, count);
  return encoding.toUint8Array(encoder);
}

/** MESSAGE_COMMENTS: the map's comments changed (`revision` grows with every change). */
export function encodeCommentsMessage(revision: number): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_COMMENTS);
  encoding.writeVarUint(encoder, revision);
  return encoding.toUint8Array(encoder);
}
