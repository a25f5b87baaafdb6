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

export function usePathname(): string {
  return useSyncExternalStore(subscribe, getPath);
}

export function navigate(path: string, { replace = false }: { replace?: boolean } = {}): void {
  if (path === window.location.pathname) return;
  if (replace) window.history.replaceState(null, '', path);
  else window.history.pushState(null, '', path);
  window.scrollTo(0, 0);
  notify();
}
