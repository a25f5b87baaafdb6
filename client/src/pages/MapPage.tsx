import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import {
  DEFAULT_LANE_HEIGHT,
  EMPTY_FILTER,
  can,
  lanesFrom,
  presenceColorFor,
  type MapFilter,
  type MapSummary,
  type Role,
  type UserView,
} from '@loopmap/shared';
import { getMap, updateMap } from '../api/mapsApi.ts';
import { ApiError } from '../api/ApiError.ts';
import { navigate } from '../app/history.ts';
import { useStoredFlag } from '../app/useStoredFlag.ts';
import { useStoredChoice } from '../app/useStoredChoice.ts';
import { rememberRole, rememberedRole } from '../auth/knownRoles.ts';
import { authStore, useSession } from '../auth/useSession.ts';
import { MapEditor } from '../collab/MapEditor.ts';
import type { MapSession } from '../collab/MapSession.ts';
import { useConnectionProblem, useRoleChanges } from '../collab/useConnectionProblem.ts';
import { useMapMeta } from '../collab/useMapMeta.ts';
import { useMapSession } from '../collab/useMapSession.ts';
import { useSaveStatus } from '../collab/useSaveStatus.ts';
import { useUndoRedo } from '../collab/useUndoRedo.ts';
import { useComments } from '../collab/useComments.ts';
import { useMapMembers } from '../collab/useMapMembers.ts';
import { useAutoLayout } from '../canvas/useAutoLayout.ts';
import { MapDock } from './MapDock.tsx';
import { MapTools } from './MapTools.tsx';
import { DOCK_PANELS, type DockPanel } from './MapToolbar.tsx';
import { useCanvasSelection, type CanvasSelection } from './useCanvasSelection.ts';
import { LabelEditing } from '../canvas/LabelEditing.ts';
import { prefersReducedMotion } from '../canvas/animatePositions.ts';
import { MapCanvas } from '../canvas/MapCanvas.tsx';
import type { CardNode, LinkEdge } from '../canvas/toFlow.ts';
import { useAddCard } from '../canvas/useAddCard.ts';
import { CARD_HEIGHT, CARD_WIDTH } from '../canvas/toFlow.ts';
import { useFitCards } from '../canvas/useFitCards.ts';
import { useFlowStore } from '../canvas/useFlowStore.ts';
import { DETAIL_ZOOM } from '../canvas/zoomBands.ts';
import { Palette } from '../panels/Palette.tsx';
import { Toast, useNotice } from '../panels/Toast.tsx';
import { ConnectionBanner } from './ConnectionBanner.tsx';
import { MapHeader } from './MapHeader.tsx';
import { SidePanels } from './SidePanels.tsx';
import { usePresentation } from './usePresentation.ts';
import { CatchUpBanner } from '../panels/history/CatchUpBanner.tsx';
import { useUndoShortcuts } from './useUndoShortcuts.ts';
import { MapPageContext, type MapPageContextValue, type VersionView } from './MapPageContext.ts';
import type { VersionRevealer } from '../canvas/VersionCanvas.tsx';
import { lazyView } from '../app/lazyView.tsx';
import { afterStartUp } from '../app/afterStartUp.ts';
import { RestoreNotice, type Restored } from './RestoreNotice.tsx';
import './mapPage.css';

// Not needed to show and edit the map: loaded when first opened (docs/benchmarks.md, "What the
// map page loads"). Versions, comparison and replay share one chunk; sharing has its own.
const VersionStage = lazyView(() => import('./VersionStage.tsx').then((m) => m.VersionStage), {
  label: 'version',
  namespaces: ['history', 'exports'],
  placement: 'stage',
});
// The inspectors are not needed to paint the map either: they load once the page is idle (see
// MapWorkspace), so the first card a user opens rarely waits for them.
const NodeInspector = lazyView(() => import('../panels/NodeInspector.tsx').then((m) => m.NodeInspector), {
  label: 'card',
  namespaces: ['history'],
  placement: 'panel',
});
const LinkInspector = lazyView(() => import('../panels/LinkInspector.tsx').then((m) => m.LinkInspector), {
  label: 'link',
  namespaces: ['history'],
  placement: 'panel',
});
const ShareDialog = lazyView(() => import('../panels/ShareDialog.tsx').then((m) => m.ShareDialog), {
  label: 'share',
  placement: 'dialog',
});
// Shown only in rarer states (the session ended, the map is gone, presenting): loaded then.
// (The labels are new user-facing text: "Loading the sign-in…" and so on, see lazyView.)
const SessionEndedDialog = lazyView(
  () => import('../panels/SessionEndedDialog.tsx').then((m) => m.SessionEndedDialog),
  { label: 'sessionEnded', namespaces: ['auth'], placement: 'dialog' },
);
const MapGonePanel = lazyView(() => import('./MapGonePanel.tsx').then((m) => m.MapGonePanel), {
  label: 'gone',
  placement: 'page',
});
const PresentationBar = lazyView(() => import('./PresentationBar.tsx').then((m) => m.PresentationBar), {
  label: 'presentation',
  placement: 'stage',
});
const PresentationCaption = lazyView(() => import('./PresentationBar.tsx').then((m) => m.PresentationCaption), {
  label: 'presentation',
  placement: 'stage',
});

