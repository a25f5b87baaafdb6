import type { MapKind } from '@loopmap/shared';
import { MAP_KIND_LABELS } from '@loopmap/shared';
import type { Awareness } from 'y-protocols/awareness';
import { exportUrl } from '../api/mapsApi.ts';
import { BackIcon, DownloadIcon, FitIcon, OutlineIcon, RedoIcon, UndoIcon } from '../app/icons.tsx';
import { Link } from '../app/Link.tsx';
import type { PresenceUser } from '../collab/presence.ts';
import type { SyncStatus } from '../collab/SaveTracker.ts';
import type { UndoRedo } from '../collab/useUndoRedo.ts';
import { PresenceAvatars } from '../panels/PresenceAvatars.tsx';
import { SyncStatusPill } from '../panels/SyncStatusPill.tsx';
import { EditableTitle } from './EditableTitle.tsx';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const MOD = isMac ? '⌘' : 'Ctrl+';

export interface MapHeaderProps {
  mapId: string;
  title: string;
  kind: MapKind;
  status: SyncStatus;
  awareness: Awareness;
  self: PresenceUser;
  undoRedo: UndoRedo;
  outlineOpen: boolean;
  onRename: (title: string) => Promise<void>;
  onFitView: () => void;
  onToggleOutline: () => void;
}

/** The map page's bar: where you are, whether it is saved, who is here, and map-wide actions. */
export function MapHeader(props: MapHeaderProps) {
  const { mapId, title, kind, status, awareness, self, undoRedo, outlineOpen } = props;
  return (
    <header className="map-header">
      <div className="map-header__start">
        <Link to="/" className="icon-button map-header__back" aria-label="Back to all maps" title="All maps">
          <BackIcon />
        </Link>
        <EditableTitle title={title} label="Map title" className="map-header__title" onSave={props.onRename} />
        <span className={`kind-tag kind-tag--${kind}`}>{MAP_KIND_LABELS[kind]}</span>
        <SyncStatusPill status={status} />
      </div>
      <div className="map-header__end">
        <PresenceAvatars awareness={awareness} self={self} />
        <div className="toolbar-group" role="group" aria-label="History">
          <button
            type="button"
            className="icon-button"
            aria-label="Undo"
            title={`Undo (${MOD}Z)`}
            aria-keyshortcuts={isMac ? 'Meta+Z' : 'Control+Z'}
            disabled={!undoRedo.canUndo}
            onClick={undoRedo.undo}
          >
            <UndoIcon />
          </button>
          <button
            type="button"
            className="icon-button"
            aria-label="Redo"
            title={`Redo (${isMac ? '⇧⌘Z' : 'Ctrl+Shift+Z'})`}
            aria-keyshortcuts={isMac ? 'Meta+Shift+Z' : 'Control+Shift+Z'}
            disabled={!undoRedo.canRedo}
            onClick={undoRedo.redo}
          >
            <RedoIcon />
          </button>
        </div>
        <div className="toolbar-group" role="group" aria-label="View">
          <button
            type="button"
            className="icon-button"
            aria-label="Fit view"
            title="Fit the map in view"
            onClick={props.onFitView}
          >
            <FitIcon />
          </button>
          <button
            type="button"
            className={`icon-button${outlineOpen ? ' icon-button--active' : ''}`}
            aria-label="Outline"
            aria-pressed={outlineOpen}
            title={outlineOpen ? 'Hide the outline' : 'Show the outline (the map as a list)'}
            onClick={props.onToggleOutline}
          >
            <OutlineIcon />
          </button>
        </div>
        <a className="button button--quiet" href={exportUrl(mapId)} download>
          <DownloadIcon size={16} />
          Export JSON
        </a>
      </div>
    </header>
  );
}
