import { CLOSE_CODES } from '@loopmap/shared';

/** How many 4409 closes in a row a tab answers by reconnecting, and over what window (ms). */
export const MISSING_DEPENDENCY_RETRIES = 2;
export const MISSING_DEPENDENCY_WINDOW_MS = 60_000;

/**
 * Whether the provider should reconnect after the server closed the socket with `code`.
 * 4400-4499 are the server's deliberate refusals, and a frame too large (1009: a single change
 * over the limit, since larger work goes in slices) would be sent again by the next sync
 * handshake: retrying those in a loop helps nobody. The one exception is
 * 4409 (an update arrived before the changes it builds on, e.g. typed during the handshake after
 * a time offline): a new connection's handshake sends everything the server lacks, so it is
 * worth a retry, but only a couple of times a minute; `recent` holds the times of the earlier
 * 4409 closes and is updated here.
 */
export function shouldReconnectAfter(code: number, now: number, recent: number[]): boolean {
  if (code === CLOSE_CODES.missingDependencies) {
    const kept = recent.filter((at) => now - at < MISSING_DEPENDENCY_WINDOW_MS);
    recent.splice(0, recent.length, ...kept, now);
    return recent.length <= MISSING_DEPENDENCY_RETRIES;
  }
  return !(code >= 4400 && code < 4500) && code !== CLOSE_CODES.tooLarge;
}
