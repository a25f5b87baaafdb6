import { MapListPage } from '../pages/MapListPage.tsx';
import { MapPage } from '../pages/MapPage.tsx';
import { NotFoundPage } from '../pages/NotFoundPage.tsx';
import { usePathname } from './history.ts';
import { matchRoute } from './routes.ts';

export function App() {
  const route = matchRoute(usePathname());
  switch (route.page) {
    case 'maps':
      return <MapListPage />;
    case 'map':
      // Keyed by id: moving to another map opens a fresh session.
      return <MapPage key={route.mapId} mapId={route.mapId} />;
    case 'not-found':
      return <NotFoundPage />;
  }
}
