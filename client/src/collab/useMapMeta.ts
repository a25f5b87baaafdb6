import { useCallback, useRef, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';
import { getMeta, readMeta, type MetaView } from '@loopmap/shared';

/** The map's meta record (title, kind) as it is in the document, updated live. */
export function useMapMeta(doc: Y.Doc): MetaView & { hasTitle: boolean } {
  const cache = useRef<(MetaView & { hasTitle: boolean }) | null>(null);
  const subscribe = useCallback(
    (listener: () => void) => {
      const meta = getMeta(doc);
      const observer = (): void => {
        cache.current = null;
        listener();
      };
      meta.observe(observer);
      return () => meta.unobserve(observer);
    },
    [doc],
  );
  const getSnapshot = useCallback(() => {
    cache.current ??= { ...readMeta(doc), hasTitle: typeof getMeta(doc).get('title') === 'string' };
    return cache.current;
  }, [doc]);
  return useSyncExternalStore(subscribe, getSnapshot);
}
