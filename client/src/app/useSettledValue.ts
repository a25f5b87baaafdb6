import { useEffect, useState } from 'react';

/**
 * `value` once it has stopped changing for `ms`: for work that need not follow every change
 * (a badge counting the logic check's problems should not re-run the whole check on every
 * keystroke a peer types).
 */
export function useSettledValue<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    if (Object.is(value, settled)) return;
    const timer = window.setTimeout(() => setSettled(value), ms);
    return () => window.clearTimeout(timer);
  }, [value, settled, ms]);
  return settled;
}
