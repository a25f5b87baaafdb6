import {
  AUTO_SNAPSHOT_TTL_DAYS,
  DELETED_USER_NAME,
  type LiveSessionView,
  type PersonView,
  type PointView,
  type SnapshotView,
} from '@loopmap/shared';
import type { Store } from '../storage/Store.ts';
import type { LiveSessionRecord, SnapshotRecord } from '../storage/HistoryStore.ts';
import type { ResolvedPoint } from '../history/MapHistory.ts';

/** How the history's records read over REST (shared/src/api/history.ts). */

const DAY_MS = 24 * 60 * 60 * 1000;
export const iso = (at: number): string => new Date(at).toISOString();

export const pointView = (point: ResolvedPoint): PointView => ({
  seq: point.seq,
  at: point.at === null ? null : iso(point.at),
  ...(point.snapshot ? { snapshotId: point.snapshot.id } : {}),
});

/** Names people by id: accounts by their name now, server changes as Loopmap. */
export async function people(store: Store, ids: readonly string[]): Promise<(id: string) => PersonView> {
  const names = await store.history.userNames(ids.filter((id) => id !== 'system'));
  return (id) => ({ id, name: id === 'system' ? 'Loopmap' : (names.get(id) ?? DELETED_USER_NAME) });
}

export function snapshotView(snapshot: SnapshotRecord): SnapshotView {
  return {
    id: snapshot.id,
    name: snapshot.name,
    note: snapshot.note,
    reason: snapshot.reason,
    seq: snapshot.seq,
    takenAt: iso(snapshot.takenAt),
    createdBy:
      snapshot.createdBy === null
        ? null
        : { id: snapshot.createdBy, name: snapshot.createdByName ?? DELETED_USER_NAME },
    createdAt: iso(snapshot.createdAt),
    expiresAt:
      snapshot.reason !== null && !snapshot.named ? iso(snapshot.createdAt + AUTO_SNAPSHOT_TTL_DAYS * DAY_MS) : null,
  };
}

export function sessionView(session: LiveSessionRecord, person: (id: string) => PersonView): LiveSessionView {
  return {
    id: session.id,
    startedAt: iso(session.startedAt),
    endedAt: session.endedAt === null ? null : iso(session.endedAt),
    participants: session.participants.map(person),
    changes: session.changes,
    fromSeq: session.fromSeq,
    toSeq: session.toSeq,
    snapshotId: session.snapshotId,
    summary: session.summary,
  };
}
