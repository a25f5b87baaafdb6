import { useCallback, useMemo } from 'react';
import type * as Y from 'yjs';
import {
  can,
  cardTitle,
  linkTitle,
  type CommentTarget,
  type CommentTargetKind,
  type CommentUserView,
  type FindingTarget,
  type Role,
} from '@loopmap/shared';
import type { FlowStore } from '../canvas/FlowStore.ts';
import type { MapEditor } from '../collab/MapEditor.ts';
import type { CommentsController } from '../collab/useComments.ts';
import { useMapGraph } from '../collab/useMapGraph.ts';
import { canvasSelection } from '../panels/findingSelection.ts';
import { lazyView } from '../app/lazyView.tsx';
import type { DockPanel } from './MapToolbar.tsx';
import type { CanvasSelection } from './useCanvasSelection.ts';
import { i18next } from '../i18n/i18n.ts';

// The dock's panels load their code when first opened (docs/benchmarks.md, "What the map page
// loads"); the toolbar starts loading one when its button is hovered or focused.
export const OutlinePanel = lazyView(() => import('../panels/OutlinePanel.tsx').then((m) => m.OutlinePanel), {
  label: 'outline',
  placement: 'panel',
});
export const LogicPanel = lazyView(() => import('../panels/LogicPanel.tsx').then((m) => m.LogicPanel), {
  label: 'checks',
  placement: 'panel',
});
export const CommentsPanel = lazyView(() => import('../panels/CommentsPanel.tsx').then((m) => m.CommentsPanel), {
  label: 'comments',
  placement: 'panel',
});
export const HistoryPanel = lazyView(() => import('../panels/history/HistoryPanel.tsx').then((m) => m.HistoryPanel), {
  label: 'history',
  namespaces: ['history', 'exports'],
  placement: 'panel',
});
export const ReviewsPanel = lazyView(() => import('../panels/history/ReviewsPanel.tsx').then((m) => m.ReviewsPanel), {
  label: 'reviews',
  namespaces: ['history', 'exports'],
  placement: 'panel',
});

export interface MapDockProps {
  panel: DockPanel;
  onClose: () => void;
  doc: Y.Doc;
  store: FlowStore;
  editor: MapEditor;
  readOnly: boolean;
  role: Role | null;
  selection: CanvasSelection;
  /** Brings a card or link into view. */
  onReveal: (id: string) => void;
  /** Shows a card in the inspector (attached cards, which the canvas does not draw). */
  onOpenCard: (id: string) => void;
  /** The card or link the inspector shows, marked in the outline. */
  inspectedId: string | null;
  comments: CommentsController;
  members: readonly CommentUserView[];
  me: CommentUserView;
}

/** The side panel beside the canvas: the outline, the logic check, the comments, history or reviews. */
export function MapDock(props: MapDockProps) {
  const { panel, onClose, doc, store, editor, readOnly, role, selection, onReveal } = props;
  const graph = useMapGraph(doc);

  const selectTargets = useCallback(
    (targets: readonly FindingTarget[]) => {
      const { nodeIds, edgeIds } = canvasSelection(graph, targets);
      store.selectElements(nodeIds, edgeIds);
      const first = nodeIds[0] ?? edgeIds[0];
      if (first) onReveal(first);
    },
    [graph, store, onReveal],
  );

  const commentTarget = useMemo(() => {
    const sole = selection.sole;
    if (!sole) return null;
    if (sole.kind === 'node') {
      const node = graph.nodeById.get(sole.id);
      return node ? { kind: 'node' as const, id: sole.id, name: cardTitle(node) } : null;
    }
    const link = graph.edgeById.get(sole.id);
    return link ? { kind: 'link' as const, id: sole.id, name: linkTitle(graph, link) } : null;
  }, [graph, selection.sole]);

  const targetName = useCallback(
    (target: CommentTarget): string => {
      if (target.kind === 'node') {
        const node = graph.nodeById.get(target.id);
        return node ? cardTitle(node) : i18next.t('panels:card.deleted');
      }
      const link = graph.edgeById.get(target.id);
      return link ? linkTitle(graph, link) : i18next.t('panels:card.deletedLink');
    },
    [graph],
  );
  const targetExists = useCallback((id: string) => graph.nodeById.has(id) || graph.edgeById.has(id), [graph]);
  const selectTarget = useCallback(
    (id: string, kind: CommentTargetKind) => selectTargets([{ kind: kind === 'link' ? 'link' : 'node', id }]),
    [selectTargets],
  );

  if (panel === 'outline') {
    return (
      <OutlinePanel
        store={store}
        editor={editor}
        onReveal={onReveal}
        onClose={onClose}
        readOnly={readOnly}
        onOpenCard={props.onOpenCard}
        inspectedId={props.inspectedId ?? undefined}
      />
    );
  }
  if (panel === 'checks') return <LogicPanel graph={graph} onSelect={selectTargets} onClose={onClose} />;
  if (panel === 'history' || panel === 'reviews') {
    return panel === 'history' ? <HistoryPanel onClose={onClose} /> : <ReviewsPanel onClose={onClose} />;
  }
  return (
    <CommentsPanel
      target={commentTarget}
      comments={props.comments}
      members={props.members}
      me={props.me}
      canWrite={can(role, 'comments.write')}
      canModerate={can(role, 'comments.moderate')}
      onClose={onClose}
      onSelectTarget={selectTarget}
      targetExists={targetExists}
      targetName={targetName}
      onShowAll={() => store.selectElements([], [])}
    />
  );
}
