import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { can, type TimelineResponse, type Translate } from '@loopmap/shared';
import { messageOf } from '../api/errorText.ts';
import { restoreInPlace, takeSnapshot } from '../api/historyApi.ts';
import { ChangeLegend } from '../canvas/ChangeLegend.tsx';
import { ReplayFrames, type ReplayStats } from '../canvas/ReplayFrames.ts';
import { REPLAY_SPEEDS, ReplayTimeline, type ReplaySpeed, type TimelineMarker } from '../canvas/ReplayTimeline.tsx';
import { VersionCanvas, type VersionMeta } from '../canvas/VersionCanvas.tsx';
import { VersionFlowStore } from '../canvas/VersionFlowStore.ts';
import type { ReplayPlayer, ReplayUpdate } from '../collab/ReplayPlayer.ts';
import { useReplayLog } from '../collab/useReplayLog.ts';
import { useMapPage } from './MapPageContext.ts';
import { momentIn } from '../panels/history/localDates.ts';
import { peopleList } from '../panels/history/historyText.ts';
import { VersionBar, metaOf } from './VersionBar.tsx';
import type { VersionStageProps } from './VersionStage.tsx';
import { useHistoryTranslate } from '../panels/history/useHistoryTranslate.ts';

declare global {
  interface Window {
    /** The replay's frame statistics, for the replay benchmark (present while a replay is open). */
    __loopmapReplayStats?: ReplayStats;
  }
}

/** Changes per second at 1×. */
const BASE_RATE = 4;

/** The replay: the whole log loaded into the browser, then played, scrubbed and stepped through. */
export function ReplayStage(props: VersionStageProps & { version: { mode: 'replay' } }) {
  const { mapId } = useMapPage();
  const t = useHistoryTranslate();
  const log = useReplayLog(mapId);
  if (log.status !== 'ready') {
    const percent = log.status === 'loading' ? Math.round(log.progress * 100) : 0;
    return (
      <div className="version-stage">
        <VersionBar title={t('replay.readOnly')} />
        <div className="version-stage__body">
          {log.status === 'error' ? (
            <p className="version-stage__message" role="alert">
              {log.message}
            </p>
          ) : (
            <div className="version-stage__message" role="status">
              <p>{t('replay.loading', { percent: percent / 100 })}</p>
              <progress max={100} value={percent} aria-label={t('replay.loadingLabel')} />
            </div>
          )}
        </div>
      </div>
    );
  }
  return <ReplayView {...props} player={log.player} timeline={log.timeline} />;
}

function markersOf(t: Translate, timeline: TimelineResponse, player: ReplayPlayer): TimelineMarker[] {
  const out: TimelineMarker[] = [];
  for (const session of timeline.sessions) {
    const people = peopleList(
      t,
      session.participants.map((p) => p.name),
      session.participants.length,
    );
    out.push({
      key: `session-${session.id}`,
      kind: 'session',
      position: player.positionOfSeq(session.fromSeq),
      end: player.positionOfSeq(session.toSeq),
      title: t('history:replay.sessionMarker', { when: momentIn(session.startedAt), count: session.changes, people }),
    });
  }
  for (const snapshot of timeline.snapshots) {
    out.push({
      key: `snapshot-${snapshot.id}`,
      kind: 'snapshot',
      position: player.positionOfSeq(snapshot.seq),
      title: t('history:replay.snapshotMarker', { name: snapshot.name, when: momentIn(snapshot.takenAt) }),
    });
  }
  for (const review of timeline.reviews) {
    out.push({
      key: `review-${review.id}`,
      kind: 'review',
      position: player.positionOfSeq(review.toSeq ?? review.fromSeq),
      title: t('history:replay.reviewMarker', { title: review.title, when: momentIn(review.createdAt) }),
    });
  }
  return out;
}

/** Where the replay is, as drawn: re-renders only the components that show it, once per frame. */
function useReplayPosition(frames: ReplayFrames): number {
  const subscribe = useCallback((listener: () => void) => frames.onFrame(listener), [frames]);
  return useSyncExternalStore(subscribe, () => frames.stats.position);
}

/** The version's lanes and ceiling, as an object that changes only when they do. */
function useReplayMeta(store: VersionFlowStore): VersionMeta | null {
  const key = useSyncExternalStore(store.subscribe, () => {
    const graph = store.getGraph();
    return graph ? JSON.stringify(metaOf(graph.meta)) : '';
  });
  return useMemo(() => (key ? (JSON.parse(key) as VersionMeta) : null), [key]);
}

function ReplayBar({ frames, player }: { frames: ReplayFrames; player: ReplayPlayer }) {
  const t = useHistoryTranslate();
  const update = player.updateAt(useReplayPosition(frames));
  return (
    <VersionBar title={update ? t('replay.readOnlyAt', { when: momentIn(update.at) }) : t('replay.readOnly')}>
      <ChangeLegend states={['current']} />
    </VersionBar>
  );
}

