import { useCallback, useEffect, useState } from 'react';
import { messageOf } from '../../api/errorText.ts';
import { i18next } from '../../i18n/i18n.ts';

export interface Loaded<T> {
  data: T | null;
  /** The API's readable message when the last load failed. */
  error: string | null;
  loading: boolean;
  reload: () => void;
  /** Replaces the data after a local change the server confirmed (no round trip). */
  setData: (update: (current: T | null) => T | null) => void;
}

/**
 * One REST read for a panel: loads when `key` changes (forgetting the old data: another map or
 * review), when `refresh` changes or on `reload()` (keeping the data on screen meanwhile), and
 * drops an answer that a newer load has overtaken.
 */
export function useLoaded<T>(key: string, load: () => Promise<T>, refresh = 0): Loaded<T> {
  const [state, setState] = useState<{ key: string; data: T | null; error: string | null; loading: boolean }>({
    key,
    data: null,
    error: null,
    loading: true,
  });
  const [round, setRound] = useState(0);

  useEffect(() => {
    let live = true;
    setState((s) => ({ key, data: s.key === key ? s.data : null, error: null, loading: true }));
    load().then(
      (data) => live && setState({ key, data, error: null, loading: false }),
      (error: unknown) =>
        live && setState((s) => ({ ...s, error: messageOf(error, i18next.t('history:loadFailed')), loading: false })),
    );
    return () => {
      live = false;
    };
    // `load` is a fresh closure each render; what it reads is captured by `key`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, round, refresh]);

  const reload = useCallback(() => setRound((n) => n + 1), []);
  const setData = useCallback(
    (update: (current: T | null) => T | null) => setState((s) => ({ ...s, data: update(s.data) })),
    [],
  );
  const current = state.key === key ? state : { data: null, error: null, loading: true };
  return { data: current.data, error: current.error, loading: current.loading, reload, setData };
}
