import { useEffect, useState } from 'react';
import { ROLE_LABELS } from '@loopmap/shared';
import { messageOf } from '../api/ApiError.ts';
import { acceptInvite, previewInvite, type InvitePreview } from '../api/sharingApi.ts';
import { navigate } from '../app/history.ts';
import { Link } from '../app/Link.tsx';
import { mapPath } from '../app/routes.ts';
import { ROLE_DESCRIPTIONS } from '../auth/roleText.ts';
import { useSession } from '../auth/useSession.ts';
import { AppHeader } from './AppHeader.tsx';
import './listPage.css';
import { dayText } from '../app/dates.ts';

type State = { status: 'loading' } | { status: 'ready'; invite: InvitePreview } | { status: 'error'; message: string };

/** `/invite/:token`: what the link offers (map and role), and "Join map" to accept it. */
export function InvitePage({ token }: { token: string }) {
  const session = useSession();
  const [state, setState] = useState<State>({ status: 'loading' });
  const [joining, setJoining] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    document.title = 'Invitation · Loopmap';
    let live = true;
    previewInvite(token).then(
      (invite) => live && setState({ status: 'ready', invite }),
      (err: unknown) =>
        live && setState({ status: 'error', message: messageOf(err, 'This invite link does not work.') }),
    );
    return () => {
      live = false;
    };
  }, [token]);

  const join = async (): Promise<void> => {
    setJoining(true);
    setError(null);
    try {
      const { mapId } = await acceptInvite(token);
      navigate(mapPath(mapId), { replace: true });
    } catch (err) {
      setError(messageOf(err, 'Could not join the map.'));
      setJoining(false);
    }
  };

  const name = session.status === 'signed-in' ? session.user.name : null;
  return (
    <div className="page">
      <AppHeader />
      <main className="page--centered invite-page">
        {state.status === 'loading' && (
          <p className="muted" role="status">
            Opening the invitation…
          </p>
        )}
        {state.status === 'error' && (
          <div className="empty-state" role="alert">
            <h1>This invite link does not work</h1>
            <p>{state.message}</p>
            <Link to="/" className="button button--primary">
              Go to your maps
            </Link>
          </div>
        )}
        {state.status === 'ready' && (
          <section className="invite-card" aria-labelledby="invite-title">
            <p className="invite-card__eyebrow">{name ? `${name}, you are invited to` : 'You are invited to'}</p>
            <h1 id="invite-title" className="invite-card__title">
              {state.invite.mapTitle}
            </h1>
            <div className="invite-card__role">
              <span className={`role-tag role-tag--${state.invite.role}`}>as {ROLE_LABELS[state.invite.role]}</span>
              <span>{ROLE_DESCRIPTIONS[state.invite.role]}</span>
            </div>
            <p className="invite-card__expiry">This link works until {dayText(state.invite.expiresAt)}.</p>
            {error && (
              <p className="auth-error" role="alert">
                {error}
              </p>
            )}
            <div className="invite-card__actions">
              <button
                type="button"
                className="button button--primary button--large"
                disabled={joining}
                onClick={() => void join()}
              >
                {joining ? 'Joining…' : 'Join map'}
              </button>
              <Link to="/" className="button button--quiet button--large">
                Not now
              </Link>
            </div>
          </section>
        )}
      </main>
    </div>
  );
}
