import { useEffect, useMemo } from 'react';
import { i18next } from '../i18n/i18n.ts';
import { getNodes, readNode } from '@loopmap/shared';
import { levelLabel } from '../i18n/domainText.ts';
import type { MapSession } from '../collab/MapSession.ts';
import type { MapEditor } from '../collab/MapEditor.ts';
import { readPeers } from '../collab/usePeers.ts';
import { FlowStore } from './FlowStore.ts';
import { CARD_HEIGHT } from './toFlow.ts';

/** The FlowStore of an open map, following its document and its peers while mounted. */
export function useFlowStore(session: MapSession, editor: MapEditor, onNotice?: (message: string) => void): FlowStore {
  const store = useMemo(() => {
    const created: FlowStore = new FlowStore({
      doc: session.doc,
      // A card dropped into another lane takes its level (shared moveNodesAcrossLanes).
      commitMoves: (positions) => {
        const heights = new Map(created.getNodes().map((node) => [node.id, node.measured?.height ?? CARD_HEIGHT]));
        const relevelled = editor.moveCardsAcrossLanes(
          positions.map((move) => ({ ...move, height: heights.get(move.id) ?? CARD_HEIGHT })),
        );
        if (relevelled.length !== 1) return;
        const { id, level } = relevelled[0]!;
        const title = readNode(id, getNodes(session.doc).get(id))?.label || i18next.t('canvas:notice.untitled');
        onNotice?.(i18next.t('canvas:notice.relevelled', { title, level: levelLabel(level).toLowerCase() }));
      },
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
