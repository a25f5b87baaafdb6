import { useEffect, useMemo, useState } from 'react';
import type * as Y from 'yjs';
import type { MapFilter, MapKind } from '@loopmap/shared';
import type { checkMap as checkMapType } from '@loopmap/shared/logic-check';
import { useSettledValue } from '../app/useSettledValue.ts';
import { afterStartUp } from '../app/afterStartUp.ts';
import { litElements } from '../canvas/emphasis.ts';
import { loadLayoutEngine } from '../canvas/layoutEngine.ts';
import type { FlowStore } from '../canvas/FlowStore.ts';
import { useMapGraph } from '../collab/useMapGraph.ts';
import { FilterBar } from '../panels/FilterBar.tsx';
import { MapToolbar, type DockPanel } from './MapToolbar.tsx';
import type { CanvasSelection } from './useCanvasSelection.ts';

export interface MapToolsProps {
  doc: Y.Doc;
  store: FlowStore;
  kind: MapKind;
  readOnly: boolean;
  selection: CanvasSelection;
  hasLanes: boolean;
  hasCeiling: boolean;
  onLanes: (on: boolean) => void;
  onCeiling: (on: boolean) => void;
  pathway: boolean;
  onPathway: (on: boolean) => void;
  health: boolean;
  onHealth: (on: boolean) => void;
  filter: MapFilter;
  onFilter: (filter: MapFilter) => void;
  onLayout?: () => void;
  layoutBusy: boolean;
  dock: DockPanel | null;
  onDock: (panel: DockPanel | null) => void;
  openThreads: number;
}

/**
 * The layout engine and ELK are loaded on first use (1.5 MB, their own chunks): start loading and compiling it when a
 * layout looks likely, so the click itself is quick. Once per page.
 */
let warmedUp = false;
function warmUpOnce(): void {
  if (warmedUp) return;
  warmedUp = true;
  void loadLayoutEngine()
    .then((engine) => engine.warmUpAutoLayout())
    .catch(() => {
      warmedUp = false;
    });
}

const isTyping = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement &&
  (target.isContentEditable || target.matches('input, textarea, select, [contenteditable="true"]'));

type CheckMap = typeof checkMapType;
let logicCheck: Promise<CheckMap> | null = null;

/**
 * The logic check, loaded after the map's first render (it is not needed to paint the map:
 * docs/benchmarks.md, "What the map page loads"); null until then, when the badge counts none.
 */
function useLogicCheck(): CheckMap | null {
  const [check, setCheck] = useState<CheckMap | null>(null);
  useEffect(() => {
    let live = true;
    const cancel = afterStartUp(() => {
      logicCheck ??= import('@loopmap/shared/logic-check').then((m) => m.checkMap);
      logicCheck.then(
        (loaded) => {
          if (live) setCheck(() => loaded);
        },
        (error: unknown) => {
          // Offline or a replaced deploy: the next map page tries again; the badge stays empty.
          logicCheck = null;
          console.warn('Loopmap could not load the logic check', error);
        },
      );
    });
    return () => {
      live = false;
      cancel();
    };
  }, []);
  return check;
}

/**
 * The toolbar with what depends on the whole map (the logic check's count, search and filter),
 * and what the canvas lights because of them and the pathway: kept apart from the map page so
 * that rebuilding the map's graph on every change re-renders only this.
 */
export function MapTools(props: MapToolsProps) {
  const { doc, store, selection, pathway, filter, onPathway, onLayout, readOnly } = props;
  const graph = useMapGraph(doc);
  // The badge follows the map once edits pause: the whole check on every frame of a peer's
  // typing would cost more than everything else the page does meanwhile.
  const settledGraph = useSettledValue(graph, 500);
  const checkMap = useLogicCheck();
  const problems = useMemo(
    () => (checkMap ? checkMap(settledGraph).filter((finding) => finding.severity === 'problem').length : 0),
    [checkMap, settledGraph],
  );
  const focus = selection.sole?.id ?? null;
  const lit = useMemo(() => litElements(graph, { pathway, focus, filter }), [graph, pathway, focus, filter]);
  const matchCount = useMemo(() => {
    if (!lit) return graph.nodes.filter((node) => node.attachedTo === null).length;
    return graph.nodes.filter((node) => node.attachedTo === null && lit.has(node.id)).length;
  }, [graph, lit]);

  useEffect(() => store.setLit(lit), [store, lit]);
  useEffect(() => () => store.setLit(null), [store]);

  // P toggles pathway highlighting, Shift+L lays out; never while typing.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
      if (event.key === 'p' || event.key === 'P') {
        if (event.shiftKey) return;
        event.preventDefault();
        onPathway(!pathway);
      } else if (event.key === 'L' && event.shiftKey && onLayout && !readOnly) {
        event.preventDefault();
        onLayout();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [pathway, onPathway, onLayout, readOnly]);

  return (
    <MapToolbar
      isToc={props.kind === 'theory-of-change'}
      readOnly={readOnly}
      onLayout={onLayout}
      onLayoutIntent={warmUpOnce}
      layoutBusy={props.layoutBusy}
      layoutSelection={selection.nodes.length}
      pathway={pathway}
      onPathway={onPathway}
      lanes={props.hasLanes}
      onLanes={props.onLanes}
      ceiling={props.hasCeiling}
      onCeiling={props.onCeiling}
      health={props.health}
      onHealth={props.onHealth}
      filter={<FilterBar graph={graph} filter={filter} onChange={props.onFilter} matchCount={matchCount} />}
      dock={props.dock}
      onDock={props.onDock}
      problems={problems}
      openThreads={props.openThreads}
    />
  );
}
