import {
  HISTORY_API,
  type CatchUpResponse,
  type CreateSnapshotBody,
  type DiffResponse,
  type HistoryPage,
  type LiveSessionView,
  type MapSummary,
  type RevertBody,
  type SnapshotView,
  type StateResponse,
  type TimelineResponse,
  type UpdateSnapshotBody,
  type UpdatesPage,
} from '@loopmap/shared';
import { request } from './request.ts';

/** A map's memory over REST (see shared/src/api/history.ts for the routes and their forms). */

export async function listSnapshots(mapId: string): Promise<SnapshotView[]> {
  const { snapshots } = await request<{ snapshots: SnapshotView[] }>('GET', HISTORY_API.snapshots(mapId));
  return snapshots;
}

export async function takeSnapshot(mapId: string, body: CreateSnapshotBody): Promise<SnapshotView> {
  const { snapshot } = await request<{ snapshot: SnapshotView }>('POST', HISTORY_API.snapshots(mapId), body);
  return snapshot;
}

export function getSnapshot(
  mapId: string,
  sid: string,
): Promise<{ snapshot: SnapshotView } & Pick<StateResponse, 'map'>> {
  return request('GET', HISTORY_API.snapshot(mapId, sid));
}

export async function updateSnapshot(mapId: string, sid: string, body: UpdateSnapshotBody): Promise<SnapshotView> {
  const { snapshot } = await request<{ snapshot: SnapshotView }>('PATCH', HISTORY_API.snapshot(mapId, sid), body);
  return snapshot;
}

export function deleteSnapshot(mapId: string, sid: string): Promise<void> {
  return request('DELETE', HISTORY_API.snapshot(mapId, sid));
}

/** In place: the map becomes the snapshot; `undo` is the automatic snapshot taken just before. */
export function restoreInPlace(mapId: string, sid: string): Promise<{ undo: SnapshotView; seq: number }> {
  return request('POST', HISTORY_API.restore(mapId, sid), { mode: 'in-place' });
}

export async function restoreAsCopy(mapId: string, sid: string): Promise<MapSummary> {
  const { map } = await request<{ map: MapSummary }>('POST', HISTORY_API.restore(mapId, sid), { mode: 'copy' });
  return map;
}

/**
 * Selective restore: undoes one person's changes or a time range's, leaving the rest. `undo` is
 * null when there was nothing to undo (the server then changes nothing).
 */
export function revertChanges(
  mapId: string,
  body: RevertBody,
): Promise<{ undo: SnapshotView | null; seq: number; reverted: { cards: number; links: number } }> {
  return request('POST', HISTORY_API.revert(mapId), body);
}

export function getState(mapId: string, at: string | number): Promise<StateResponse> {
  return request('GET', HISTORY_API.state(mapId, at));
}

export function getHistory(
  mapId: string,
  opts: { before?: number; limit?: number; node?: string } = {},
): Promise<HistoryPage> {
  return request('GET', HISTORY_API.history(mapId, opts));
}

export function getDiff(mapId: string, from: string | number, to: string | number = 'now'): Promise<DiffResponse> {
  return request('GET', HISTORY_API.diff(mapId, from, to));
}

export function getUpdates(mapId: string, opts: { after?: number; limit?: number } = {}): Promise<UpdatesPage> {
  return request('GET', HISTORY_API.updates(mapId, opts));
}

export function getTimeline(mapId: string): Promise<TimelineResponse> {
  return request('GET', HISTORY_API.timeline(mapId));
}

export async function listSessions(mapId: string): Promise<LiveSessionView[]> {
  const { sessions } = await request<{ sessions: LiveSessionView[] }>('GET', HISTORY_API.sessions(mapId));
  return sessions;
}

export function getCatchUp(mapId: string): Promise<CatchUpResponse> {
  return request('GET', HISTORY_API.catchUp(mapId));
}
