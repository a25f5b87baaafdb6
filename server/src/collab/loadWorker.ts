// The document loader's worker thread (docLoader.ts): cuts what a map's room must apply into
// slices, off the server's event loop.
import { parentPort } from 'node:worker_threads';
import { prepareLoad, type LoadRequest } from './prepareLoad.ts';

parentPort!.on('message', ({ id, request }: { id: number; request: LoadRequest }) => {
  try {
    const prepared = prepareLoad(request);
    const buffers = new Set<ArrayBuffer>();
    for (const slice of prepared.slices) buffers.add(slice.buffer as ArrayBuffer);
    if (prepared.state) buffers.add(prepared.state.buffer as ArrayBuffer);
    parentPort!.postMessage({ id, result: prepared }, [...buffers]);
  } catch (error) {
    parentPort!.postMessage({ id, error: String(error) });
  }
});
