import { useEffect, useState } from 'react';
import type { CommentUserView } from '@loopmap/shared';
import { listMembers } from '../api/sharingApi.ts';

const NOBODY: readonly CommentUserView[] = Object.freeze([]);

/**
 * The map's members as `{ id, name }`, for @-mentions in comments; fetched again when `refresh`
 * changes (e.g. the role-change counter). Offline or refused: nobody to suggest, which only
 * means that mentions cannot be picked for now; the server checks membership anyway.
 */
export function useMapMembers(mapId: string, refresh = 0): readonly CommentUserView[] {
  const [known, setKnown] = useState<{ mapId: string; members: readonly CommentUserView[] } | null>(null);
  useEffect(() => {
    let live = true;
    listMembers(mapId).then(
      (list) => {
        if (live) setKnown({ mapId, members: list.map((m) => ({ id: m.userId, name: m.name })) });
      },
      () => {
        // Keep whoever we knew: a failed refresh is no reason to forget them.
      },
    );
    return () => {
      live = false;
    };
  }, [mapId, refresh]);
  // Another map's members are never suggested, not even while this one's load.
  return known?.mapId === mapId ? known.members : NOBODY;
}
