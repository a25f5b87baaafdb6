/** The app's routes: a pure mapping from a pathname to a page. */
export type Route =
  | { page: 'maps' }
  | { page: 'map'; mapId: string }
  /** The printable shared-forward digest of some of a map's reviews (`?reviews=a,b`). */
  | { page: 'digest'; mapId: string }
  | { page: 'signin' }
  | { page: 'signup' }
  | { page: 'account' }
  | { page: 'invite'; token: string }
  | { page: 'not-found'; path: string };

/** Pages a signed-out visitor may see; every other page sends them to sign in first. */
export const PUBLIC_PAGES: ReadonlySet<Route['page']> = new Set(['signin', 'signup', 'not-found']);

function decoded(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

export function matchRoute(pathname: string): Route {
  const path = pathname.length > 1 ? pathname.replace(/\/$/, '') : pathname;
  if (path === '/' || path === '') return { page: 'maps' };
  if (path === '/signin') return { page: 'signin' };
  if (path === '/signup') return { page: 'signup' };
  if (path === '/account') return { page: 'account' };
  const map = /^\/maps\/([^/]+)$/.exec(path);
  const mapId = map?.[1] ? decoded(map[1]) : null;
  if (mapId) return { page: 'map', mapId };
  const digest = /^\/maps\/([^/]+)\/digest$/.exec(path);
  const digestMapId = digest?.[1] ? decoded(digest[1]) : null;
  if (digestMapId) return { page: 'digest', mapId: digestMapId };
  const invite = /^\/invite\/([^/]+)$/.exec(path);
  const token = invite?.[1] ? decoded(invite[1]) : null;
  if (token) return { page: 'invite', token };
  return { page: 'not-found', path: pathname };
}

export const mapPath = (mapId: string): string => `/maps/${encodeURIComponent(mapId)}`;

/**
 * Where to go after signing in: only a path on this site (never `//evil.example` or a full URL,
 * which would make the sign-in page an open redirect), and never back to the sign-in pages.
 */
export function safeNext(value: string | null | undefined): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/';
  const page = matchRoute(value.split(/[?#]/)[0] ?? '/').page;
  return page === 'signin' || page === 'signup' ? '/' : value;
}

/** The sign-in (or sign-up) page, coming back to `next` afterwards. */
export function authPath(page: 'signin' | 'signup', next: string | null): string {
  const target = next === null ? '/' : safeNext(next);
  return target === '/' ? `/${page}` : `/${page}?next=${encodeURIComponent(target)}`;
}
