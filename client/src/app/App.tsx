import { AccountPage } from '../pages/AccountPage.tsx';
import { DigestPage } from '../pages/DigestPage.tsx';
import { InvitePage } from '../pages/InvitePage.tsx';
import { MapListPage } from '../pages/MapListPage.tsx';
import { MapPage } from '../pages/MapPage.tsx';
import { NotFoundPage } from '../pages/NotFoundPage.tsx';
import { SignInPage } from '../pages/SignInPage.tsx';
import { SignUpPage } from '../pages/SignUpPage.tsx';
import { SplashPage } from '../pages/SplashPage.tsx';
import { useSession } from '../auth/useSession.ts';
import { currentPath, usePathname, useSearchParam } from './history.ts';
import { Redirect } from './Redirect.tsx';
import { authPath, matchRoute, safeNext } from './routes.ts';

/**
 * The router and the route guard: a signed-out visitor of any page but the sign-in pages goes to
 * /signin?next=<where they were going> (an invite link to /signup, since most invitees are new),
 * and comes back after. A session that ended while a map is open is handled on the map page,
 * which keeps the map and its unsent edits on screen and asks to sign in again in place.
 */
export function App() {
  const route = matchRoute(usePathname());
  const next = useSearchParam('next');
  const session = useSession();

  if (session.status === 'loading') return <SplashPage />;

  if (route.page === 'signin' || route.page === 'signup') {
    if (session.status === 'signed-in') return <Redirect to={safeNext(next)} />;
    return route.page === 'signin' ? <SignInPage next={next} /> : <SignUpPage next={next} />;
  }
  if (route.page === 'not-found') return <NotFoundPage />;

  const signedOut = session.status === 'signed-out';
  if (signedOut || (session.status === 'expired' && route.page !== 'map')) {
    const page = signedOut && route.page === 'invite' ? 'signup' : 'signin';
    return <Redirect to={authPath(page, signedOut && session.byUser ? null : currentPath())} />;
  }

  switch (route.page) {
    case 'maps':
      return <MapListPage />;
    case 'map':
      // Keyed by id: moving to another map opens a fresh session.
      return <MapPage key={route.mapId} mapId={route.mapId} />;
    case 'digest':
      return <DigestPage key={route.mapId} mapId={route.mapId} />;
    case 'account':
      return <AccountPage />;
    case 'invite':
      return <InvitePage token={route.token} />;
  }
}
