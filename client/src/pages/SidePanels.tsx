import { useEffect, useRef, useSyncExternalStore, type KeyboardEvent, type ReactNode } from 'react';
import { focusCardElement } from '../canvas/MapCanvas.tsx';
import type { DockPanel } from './MapToolbar.tsx';

/**
 * Below this width the panels would leave the canvas less than half the window (palette, canvas
 * and a 280 px column): they float over the canvas instead. Keep in step with mapPage.css.
 */
const OVERLAY_QUERY = '(max-width: 899px)';

const subscribeOverlay = (listener: () => void): (() => void) => {
  const query = matchMedia(OVERLAY_QUERY);
  query.addEventListener('change', listener);
  return () => query.removeEventListener('change', listener);
};
const isOverlay = (): boolean => matchMedia(OVERLAY_QUERY).matches;

export interface SidePanelsProps {
  /** The inspector of the selected card or link, if any. */
  inspector: ReactNode;
  /** The side panel (outline, checks, comments, history, reviews), if one is open. */
  panel: ReactNode;
  dock: DockPanel | null;
  inspectedId: string | null;
  onCloseInspector: () => void;
  onCloseDock: () => void;
}

/**
 * The inspector and the side panel, in one column beside the canvas so that the canvas keeps at
 * least half the window: with both open they stack (the inspector above), each scrolling on its
 * own, so choosing a card in the outline shows it in the inspector with the outline still there.
 * On narrow windows the column floats over the canvas: opening a panel moves the focus to its
 * close button, Escape closes the panel it is pressed in, and the focus goes back to where the
 * panel was opened from.
 */
export function SidePanels({ inspector, panel, dock, inspectedId, onCloseInspector, onCloseDock }: SidePanelsProps) {
  const overlay = useSyncExternalStore(subscribeOverlay, isOverlay, () => false);
  const inspectorBox = useRef<HTMLDivElement>(null);
  const dockBox = useRef<HTMLDivElement>(null);

  // A panel opened over the canvas takes the focus, or a keyboard user would be left behind it.
  // A panel whose code is still loading (lazyView) shows its close button once it has loaded.
  useEffect(() => {
    const box = dockBox.current;
    if (!overlay || dock === null || !box) return;
    // Its close button: the last button of its header (by place, not by name: names are translated).
    const focusClose = (): boolean => {
      const close = box.querySelector<HTMLElement>('.side-panel__header > button:last-of-type');
      close?.focus();
      return close !== null;
    };
    if (focusClose()) return;
    const observer = new MutationObserver(() => {
      if (focusClose()) observer.disconnect();
    });
    observer.observe(box, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, [overlay, dock]);

  if (!inspector && !panel) return null;

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (!overlay || event.key !== 'Escape' || event.defaultPrevented) return;
    const target = event.target as Node;
    if (dock !== null && dockBox.current?.contains(target)) {
      event.preventDefault();
      onCloseDock();
      document.querySelector<HTMLElement>(`[data-dock-toggle="${dock}"]`)?.focus();
    } else if (inspectedId !== null && inspectorBox.current?.contains(target)) {
      event.preventDefault();
      onCloseInspector();
      focusCardElement(inspectedId);
    }
  };

  return (
    <div
      className={`workspace__side${overlay ? ' workspace__side--overlay' : ''}`}
      data-testid="side-panels"
      onKeyDown={onKeyDown}
    >
      {inspector && (
        <div className="workspace__side-part" ref={inspectorBox}>
          {inspector}
        </div>
      )}
      {panel && (
        <div className="workspace__side-part" ref={dockBox}>
          {panel}
        </div>
      )}
    </div>
  );
}
