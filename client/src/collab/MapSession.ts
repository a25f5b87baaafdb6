import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import type * as encoding from 'lib0/encoding';
import { WebsocketProvider } from 'y-websocket';
import { IndexeddbPersistence } from 'y-indexeddb';
import type { Awareness } from 'y-protocols/awareness';
import {
  API,
  CLOSE_CODES,
  MESSAGE_COMMENTS,
  MESSAGE_SAVED,
  createOrigin,
  installSlicedSync,
  getEdges,
  getMeta,
  getNodes,
  type Origin,
} from '@loopmap/shared';
import { createCountingWebSocket } from './CountingWebSocket.ts';
import { SaveTracker } from './SaveTracker.ts';
import { browserLink, browserScheduler, PRESENCE_INTERVAL_MS, PresenceWriter } from './PresenceWriter.ts';
import { reconnectAtOnceAfterRestart, shouldReconnectAfter } from './reconnectPolicy.ts';
import type { PresenceUser } from './presence.ts';

/**
 * Why the connection stopped for good (until the user does something): the map is gone (4404),
 * a change is too large (1009), the session ended (4401: sign in again, then resume), access
 * was removed (4403), a change would take the map over a limit (4413), the server kept
 * refusing our changes as out of step with its copy (4409, after retries), or another refusal.
 */
export type ConnectionProblem =
  | { kind: 'not-found' }
  | { kind: 'too-large' }
  | { kind: 'over-budget'; reason: string }
  | { kind: 'out-of-step' }
  | { kind: 'signed-out' }
  | { kind: 'no-access' }
  | { kind: 'refused'; code: number; reason: string };

export interface MapSessionOptions {
  mapId: string;
  /** The signed-in user's id: the actor of local changes. */
  actorId: string;
  /** Name and colour of the account (the server stamps the same into presence). */
  user: PresenceUser;
  /** Base WebSocket URL; defaults to this page's host at API.socket. */
  socketUrl?: string;
}

type MessageHandler = WebsocketProvider['messageHandlers'][number];

export const UNDO_CAPTURE_TIMEOUT_MS = 500;

/** The IndexedDB database holding this user's copy of a map on this device. */
export const deviceCopyName = (userId: string, mapId: string): string => `loopmap:${userId}:${mapId}`;

function defaultSocketUrl(): string {
  const protocol = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${protocol}//${window.location.host}${API.socket}`;
}

/**
 * One open map: the Y.Doc, its local copy (IndexedDB), its connection (y-websocket), presence,
 * undo and save status. Owns their lifecycle; React reaches it through the hooks in this folder.
 */
export class MapSession {
  readonly doc = new Y.Doc();
  readonly origin: Origin;
  readonly provider: WebsocketProvider;
  readonly persistence: IndexeddbPersistence;
  readonly awareness: Awareness;
  readonly undoManager: Y.UndoManager;
  readonly saveTracker = new SaveTracker();
  readonly presence: PresenceWriter;

  private problem: ConnectionProblem | null = null;
  /** When the server last closed us with 4409 (missing dependencies). */
  private readonly outOfStepCloses: number[] = [];
  private localLoaded = false;
  private roleChanges = 0;
  private readonly stopRestartReconnect: () => void;
  private readonly listeners = new Set<() => void>();
  private readonly commentListeners = new Set<() => void>();
  /** Leaving the page: tell peers at once rather than after the awareness timeout. */
  private readonly onPageHide = (): void => this.awareness.setLocalState(null);
  /** Back from the back-forward cache: present again. */
  private readonly onPageShow = (event: PageTransitionEvent): void => {
    if (event.persisted) this.presence.republish();
  };
  private readonly onOnline = (): void => this.saveTracker.setNetworkOnline(true);
  private readonly onOffline = (): void => this.saveTracker.setNetworkOnline(false);

