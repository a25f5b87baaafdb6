import { MapPage } from '../pages/MapPage.tsx';
import { NotFoundPage } from '../pages/NotFoundPage.tsx';
import { SplashPage } from '../pages/SplashPage.tsx';
import { useSession } from '../auth/useSession.ts';
import { currentPath, usePathname, useSearchParam } from './history.ts';
import { Redirect } from './Redirect.tsx';
import { authPath, matchRoute, safeNext } from './routes.ts';
import { lazyView } from './lazyView.tsx';

// The map page is in the first load (it must paint without another round trip); every other page
// loads its code when it is first shown (docs/benchmarks.md, "What the map page loads").
const SignInPage = lazyView(() => import('../pages/SignInPage.tsx').then((m) => m.SignInPage), {
  label: 'signIn',
  namespaces: ['auth'],
  placement: 'page',
});
const SignUpPage = lazyView(() => import('../pages/SignUpPage.tsx').then((m) => m.SignUpPage), {
  label: 'signUp',
  namespaces: ['auth'],
  placement: 'page',
});
const AccountPage = lazyView(() => import('../pages/AccountPage.tsx').then((m) => m.AccountPage), {
  label: 'account',
  namespaces: ['account', 'auth'],
  placement: 'page',
});
const MapListPage = lazyView(() => import('../pages/MapListPage.tsx').then((m) => m.MapListPage), {
  label: 'maps',
  namespaces: ['maps', 'auth'],
  placement: 'page',
});
const DigestPage = lazyView(() => import('../pages/DigestPage.tsx').then((m) => m.DigestPage), {
  label: 'digest',
  namespaces: ['history', 'exports'],
  placement: 'page',
});
const InvitePage = lazyView(() => import('../pages/InvitePage.tsx').then((m) => m.InvitePage), {
  label: 'invitation',
  namespaces: ['auth'],
  placement: 'page',
});

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
