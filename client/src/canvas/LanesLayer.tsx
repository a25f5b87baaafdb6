import { useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { useStore } from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import { LANE_ORDER, laneAt, moveLaneBoundary, type Lanes } from '@loopmap/shared';
import { levelLabel } from '../i18n/domainText.ts';

type Draft = { kind: 'lane'; index: number; y: number } | { kind: 'ceiling'; y: number } | null;

/** Only the vertical pan and the zoom matter to horizontal bands (a string, so panning sideways re-renders nothing). */
const verticalSelector = (state: { transform: [number, number, number] }): string =>
  `${state.transform[1]},${state.transform[2]}`;

export interface LanesLayerProps {
  lanes: Lanes | null;
  ceilingY: number | null;
  readOnly: boolean;
  onLanes: (lanes: Lanes) => void;
  onCeiling: (y: number) => void;
}

const BOUNDARY_NAMES = [
  'lanes.boundaryTop',
  'lanes.boundaryContextualInstitutional',
  'lanes.boundaryInstitutionalIndividual',
  'lanes.boundaryBottom',
] as const;

/**
 * The level swimlanes and the accountability ceiling of a theory of change, drawn under the
 * cards in screen space (bands span the whole width whatever the pan), with grips at the left
 * edge to move a lane boundary or the ceiling: by dragging, or from the keyboard (they are
 * sliders: arrow keys move by 10, with Shift by 50). A move is written once, on release.
 */
export function LanesLayer({ lanes, ceilingY, readOnly, onLanes, onCeiling }: LanesLayerProps) {
  const { t } = useTranslation('canvas');
  const [ty, zoom] = useStore(verticalSelector).split(',').map(Number) as [number, number];
  const [draft, setDraft] = useState<Draft>(null);
  const layer = useRef<HTMLDivElement>(null);
  const shownLanes = lanes && draft?.kind === 'lane' ? moveLaneBoundary(lanes, draft.index, draft.y) : lanes;
  const shownCeiling = draft?.kind === 'ceiling' ? draft.y : ceilingY;
  const screenY = (y: number): number => y * zoom + ty;
  const flowY = (clientY: number): number => {
    const top = layer.current?.getBoundingClientRect().top ?? 0;
    return (clientY - top - ty) / zoom;
  };

  const commit = (next: Draft): void => {
    if (!next) return;
    if (next.kind === 'lane' && lanes) onLanes(moveLaneBoundary(lanes, next.index, next.y));
    if (next.kind === 'ceiling') onCeiling(Math.round(next.y));
  };

  const grip = (target: Exclude<Draft, null>, label: string, valueText: string, key: string) => {
    const current = target.y;
    const onPointerDown = (event: PointerEvent<HTMLDivElement>): void => {
      if (readOnly || event.button !== 0) return;
      event.preventDefault();
      event.currentTarget.setPointerCapture(event.pointerId);
      setDraft({ ...target, y: flowY(event.clientY) });
    };
    const onPointerMove = (event: PointerEvent<HTMLDivElement>): void => {
      if (!event.currentTarget.hasPointerCapture(event.pointerId)) return;
      setDraft({ ...target, y: flowY(event.clientY) });
    };
    const onPointerUp = (event: PointerEvent<HTMLDivElement>): void => {
      if (!event.currentTarget.hasPointerCapture(event.pointerId)) return;
      event.currentTarget.releasePointerCapture(event.pointerId);
      commit({ ...target, y: flowY(event.clientY) });
      setDraft(null);
    };
    const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
      if (readOnly) return;
      const step = event.shiftKey ? 50 : 10;
      const delta = event.key === 'ArrowUp' ? -step : event.key === 'ArrowDown' ? step : 0;
      if (delta === 0) return;
      event.preventDefault();
      commit({ ...target, y: current + delta });
    };
    return (
      <div
        key={key}
        className={`lane-grip lane-grip--${target.kind}`}
        style={{ top: screenY(current) }}
        role="slider"
        tabIndex={readOnly ? -1 : 0}
        aria-label={label}
        aria-orientation="vertical"
        aria-valuenow={Math.round(current)}
        aria-valuetext={valueText}
        aria-readonly={readOnly || undefined}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={() => setDraft(null)}
        onKeyDown={onKeyDown}
      />
    );
  };

  const ceilingText = (y: number): string => {
    const level = shownLanes ? laneAt(shownLanes, y - 1) : null;
    return level
      ? t('lanes.ceilingInLane', { level: levelLabel(level, t).toLowerCase() })
      : t('lanes.ceilingAt', { y: Math.round(y) });
  };

  return (
    <>
      <div ref={layer} className="lanes" aria-hidden="true">
        {shownLanes &&
          LANE_ORDER.map((level, i) => {
            const top = screenY(shownLanes.bounds[i]!);
            const height = (shownLanes.bounds[i + 1]! - shownLanes.bounds[i]!) * zoom;
            return (
              <div key={level} className={`lane lane--${level}`} style={{ top, height }}>
                <span className="lane__label">{levelLabel(level, t)}</span>
              </div>
            );
          })}
        {shownCeiling !== null && (
          <div className="ceiling" style={{ top: screenY(shownCeiling) }}>
            <span className="ceiling__label">{t('lanes.ceiling')}</span>
            <span className="ceiling__hint">{t('lanes.ceilingHint')}</span>
          </div>
        )}
      </div>
      {!readOnly && (
        <div className="lane-grips">
          {shownLanes &&
            shownLanes.bounds.map((y, index) =>
              grip(
                { kind: 'lane', index, y },
                t('lanes.boundary', { name: t(BOUNDARY_NAMES[index] ?? 'lanes.boundaryBottom') }),
                `${Math.round(y)}`,
                `lane-${index}`,
              ),
            )}
          {shownCeiling !== null &&
            grip({ kind: 'ceiling', y: shownCeiling }, t('lanes.ceiling'), ceilingText(shownCeiling), 'ceiling')}
        </div>
      )}
    </>
  );
}
