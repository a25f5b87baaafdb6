import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
  type KeyboardEvent,
  type PointerEvent,
} from 'react';
import { useTranslation } from 'react-i18next';
import {
  Background,
  BackgroundVariant,
  ControlButton,
  Controls,
  MiniMap,
  Panel,
  ReactFlow,
  useReactFlow,
  useStore,
  type Connection,
  type EdgeTypes,
  type NodeTypes,
  type AriaLabelConfig,
  type OnDelete,
} from '@xyflow/react';
import './canvas.css';
import './presentation.css';
import { NODE_KINDS, type Lanes, type MapKind, type NodeId } from '@loopmap/shared';
import { FitIcon, MinimapIcon } from '../app/icons.tsx';
import { prefersReducedMotion } from './animatePositions.ts';
import { useStoredFlag } from '../app/useStoredFlag.ts';
import type { MapSession } from '../collab/MapSession.ts';
import { describeRefusedLink, type MapEditor } from '../collab/MapEditor.ts';
import { CanvasContext, type CanvasContextValue } from './CanvasContext.ts';
import { FLOW_ID } from './CardHandle.tsx';
import { FrameCard } from './FrameCard.tsx';
import { FrameFollow } from './frameFollow.ts';
import { KeyboardHelp } from './KeyboardHelp.tsx';
import { GRID_STEP, LinkWalk, type CardPlace } from './linkWalk.ts';
import { useRemoteAnnouncements } from './useRemoteAnnouncements.ts';
import { LanesLayer } from './LanesLayer.tsx';
import type { FlowStore } from './FlowStore.ts';
import { KIND_COLORS } from './kindColors.ts';
import type { LabelEditing } from './LabelEditing.ts';
import { labelLayoutOf, linkFocusHandlers } from './LabelLayout.ts';
import { LinkEdgeView } from './LinkEdgeView.tsx';
import { MapCard } from './MapCard.tsx';
import { RemoteCursors } from './RemoteCursors.tsx';
import { useFitCards, useFitOpening } from './useFitCards.ts';
import { CARD_HEIGHT, CARD_WIDTH, cardType, type CardNode, type LinkEdge } from './toFlow.ts';
import { bandSelector, bandStyle } from './zoomBands.ts';

// Module constants: React Flow warns (and re-creates its renderers) when these change identity.
/** The card view of each kind, and the link view: one table for every canvas (live or a version). */
export const CARD_TYPES: NodeTypes = Object.fromEntries(
  NODE_KINDS.map((kind) => [cardType(kind), kind === 'group' ? FrameCard : MapCard]),
);
export const EDGE_TYPES: EdgeTypes = { link: LinkEdgeView };
const DELETE_KEYS = ['Delete', 'Backspace'];
const MULTI_SELECT_KEYS = ['Meta', 'Control'];
const PRO_OPTIONS = { hideAttribution: false };

const widthSelector = (state: { width: number }): number => state.width;

const minimapColor = (node: CardNode): string => KIND_COLORS[node.data.kind] ?? '#94a3b8';
/** Small, so it hides as few cards as it can; the canvas controls sit in the other corner. */
const MINIMAP_STYLE = { width: 148, height: 96 };
/** The whole map, as the Fit button and the header's fit show it (at once, for reduced motion). */
const fitWholeMap = () => ({ padding: 0.12, maxZoom: 1.2, duration: prefersReducedMotion() ? 0 : 300 });
const ARROWS: Record<string, { x: number; y: number }> = {
  ArrowLeft: { x: -1, y: 0 },
  ArrowRight: { x: 1, y: 0 },
  ArrowUp: { x: 0, y: -1 },
  ArrowDown: { x: 0, y: 1 },
};

/** The card element a key was pressed on, or null (a field inside a card, a link, the pane). */
function cardElementOf(target: EventTarget | null): HTMLElement | null {
  const element = target as HTMLElement | null;
  return element?.matches?.('.react-flow__node') ? element : null;
}

