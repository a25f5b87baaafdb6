import { useCallback, useEffect, useRef } from 'react';
import { useReactFlow, useStoreApi } from '@xyflow/react';
import { createOrigin, placeNewCard, readMeta, type NodeKind, type Rect } from '@loopmap/shared';
import type { MapEditor } from '../collab/MapEditor.ts';
import { NewCardSettler } from '../collab/settleNewCards.ts';
import type { FlowStore } from './FlowStore.ts';
import type { LabelEditing } from './LabelEditing.ts';
import { estimatedLabelBoxes, measuredLabelBoxes, newCardSize, placementCards, sizeOf } from './placementScene.ts';

/**
 * Moves out of the way of a peer's card are not the user's edits: Undo must not put the card back
 * on the other (the session's UndoManager tracks only the user's origin).
 */
const SETTLE_ORIGIN = createOrigin('cleanup', 'new-card-settler');

/**
 * Adds a card of a kind where placeNewCard says (beside the sole selected card, in its chain row
 * and lane; else the nearest free spot in view), never on a card or a link label; gives it the
 * level of the lane it lands in; brings it into view if the view had no room; then selects it and
 * opens its label for typing. The settler watches it for a few seconds in case a peer added a
 * card at the same spot at the same moment.
 */
export function useAddCard(editor: MapEditor, store: FlowStore, editing: LabelEditing): (kind: NodeKind) => string {
  const flow = useStoreApi();
  const { setCenter } = useReactFlow();

  /** What the user sees, and the link labels in and around it. */
  const scene = useCallback((): { view: Rect; labels: Rect[] } => {
    const { width, height, transform, domNode } = flow.getState();
    const [tx, ty, zoom] = transform;
    const view = { x: -tx / zoom, y: -ty / zoom, width: width / zoom, height: height / zoom };
    const labels = [
      ...(domNode ? measuredLabelBoxes(domNode, transform) : []),
      ...estimatedLabelBoxes(store.getNodes(), store.getEdges(), view),
    ];
    return { view, labels };
  }, [flow, store]);

  const settler = useRef<NewCardSettler | null>(null);
  useEffect(() => {
    const next = new NewCardSettler(editor.doc, {
      origin: SETTLE_ORIGIN,
      sizeOf: (id) => {
        const node = store.getNodes().find((candidate) => candidate.id === id);
        return node ? sizeOf(node) : null;
      },
      scene,
    });
    settler.current = next;
    return () => {
      next.destroy();
      settler.current = null;
    };
  }, [editor, store, scene]);

  return useCallback(
    (kind: NodeKind) => {
      const { view, labels } = scene();
      const zoom = flow.getState().transform[2];
      const nodes = store.getNodes();
      const meta = readMeta(editor.doc);
      const selection = store.getSelection();
      const size = newCardSize(nodes, kind);
      const spot = placeNewCard({
        kind,
        cards: placementCards(nodes, editor.doc),
        labels,
        lanes: meta.kind === 'theory-of-change' ? meta.lanes : null,
        selected: selection.length === 1 ? selection[0]! : null,
        view,
        size,
      });
      const id = editor.addCardToName({
        kind,
        x: spot.x,
        y: spot.y,
        label: '',
        ...(spot.level ? { fields: { level: spot.level } } : {}),
      });
      settler.current?.track(id);
      // Cards outside the view are not rendered, and its label editor must open. At once, not
      // animated: the inspector opening on the new card re-centres the view as the canvas
      // narrows (MapCanvas), which would cut an animation short before it got there.
      if (!spot.inView) void setCenter(spot.x + size.width / 2, spot.y + size.height / 2, { zoom });
      store.selectNodes([id]);
      editing.start(id);
      return id;
    },
    [flow, scene, setCenter, editor, store, editing],
  );
}
