import { useEffect } from 'react';
import { navigate } from './history.ts';

/** Replaces the current address with another (a guard's verdict), rendering nothing meanwhile. */
export function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}
