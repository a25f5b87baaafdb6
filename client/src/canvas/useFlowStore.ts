import { useEffect, useMemo } from 'react';
import {
  FIELDS_BY_KIND,
  LEVEL_LABELS,
  getNodes,
  laneAt,
  readMeta,
  readNode,
  type Level,
  type NodePosition,
} from '@loopmap/shared';
import type { MapSession } from '../collab/MapSession.ts';
import type { MapEditor } from '../collab/MapEditor.ts';
import { readPeers } from '../collab/usePeers.ts';
import { FlowStore } from './FlowStore.ts';
import { CARD_HEIGHT } from './toFlow.ts';

/**
 * Writes finished moves. On a theory of change with lanes, a card that has a level (outcomes,
 * preconditions) and is dropped into another lane takes that lane's level, in the same change:
 * the lanes are not decoration, they are where a change happens.
 */
function commitMoves(
  session: MapSession,
  editor: MapEditor,
  store: () => FlowStore,
  positions: NodePosition[],
  onLevel?: (title: string, level: Level) => void,
): void {
  const meta = readMeta(session.doc);
  if (meta.kind !== 'theory-of-change' || !meta.lanes) {
    editor.moveCards(positions);
    return;
  }
  const lanes = meta.lanes;
  const records = getNodes(session.doc);
  const heights = new Map(
    store()
      .getNodes()
      .map((node) => [node.id, node.measured?.height ?? CARD_HEIGHT]),
  );
  const relevelled: { title: string; level: Level }[] = [];
  editor.batch(() => {
    editor.moveCards(positions);
    for (const { id, y } of positions) {
      const view = readNode(id, records.get(id));
      if (!view || !FIELDS_BY_KIND[view.kind].includes('level')) continue;
      const level = laneAt(lanes, y + (heights.get(id) ?? CARD_HEIGHT) / 2);
      if (level && level !== view.fields.level && editor.setCardField(id, 'level', level)) {
        relevelled.push({ title: view.label, level });
      }
    }
  });
  if (relevelled.length === 1 && onLevel) onLevel(relevelled[0]!.title, relevelled[0]!.level);
}

/** The FlowStore of an open map, following its document and its peers while mounted. */
export function useFlowStore(session: MapSession, editor: MapEditor, onNotice?: (message: string) => void): FlowStore {
  const store = useMemo(() => {
    const created: FlowStore = new FlowStore({
      doc: session.doc,
      commitMoves: (positions) =>
        commitMoves(
          session,
          editor,
          () => created,
          positions,
          (title, level) =>
            onNotice?.(`“${title || 'Untitled'}” is now at the ${LEVEL_LABELS[level].toLowerCase()} level.`),
        ),
      onSelectionChange: (ids) => session.presence.setSelection(ids),
    });
    return created;
    // The notice callback may change identity; the store must not be rebuilt for it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [session, editor]);

  useEffect(() => store.connect(), [store]);

  useEffect(() => {
    const { awareness } = session;
    const onChange = (): void => store.setPeers(readPeers(awareness));
    awareness.on('change', onChange);
    onChange();
    return () => awareness.off('change', onChange);
  }, [session, store]);

  return store;
}
