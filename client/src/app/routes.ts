/** The app's routes: a pure mapping from a pathname to a page. */
export type Route = { page: 'maps' } | { page: 'map'; mapId: string } | { page: 'not-found'; path: string };

export function matchRoute(pathname: string): Route {
  if (pathname === '/' || pathname === '') return { page: 'maps' };
  const map = /^\/maps\/([^/]+)\/?$/.exec(pathname);
  if (map?.[1]) {
    try {
      return { page: 'map', mapId: decodeURIComponent(map[1]) };
    } catch {
      return { page: 'not-found', path: pathname };
    }
  }
  return { page: 'not-found', path: pathname };
}

export const mapPath = (mapId: string): string => `/maps/${encodeURIComponent(mapId)}`;