const FIT_OPTIONS = { padding: 0.12, maxZoom: 1.2, duration: 300 };

type Refusal = 'gone' | 'no-access' | null;

/**
 * The map's REST summary and the user's role on it, fetched again whenever `refresh` changes
 * (the server said the role changed, or the user signed in again). Offline, the role this
 * device last saw stands in. A 404 means the map is gone, a 403 that the user has no access.
 */
function useMapSummary(mapId: string, userId: string, refresh: number) {
  const [summary, setSummary] = useState<MapSummary | null>(null);
  const [refusal, setRefusal] = useState<Refusal>(null);
  const [role, setRole] = useState<Role | null>(() => rememberedRole(userId, mapId));

  useEffect(() => {
    let live = true;
    getMap(mapId).then(
      (map) => {
        if (!live) return;
        setSummary(map);
        setRole(map.role);
        rememberRole(userId, mapId, map.role);
      },
      // Offline, the map still opens from this device's copy; only a clear answer refuses it.
      (error: unknown) => {
        if (!live || !(error instanceof ApiError)) return;
        if (error.isNotFound) setRefusal('gone');
        else if (error.status === 403) {
          rememberRole(userId, mapId, null);
          setRefusal('no-access');
        }
      },
    );
    return () => {
      live = false;
    };
  }, [mapId, userId, refresh]);

  return { summary, setSummary, refusal, role };
}

/** `/maps/:id`: one map, live. Loads its summary over REST and opens its collaborative session. */
export function MapPage({ mapId }: { mapId: string }) {
  const auth = useSession();
  // The router shows this page only with a user (signed in, or whose session just ended).
  const user = auth.status === 'signed-in' || auth.status === 'expired' ? auth.user : null;
  return user ? <SignedInMapPage mapId={mapId} user={user} /> : null;
}

function SignedInMapPage({ mapId, user }: { mapId: string; user: UserView }) {
  const session = useMapSession(mapId, user);
  const [signIns, setSignIns] = useState(0);
  const roleChanges = useRoleChanges(session);
  const { summary, setSummary, refusal, role } = useMapSummary(mapId, user.id, roleChanges + signIns);
  const { t } = useTranslation('map');

  if (refusal)
    return <MapGonePanel doc={session?.doc ?? null} title={summary?.title ?? t('page.fileName')} reason={refusal} />;
  if (!session) {
    return (
      <main className="page page--centered">
        <p className="muted" role="status">
          {t('page.opening')}
        </p>
      </main>
    );
  }
  return (
    <ReactFlowProvider>
      <MapWorkspace
        session={session}
        summary={summary}
        onSummary={setSummary}
        user={user}
        role={role}
        onSignedInAgain={() => setSignIns((n) => n + 1)}
      />
    </ReactFlowProvider>
  );
}

interface MapWorkspaceProps {
  session: MapSession;
  summary: MapSummary | null;
  onSummary: (summary: MapSummary) => void;
  user: UserView;
  role: Role | null;
  onSignedInAgain: () => void;
}

