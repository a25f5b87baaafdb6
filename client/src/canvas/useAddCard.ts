import { useCallback } from 'react';
import { useReactFlow, useStoreApi } from '@xyflow/react';
import type { NodeKind } from '@loopmap/shared';
import type { MapEditor } from '../collab/MapEditor.ts';
import type { FlowStore } from './FlowStore.ts';
import type { LabelEditing } from './LabelEditing.ts';
import { freeSpot } from './freeSpot.ts';
import { CARD_HEIGHT, CARD_WIDTH } from './toFlow.ts';

/**
 * Adds a card of a kind at the centre of what the user is looking at, or the nearest free place
 * around it, then selects it and opens its label for typing.
 */
export function useAddCard(editor: MapEditor, store: FlowStore, editing: LabelEditing): (kind: NodeKind) => string {
  const flow = useStoreApi();
  const { setCenter } = useReactFlow();
  return useCallback(
    (kind: NodeKind) => {
      const { width, height, transform } = flow.getState();
      const [tx, ty, zoom] = transform;
      const centre = { x: (width / 2 - tx) / zoom - CARD_WIDTH / 2, y: (height / 2 - ty) / zoom - CARD_HEIGHT / 2 };
      const { x, y } = freeSpot(store.getNodes(), centre);
      const id = editor.addCard(kind, x, y);
      // A crowded view may push the card past its edge: bring it into view (cards outside the
      // view are not rendered, and its label editor must open).
      const left = -tx / zoom;
      const top = -ty / zoom;
      if (x < left || y < top || x + CARD_WIDTH > left + width / zoom || y + CARD_HEIGHT > top + height / zoom) {
        void setCenter(x + CARD_WIDTH / 2, y + CARD_HEIGHT / 2, { zoom, duration: 200 });
      }
      store.selectNodes([id]);
      editing.start(id);
      return id;
    },
    [flow, setCenter, editor, store, editing],
  );
}
