import type { ReactNode } from 'react';
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
        <span className={`tool-button__badge tool-button__badge--${badgeTone}`} aria-label={`${badge} open`}>
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
  return (
    <div className="map-toolbar" role="toolbar" aria-label="Map tools">
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
                ? `Lay out the ${props.layoutSelection} selected cards (Shift+L)`
                : 'Lay out the whole map: activities at the bottom, the impact at the top (Shift+L)'
            }
          >
            <LayoutIcon />
            <span className="tool-button__label">
              {props.layoutBusy ? 'Laying out…' : props.layoutSelection > 1 ? 'Tidy selection' : 'Tidy up'}
            </span>
          </button>
        )}
        <Toggle
          pressed={props.pathway}
          label="Pathway"
          title="Highlight everything upstream and downstream of the selected card (P)"
          shortcut="P"
          icon={<PathwayIcon />}
          onToggle={() => props.onPathway(!props.pathway)}
        />
        {isToc && (
          <>
            <Toggle
              pressed={props.lanes}
              label="Lanes"
              title={readOnly ? 'Level swimlanes' : 'Show or hide the level swimlanes (for everyone)'}
              icon={<LanesIcon />}
              onToggle={() => !readOnly && props.onLanes(!props.lanes)}
            />
            <Toggle
              pressed={props.ceiling}
              label="Ceiling"
              title={readOnly ? 'Accountability ceiling' : 'Show or hide the accountability ceiling (for everyone)'}
              icon={<CeilingIcon />}
              onToggle={() => !readOnly && props.onCeiling(!props.ceiling)}
            />
          </>
        )}
        {!isToc && (
          <Toggle
            pressed={props.health}
            label="Health"
            title="Show each partner's latest health ratings on its card"
            icon={<HealthIcon />}
            onToggle={() => props.onHealth(!props.health)}
          />
        )}
      </div>
      {props.filter && <div className="map-toolbar__group map-toolbar__group--grow">{props.filter}</div>}
      <div className="map-toolbar__group" role="group" aria-label="Panels">
        <Toggle
          pressed={dock === 'outline'}
          label="Outline"
          title="The map as a list you can read and edit with the keyboard"
          icon={<OutlineIcon />}
          onToggle={() => toggleDock('outline')}
          dockPanel="outline"
        />
        <Toggle
          pressed={dock === 'checks'}
          label="Checks"
          title="Logic check: gaps and problems in the theory"
          icon={<ChecksIcon />}
          badge={props.problems}
          onToggle={() => toggleDock('checks')}
          dockPanel="checks"
        />
        <Toggle
          pressed={dock === 'comments'}
          label="Comments"
          title="Comment threads on cards and links"
          icon={<CommentIcon />}
          badge={props.openThreads}
          badgeTone="info"
          onToggle={() => toggleDock('comments')}
          dockPanel="comments"
        />
        <Toggle
          pressed={dock === 'history'}
          label="History"
          title="Snapshots, recent changes, restore and live sessions"
          icon={<HistoryIcon />}
          onToggle={() => toggleDock('history')}
          dockPanel="history"
        />
        <Toggle
          pressed={dock === 'reviews'}
          label="Reviews"
          title="Course-correction reviews: learning loops, decisions, lessons and the shared-forward digest"
          icon={<ReviewIcon />}
          onToggle={() => toggleDock('reviews')}
          dockPanel="reviews"
        />
      </div>
    </div>
  );
}
