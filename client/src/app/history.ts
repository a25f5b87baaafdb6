import { useSyncExternalStore } from 'react';

/**
 * A tiny router on the History API: the path is external state, `navigate` pushes, and the
 * back and forward buttons (popstate) are heard. No dependency for two routes.
 */
const listeners = new Set<() => void>();

function notify(): void {
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (listeners.size === 1) window.addEventListener('popstate', notify);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) window.removeEventListener('popstate', notify);
  };
}

const getPath = (): string => window.location.pathname;
const getSearch = (): string => window.location.search;

export function usePathname(): string {
  return useSyncExternalStore(subscribe, getPath);
}

/** One query parameter of the current address (e.g. `next` on the sign-in page). */
export function useSearchParam(name: string): string | null {
  return new URLSearchParams(useSyncExternalStore(subscribe, getSearch)).get(name);
}

/** This page's path with its query: what `next` should bring a visitor back to. */
export function currentPath(): string {
  return window.location.pathname + window.location.search;
}

export function navigate(path: string, { replace = false }: { replace?: boolean } = {}): void {
  if (path === currentPath()) return;
  if (replace) window.history.replaceState(null, '', path);
  else window.history.pushState(null, '', path);
  window.scrollTo(0, 0);
  notify();
}
