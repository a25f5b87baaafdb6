import { useCallback, useState } from 'react';
import { loadIdentity, saveIdentity, type LocalIdentity } from './LocalIdentity.ts';

/** The local identity, and a setter that keeps it in localStorage. */
export function useIdentity(): [LocalIdentity, (changes: Partial<Omit<LocalIdentity, 'id'>>) => void] {
  const [identity, setIdentity] = useState(loadIdentity);
  const update = useCallback((changes: Partial<Omit<LocalIdentity, 'id'>>) => {
    setIdentity((current) => {
      const next = { ...current, ...changes };
      saveIdentity(next);
      return next;
    });
  }, []);
  return [identity, update];
}