function MapWorkspace({ session, summary, onSummary, user, role, onSignedInAgain }: MapWorkspaceProps) {
  const auth = useSession();
  const editor = useMemo(() => new MapEditor(session.doc, session.origin, session.undoManager), [session]);
  const editing = useMemo(() => new LabelEditing(), []);
  const [notice, showNotice, clearNotice] = useNotice();
  const { t } = useTranslation('map');
  const store = useFlowStore(session, editor, showNotice);
  const meta = useMapMeta(session.doc);
  const { status, upload } = useSaveStatus(session);
  const problem = useConnectionProblem(session);
  const undoRedo = useUndoRedo(session.undoManager);
  const addCard = useAddCard(editor, store, editing);
  const [dock, setDock] = useStoredChoice<DockPanel>('loopmap:dock', DOCK_PANELS, null);
  const [pathway, setPathway] = useStoredFlag('loopmap:pathway', false);
  const [health, setHealth] = useStoredFlag('loopmap:health', true);
  const [filter, setFilter] = useState<MapFilter>(EMPTY_FILTER);
  const [shareOpen, setShareOpen] = useState(false);
  // The dialog mounts at its first opening (its code loads then) and stays, as before.
  const [shareOpened, setShareOpened] = useState(false);
  const selection = useCanvasSelection(store);
  const me = useMemo(() => ({ id: user.id, name: user.name }), [user.id, user.name]);
  const comments = useComments(session, me);
  const members = useMapMembers(session.mapId, useRoleChanges(session));
  useEffect(() => store.setCommentCounts(comments.openCounts), [store, comments.openCounts]);
  const layout = useAutoLayout(editor, store, showNotice);
  const flow = useReactFlow<CardNode, LinkEdge>();
  const fitCards = useFitCards(store);

  // What the canvas shows: the live map, or a version of it (always read-only).
  const [version, setVersion] = useState<VersionView>(LIVE);
  const showingVersion = version.mode !== 'live';
  const [restored, setRestored] = useState<Restored | null>(null);
  // Presenting shows the live map only; it hides every panel and changes nothing.
  const presentation = usePresentation(session.doc, store, !showingVersion);
  const presenting = presentation.state !== null;

  // Unknown (first open, offline): editable, as before accounts; the server decides anyway.
  const roleReadOnly = role !== null && !can(role, 'map.edit');
  // While a version is shown nothing may change the live map: what looks editable would not be
  // what is on screen. The socket's mode (and so the save status) follows the role only.
  // A presentation edits nothing either: a stray key or drag must not move a card on a shared screen.
  const readOnly = roleReadOnly || showingVersion || presenting;
  // Set during render, not in an effect: the controls below must never act on a stale mode.
  editor.setReadOnly(readOnly);
  editing.setEnabled(!readOnly);
  useEffect(() => session.setReadOnly(roleReadOnly), [session, roleReadOnly]);
  useUndoShortcuts(undoRedo, !readOnly);

  // The document is the live truth; the REST summary covers the moment before it loads.
  const title = meta.hasTitle ? meta.title : (summary?.title ?? t('page.untitled'));
  const kind = meta.hasTitle ? meta.kind : (summary?.kind ?? meta.kind);
  useEffect(() => {
    document.title = t('common:documentTitle', { page: title });
  }, [title, t]);

  // After the map is on screen, when the browser is idle: fetch the inspectors' code.
  useEffect(
    () =>
      afterStartUp(() => {
        NodeInspector.preload();
        LinkInspector.preload();
      }),
    [],
  );

  const self = useMemo(() => ({ name: user.name, color: presenceColorFor(user.id) }), [user.name, user.id]);

  // The socket was closed with 4401. The browser may already hold a fresh session (another tab
  // signed in again, or this user changed their password here): then just reconnect. Otherwise
  // the store turns "expired" and the sign-in dialog below opens.
  useEffect(() => {
    if (problem?.kind !== 'signed-out') return;
    let live = true;
    void authStore.revalidate().then((ok) => {
      if (live && ok) session.retry();
    });
    return () => {
      live = false;
    };
  }, [problem, session]);

  const signedInAgain = useCallback(() => {
    if (session.getProblem()?.kind === 'signed-out') session.retry();
    onSignedInAgain();
  }, [session, onSignedInAgain]);

  const rename = useCallback(
    async (next: string) => {
      onSummary(await updateMap(session.mapId, { title: next }));
    },
    [session, onSummary],
  );

  const centre = useCallback(
    (id: string) => {
      const node = flow.getInternalNode(id);
      if (node) {
        const { x, y } = node.internals.positionAbsolute;
        const zoom = Math.max(flow.getZoom(), DETAIL_ZOOM);
        void flow.setCenter(
          x + (node.measured.width ?? CARD_WIDTH) / 2,
          y + (node.measured.height ?? CARD_HEIGHT) / 2,
          {
            zoom,
            duration: prefersReducedMotion() ? 0 : 300,
          },
        );
        return;
      }
      const edge = flow.getEdge(id);
      if (edge) fitCards({ ids: [edge.source, edge.target], ...FIT_OPTIONS, maxZoom: 1 });
    },
    [flow, fitCards],
  );
  // The version canvas has its own React Flow; it hands over how it selects and centres.
  const versionRevealer = useRef<VersionRevealer | null>(null);
  const reveal = useCallback(
    (id: string) => {
      if (showingVersion) {
        versionRevealer.current?.reveal(id);
        return;
      }
      centre(id);
    },
    [showingVersion, centre],
  );
  const selectAndReveal = useCallback(
    (id: string) => {
      if (!showingVersion) {
        if (flow.getEdge(id)) store.selectEdge(id);
        else if (!store.isAttached(id)) store.selectNodes([id]);
      }
      reveal(id);
    },
    [showingVersion, flow, store, reveal],
  );

  const showVersion = useCallback(
    (next: VersionView) => {
      // The live selection would open the inspector on a card the version may not even have.
      if (next.mode !== 'live') {
        store.selectElements([], []);
        editing.stop();
      }
      setVersion(next);
    },
    [store, editing],
  );

  const pageContext = useMemo<MapPageContextValue>(
    () => ({
      mapId: session.mapId,
      user,
      role,
      readOnly,
      session,
      editor,
      store,
      version,
      showVersion,
      reveal: selectAndReveal,
      notice: showNotice,
    }),
    [session, user, role, readOnly, editor, store, version, showVersion, selectAndReveal, showNotice],
  );

  // What the inspector shows: the sole selected card or link, or a card opened from a panel
  // that the canvas does not draw (an attached card), for as long as the selection stays.
  const [opened, setOpened] = useState<{ id: string; during: CanvasSelection } | null>(null);
  const inspected: { kind: 'card' | 'link'; id: string } | null =
    opened && opened.during === selection
      ? { kind: 'card', id: opened.id }
      : selection.sole
        ? { kind: selection.sole.kind === 'node' ? 'card' : 'link', id: selection.sole.id }
        : null;
  const openCard = useCallback(
    (id: string) => {
      if (store.isAttached(id)) {
        setOpened({ id, during: selection });
        return;
      }
      store.selectNodes([id]);
      centre(id);
    },
    [store, selection, centre],
  );
  const openLink = useCallback(
    (id: string) => {
      store.selectEdge(id);
      centre(id);
    },
    [store, centre],
  );

  const toggleLanes = useCallback(
    (on: boolean) => {
      if (!on) return editor.setLanes(null);
      // New lanes go around the middle of what the user is looking at.
      const { y, zoom } = flow.getViewport();
      const middle = (-y + (window.innerHeight / 2 - 100)) / zoom;
      editor.setLanes(lanesFrom(Math.round(middle - (3 * DEFAULT_LANE_HEIGHT) / 2)));
    },
    [editor, flow],
  );
  const toggleCeiling = useCallback(
    (on: boolean) => {
      if (!on) return editor.setCeiling(null);
      const { y, zoom } = flow.getViewport();
      editor.setCeiling(meta.lanes ? meta.lanes.bounds[1] : Math.round((-y + 120) / zoom));
    },
    [editor, flow, meta.lanes],
  );

  if (problem?.kind === 'not-found') return <MapGonePanel doc={session.doc} title={title} />;
  if (problem?.kind === 'no-access') return <MapGonePanel doc={session.doc} title={title} reason="removed" />;

  return (
    <MapPageContext.Provider value={pageContext}>
      <div
        className={`workspace${presenting ? ' workspace--presenting' : ''}`}
        data-read-only={roleReadOnly ? 'true' : undefined}
      >
        {presenting ? (
          <PresentationBar title={title} presentation={presentation} />
        ) : (
          <>
            <MapHeader
              title={title}
              kind={kind}
              status={status}
              upload={upload}
              self={self}
              undoRedo={undoRedo}
              roleReadOnly={roleReadOnly}
              onRename={rename}
              onFitView={() => (showingVersion ? versionRevealer.current?.fit() : fitCards(FIT_OPTIONS))}
              onPresent={showingVersion ? undefined : presentation.start}
              onShare={
                role
                  ? () => {
                      setShareOpened(true);
                      setShareOpen(true);
                    }
                  : undefined
              }
            />
            <MapTools
              doc={session.doc}
              store={store}
              kind={kind}
              readOnly={readOnly}
              selection={selection}
              hasLanes={meta.lanes !== null}
              hasCeiling={meta.ceilingY !== null}
              onLanes={toggleLanes}
              onCeiling={toggleCeiling}
              pathway={pathway}
              onPathway={setPathway}
              health={health}
              onHealth={setHealth}
              filter={filter}
              onFilter={setFilter}
              onLayout={layout.run}
              layoutBusy={layout.busy}
              dock={dock}
              onDock={setDock}
              openThreads={
                comments.openCounts.size === 0 ? 0 : [...comments.openCounts.values()].reduce((a, b) => a + b, 0)
              }
            />
          </>
        )}
        {problem && problem.kind !== 'signed-out' && (
          <ConnectionBanner problem={problem} onRetry={() => session.retry()} />
        )}
        <div className="workspace__body">
          {!readOnly && <Palette mapKind={kind} onAdd={addCard} />}
          <main className="workspace__canvas" aria-label={t('page.canvas')}>
            {!presenting && <CatchUpBanner />}
            {/* Kept mounted under a version: coming back is instant, at the same view. */}
            <div className="workspace__live" inert={showingVersion}>
              <MapCanvas
                session={session}
                editor={editor}
                store={store}
                editing={editing}
                onNotice={showNotice}
                readOnly={readOnly}
                mapKind={kind}
                lanes={meta.lanes}
                ceilingY={meta.ceilingY}
                showHealth={kind === 'partnership' && health}
                presenting={presenting}
              />
            </div>
            {presenting && <PresentationCaption presentation={presentation} />}
            {showingVersion && (
              <VersionStage
                version={version}
                revealer={versionRevealer}
                showHealth={kind === 'partnership' && health}
                onRestored={setRestored}
              />
            )}
            {restored && <RestoreNotice restored={restored} onDone={() => setRestored(null)} />}
          </main>
          {!presenting && (
            <SidePanels
              inspectedId={inspected?.id ?? null}
              dock={dock}
              onCloseInspector={() => store.selectElements([], [])}
              onCloseDock={() => setDock(null)}
              inspector={
                showingVersion || !inspected ? null : inspected.kind === 'card' ? (
                  <NodeInspector
                    key={inspected.id}
                    editor={editor}
                    nodeId={inspected.id}
                    readOnly={readOnly}
                    userName={user.name}
                    onNotice={showNotice}
                    onSelectCard={openCard}
                    onSelectLink={openLink}
                    onClose={() => store.selectElements([], [])}
                  />
                ) : (
                  <LinkInspector
                    key={inspected.id}
                    editor={editor}
                    linkId={inspected.id}
                    readOnly={readOnly}
                    onNotice={showNotice}
                    onSelectCard={openCard}
                    onClose={() => store.selectElements([], [])}
                  />
                )
              }
              panel={
                dock && (
                  <MapDock
                    panel={dock}
                    onClose={() => setDock(null)}
                    doc={session.doc}
                    store={store}
                    editor={editor}
                    readOnly={readOnly}
                    role={role}
                    selection={selection}
                    onReveal={reveal}
                    onOpenCard={openCard}
                    inspectedId={inspected?.id ?? null}
                    comments={comments}
                    members={members}
                    me={me}
                  />
                )
              }
            />
          )}
        </div>
        {auth.status === 'expired' && (
          <SessionEndedDialog user={user} canEdit={!roleReadOnly} onSignedIn={signedInAgain} />
        )}
        {role && shareOpened && (
          <ShareDialog
            open={shareOpen}
            onClose={() => setShareOpen(false)}
            mapId={session.mapId}
            mapTitle={title}
            role={role}
            me={user}
            onLeft={() => navigate('/', { replace: true })}
          />
        )}
        <Toast message={notice} onDismiss={clearNotice} />
      </div>
    </MapPageContext.Provider>
  );
}

const LIVE: VersionView = { mode: 'live' };
