import { useCallback } from 'react';
import { useStoreApi } from '@xyflow/react';
import type { NodeKind } from '@loopmap/shared';
import type { MapEditor } from '../collab/MapEditor.ts';
import type { FlowStore } from './FlowStore.ts';
import type { LabelEditing } from './LabelEditing.ts';
import { CARD_HEIGHT, CARD_WIDTH } from './toFlow.ts';

const NUDGE = 28;

/**
 * Adds a card of a kind at the centre of what the user is looking at, nudged off any card
 * already sitting there, then selects it and opens its label for typing.
 */
export function useAddCard(editor: MapEditor, store: FlowStore, editing: LabelEditing): (kind: NodeKind) => string {
  const flow = useStoreApi();
  return useCallback(
    (kind: NodeKind) => {
      const { width, height, transform } = flow.getState();
      const [tx, ty, zoom] = transform;
      let x = (width / 2 - tx) / zoom - CARD_WIDTH / 2;
      let y = (height / 2 - ty) / zoom - CARD_HEIGHT / 2;
      const nodes = store.getNodes();
      const occupied = (px: number, py: number): boolean =>
        nodes.some((node) => Math.abs(node.position.x - px) < 8 && Math.abs(node.position.y - py) < 8);
      for (let i = 0; i < 40 && occupied(x, y); i++) {
        x += NUDGE;
        y += NUDGE;
      }
      const id = editor.addCard(kind, x, y);
      store.selectNodes([id]);
      editing.start(id);
      return id;
    },
    [flow, editor, store, editing],
  );
}
