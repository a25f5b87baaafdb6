import { useEffect, useState } from 'react';
import type { DiffResponse, StateResponse } from '@loopmap/shared';
import { messageOf } from '../api/errorText.ts';
import { getDiff, getState } from '../api/historyApi.ts';

export type Loaded<T> = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; value: T };

/** Runs `load` whenever `key` changes; an answer that arrives after the key moved on is dropped. */
function useLoaded<T>(key: string, load: () => Promise<T>, fallback: string): Loaded<T> {
  const [state, setState] = useState<{ key: string; loaded: Loaded<T> }>({ key, loaded: { status: 'loading' } });
  useEffect(() => {
    let live = true;
    setState({ key, loaded: { status: 'loading' } });
    load().then(
      (value) => live && setState({ key, loaded: { status: 'ready', value } }),
      (error: unknown) => live && setState({ key, loaded: { status: 'error', message: messageOf(error, fallback) } }),
    );
    return () => {
      live = false;
    };
    // `load` is a fresh closure each render; the key says what it loads.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return state.key === key ? state.loaded : { status: 'loading' };
}

/** The map at one point of its history (GET /state). */
/** `failed`: the words for a failure the server did not explain (from the catalogue). */
export function useStateAt(mapId: string, point: string, failed: string): Loaded<StateResponse> {
  return useLoaded(`${mapId}\u0000${point}`, () => getState(mapId, point), failed);
}

/** Two points compared: the diff, and the later map to draw it on. */
export function useComparison(
  mapId: string,
  from: string,
  to: string,
  failed: string,
): Loaded<{ diff: DiffResponse; later: StateResponse }> {
  return useLoaded(
    `${mapId}\u0000${from}\u0000${to}`,
    async () => {
      const [diff, later] = await Promise.all([getDiff(mapId, from, to), getState(mapId, to)]);
      return { diff, later };
    },
    failed,
  );
}
