import { useCallback, useState } from 'react';

/** A UI preference with a few possible values, kept in localStorage (session state, never in a map). */
export function useStoredChoice<T extends string>(
  key: string,
  choices: readonly T[],
  initial: T | null,
): [T | null, (value: T | null) => void] {
  const [value, setValue] = useState<T | null>(() => {
    try {
      const stored = window.localStorage.getItem(key);
      return stored !== null && (choices as readonly string[]).includes(stored) ? (stored as T) : initial;
    } catch {
      return initial;
    }
  });
  const update = useCallback(
    (next: T | null) => {
      setValue(next);
      try {
        if (next === null) window.localStorage.removeItem(key);
        else window.localStorage.setItem(key, next);
      } catch {
        // storage refused: the preference lasts for this page only
      }
    },
    [key],
  );
  return [value, update];
}
