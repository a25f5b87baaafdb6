import { useEffect, useState } from 'react';
import { HISTORY_LIMITS, type TimelineResponse } from '@loopmap/shared';
import { getTimeline, getUpdates } from '../api/historyApi.ts';
import { errorText } from '../api/errorText.ts';
import { i18next } from '../i18n/i18n.ts';
import { ReplayPlayer, decodeBase64 } from './ReplayPlayer.ts';

export type ReplayLog =
  | { status: 'loading'; progress: number }
  | { status: 'error'; message: string }
  | { status: 'ready'; player: ReplayPlayer; timeline: TimelineResponse };

/**
 * Loads a map's whole update log for replay: the timeline first (how many updates there are,
 * who made them, the snapshots, sessions and reviews), then the raw updates page by page into a
 * ReplayPlayer, which keeps its checkpoints as they arrive. `progress` goes from 0 to 1.
 */
export function useReplayLog(mapId: string): ReplayLog {
  const [log, setLog] = useState<ReplayLog>({ status: 'loading', progress: 0 });
  useEffect(() => {
    let live = true;
    setLog({ status: 'loading', progress: 0 });
    void (async () => {
      try {
        const timeline = await getTimeline(mapId);
        const player = new ReplayPlayer();
        const total = Math.max(1, timeline.entries.length);
        let after = 0;
        for (;;) {
          const page = await getUpdates(mapId, { after, limit: HISTORY_LIMITS.maxUpdatesPage });
          if (!live) return;
          player.append(
            page.updates.map((update) => ({
              seq: update.seq,
              at: Date.parse(update.at),
              author: update.author,
              data: decodeBase64(update.data),
            })),
          );
          const last = page.updates[page.updates.length - 1];
          setLog({ status: 'loading', progress: Math.min(1, player.length / total) });
          if (!last || last.seq >= page.lastSeq) break;
          after = last.seq;
        }
        if (live) setLog({ status: 'ready', player, timeline });
      } catch (error) {
        if (!live) return;
        setLog({ status: 'error', message: errorText(error, i18next.t, i18next.t('errors:load.history')) });
      }
    })();
    return () => {
      live = false;
    };
  }, [mapId]);
  return log;
}
