import { LoopmapLogo } from './AppHeader.tsx';

/** While the app asks the server who is signed in (one request, usually a few milliseconds). */
export function SplashPage() {
  return (
    <main className="page page--centered splash">
      <LoopmapLogo size={40} />
      <p className="visually-hidden" role="status">
        Loading Loopmap…
      </p>
    </main>
  );
}