export interface MapCanvasProps {
  session: MapSession;
  editor: MapEditor;
  store: FlowStore;
  editing: LabelEditing;
  /** Shows a short message to the user (e.g. a refused link). */
  onNotice: (message: string) => void;
  /** Viewers and commenters: select, pan, zoom and follow along, but change nothing. */
  readOnly?: boolean;
  mapKind: MapKind;
  /** The theory of change's level swimlanes and accountability ceiling (null: not drawn). */
  lanes: Lanes | null;
  ceilingY: number | null;
  /** Partnership maps: actors show their health ratings. */
  showHealth?: boolean;
  /** Presentation mode: larger type for a shared screen, and no minimap. */
  presenting?: boolean;
}

export function focusCardElement(id: string): boolean {
  const element = document.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(id)}"]`);
  element?.focus();
  return !!element;
}

/**
 * The controlled React Flow view of a map. Nodes and edges come from the FlowStore (a
 * projection of the document); every change goes back through MapEditor's named operations.
 * While a card is dragged, its position travels through presence only; the document is written
 * once, on release.
 */
export function MapCanvas({
  session,
  editor,
  store,
  editing,
  onNotice,
  readOnly = false,
  mapKind,
  lanes,
  ceilingY,
  showHealth = false,
  presenting = false,
}: MapCanvasProps) {
  const { t } = useTranslation('canvas');
  const nodes = useSyncExternalStore(store.subscribe, store.getNodes);
  const edges = useSyncExternalStore(store.subscribe, store.getEdges);
  const { screenToFlowPosition } = useReactFlow<CardNode, LinkEdge>();
  const fitCards = useFitCards(store);
  const fitOpening = useFitOpening(store);
  // The zoom band (see zoomBands) on the container: the title size and lines every card reads,
  // and which link labels show, restyled once when the zoom crosses a threshold.
  const band = useStore(bandSelector);
  const bandVars = useMemo(() => bandStyle(band), [band]);
  const { presence } = session;
  // Remembered per browser: some want the overview, others the corner it covers.
  const [minimap, setMinimap] = useStoredFlag('loopmap:minimap', true);

  const container = useRef<HTMLDivElement>(null);
  // React Flow's layers for HTML over the edges and inside the viewport, found once.
  const [layers, setLayers] = useState<{ edgeLabels: HTMLElement | null; viewport: HTMLElement | null }>({
    edgeLabels: null,
    viewport: null,
  });
  useLayoutEffect(() => {
    const root = container.current;
    setLayers({
      edgeLabels: root?.querySelector<HTMLElement>('.react-flow__edgelabel-renderer') ?? null,
      viewport: root?.querySelector<HTMLElement>('.react-flow__viewport-portal') ?? null,
    });
  }, []);
  const edgeLabelLayer = layers.edgeLabels;
  const onFrameResize = useCallback<CanvasContextValue['onFrameResize']>(
    (id, phase, bounds) => {
      store.setResizing(id, phase === 'start');
      if (phase === 'end' && bounds) editor.setFrameBounds(id, bounds);
    },
    [store, editor],
  );
  // Where every link's label goes, placed once for all links (see LabelLayout).
  const labels = useMemo(() => labelLayoutOf(store), [store]);
  const focusHandlers = useMemo(() => linkFocusHandlers(labels), [labels]);
  const context = useMemo<CanvasContextValue>(
    () => ({
      editor,
      editing,
      focusCard: focusCardElement,
      edgeLabelLayer,
      labels,
      readOnly,
      showHealth,
      onFrameResize,
    }),
    [editor, editing, edgeLabelLayer, labels, readOnly, showHealth, onFrameResize],
  );

  // Show the map at a readable zoom (the whole map, or the top of its chain: see openingView)
  // once loaded content appears (from this device or the server); again after the first server
  // sync. Not when the user has moved the view, nor when the content is
  // their own first card on an empty map (their own changes are what the undo stack holds).
  const fitted = useRef(false);
  const userMoved = useRef(false);
  const hasNodes = nodes.length > 0;
  const userEdited = useCallback((): boolean => session.undoManager.undoStack.length > 0, [session]);
  useEffect(() => {
    if (!hasNodes || fitted.current) return;
    if (userEdited()) {
      fitted.current = true;
      return;
    }
    // The canvas may not have its size on the very first frame.
    let frame = 0;
    const tryFit = (): void => {
      if (fitOpening()) fitted.current = true;
      else frame = requestAnimationFrame(tryFit);
    };
    tryFit();
    return () => cancelAnimationFrame(frame);
  }, [hasNodes, fitOpening, userEdited]);
  useEffect(() => {
    const { provider } = session;
    const onSync = (synced: boolean): void => {
      if (synced && !userMoved.current && !userEdited()) fitOpening();
    };
    provider.once('sync', onSync);
    return () => provider.off('sync', onSync);
  }, [session, fitOpening, userEdited]);

  // Panels open and close beside the canvas (the inspector on selecting a card, the outline):
  // keep what was in the middle of the view in the middle, and if a selected card ends up
  // under a panel that just opened, bring it back into view.
  const paneWidth = useStore(widthSelector);
  const lastWidth = useRef(paneWidth);
  const { getViewport, setViewport, getInternalNode } = useReactFlow<CardNode, LinkEdge>();
  useEffect(() => {
    const before = lastWidth.current;
    lastWidth.current = paneWidth;
    if (before === 0 || paneWidth === 0 || before === paneWidth) return;
    const viewport = getViewport();
    let x = viewport.x + (paneWidth - before) / 2;
    const margin = 24;
    for (const id of store.getSelection()) {
      const node = getInternalNode(id);
      if (!node) continue;
      const left = node.internals.positionAbsolute.x * viewport.zoom + x;
      const right = left + (node.measured.width ?? CARD_WIDTH) * viewport.zoom;
      if (right > paneWidth - margin) x -= Math.min(right - (paneWidth - margin), Math.max(0, left - margin));
      else if (left < margin) x += margin - left;
    }
    void setViewport({ ...viewport, x });
  }, [paneWidth, getViewport, setViewport, getInternalNode, store]);

  const onMoveStart = useCallback((event: MouseEvent | TouchEvent | null) => {
    if (event) userMoved.current = true;
  }, []);

  const onPointerMove = useCallback(
    (event: PointerEvent) => presence.setCursor(screenToFlowPosition({ x: event.clientX, y: event.clientY })),
    [presence, screenToFlowPosition],
  );
  const onPointerLeave = useCallback(() => presence.setCursor(null), [presence]);

  // While a card is dragged the minimap shows a still picture of itself: React Flow's live
  // minimap runs a store selector per card, re-measures the whole map and re-rasters its SVG on
  // every step of a drag (about a tenth of a drag step's script at a thousand cards, see
  // docs/canvas-profile.md). It is live again, the dropped card in its new place, once the drag ends.
  const [minimapStill, setMinimapStill] = useState<Element | null>(null);
  const freezeMinimap = useCallback((): void => {
    const live = container.current?.querySelector('.react-flow__minimap');
    if (!live) return;
    const still = live.cloneNode(true) as Element;
    still.classList.add('canvas__minimap-still');
    still.setAttribute('aria-hidden', 'true');
    // Ids must stay unique: the live minimap's return would otherwise meet the copy's.
    for (const el of [still, ...still.querySelectorAll('[id], [aria-labelledby]')]) {
      el.removeAttribute('id');
      el.removeAttribute('aria-labelledby');
    }
    setMinimapStill(still);
  }, []);
  const thawMinimap = useCallback((): void => setMinimapStill(null), []);
  // Swapped in the same commit that unmounts the live minimap, before the browser paints.
  useLayoutEffect(() => {
    const flow = container.current?.querySelector('.react-flow');
    if (!minimapStill || !flow) return;
    flow.appendChild(minimapStill);
    return () => minimapStill.remove();
  }, [minimapStill]);

  // A frame's contents move with it (see FrameFollow); they travel through presence too.
  const follow = useMemo(() => new FrameFollow(), []);
  const shareDrag = useCallback(
    (dragged: CardNode[]) => {
      const positions: Record<string, { x: number; y: number }> = Object.fromEntries(
        dragged.map((node) => [node.id, node.position]),
      );
      if (follow.active) {
        const followers = follow.positions(dragged);
        store.setAnimatedPositions(followers);
        for (const [id, xy] of followers) positions[id] = xy;
      }
      presence.setDragging(positions);
    },
    [presence, follow, store],
  );
  const startDrag = useCallback(
    (dragged: CardNode[]) => {
      freezeMinimap();
      if (dragged.some((node) => node.data.kind === 'group')) follow.start(dragged, store.getNodes());
    },
    [follow, store, freezeMinimap],
  );
  const onNodeDragStart = useCallback(
    (_event: unknown, _node: CardNode, dragged: CardNode[]) => startDrag(dragged),
    [startDrag],
  );
  const onSelectionDragStart = useCallback((_event: unknown, dragged: CardNode[]) => startDrag(dragged), [startDrag]);
  const onNodeDrag = useCallback(
    (_event: unknown, _node: CardNode, dragged: CardNode[]) => shareDrag(dragged),
    [shareDrag],
  );
  const onSelectionDrag = useCallback((_event: unknown, dragged: CardNode[]) => shareDrag(dragged), [shareDrag]);
  const onNodeDoubleClick = useCallback((_event: unknown, node: CardNode) => editing.start(node.id), [editing]);
  const onEdgeDoubleClick = useCallback((_event: unknown, edge: LinkEdge) => editing.start(edge.id), [editing]);
  // The document write happens in FlowStore.onNodesChange (the final position change), which
  // React Flow calls before these: peers get the update before the drag ends in presence.
  const finishDrag = useCallback(
    (dragged: CardNode[]) => {
      if (follow.active) {
        // Written before the local positions are dropped, so the followers never jump back.
        editor.moveCards(follow.end(dragged));
        store.setAnimatedPositions(new Map());
      }
      presence.setDragging(null);
      thawMinimap();
    },
    [presence, follow, editor, store, thawMinimap],
  );
  const onNodeDragStop = useCallback(
    (_event: unknown, _node: CardNode, dragged: CardNode[]) => finishDrag(dragged),
    [finishDrag],
  );
  const onSelectionDragStop = useCallback((_event: unknown, dragged: CardNode[]) => finishDrag(dragged), [finishDrag]);

  const onConnect = useCallback(
    (connection: Connection) => {
      const result = editor.link(connection.source, connection.target);
      if (!result.ok) onNotice(describeRefusedLink(result.reason));
    },
    [editor, onNotice],
  );
  const isValidConnection = useCallback(
    (connection: Connection | LinkEdge) => connection.source !== connection.target,
    [],
  );

  const onDelete = useCallback<OnDelete<CardNode, LinkEdge>>(
    ({ nodes: doomedNodes, edges: doomedEdges }) => {
      editor.remove(
        doomedNodes.map((node) => node.id),
        doomedEdges.map((edge) => edge.id),
      );
    },
    [editor],
  );

  // ── The keyboard (see KeyboardHelp for the scheme) ─────────────────────────────────────────
  const [helpOpen, setHelpOpen] = useState(false);
  /** "Link from here": the card a keyboard link starts from, waiting for its target. */
  const [linkingFrom, setLinkingFrom] = useState<string | null>(null);
  /** What the keyboard just did or could not do, for the polite status line. */
  const [hint, setHint] = useState('');
  const walk = useMemo(() => new LinkWalk(), []);
  const { setCenter } = useReactFlow<CardNode, LinkEdge>();

  const cardName = useCallback(
    (id: string): string => store.getNodes().find((node) => node.id === id)?.ariaLabel ?? id,
    [store],
  );
  /** Focuses a card, bringing it into view first when it is off screen (and so not rendered). */
  const goToCard = useCallback(
    (id: string): void => {
      if (focusCardElement(id)) return;
      const node = getInternalNode(id);
      if (!node) return;
      const { zoom } = getViewport();
      void setCenter(
        node.internals.positionAbsolute.x + (node.measured.width ?? CARD_WIDTH) / 2,
        node.internals.positionAbsolute.y + (node.measured.height ?? 0) / 2,
        { zoom, duration: 0 },
      );
      let tries = 0;
      const retry = (): void => {
        if (!focusCardElement(id) && ++tries < 20) requestAnimationFrame(retry);
      };
      requestAnimationFrame(retry);
    },
    [getInternalNode, getViewport, setCenter],
  );

  const places = useCallback((): Map<string, CardPlace> => {
    const out = new Map<string, CardPlace>();
    for (const node of store.getNodes()) out.set(node.id, { id: node.id, x: node.position.x, y: node.position.y });
    return out;
  }, [store]);

  const linkCards = useCallback(
    (source: string, target: string): void => {
      setLinkingFrom(null);
      const result = editor.link(source, target);
      if (!result.ok) {
        const message = describeRefusedLink(result.reason);
        setHint(message);
        onNotice(message);
      } else setHint(t('keyboard.linked', { source: cardName(source), target: cardName(target) }));
    },
    [editor, onNotice, t, cardName],
  );

  // Capture: before React Flow's own card keys (its arrows nudge a selected card 5 px, one
  // document write each; here arrows follow links and Alt+arrows move by a grid step).
  const onKeyDownCapture = useCallback(
    (event: KeyboardEvent<HTMLDivElement>) => {
      const card = cardElementOf(event.target);
      if (event.key === '?' && !(event.target as HTMLElement).matches('input, textarea, [contenteditable]')) {
        event.preventDefault();
        setHelpOpen(true);
        return;
      }
      if (!card) return;
      const id = card.getAttribute('data-id');
      if (!id) return;
      const arrow = ARROWS[event.key];
      if (arrow && event.altKey && !event.ctrlKey && !event.metaKey) {
        event.preventDefault();
        event.stopPropagation();
        if (readOnly) return;
        const selected = store.getSelection();
        const ids = selected.includes(id) ? selected : [id];
        const step = GRID_STEP * (event.shiftKey ? 4 : 1);
        const moves = store
          .getNodes()
          .filter((node) => ids.includes(node.id))
          .map((node) => ({
            id: node.id as NodeId,
            x: node.position.x + arrow.x * step,
            y: node.position.y + arrow.y * step,
            height: node.measured?.height ?? CARD_HEIGHT,
          }));
        // One undo step per key press, never merged with the one before it; a card moved into
        // another lane takes its level, as a dropped one does.
        session.undoManager.stopCapturing();
        editor.moveCardsAcrossLanes(moves);
        session.undoManager.stopCapturing();
        setHint(t(`keyboard.moved.${event.key.slice('Arrow'.length).toLowerCase()}`));
        return;
      }
      if (arrow && !event.altKey && !event.ctrlKey && !event.metaKey && !event.shiftKey) {
        event.preventDefault();
        event.stopPropagation();
        const links = store.getEdges();
        const result =
          event.key === 'ArrowRight' || event.key === 'ArrowLeft'
            ? walk.step(links, places(), id, event.key === 'ArrowRight' ? 'forward' : 'back')
            : walk.cycle(links, places(), id, event.key === 'ArrowDown' ? 1 : -1);
        if (!result) {
          setHint(
            event.key === 'ArrowRight'
              ? t('keyboard.noLinkOut')
              : event.key === 'ArrowLeft'
                ? t('keyboard.noLinkIn')
                : t('keyboard.noLinks'),
          );
          return;
        }
        setHint(result.count > 1 ? t('keyboard.choice', { index: result.index + 1, count: result.count }) : '');
        goToCard(result.id);
        return;
      }
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      if (linkingFrom && (event.key === 'Enter' || event.key === 'l')) {
        event.preventDefault();
        event.stopPropagation();
        if (id !== linkingFrom) linkCards(linkingFrom, id);
        return;
      }
      if (linkingFrom && event.key === 'Escape') {
        event.preventDefault();
        event.stopPropagation();
        setLinkingFrom(null);
        setHint(t('keyboard.linkCancelled'));
        return;
      }
      if (event.key === 'l' && !event.shiftKey && !readOnly) {
        event.preventDefault();
        setLinkingFrom(id);
        setHint(t('keyboard.linkFrom', { card: cardName(id) }));
        return;
      }
      if ((event.key === 'Delete' || event.key === 'Backspace') && !readOnly && !store.getSelection().includes(id)) {
        // The focused card, when it is not part of the selection (React Flow deletes the selection).
        event.preventDefault();
        event.stopPropagation();
        const next =
          walk.step(store.getEdges(), places(), id, 'back') ?? walk.step(store.getEdges(), places(), id, 'forward');
        editor.remove([id], []);
        setHint(t('keyboard.deleted', { card: cardName(id) }));
        if (next) goToCard(next.id);
        else container.current?.querySelector<HTMLElement>('.react-flow__node')?.focus();
        return;
      }
      if (event.key === 'Enter' || event.key === 'F2') {
        event.preventDefault();
        editing.start(id);
      }
    },
    [readOnly, store, session, editor, walk, places, t, goToCard, linkingFrom, linkCards, cardName, editing],
  );

  // Enter and F2 on a link open its rationale.
  const onKeyDown = useCallback(
    (event: KeyboardEvent<HTMLDivElement>) => {
      if (event.key !== 'Enter' && event.key !== 'F2') return;
      const target = event.target as HTMLElement;
      if (!target.matches('.react-flow__edge')) return;
      const id = target.getAttribute('data-id');
      if (!id) return;
      event.preventDefault();
      editing.start(id);
    },
    [editing],
  );

  const announcement = useRemoteAnnouncements(session);
  const ariaLabelConfig = useMemo<Partial<AriaLabelConfig>>(
    () => ({
      'node.a11yDescription.default': t('keyboard.cardDescription'),
      'node.a11yDescription.keyboardDisabled': t('keyboard.cardDescription'),
      'node.a11yDescription.ariaLiveMessage': ({ direction }) => t(`keyboard.moved.${direction}`),
      'edge.a11yDescription.default': t('keyboard.linkDescription'),
      'controls.ariaLabel': t('controls.label'),
      'controls.zoomIn.ariaLabel': t('controls.zoomIn'),
      'controls.zoomOut.ariaLabel': t('controls.zoomOut'),
      'controls.fitView.ariaLabel': t('controls.fit'),
      'controls.interactive.ariaLabel': t('controls.interactive'),
      'minimap.ariaLabel': t('controls.minimap'),
      'handle.ariaLabel': t('controls.handle'),
    }),
    [t],
  );

  return (
    <div
      ref={container}
      className={`canvas${readOnly ? ' canvas--read-only' : ''}${presenting ? ' canvas--presenting' : ''}`}
      data-zoom-band={band}
      style={bandVars}
      onPointerMove={onPointerMove}
      onPointerLeave={onPointerLeave}
      onKeyDown={onKeyDown}
      onKeyDownCapture={onKeyDownCapture}
      onFocus={focusHandlers.onFocus}
      onBlur={focusHandlers.onBlur}
    >
      <CanvasContext.Provider value={context}>
        <ReactFlow<CardNode, LinkEdge>
          nodes={nodes}
          edges={edges}
          nodeTypes={CARD_TYPES}
          edgeTypes={EDGE_TYPES}
          onNodesChange={store.onNodesChange}
          onEdgesChange={store.onEdgesChange}
          onConnect={onConnect}
          isValidConnection={isValidConnection}
          onDelete={onDelete}
          onNodeDragStart={onNodeDragStart}
          onSelectionDragStart={onSelectionDragStart}
          onNodeDrag={onNodeDrag}
          onSelectionDrag={onSelectionDrag}
          onNodeDragStop={onNodeDragStop}
          onSelectionDragStop={onSelectionDragStop}
          onNodeDoubleClick={onNodeDoubleClick}
          onEdgeDoubleClick={onEdgeDoubleClick}
          onMoveStart={onMoveStart}
          deleteKeyCode={readOnly ? null : DELETE_KEYS}
          nodesDraggable={!readOnly}
          nodesConnectable={!readOnly}
          multiSelectionKeyCode={MULTI_SELECT_KEYS}
          zoomOnDoubleClick={false}
          onlyRenderVisibleElements
          minZoom={0.02}
          maxZoom={2.5}
          proOptions={PRO_OPTIONS}
          attributionPosition="bottom-left"
          id={FLOW_ID}
          aria-label={t('canvas.label')}
          ariaLabelConfig={ariaLabelConfig}
        >
          <Background variant={BackgroundVariant.Dots} gap={24} size={1.5} color="#c7cdd8" />
          {mapKind === 'theory-of-change' && (lanes || ceilingY !== null) && (
            <LanesLayer
              lanes={lanes}
              ceilingY={ceilingY}
              readOnly={readOnly}
              onLanes={(next) => editor.setLanes(next)}
              onCeiling={(y) => editor.setCeiling(y)}
            />
          )}
          {/* React Flow's own fit button uses its fitView, which waits for unrendered cards. */}
          <Controls position="bottom-left" showInteractive={false} showFitView={false} style={{ marginBottom: 28 }}>
            <ControlButton
              aria-label={t('controls.fitWhole')}
              title={t('controls.fitWhole')}
              onClick={() => fitCards(fitWholeMap())}
            >
              <FitIcon size={16} />
            </ControlButton>
            <ControlButton
              className={minimap ? 'canvas__control--on' : undefined}
              aria-label={t('controls.minimap')}
              aria-pressed={minimap}
              title={minimap ? t('controls.hideMinimap') : t('controls.showMinimap')}
              onClick={() => setMinimap(!minimap)}
            >
              <MinimapIcon size={16} />
            </ControlButton>
            <ControlButton
              className="canvas__control-help"
              aria-label={t('controls.keyboard')}
              aria-keyshortcuts="Shift+?"
              title={t('controls.keyboard')}
              onClick={() => setHelpOpen(true)}
            >
              <span aria-hidden="true">?</span>
            </ControlButton>
          </Controls>
          {linkingFrom && (
            <Panel position="top-center" className="canvas__linking">
              {t('keyboard.linkFrom', { card: cardName(linkingFrom) })}
            </Panel>
          )}
          {minimap && !minimapStill && !presenting && (
            <MiniMap<CardNode>
              position="bottom-right"
              style={MINIMAP_STYLE}
              pannable
              zoomable
              nodeColor={minimapColor}
              nodeStrokeWidth={0}
              nodeBorderRadius={6}
              ariaLabel={t('controls.minimap')}
            />
          )}
          <RemoteCursors awareness={session.awareness} layer={layers.viewport} />
        </ReactFlow>
      </CanvasContext.Provider>
      <div className="visually-hidden" role="status" aria-label={t('keyboard.statusLabel')}>
        {hint}
      </div>
      <div
        className="visually-hidden"
        role="status"
        aria-live="polite"
        aria-atomic="true"
        aria-label={t('announce.region')}
        data-testid="announcements"
      >
        {announcement}
      </div>
      <KeyboardHelp open={helpOpen} onClose={() => setHelpOpen(false)} readOnly={readOnly} />
    </div>
  );
}
