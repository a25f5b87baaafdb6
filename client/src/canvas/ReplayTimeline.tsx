import { memo, useId } from 'react';
import type { PersonView } from '@loopmap/shared';
import { PauseIcon, PlayIcon, StepBackIcon, StepForwardIcon } from '../app/icons.tsx';
import { useHistoryTranslate } from '../panels/history/useHistoryTranslate.ts';

export const REPLAY_SPEEDS = [1, 2, 4, 8, 16, 32, 64] as const;
export type ReplaySpeed = (typeof REPLAY_SPEEDS)[number];

/** A point or span of the history worth finding again, drawn on the track. */
export interface TimelineMarker {
  key: string;
  kind: 'snapshot' | 'session' | 'review';
  /** Where it starts (a replay position), and for spans where it ends. */
  position: number;
  end?: number;
  title: string;
}

export interface ReplayTimelineProps {
  length: number;
  position: number;
  playing: boolean;
  speed: ReplaySpeed;
  /** The change the map is at: when and by whom (null before the first). */
  current: { when: string; who: string } | null;
  markers: readonly TimelineMarker[];
  authors: readonly PersonView[];
  /** The contributor whose changes the steps go through and the track lights (null: all). */
  author: string | null;
  /** Positions of that contributor's changes. */
  authorPositions: readonly number[];
  onPlay: () => void;
  onSpeed: (speed: ReplaySpeed) => void;
  onSeek: (position: number) => void;
  onStep: (direction: -1 | 1) => void;
  onAuthor: (author: string | null) => void;
  canStepBack: boolean;
  canStepForward: boolean;
  /** Owners and facilitators: restore the map to this point. */
  onRestore?: () => void;
  restoring?: boolean;
}

const percent = (position: number, length: number): string => `${length === 0 ? 0 : (position / length) * 100}%`;

/** One tick per change of the chosen contributor, as a single path (thousands stay cheap). */
const AuthorTicks = memo(function AuthorTicks({ positions, length }: { positions: readonly number[]; length: number }) {
  if (positions.length === 0 || length === 0) return null;
  const d = positions.map((p) => `M${p} 0v1`).join('');
  return (
    <svg className="replay-track__ticks" viewBox={`0 0 ${length} 1`} preserveAspectRatio="none" aria-hidden="true">
      <path d={d} vectorEffect="non-scaling-stroke" />
    </svg>
  );
});

/**
 * The replay's controls under the canvas: play and pause, speed, the track (a slider: arrows,
 * Page Up/Down, Home and End) with markers for snapshots, live sessions and reviews, steps to the
 * previous and next change, a contributor filter, and when and by whom the current change was
 * made. A pure view: ReplayStage owns the state.
 */
export function ReplayTimeline(props: ReplayTimelineProps) {
  const { length, position, playing, speed, current, markers, authors, author } = props;
  const id = useId();
  const t = useHistoryTranslate();
  const valueText = current
    ? t('replay.valueText', { position, length, when: current.when, who: current.who })
    : t('replay.valueTextStart', { count: length });
  return (
    <div className="replay-timeline" role="group" aria-label={t('replay.title')}>
      <div className="replay-timeline__controls">
        <button
          type="button"
          className="icon-button"
          aria-label={author ? t('replay.previousBy') : t('replay.previous')}
          title={t('replay.previous')}
          disabled={!props.canStepBack}
          onClick={() => props.onStep(-1)}
        >
          <StepBackIcon />
        </button>
        <button
          type="button"
          className="icon-button replay-timeline__play"
          aria-label={playing ? t('replay.pause') : t('replay.play')}
          title={playing ? t('replay.pause') : t('replay.playTitle')}
          disabled={length === 0}
          onClick={props.onPlay}
        >
          {playing ? <PauseIcon /> : <PlayIcon />}
        </button>
        <button
          type="button"
          className="icon-button"
          aria-label={author ? t('replay.nextBy') : t('replay.next')}
          title={t('replay.next')}
          disabled={!props.canStepForward}
          onClick={() => props.onStep(1)}
        >
          <StepForwardIcon />
        </button>
        <label className="replay-timeline__field">
          <span className="visually-hidden">{t('replay.speed')}</span>
          <select value={speed} onChange={(event) => props.onSpeed(Number(event.target.value) as ReplaySpeed)}>
            {REPLAY_SPEEDS.map((s) => (
              <option key={s} value={s}>
                {t('replay.speedValue', { speed: s })}
              </option>
            ))}
          </select>
        </label>
        <p className="replay-timeline__now" aria-live="off" id={`${id}-now`}>
          {current ? (
            <>
              <span className="replay-timeline__when">{current.when}</span>
              <span className="replay-timeline__who">{current.who}</span>
            </>
          ) : (
            <span className="muted">{t('replay.beforeFirst')}</span>
          )}
          <span className="replay-timeline__count">{t('replay.count', { position, length })}</span>
        </p>
        <label className="replay-timeline__field">
          <span className="replay-timeline__label">{t('replay.contributor')}</span>
          <select value={author ?? ''} onChange={(event) => props.onAuthor(event.target.value || null)}>
            <option value="">{t('replay.everyone')}</option>
            {authors.map((person) => (
              <option key={person.id} value={person.id}>
                {person.name}
              </option>
            ))}
          </select>
        </label>
        {props.onRestore && (
          <button
            type="button"
            className="button"
            disabled={props.restoring || position === 0}
            title={t('replay.restoreTitle')}
            onClick={props.onRestore}
          >
            {props.restoring ? t('replay.restoring') : t('replay.restore')}
          </button>
        )}
      </div>
      <div className="replay-track">
        <div className="replay-track__rail" aria-hidden="true">
          <div className="replay-track__done" style={{ width: percent(position, length) }} />
          <AuthorTicks positions={props.authorPositions} length={length} />
        </div>
        <input
          className="replay-track__input"
          type="range"
          min={0}
          max={length}
          step={1}
          value={position}
          aria-label={t('replay.point')}
          aria-valuetext={valueText}
          aria-describedby={`${id}-now`}
          onChange={(event) => props.onSeek(Number(event.target.value))}
        />
        <ul className="replay-track__markers" aria-label={t('replay.markers')}>
          {markers.map((marker) => (
            <li
              key={marker.key}
              className={`replay-marker replay-marker--${marker.kind}`}
              style={{
                left: percent(marker.position, length),
                ...(marker.end !== undefined
                  ? { width: `calc(${percent(Math.max(0, marker.end - marker.position), length)} + 2px)` }
                  : {}),
              }}
            >
              <button
                type="button"
                className="replay-marker__button"
                title={marker.title}
                aria-label={marker.title}
                onClick={() => props.onSeek(marker.position)}
              />
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
