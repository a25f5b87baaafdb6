import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type { CommentUserView } from '@loopmap/shared';
import { commentsApi } from '../api/commentsApi.ts';
import { CommentsStore, type CommentsSnapshot } from './CommentsStore.ts';
import type { MapSession } from './MapSession.ts';

/** What the comments panel and canvas badges need: the snapshot, and the changes one can make. */
export interface CommentsController extends CommentsSnapshot {
  threadsOn: CommentsStore['threadsOn'];
  startThread: CommentsStore['startThread'];
  reply: CommentsStore['reply'];
  edit: CommentsStore['edit'];
  remove: CommentsStore['remove'];
  setResolved: CommentsStore['setResolved'];
  refresh: CommentsStore['refresh'];
}

/**
 * The open map's comment threads: loaded over REST when the map opens, and again whenever the
 * map's socket says they changed or reconnects (see MapSession.onCommentsChanged), so every
 * open canvas sees new comments, replies and resolutions without polling.
 */
export function useComments(session: MapSession, me: CommentUserView): CommentsController {
  const { id: meId, name: meName } = me;
  const mapId = session.mapId;
  // One store per map and user; a new one (not an effect-time reset) when either changes, so
  // one map's threads never show on another.
  const [store, setStore] = useState(() => new CommentsStore(mapId, { id: meId, name: meName }, commentsApi));
  let current = store;
  if (store.mapId !== mapId || store.me.id !== meId) {
    current = new CommentsStore(mapId, { id: meId, name: meName }, commentsApi);
    setStore(current);
  }

  useEffect(() => {
    current.refresh();
    // A fetch still running when this ends only updates a store nobody reads any more.
    return session.onCommentsChanged(current.refresh);
  }, [session, current]);

  const snapshot = useSyncExternalStore(current.subscribe, current.getSnapshot);
  return useMemo(
    () => ({
      ...snapshot,
      threadsOn: current.threadsOn,
      startThread: current.startThread,
      reply: current.reply,
      edit: current.edit,
      remove: current.remove,
      setResolved: current.setResolved,
      refresh: current.refresh,
    }),
    [snapshot, current],
  );
}
