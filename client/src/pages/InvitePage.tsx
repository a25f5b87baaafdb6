import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../api/errorText.ts';
import { acceptInvite, previewInvite, type InvitePreview } from '../api/sharingApi.ts';
import { navigate } from '../app/history.ts';
import { Link } from '../app/Link.tsx';
import { mapPath } from '../app/routes.ts';
import { roleDescription, roleLabel } from '../auth/roleText.ts';
import { useSession } from '../auth/useSession.ts';
import { AppHeader } from './AppHeader.tsx';
import './listPage.css';
import { dayText } from '../app/dates.ts';

type State = { status: 'loading' } | { status: 'ready'; invite: InvitePreview } | { status: 'error'; error: unknown };

/** `/invite/:token`: what the link offers (map and role), and "Join map" to accept it. */
export function InvitePage({ token }: { token: string }) {
  const { t } = useTranslation('auth');
  const session = useSession();
  const [state, setState] = useState<State>({ status: 'loading' });
  const [joining, setJoining] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    document.title = t('common:documentTitle', { page: t('invite.documentTitle') });
  }, [t]);
  useEffect(() => {
    let live = true;
    previewInvite(token).then(
      (invite) => live && setState({ status: 'ready', invite }),
      (err: unknown) => live && setState({ status: 'error', error: err }),
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
      setError(errorText(err, t, t('invite.joinFailed')));
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
            {t('invite.opening')}
          </p>
        )}
        {state.status === 'error' && (
          <div className="empty-state" role="alert">
            <h1>{t('invite.broken')}</h1>
            <p>{errorText(state.error, t, t('invite.brokenDetail'))}</p>
            <Link to="/" className="button button--primary">
              {t('common:notFound.toMaps')}
            </Link>
          </div>
        )}
        {state.status === 'ready' && (
          <section className="invite-card" aria-labelledby="invite-title">
            <p className="invite-card__eyebrow">{name ? t('invite.invitedNamed', { name }) : t('invite.invited')}</p>
            <h1 id="invite-title" className="invite-card__title">
              {state.invite.mapTitle}
            </h1>
            <div className="invite-card__role">
              <span className={`role-tag role-tag--${state.invite.role}`}>
                {t('invite.asRole', { role: roleLabel(state.invite.role, t) })}
              </span>
              <span>{roleDescription(state.invite.role, t)}</span>
            </div>
            <p className="invite-card__expiry">{t('invite.until', { day: dayText(state.invite.expiresAt) })}</p>
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
                {joining ? t('invite.joining') : t('invite.join')}
              </button>
              <Link to="/" className="button button--quiet button--large">
                {t('invite.notNow')}
              </Link>
            </div>
          </section>
        )}
      </main>
    </div>
  );
}
