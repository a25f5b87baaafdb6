import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CeilingIcon,
  ChecksIcon,
  CommentIcon,
  HealthIcon,
  HistoryIcon,
  LanesIcon,
  LayoutIcon,
  OutlineIcon,
  PathwayIcon,
  ReviewIcon,
} from '../app/icons.tsx';

/** Which side panel is open, if any. */
export const DOCK_PANELS = ['outline', 'checks', 'comments', 'history', 'reviews'] as const;
export type DockPanel = (typeof DOCK_PANELS)[number];

interface ToggleProps {
  pressed: boolean;
  label: string;
  title: string;
  icon: ReactNode;
  onToggle: () => void;
  badge?: number;
  /** 'alert' (problems found) or 'info' (open threads). */
  badgeTone?: 'alert' | 'info';
  shortcut?: string;
  /** The side panel it opens: a panel closed from the keyboard gives the focus back to its toggle. */
  dockPanel?: DockPanel;
}

function Toggle({
  pressed,
  label,
  title,
  icon,
  onToggle,
  badge,
  badgeTone = 'alert',
  shortcut,
  dockPanel,
}: ToggleProps) {
  const { t } = useTranslation('map');
  return (
    <button
      type="button"
      data-dock-toggle={dockPanel}
      className={`tool-button${pressed ? ' tool-button--on' : ''}`}
      aria-pressed={pressed}
      title={title}
      aria-keyshortcuts={shortcut}
      onClick={onToggle}
    >
      {icon}
      <span className="tool-button__label">{label}</span>
      {badge !== undefined && badge > 0 && (
        <span
          className={`tool-button__badge tool-button__badge--${badgeTone}`}
          aria-label={t('toolbar.open', { count: badge })}
        >
          {badge}
        </span>
      )}
    </button>
  );
}

export interface MapToolbarProps {
  isToc: boolean;
  readOnly: boolean;
  /** Lays out the selection (two or more cards) or the whole map; absent while unavailable. */
  onLayout?: () => void;
  /** The pointer or focus is on the layout button: a good moment to load the layout engine. */
  onLayoutIntent?: () => void;
  layoutBusy?: boolean;
  /** How many cards the layout would move: the selection's size, or 0 for the whole map. */
  layoutSelection: number;
  pathway: boolean;
  onPathway: (on: boolean) => void;
  lanes: boolean;
  onLanes: (on: boolean) => void;
  ceiling: boolean;
  onCeiling: (on: boolean) => void;
  health: boolean;
  onHealth: (on: boolean) => void;
  /** The search and filter controls. */
  filter?: ReactNode;
  dock: DockPanel | null;
  onDock: (panel: DockPanel | null) => void;
  /** Problems found by the logic check, for the badge. */
  problems: number;
  /** Open comment threads, for the badge. */
  openThreads: number;
}

/**
 * The map's tools, under the header: tidy the layout, light a pathway, show the lanes and the
 * ceiling (theory of change) or partnership health, search and filter, and the side panels
 * (outline, logic check, comments, history, reviews). Every control is a labelled button with its state.
 */
export function MapToolbar(props: MapToolbarProps) {
  const { isToc, readOnly, dock, onDock } = props;
  const toggleDock = (panel: DockPanel): void => onDock(dock === panel ? null : panel);
  const { t } = useTranslation('map');
  return (
    <div className="map-toolbar" role="toolbar" aria-label={t('toolbar.label')}>
      <div className="map-toolbar__group">
        {!readOnly && props.onLayout && (
          <button
            type="button"
            className="tool-button"
            onClick={props.onLayout}
            onPointerEnter={props.onLayoutIntent}
            onFocus={props.onLayoutIntent}
            disabled={props.layoutBusy}
            aria-keyshortcuts="Shift+L"
            title={
              props.layoutSelection > 1
                ? t('toolbar.layoutSelectionTitle', { count: props.layoutSelection })
                : t('toolbar.layoutMapTitle')
            }
          >
            <LayoutIcon />
            <span className="tool-button__label">
              {props.layoutBusy
                ? t('toolbar.layingOut')
                : props.layoutSelection > 1
                  ? t('toolbar.tidySelection')
                  : t('toolbar.tidyUp')}
            </span>
          </button>
        )}
        <Toggle
          pressed={props.pathway}
          label={t('toolbar.pathway')}
          title={t('toolbar.pathwayTitle')}
          shortcut="P"
          icon={<PathwayIcon />}
          onToggle={() => props.onPathway(!props.pathway)}
        />
        {isToc && (
          <>
            <Toggle
              pressed={props.lanes}
              label={t('toolbar.lanes')}
              title={readOnly ? t('toolbar.lanesTitleReadOnly') : t('toolbar.lanesTitle')}
              icon={<LanesIcon />}
              onToggle={() => !readOnly && props.onLanes(!props.lanes)}
            />
            <Toggle
              pressed={props.ceiling}
              label={t('toolbar.ceiling')}
              title={readOnly ? t('toolbar.ceilingTitleReadOnly') : t('toolbar.ceilingTitle')}
              icon={<CeilingIcon />}
              onToggle={() => !readOnly && props.onCeiling(!props.ceiling)}
            />
          </>
        )}
        {!isToc && (
          <Toggle
            pressed={props.health}
            label={t('toolbar.health')}
            title={t('toolbar.healthTitle')}
            icon={<HealthIcon />}
            onToggle={() => props.onHealth(!props.health)}
          />
        )}
      </div>
      {props.filter && <div className="map-toolbar__group map-toolbar__group--grow">{props.filter}</div>}
      <div className="map-toolbar__group" role="group" aria-label={t('toolbar.panels')}>
        <Toggle
          pressed={dock === 'outline'}
          label={t('toolbar.outline')}
          title={t('toolbar.outlineTitle')}
          icon={<OutlineIcon />}
          onToggle={() => toggleDock('outline')}
          dockPanel="outline"
        />
        <Toggle
          pressed={dock === 'checks'}
          label={t('toolbar.checks')}
          title={t('toolbar.checksTitle')}
          icon={<ChecksIcon />}
          badge={props.problems}
          onToggle={() => toggleDock('checks')}
          dockPanel="checks"
        />
        <Toggle
          pressed={dock === 'comments'}
          label={t('toolbar.comments')}
          title={t('toolbar.commentsTitle')}
          icon={<CommentIcon />}
          badge={props.openThreads}
          badgeTone="info"
          onToggle={() => toggleDock('comments')}
          dockPanel="comments"
        />
        <Toggle
          pressed={dock === 'history'}
          label={t('toolbar.history')}
          title={t('toolbar.historyTitle')}
          icon={<HistoryIcon />}
          onToggle={() => toggleDock('history')}
          dockPanel="history"
        />
        <Toggle
          pressed={dock === 'reviews'}
          label={t('toolbar.reviews')}
          title={t('toolbar.reviewsTitle')}
          icon={<ReviewIcon />}
          onToggle={() => toggleDock('reviews')}
          dockPanel="reviews"
        />
      </div>
    </div>
  );
}
