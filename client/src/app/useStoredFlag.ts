import { useCallback, useState } from 'react';

/** A boolean UI preference kept in localStorage (session state, never part of a map). */
export function useStoredFlag(key: string, initial: boolean): [boolean, (value: boolean) => void] {
  const [value, setValue] = useState(() => {
    try {
      const stored = window.localStorage.getItem(key);
      return stored === null ? initial : stored === 'true';
    } catch {
      return initial;
    }
  });
  const update = useCallback(
    (next: boolean) => {
      setValue(next);
      try {
        window.localStorage.setItem(key, String(next));
      } catch {
        // storage refused: the preference lasts for this page only
      }
    },
    [key],
  );
  return [value, update];
}
