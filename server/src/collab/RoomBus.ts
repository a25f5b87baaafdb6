import type { Role } from '@loopmap/shared';

/**
 * What the REST side tells the live rooms: who must be disconnected, whose comments changed.
 * Events are plain JSON data (strings and arrays of strings, no closures, no class instances),
 * so that a bus shared by several server instances (Redis pub/sub) can carry them unchanged.
 * What each event does to the sockets (close code, reason) is decided by RoomManager, which
 * subscribes; publishers only say what happened.
 */
export type RoomEvent =
  /** A member was removed from a map (or left it): their sockets on that map close (4403). */
  | { type: 'member-removed'; mapId: string; userId: string }
  /** A member's role on a map changed: their sockets on that map reconnect with it (4501). */
  | { type: 'role-changed'; mapId: string; userId: string; role: Role }
  /** A session was ended by signing out: sockets opened with it close (4401). */
  | { type: 'signed-out'; sessionId: string }
  /** A password changed and these sessions of the user were ended: their sockets close (4401). */
  | { type: 'password-changed'; userId: string; sessionIds: string[] }
  /** An API token was revoked: sockets opened with it close (4401). */
  | { type: 'token-revoked'; tokenId: string }
  /** An account was deleted: every socket of that user closes (4401). */
  | { type: 'account-deleted'; userId: string }
  /** A map's comments changed: peers that asked (`comments=1`) are told (MESSAGE_COMMENTS). */
  | { type: 'comments-changed'; mapId: string }
  /** A map was deleted: its sockets close (4404) and its room is dropped, on every instance. */
  | { type: 'map-deleted'; mapId: string };

export type RoomEventType = RoomEvent['type'];

export type RoomEventHandler = (event: RoomEvent) => void;

/** Carries RoomEvents from whoever publishes them to every subscriber (in this instance or all). */
export interface RoomBus {
  publish(event: RoomEvent): void;
  /** Returns a function that ends the subscription. */
  subscribe(handler: RoomEventHandler): () => void;
}

/**
 * The bus of a single server instance. Delivery is synchronous and in order, so a route that
 * publishes and then goes on (closing a deleted map's room, answering) does so after every
 * subscriber has acted, as when it called RoomManager itself. Each subscriber gets its own copy
 * of the event as it would arrive through JSON, so nothing can come to depend on sharing the
 * publisher's object. A subscriber that throws does not keep the event from the others; the
 * first error is rethrown to the publisher once all have had it.
 */
export class InProcessRoomBus implements RoomBus {
  private readonly handlers = new Set<RoomEventHandler>();

  publish(event: RoomEvent): void {
    const json = JSON.stringify(event);
    let failure: { error: unknown } | null = null;
    for (const handler of [...this.handlers]) {
      try {
        handler(JSON.parse(json) as RoomEvent);
      } catch (error) {
        failure ??= { error };
      }
    }
    if (failure) throw failure.error;
  }

  subscribe(handler: RoomEventHandler): () => void {
    // A wrapper per subscription, so subscribing the same function twice gets it twice.
    const entry: RoomEventHandler = (event) => handler(event);
    this.handlers.add(entry);
    return () => {
      this.handlers.delete(entry);
    };
  }
}
