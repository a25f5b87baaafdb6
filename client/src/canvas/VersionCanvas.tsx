import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { RefObject } from 'react';
import {
  Background,
  BackgroundVariant,
  Controls,
  MiniMap,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
  useStore,
  type NodeProps,
  type NodeTypes,
} from '@xyflow/react';
import * as Y from 'yjs';
import { createOrigin, type Lanes, type MapKind } from '@loopmap/shared';
import './canvas.css';
import './versionCanvas.css';
import { MapEditor } from '../collab/MapEditor.ts';
import { CanvasContext, type CanvasContextValue } from './CanvasContext.ts';
import { KIND_COLORS } from './kindColors.ts';
import { LabelEditing } from './LabelEditing.ts';
import { labelLayoutOf, linkFocusHandlers } from './LabelLayout.ts';
import { LanesLayer } from './LanesLayer.tsx';
import { CARD_TYPES, EDGE_TYPES } from './MapCanvas.tsx';
import type { OutlineNode, VersionNode } from './projectMap.ts';
import { CARD_HEIGHT, CARD_WIDTH, type LinkEdge } from './toFlow.ts';
import { useFitCards } from './useFitCards.ts';
import type { VersionFlowStore } from './VersionFlowStore.ts';
import { bandSelector, bandStyle, DETAIL_ZOOM } from './zoomBands.ts';
import { useHistoryTranslate } from '../panels/history/useHistoryTranslate.ts';

/** Where a moved card was: a dashed outline, under the cards. */
function WasOutline({ data, width, height }: NodeProps<OutlineNode>) {
  const t = useHistoryTranslate();
  return (
    <div
      className="was-outline"
      style={{ width: width ?? CARD_WIDTH, height: height ?? CARD_HEIGHT }}
      title={t('version.wasHere', { title: data.label || t('version.untitled') })}
    >
      <span className="was-outline__glyph" aria-hidden="true">
        ⇢
      </span>
    </div>
  );
}

// The same card and link views as the live canvas, plus the outline of a moved card's old place.
const NODE_TYPES: NodeTypes = { ...CARD_TYPES, 'was-outline': WasOutline };
const PRO_OPTIONS = { hideAttribution: false };
const VERSION_FLOW_ID = 'loopmap-version';
const NO_OP = (): void => {};

const minimapColor = (node: VersionNode): string =>
  node.type === 'was-outline' ? 'transparent' : (KIND_COLORS[node.data.kind] ?? '#94a3b8');

/** What the page asks of the version canvas shown: reveal (select and centre) and fit the view. */
export interface VersionRevealer {
  reveal(id: string): void;
  fit(): void;
}

/** What of a version's settings the canvas draws. */
export interface VersionMeta {
  kind: MapKind;
  lanes: Lanes | null;
  ceilingY: number | null;
}

export interface VersionCanvasProps {
  store: VersionFlowStore;
  meta: VersionMeta | null;
  showHealth: boolean;
  /** Filled with this canvas's way of revealing an element (for the page's `reveal`). */
  revealer?: RefObject<VersionRevealer | null>;
  /** The canvas fits the map in view when this changes (on open, when another version loads). */
  fitKey: string;
  /** Named for screen readers: "Version of 12 March 2026, read-only". */
  label: string;
  /** Cards and links that are on the map but not drawn (attached): what to reveal instead. */
  onRevealHidden?: (id: string) => void;
  /**
   * The minimap redraws every card whenever any card changes: fine for a version, too much for a
   * replay redrawn every frame while scrubbing.
   */
  minimap?: boolean;
}

/**
 * A read-only React Flow canvas of a map that is not the live document: a snapshot, the later
 * map of a comparison, a replay frame. The same card, frame and link views, lanes and ceiling as
 * the live canvas; selection only (clicking selects, for the list of changes). It has its own
 * React Flow instance, so the live canvas can stay mounted, unchanged, underneath.
 */
export function VersionCanvas(props: VersionCanvasProps) {
  return (
    <ReactFlowProvider>
      <VersionFlow {...props} />
    </ReactFlowProvider>
  );
}

