import * as Y from 'yjs';
import { MapStateRecorder, createOrigin, noChange, type Origin, type RecordedChange } from '@loopmap/shared';

/** A new map's first logged update and its change for the history index. */
export interface FirstUpdate {
  initialUpdate: Uint8Array;
  initialChange: RecordedChange;
}

/**
 * What `write` puts in an empty document (a template, a copy of a version, an import), as the
 * first update of a new map's log, by its owner. Plain data in and out, so an import can build
 * it in an export worker rather than on the event loop.
 */
export function firstUpdateOf(ownerId: string, write: (doc: Y.Doc, origin: Origin) => void): FirstUpdate {
  const doc = new Y.Doc();
  const recorder = new MapStateRecorder(doc);
  write(doc, createOrigin('server', ownerId));
  const initialChange = recorder.take() ?? noChange();
  recorder.destroy();
  const initialUpdate = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return { initialUpdate, initialChange };
}
