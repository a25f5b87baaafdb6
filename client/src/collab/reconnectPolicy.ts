import type { WebsocketProvider } from 'y-websocket';
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

/**
 * After a restart close (1012), a tab reconnects within this many milliseconds, at a random
 * moment, so a whole room does not reconnect in one burst. It is under the provider's own first
 * retry after a synced connection (200 ms), which then finds the new socket and does nothing.
 */
export const RESTART_RECONNECT_SPREAD_MS = 200;

/**
 * How long to wait before reconnecting after the server closed a socket with `code`, or null to
 * leave it to the provider's backoff. 1012: the server is restarting; it stored everything it
 * acknowledged before closing, so reconnect at once (a load balancer picks another instance).
 * Only after a connection that had synced: a socket closed with 1012 before that reached an
 * instance that was already draining, and trying it again at once would only loop.
 */
export function restartReconnectDelay(
  code: number | undefined,
  synced: boolean,
  random: () => number = Math.random,
): number | null {
  if (code !== CLOSE_CODES.serviceRestart || !synced) return null;
  return Math.floor(random() * RESTART_RECONNECT_SPREAD_MS);
}

/** What reconnectAtOnceAfterRestart needs of a y-websocket provider. */
export type RestartAwareProvider = Pick<
  WebsocketProvider,
  'synced' | 'shouldConnect' | 'ws' | 'connect' | 'on' | 'off'
>;

/**
 * Makes the provider reconnect at once, without its backoff, when the server closes a synced
 * socket with 1012 (restartReconnectDelay). Nothing is shown to the user meanwhile beyond the
 * usual "reconnecting". Returns a function that undoes it (and cancels a pending reconnect).
 */
export function reconnectAtOnceAfterRestart(
  provider: RestartAwareProvider,
  random: () => number = Math.random,
): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  // Emitted before the provider forgets the socket and its synced state.
  const onClose = (event: CloseEvent | null): void => {
    const delay = restartReconnectDelay(event?.code, provider.synced, random);
    if (delay === null) return;
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      // Not if the user disconnected meanwhile, nor if the provider has a socket again.
      if (provider.shouldConnect && provider.ws === null) provider.connect();
    }, delay);
  };
  provider.on('connection-close', onClose);
  return () => {
    provider.off('connection-close', onClose);
    if (timer !== null) clearTimeout(timer);
    timer = null;
  };
}