  constructor(readonly options: MapSessionOptions) {
    const { mapId } = options;
    this.origin = createOrigin('user', options.actorId);

    // One copy per account and map: someone else signing in on this device neither sees nor
    // sends the previous user's unsent edits.
    this.persistence = new IndexeddbPersistence(deviceCopyName(options.actorId, mapId), this.doc);
    void this.persistence.whenSynced.then(() => {
      this.localLoaded = true;
      this.notify();
    });

    const tracker = this.saveTracker;
    this.provider = new WebsocketProvider(options.socketUrl ?? defaultSocketUrl(), mapId, this.doc, {
      // saved=1 asks for MESSAGE_SAVED acks, comments=1 for MESSAGE_COMMENTS notices. Who we
      // are comes from the session cookie.
      params: { saved: '1', comments: '1' },
      WebSocketPolyfill: createCountingWebSocket(() => tracker.documentMessageSent()),
      // No loop on the server's deliberate refusals (reconnectPolicy.ts).
      shouldReconnect: (event) => shouldReconnectAfter(event.code, Date.now(), this.outOfStepCloses),
    });
    this.awareness = this.provider.awareness;

    const onSaved: MessageHandler = (_encoder: encoding.Encoder, decoder: decoding.Decoder) => {
      tracker.acknowledged(decoding.readVarUint(decoder));
    };
    this.provider.messageHandlers[MESSAGE_SAVED] = onSaved;
    const onComments: MessageHandler = (_encoder: encoding.Encoder, decoder: decoding.Decoder) => {
      // The revision only orders notices; any notice means "fetch the comments again".
      decoding.readVarUint(decoder);
      this.notifyCommentsChanged();
    };
    this.provider.messageHandlers[MESSAGE_COMMENTS] = onComments;
    // Work too large for one frame (a long offline session) goes in slices the server stores
    // one by one; the status shows their progress.
    installSlicedSync(this.provider, (count) => tracker.slicesSent(count));

    this.provider.on('status', ({ status }) => {
      if (status === 'connecting') tracker.connecting();
      else if (status === 'connected') {
        tracker.opened();
        // Notices sent while we were away are lost: whoever shows comments should fetch them.
        this.notifyCommentsChanged();
      }
    });
    this.provider.on('connection-close', (event) => {
      tracker.closed();
      // 4501: our role on this map changed. The provider reconnects by itself (4500-4599 are
      // transient); the page fetches the new role to show the right controls.
      if (event?.code === CLOSE_CODES.roleChanged) {
        this.roleChanges++;
        this.notify();
      }
    });
    // 1012: the server is restarting, with everything it acknowledged stored. Reconnect at once
    // (within 200 ms, spread), not after the provider's backoff, and show nothing but the usual
    // "reconnecting": it is not a problem the user needs to hear about.
    this.stopRestartReconnect = reconnectAtOnceAfterRestart(this.provider);
    this.provider.on('sync', (synced) => tracker.setSynced(synced));
    this.provider.on('closed', ({ code, reason }) => this.stop(code, reason));
    // The provider may already be connecting: its first 'status' event fired in the constructor.
    if (this.provider.wsconnecting) tracker.connecting();

    tracker.setNetworkOnline(navigator.onLine);
    window.addEventListener('online', this.onOnline);
    window.addEventListener('offline', this.onOffline);
    window.addEventListener('pagehide', this.onPageHide);
    window.addEventListener('pageshow', this.onPageShow);

    this.undoManager = new Y.UndoManager([getMeta(this.doc), getNodes(this.doc), getEdges(this.doc)], {
      trackedOrigins: new Set([this.origin]),
      captureTimeout: UNDO_CAPTURE_TIMEOUT_MS,
    });

    this.presence = new PresenceWriter(
      this.awareness,
      options.user,
      browserScheduler,
      PRESENCE_INTERVAL_MS,
      browserLink(() => this.provider.ws),
    );
  }

  get mapId(): string {
    return this.options.mapId;
  }

  /** Set when the server refused the connection for good; null while all is well. */
  getProblem = (): ConnectionProblem | null => this.problem;

  /** How many times the server said our role changed (close code 4501) since the map opened. */
  getRoleChanges = (): number => this.roleChanges;

  /** True once the copy kept on this device has been loaded into the document. */
  isLocalLoaded = (): boolean => this.localLoaded;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /**
   * Calls the listener whenever the map's comments may have changed: the server said so
   * (MESSAGE_COMMENTS), or the socket (re)connected and may have missed notices meanwhile.
   */
  onCommentsChanged = (listener: () => void): (() => void) => {
    this.commentListeners.add(listener);
    return () => this.commentListeners.delete(listener);
  };

  /** Viewers and commenters: the status says "live" rather than waiting for acks that never come. */
  setReadOnly(readOnly: boolean): void {
    this.saveTracker.setReadOnly(readOnly);
  }

  /**
   * Tries again after a refusal the user can do something about (a too large change undone, or
   * signed in again): edits made meanwhile, in the Y.Doc and IndexedDB, go in the sync handshake.
   */
  retry(): void {
    this.problem = null;
    this.saveTracker.resume();
    this.notify();
    this.provider.connect();
  }

  destroy(): void {
    window.removeEventListener('online', this.onOnline);
    window.removeEventListener('offline', this.onOffline);
    window.removeEventListener('pagehide', this.onPageHide);
    window.removeEventListener('pageshow', this.onPageShow);
    this.stopRestartReconnect();
    this.presence.dispose();
    this.undoManager.destroy();
    this.provider.destroy();
    void this.persistence.destroy();
    this.doc.destroy();
    this.listeners.clear();
    this.commentListeners.clear();
  }

  private stop(code: number, reason: string): void {
    if (code === CLOSE_CODES.mapNotFound) this.problem = { kind: 'not-found' };
    else if (code === CLOSE_CODES.tooLarge) this.problem = { kind: 'too-large' };
    else if (code === CLOSE_CODES.unauthorized) this.problem = { kind: 'signed-out' };
    else if (code === CLOSE_CODES.forbidden) this.problem = { kind: 'no-access' };
    else if (code === CLOSE_CODES.overBudget) this.problem = { kind: 'over-budget', reason };
    else if (code === CLOSE_CODES.missingDependencies) this.problem = { kind: 'out-of-step' };
    else this.problem = { kind: 'refused', code, reason };
    this.provider.disconnect();
    this.saveTracker.stop(code === CLOSE_CODES.unauthorized ? 'sign-out' : 'refusal');
    this.notify();
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }

  private notifyCommentsChanged(): void {
    for (const listener of this.commentListeners) listener();
  }
}
