import { useEffect, useMemo } from 'react';
import type { MapSession } from '../collab/MapSession.ts';
import type { MapEditor } from '../collab/MapEditor.ts';
import { readPeers } from '../collab/usePeers.ts';
import { FlowStore } from './FlowStore.ts';

/** The FlowStore of an open map, following its document and its peers while mounted. */
export function useFlowStore(session: MapSession, editor: MapEditor): FlowStore {
  const store = useMemo(
    () =>
      new FlowStore({
        doc: session.doc,
        commitMoves: (positions) => editor.moveCards(positions),
        onSelectionChange: (ids) => session.presence.setSelection(ids),
      }),
    [session, editor],
  );

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
