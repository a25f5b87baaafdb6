import { DEFAULT_LANGUAGE, describeSession, randomId, type ChangeSummary } from '@loopmap/shared';
import { translatorFor } from '../i18n.ts';
import type { Store } from '../storage/Store.ts';
import type { LiveSessionRecord } from '../storage/HistoryStore.ts';
import type { Clock } from '../clock.ts';
import type { Logger } from '../logger.ts';
import type { AppendedUpdate, Room } from '../collab/Room.ts';
import type { Peer } from '../collab/Peer.ts';
import type { MapHistory } from './MapHistory.ts';

export interface LiveSessionOptions {
  /**
   * How long a session waits, once fewer than two people can edit together, before it ends: a
   * dropped connection or a page reload must not split one call into two sessions (ms).
   */
  endAfterMs: number;
}

export const DEFAULT_LIVE_SESSION_OPTIONS: LiveSessionOptions = { endAfterMs: 2 * 60_000 };

interface OpenSession {
  record: LiveSessionRecord;
  /** Names as the sockets announced them, for the summary. */
  names: Map<string, string>;
  endTimer: ReturnType<typeof setTimeout> | null;
}

/**
 * Live sessions and visits, from the rooms' hooks.
 *
 * A live session is a period in which two or more people who may edit a map have it open
 * together and change it: it opens when a second editor joins, counts the changes made
 * meanwhile, and ends (after a grace period) once fewer than two remain, or when the room
 * closes. One with no change is forgotten; one with changes ends with an automatic snapshot and
 * a paragraph of what changed. Viewers and commenters take part in calls but not in editing:
 * they are not counted.
 *
 * A visit is where each member last left the map, for catch-up: recorded when a socket closes,
 * and on a first visit (so a new member does not catch up on the whole history).
 */
export class LiveSessions {
  private readonly open = new Map<string, OpenSession>();

  constructor(
    private readonly store: Store,
    private readonly history: MapHistory,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly options: LiveSessionOptions = DEFAULT_LIVE_SESSION_OPTIONS,
  ) {}

  private editors(room: Room): Map<string, string> {
    const editors = new Map<string, string>();
    for (const peer of room.peers) {
      if (peer.canWrite && !peer.closed) editors.set(peer.identity.userId, peer.identity.name);
    }
    return editors;
  }

  async peerJoined(room: Room, peer: Peer): Promise<void> {
    await this.store.history.setVisit(room.mapId, peer.identity.userId, room.lastSeq, this.clock.now(), true);
    const editors = this.editors(room);
    const session = this.open.get(room.mapId);
    if (session) {
      if (session.endTimer) clearTimeout(session.endTimer);
      session.endTimer = null;
      for (const [id, name] of editors) this.addParticipant(session, id, name);
      return;
    }
    if (editors.size < 2) return;
    const record: LiveSessionRecord = {
      id: `live_${randomId()}`,
      mapId: room.mapId,
      startedAt: this.clock.now(),
      endedAt: null,
      fromSeq: room.lastSeq,
      toSeq: room.lastSeq,
      changes: 0,
      participants: [],
      snapshotId: null,
      summary: null,
    };
    const opened: OpenSession = { record, names: new Map(), endTimer: null };
    for (const [id, name] of editors) this.addParticipant(opened, id, name);
    this.open.set(room.mapId, opened);
  }

  private addParticipant(session: OpenSession, id: string, name: string): void {
    if (!session.record.participants.includes(id)) session.record.participants.push(id);
    session.names.set(id, name);
  }

  appended(room: Room, updates: readonly AppendedUpdate[]): void {
    const session = this.open.get(room.mapId);
    if (!session) return;
    for (const update of updates) {
      if (update.author === 'system') continue;
      session.record.changes++;
      session.record.toSeq = update.seq;
    }
  }

  async peerLeft(room: Room, peer: Peer): Promise<void> {
    await this.store.history.setVisit(room.mapId, peer.identity.userId, room.lastSeq, this.clock.now());
    const session = this.open.get(room.mapId);
    if (!session || session.endTimer || this.editors(room).size >= 2) return;
    session.endTimer = setTimeout(() => {
      session.endTimer = null;
      void this.end(room.mapId).catch((error: unknown) =>
        this.log.error('could not end a live session', { map: room.mapId, error: String(error) }),
      );
    }, this.options.endAfterMs);
    session.endTimer.unref?.();
  }

  /** The room is closing: its session, if any, ends now. */
  async closing(room: Room): Promise<void> {
    await this.end(room.mapId);
  }

  /** The session now open on a map, if any (listed with the ended ones). */
  current(mapId: string): LiveSessionRecord | null {
    return this.open.get(mapId)?.record ?? null;
  }

  private async end(mapId: string): Promise<void> {
    const session = this.open.get(mapId);
    if (!session) return;
    this.open.delete(mapId);
    if (session.endTimer) clearTimeout(session.endTimer);
    const { record } = session;
    if (record.changes === 0) return;
    record.endedAt = this.clock.now();
    const names = record.participants.map((id) => session.names.get(id) ?? 'Someone');
    const entries = await this.store.history.listHistory(mapId, {
      before: record.toSeq + 1,
      limit: Math.min(record.toSeq - record.fromSeq, 5_000),
    });
    // listHistory pages newest first; describeSession folds the summaries in the order they happened.
    const summaries = entries
      .filter((entry) => entry.seq > record.fromSeq && entry.summary !== null)
      .map((entry) => entry.summary as ChangeSummary)
      .reverse();
    // Stored once, when nobody in particular is reading: in the catalogue's default language.
    record.summary = describeSession(summaries, names, translatorFor(DEFAULT_LANGUAGE, 'history'));
    const snapshot = await this.history.takeSnapshot({
      mapId,
      seq: record.toSeq,
      name: `After the live session with ${joinNames(names)}`,
      note: record.summary,
      reason: 'session',
      by: null,
    });
    record.snapshotId = snapshot.id;
    await this.store.history.saveSession(record);
  }

  /** Ends every open session (the server is shutting down; rooms close first). */
  async shutdown(): Promise<void> {
    await Promise.all([...this.open.keys()].map((mapId) => this.end(mapId)));
  }
}

export function joinNames(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? 'nobody';
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}
