import { createContext, useContext } from 'react';
import type { Role, UserView } from '@loopmap/shared';
import type { MapSession } from '../collab/MapSession.ts';
import type { MapEditor } from '../collab/MapEditor.ts';
import type { FlowStore } from '../canvas/FlowStore.ts';

/**
 * What the canvas shows: the live map, or a version of it that is not the live document (always
 * read-only). Points are written as the REST API takes them: `now`, a seq, an ISO time, or a
 * snapshot id (see parsePoint in shared/src/api/history.ts).
 */
export type VersionView =
  | { mode: 'live' }
  /** One version, read-only, with a "Version of 12 March, read-only" bar and a way back. */
  | { mode: 'version'; point: string; label: string }
  /** The later map with the changes since the earlier one marked, and the list of changes. */
  | { mode: 'compare'; from: string; to: string; label: string }
  /** The timeline under the canvas; `at` is the seq to start at (default: the end). */
  | { mode: 'replay'; at?: number };

/**
 * The map page's shared context, so panels and toolbars read what they need instead of having
 * twenty props passed down through the workspace.
 */
export interface MapPageContextValue {
  mapId: string;
  user: UserView;
  /** Null until the server has answered (offline on a first visit). */
  role: Role | null;
  readOnly: boolean;
  session: MapSession;
  editor: MapEditor;
  store: FlowStore;
  /** What the canvas shows now. */
  version: VersionView;
  showVersion(view: VersionView): void;
  /** Selects a card or link on the (live or version) canvas and brings it into view. */
  reveal(id: string): void;
  /** A short message at the bottom of the page. */
  notice(message: string): void;
}

export const MapPageContext = createContext<MapPageContextValue | null>(null);

export function useMapPage(): MapPageContextValue {
  const value = useContext(MapPageContext);
  if (!value) throw new Error('useMapPage must be used inside the map page');
  return value;
}
