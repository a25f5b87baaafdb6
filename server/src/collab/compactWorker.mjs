// The compactor's worker thread (compactor.ts, WorkerJobs.ts): rebuilds a map from its stored state and the
// updates logged after it and encodes the merged state, off the server's event loop. Plain
// JavaScript so that it starts the same under tsx, vitest and plain Node.
import { parentPort } from 'node:worker_threads';
import * as Y from 'yjs';

parentPort.on('message', ({ id, request: { base, tail } }) => {
  try {
    const doc = new Y.Doc();
    doc.transact(() => {
      if (base) Y.applyUpdate(doc, base);
      for (const update of tail) Y.applyUpdate(doc, update);
    });
    // As the room does when it loads (updateGuard.discardPending): what stays pending is dropped.
    doc.store.pendingStructs = null;
    doc.store.pendingDs = null;
    const state = Y.encodeStateAsUpdate(doc);
    doc.destroy();
    parentPort.postMessage({ id, result: state }, [state.buffer]);
  } catch (error) {
    parentPort.postMessage({ id, error: String(error) });
  }
});
