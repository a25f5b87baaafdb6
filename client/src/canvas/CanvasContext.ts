import { createContext, useContext } from 'react';
import type { MapEditor } from '../collab/MapEditor.ts';
import type { LabelEditing } from './LabelEditing.ts';
import type { LabelLayout } from './LabelLayout.ts';

/** What node and edge components need from the map, passed once rather than through node data. */
export interface CanvasContextValue {
  editor: MapEditor;
  editing: LabelEditing;
  /** The user may only watch: no handles, no label editors, no hints to write. */
  readOnly: boolean;
  /** Partnership maps: actor cards show their health ratings as dots. */
  showHealth: boolean;
  /** Frames: a resize is being committed (the store must not commit its position steps). */
  onFrameResize: (
    id: string,
    phase: 'start' | 'end',
    bounds?: { x: number; y: number; width: number; height: number },
  ) => void;
  /** Puts keyboard focus back on a card after its editor closes. */
  focusCard: (id: string) => void;
  /**
   * React Flow's layer for HTML edge labels, found once. (Its own EdgeLabelRenderer looks the
   * layer up with querySelector in a store selector: once per label per store update, which
   * at a few hundred labels costs more than the rest of a drag frame.)
   */
  edgeLabelLayer: HTMLElement | null;
  /** Where each link's label goes (null: at the middle of its link). */
  labels: LabelLayout | null;
}

export const CanvasContext = createContext<CanvasContextValue | null>(null);

export function useCanvasContext(): CanvasContextValue {
  const value = useContext(CanvasContext);
  if (!value) throw new Error('useCanvasContext must be used inside <CanvasContext.Provider>');
  return value;
}