function VersionFlow(props: VersionCanvasProps) {
  const { store, meta, showHealth, revealer, fitKey, label, onRevealHidden, minimap = true } = props;
  const t = useHistoryTranslate();
  const nodes = useSyncExternalStore(store.subscribe, store.getNodes);
  const edges = useSyncExternalStore(store.subscribe, store.getEdges);
  // The same zoom bands as the live canvas (see zoomBands).
  const band = useStore(bandSelector);
  const bandVars = useMemo(() => bandStyle(band), [band]);
  const flow = useReactFlow<VersionNode, LinkEdge>();
  const fitCards = useFitCards(store);

  const container = useRef<HTMLDivElement>(null);
  const [edgeLabelLayer, setEdgeLabelLayer] = useState<HTMLElement | null>(null);
  useLayoutEffect(() => {
    setEdgeLabelLayer(container.current?.querySelector<HTMLElement>('.react-flow__edgelabel-renderer') ?? null);
  }, []);

  // No document to write to: a detached, refusing editor stands in, so the views need no branch.
  const context = useMemo<CanvasContextValue>(() => {
    const editor = new MapEditor(new Y.Doc(), createOrigin('user', 'version'));
    editor.setReadOnly(true);
    const editing = new LabelEditing();
    editing.setEnabled(false);
    return {
      editor,
      editing,
      focusCard: NO_OP,
      edgeLabelLayer,
      labels: labelLayoutOf(store),
      readOnly: true,
      showHealth,
      onFrameResize: NO_OP,
    };
  }, [edgeLabelLayer, showHealth, store]);
  const focusHandlers = useMemo(() => linkFocusHandlers(labelLayoutOf(store)), [store]);

  // Fit once per version, as soon as it has cards and the pane its size.
  const hasNodes = nodes.length > 0;
  const fittedFor = useRef<string | null>(null);
  useEffect(() => {
    if (!hasNodes || fittedFor.current === fitKey) return;
    let frame = 0;
    const tryFit = (): void => {
      if (fitCards({ padding: 0.12, maxZoom: 1.2 })) fittedFor.current = fitKey;
      else frame = requestAnimationFrame(tryFit);
    };
    tryFit();
    return () => cancelAnimationFrame(frame);
  }, [hasNodes, fitKey, fitCards]);

  const reveal = useCallback(
    (id: string) => {
      if (store.isAttached(id)) {
        onRevealHidden?.(id);
        return;
      }
      store.select(id);
      const node = flow.getInternalNode(id);
      if (node) {
        const { x, y } = node.internals.positionAbsolute;
        void flow.setCenter(
          x + (node.measured.width ?? CARD_WIDTH) / 2,
          y + (node.measured.height ?? CARD_HEIGHT) / 2,
          { zoom: Math.max(flow.getZoom(), DETAIL_ZOOM), duration: 300 },
        );
        return;
      }
      const edge = flow.getEdge(id);
      if (edge) fitCards({ ids: [edge.source, edge.target], padding: 0.3, maxZoom: 1, duration: 300 });
    },
    [store, flow, fitCards, onRevealHidden],
  );
  useEffect(() => {
    if (!revealer) return;
    const handle: VersionRevealer = {
      reveal,
      fit: () => void fitCards({ padding: 0.12, maxZoom: 1.2, duration: 300 }),
    };
    revealer.current = handle;
    return () => {
      if (revealer.current === handle) revealer.current = null;
    };
  }, [revealer, reveal, fitCards]);

  return (
    <div
      ref={container}
      className="canvas canvas--read-only canvas--version"
      data-zoom-band={band}
      style={bandVars}
      onFocus={focusHandlers.onFocus}
      onBlur={focusHandlers.onBlur}
    >
      <CanvasContext.Provider value={context}>
        <ReactFlow<VersionNode, LinkEdge>
          nodes={nodes}
          edges={edges}
          nodeTypes={NODE_TYPES}
          edgeTypes={EDGE_TYPES}
          onNodesChange={store.onNodesChange}
          onEdgesChange={store.onEdgesChange}
          deleteKeyCode={null}
          nodesDraggable={false}
          nodesConnectable={false}
          edgesReconnectable={false}
          multiSelectionKeyCode={null}
          selectionKeyCode={null}
          zoomOnDoubleClick={false}
          onlyRenderVisibleElements
          minZoom={0.02}
          maxZoom={2.5}
          proOptions={PRO_OPTIONS}
          attributionPosition="bottom-left"
          id={VERSION_FLOW_ID}
          aria-label={label}
        >
          <Background variant={BackgroundVariant.Dots} gap={24} size={1.5} color="#c7cdd8" />
          {meta?.kind === 'theory-of-change' && (meta.lanes || meta.ceilingY !== null) && (
            <LanesLayer lanes={meta.lanes} ceilingY={meta.ceilingY} readOnly onLanes={NO_OP} onCeiling={NO_OP} />
          )}
          <Controls position="bottom-left" showInteractive={false} showFitView={false} style={{ marginBottom: 28 }} />
          {minimap && (
            <MiniMap<VersionNode>
              position="bottom-right"
              pannable
              zoomable
              nodeColor={minimapColor}
              nodeStrokeWidth={0}
              nodeBorderRadius={6}
              ariaLabel={t('version.minimap')}
            />
          )}
        </ReactFlow>
      </CanvasContext.Provider>
    </div>
  );
}