function ReplayView({
  version,
  revealer,
  showHealth,
  onRestored,
  player,
  timeline,
}: VersionStageProps & { version: { mode: 'replay' }; player: ReplayPlayer; timeline: TimelineResponse }) {
  const t = useHistoryTranslate();
  const store = useMemo(() => new VersionFlowStore(), []);
  const frames = useMemo(() => new ReplayFrames(player, store), [player, store]);
  const start = version.at !== undefined ? player.positionOfSeq(version.at) : player.length;
  const meta = useReplayMeta(store);

  useEffect(() => {
    frames.drawNow(start);
    window.__loopmapReplayStats = frames.stats;
    return () => {
      frames.dispose();
      if (window.__loopmapReplayStats === frames.stats) delete window.__loopmapReplayStats;
    };
    // Drawn once when the replay opens; later positions come from the controls.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [frames]);

  return (
    <div className="version-stage">
      <ReplayBar frames={frames} player={player} />
      <div className="version-stage__body">
        <VersionCanvas
          store={store}
          meta={meta}
          showHealth={showHealth}
          revealer={revealer}
          fitKey="replay"
          label={t('replay.canvasLabel')}
          minimap={false}
        />
      </div>
      <ReplayControls frames={frames} player={player} timeline={timeline} start={start} onRestored={onRestored} />
    </div>
  );
}

interface ReplayControlsProps {
  frames: ReplayFrames;
  player: ReplayPlayer;
  timeline: TimelineResponse;
  start: number;
  onRestored: VersionStageProps['onRestored'];
}

/** The timeline and what it drives: playing, seeking, stepping, the contributor filter, restore. */
function ReplayControls({ frames, player, timeline, start, onRestored }: ReplayControlsProps) {
  const { mapId, role, showVersion, notice } = useMapPage();
  const t = useHistoryTranslate();
  // Where the replay is going (the frame drawn may lag a frame behind).
  const target = useRef(start);
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState<ReplaySpeed>(REPLAY_SPEEDS[2]);
  const [author, setAuthor] = useState<string | null>(null);
  const [restoring, setRestoring] = useState(false);

  // The thumb and the time under it follow the pointer at once; the canvas follows as fast as it
  // can draw (long jumps are paced, see ReplayFrames).
  const [aim, setAim] = useState(start);
  const seek = useCallback(
    (next: number, tween = false) => {
      target.current = Math.max(0, Math.min(player.length, next));
      setAim(target.current);
      frames.request(target.current, { tween });
    },
    [frames, player],
  );

  // Playing: as many changes per animation frame as the speed asks for, drawn once per frame.
  useEffect(() => {
    if (!playing) return;
    let last = performance.now();
    let owed = 0;
    let handle = requestAnimationFrame(function tick(now) {
      owed += ((now - last) / 1000) * BASE_RATE * speed;
      last = now;
      const whole = Math.floor(owed);
      if (whole > 0) {
        owed -= whole;
        seek(target.current + whole, true);
        if (target.current >= player.length) {
          setPlaying(false);
          return;
        }
      }
      handle = requestAnimationFrame(tick);
    });
    return () => cancelAnimationFrame(handle);
  }, [playing, speed, seek, player]);

  const togglePlay = useCallback(() => {
    if (!playing && target.current >= player.length) seek(0);
    setPlaying((p) => !p);
  }, [playing, player, seek]);

  const names = useMemo(() => new Map(timeline.authors.map((person) => [person.id, person.name])), [timeline]);
  const nameOf = useCallback(
    (id: string): string => (id === 'system' ? 'Loopmap' : (names.get(id) ?? t('people.someone'))),
    [names, t],
  );
  const accept = useMemo(() => (author ? (update: ReplayUpdate) => update.author === author : undefined), [author]);
  const authorPositions = useMemo(() => {
    if (!author) return [];
    const out: number[] = [];
    for (let i = 0; i < player.length; i++) if (player.update(i)!.author === author) out.push(i + 1);
    return out;
  }, [author, player]);
  const step = useCallback(
    (direction: -1 | 1) => {
      setPlaying(false);
      const next = player.step(target.current, direction, accept);
      if (next !== null) seek(next, true);
    },
    [player, accept, seek],
  );

  const markers = useMemo(() => markersOf(t, timeline, player), [t, timeline, player]);
  const update = player.updateAt(aim);
  const current = update ? { when: momentIn(update.at), who: nameOf(update.author) } : null;

  const restore = useCallback(async () => {
    const at = player.updateAt(target.current);
    if (!at) return;
    const when = momentIn(at.at);
    const ok = window.confirm(t('replay.confirmRestore', { when }));
    if (!ok) return;
    setPlaying(false);
    setRestoring(true);
    try {
      const snapshot = await takeSnapshot(mapId, { name: t('replay.pointName', { when }), at: String(at.seq) });
      const { undo } = await restoreInPlace(mapId, snapshot.id);
      onRestored({ message: t('replay.restored', { when }), undo });
      showVersion({ mode: 'live' });
    } catch (error) {
      notice(messageOf(error, t('replay.restoreFailed')));
      setRestoring(false);
    }
  }, [player, mapId, onRestored, showVersion, notice, t]);

  return (
    <ReplayTimeline
      length={player.length}
      position={aim}
      playing={playing}
      speed={speed}
      current={current}
      markers={markers}
      authors={timeline.authors}
      author={author}
      authorPositions={authorPositions}
      onPlay={togglePlay}
      onSpeed={setSpeed}
      onSeek={(next) => {
        setPlaying(false);
        seek(next);
      }}
      onStep={step}
      onAuthor={setAuthor}
      canStepBack={player.step(aim, -1, accept) !== null}
      canStepForward={player.step(aim, 1, accept) !== null}
      onRestore={can(role, 'history.restore') ? () => void restore() : undefined}
      restoring={restoring}
    />
  );
}
