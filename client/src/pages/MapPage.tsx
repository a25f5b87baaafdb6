import { useCallback, useEffect, useMemo, useState } from 'react';
import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import type { MapSummary } from '@loopmap/shared';
import { getMap, updateMap } from '../api/mapsApi.ts';
import type { ApiError } from '../api/ApiError.ts';
import { useStoredFlag } from '../app/useStoredFlag.ts';
import type { LocalIdentity } from '../collab/LocalIdentity.ts';
import { MapEditor } from '../collab/MapEditor.ts';
import type { MapSession } from '../collab/MapSession.ts';
import { useConnectionProblem } from '../collab/useConnectionProblem.ts';
import { useIdentity } from '../collab/useIdentity.ts';
import { useMapMeta } from '../collab/useMapMeta.ts';
import { useMapSession } from '../collab/useMapSession.ts';
import { useSaveStatus } from '../collab/useSaveStatus.ts';
import { useUndoRedo } from '../collab/useUndoRedo.ts';
import { LabelEditing } from '../canvas/LabelEditing.ts';
import { MapCanvas } from '../canvas/MapCanvas.tsx';
import type { CardNode, LinkEdge } from '../canvas/toFlow.ts';
import { useAddCard } from '../canvas/useAddCard.ts';
import { CARD_HEIGHT, CARD_WIDTH } from '../canvas/toFlow.ts';
import { useFitCards } from '../canvas/useFitCards.ts';
import { useFlowStore } from '../canvas/useFlowStore.ts';
import { NamePrompt } from '../panels/NamePrompt.tsx';
import { NodeInspector } from '../panels/NodeInspector.tsx';
import { OutlinePanel } from '../panels/OutlinePanel.tsx';
import { Palette } from '../panels/Palette.tsx';
import { Toast, useNotice } from '../panels/Toast.tsx';
import { ConnectionBanner } from './ConnectionBanner.tsx';
import { MapGonePanel } from './MapGonePanel.tsx';
import { MapHeader } from './MapHeader.tsx';
import { useUndoShortcuts } from './useUndoShortcuts.ts';
import './mapPage.css';

const FIT_OPTIONS = { padding: 0.12, maxZoom: 1.2, duration: 300 };

/** `/maps/:id`: one map, live. Loads its summary over REST and opens its collaborative session. */
export function MapPage({ mapId }: { mapId: string }) {
  const [identity, updateIdentity] = useIdentity();
  const [summary, setSummary] = useState<MapSummary | null>(null);
  const [missing, setMissing] = useState(false);
  const session = useMapSession(mapId, identity);

  useEffect(() => {
    let live = true;
    getMap(mapId).then(
      (map) => live && setSummary(map),
      // Offline, the map still opens from this device's copy; only a clear 404 means "gone".
      (error: ApiError) => live && error.isNotFound && setMissing(true),
    );
    return () => {
      live = false;
    };
  }, [mapId]);

  if (missing) return <MapGonePanel doc={session?.doc ?? null} title={summary?.title ?? 'map'} />;
  if (!session) {
    return (
      <main className="page page--centered">
        <p className="muted" role="status">
          Opening map…
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
        identity={identity}
        onIdentity={updateIdentity}
      />
    </ReactFlowProvider>
  );
}

interface MapWorkspaceProps {
  session: MapSession;
  summary: MapSummary | null;
  onSummary: (summary: MapSummary) => void;
  identity: LocalIdentity;
  onIdentity: (changes: Partial<Omit<LocalIdentity, 'id'>>) => void;
}

function MapWorkspace({ session, summary, onSummary, identity, onIdentity }: MapWorkspaceProps) {
  const editor = useMemo(() => new MapEditor(session.doc, session.origin), [session]);
  const editing = useMemo(() => new LabelEditing(), []);
  const store = useFlowStore(session, editor);
  const meta = useMapMeta(session.doc);
  const { status } = useSaveStatus(session);
  const problem = useConnectionProblem(session);
  const undoRedo = useUndoRedo(session.undoManager);
  const addCard = useAddCard(editor, store, editing);
  const [notice, showNotice, clearNotice] = useNotice();
  const [outlineOpen, setOutlineOpen] = useStoredFlag('loopmap:outline-open', false);
  const flow = useReactFlow<CardNode, LinkEdge>();
  const fitCards = useFitCards(store);
  useUndoShortcuts(undoRedo);

  // The document is the live truth; the REST summary covers the moment before it loads.
  const title = meta.hasTitle ? meta.title : (summary?.title ?? 'Untitled map');
  const kind = meta.hasTitle ? meta.kind : (summary?.kind ?? meta.kind);
  useEffect(() => {
    document.title = `${title} · Loopmap`;
  }, [title]);

  const user = useMemo(() => ({ name: identity.name, color: identity.color }), [identity.name, identity.color]);
  useEffect(() => session.setUser(user), [session, user]);

  const rename = useCallback(
    async (next: string) => {
      onSummary(await updateMap(session.mapId, { title: next }));
    },
    [session, onSummary],
  );

  const reveal = useCallback(
    (id: string) => {
      const node = flow.getInternalNode(id);
      if (node) {
        const { x, y } = node.internals.positionAbsolute;
        const zoom = Math.max(flow.getZoom(), 0.8);
        void flow.setCenter(
          x + (node.measured.width ?? CARD_WIDTH) / 2,
          y + (node.measured.height ?? CARD_HEIGHT) / 2,
          {
            zoom,
            duration: 300,
          },
        );
        return;
      }
      const edge = flow.getEdge(id);
      if (edge) fitCards({ ids: [edge.source, edge.target], ...FIT_OPTIONS, maxZoom: 1 });
    },
    [flow, fitCards],
  );

  if (problem?.kind === 'not-found') return <MapGonePanel doc={session.doc} title={title} />;

  return (
    <div className="workspace">
      <MapHeader
        mapId={session.mapId}
        title={title}
        kind={kind}
        status={status}
        awareness={session.awareness}
        self={user}
        undoRedo={undoRedo}
        outlineOpen={outlineOpen}
        onRename={rename}
        onFitView={() => fitCards(FIT_OPTIONS)}
        onToggleOutline={() => setOutlineOpen(!outlineOpen)}
      />
      {problem && <ConnectionBanner problem={problem} onRetry={() => session.retry()} />}
      <div className="workspace__body">
        <Palette mapKind={kind} onAdd={addCard} />
        <main className="workspace__canvas" aria-label="Map">
          <MapCanvas session={session} editor={editor} store={store} editing={editing} onNotice={showNotice} />
          <NodeInspector store={store} editor={editor} onNotice={showNotice} />
        </main>
        {outlineOpen && (
          <OutlinePanel store={store} editor={editor} onReveal={reveal} onClose={() => setOutlineOpen(false)} />
        )}
      </div>
      {!identity.named && (
        <NamePrompt initialName={identity.name} onSubmit={(name) => onIdentity({ name, named: true })} />
      )}
      <Toast message={notice} onDismiss={clearNotice} />
    </div>
  );
}
