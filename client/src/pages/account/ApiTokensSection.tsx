import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { errorText } from '../../api/errorText.ts';
import { createToken, listTokens, revokeToken, type ApiTokenView } from '../../api/tokensApi.ts';
import { CopyField } from '../../panels/CopyField.tsx';
import { relativeTime } from '../relativeTime.ts';

type ListState =
  { status: 'loading' } | { status: 'error'; error: unknown } | { status: 'ready'; tokens: ApiTokenView[] };

function TokenRow({ token, onRevoked }: { token: ApiTokenView; onRevoked: (id: string) => void }) {
  const { t } = useTranslation('account');
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const revoke = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      await revokeToken(token.id);
      onRevoked(token.id);
    } catch (err) {
      setError(errorText(err, t, t('tokens.revokeFailed')));
      setBusy(false);
    }
  };
  return (
    <li className="token-row" data-testid="api-token">
      <div className="token-row__main">
        <span className="token-row__name">{token.name}</span>
        <span className="token-row__meta">
          <Trans
            t={t}
            i18nKey={token.lastUsedAt ? 'tokens.meta' : 'tokens.metaNeverUsed'}
            values={{
              created: relativeTime(token.createdAt),
              used: token.lastUsedAt ? relativeTime(token.lastUsedAt) : '',
            }}
            components={{
              created: <time dateTime={token.createdAt} />,
              used: <time dateTime={token.lastUsedAt ?? undefined} />,
            }}
          />
        </span>
      </div>
      {confirming ? (
        <div className="token-row__confirm" role="group" aria-label={t('tokens.confirmLabel', { name: token.name })}>
          <span>{t('tokens.confirm')}</span>
          <button
            type="button"
            className="button button--danger"
            disabled={busy}
            onClick={() => void revoke()}
            autoFocus
          >
            {busy ? t('tokens.revoking') : t('tokens.revoke')}
          </button>
          <button type="button" className="button" disabled={busy} onClick={() => setConfirming(false)}>
            {t('common:action.cancel')}
          </button>
        </div>
      ) : (
        <button
          type="button"
          className="button button--quiet button--danger-text"
          aria-label={t('tokens.revokeLabel', { name: token.name })}
          onClick={() => setConfirming(true)}
        >
          {t('tokens.revoke')}
        </button>
      )}
      {error && (
        <p className="form-error token-row__error" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}

/** Personal API tokens for scripts: create (the secret is shown once), list, revoke. */
export function ApiTokensSection() {
  const { t } = useTranslation('account');
  const [state, setState] = useState<ListState>({ status: 'loading' });
  const [name, setName] = useState('');
  const [created, setCreated] = useState<{ name: string; secret: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    try {
      setState({ status: 'ready', tokens: await listTokens() });
    } catch (err) {
      setState({ status: 'error', error: err });
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const create = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (!name.trim()) {
      setError(t('tokens.nameIt'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const { token, secret } = await createToken(name.trim());
      setCreated({ name: token.name, secret });
      setName('');
      setState((current) =>
        current.status === 'ready' ? { status: 'ready', tokens: [token, ...current.tokens] } : current,
      );
    } catch (err) {
      setError(errorText(err, t, t('tokens.createFailed')));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card-panel settings-section" aria-labelledby="tokens-title">
      <div className="settings-section__head">
        <h2 id="tokens-title" className="section-title">
          {t('tokens.title')}
        </h2>
        <p className="settings-section__lede">
          <Trans
            t={t}
            i18nKey="tokens.lede"
            values={{ header: 'Authorization: Bearer …' }}
            components={{ code: <code /> }}
          />
        </p>
      </div>

      {created && (
        <div className="token-reveal" role="region" aria-label={t('tokens.newRegion')}>
          <p className="token-reveal__title">
            <Trans t={t} i18nKey="tokens.created" values={{ name: created.name }} components={{ strong: <strong /> }} />
          </p>
          <CopyField value={created.secret} label={t('tokens.newLabel')} testId="new-token-secret" />
          <button type="button" className="button button--quiet" onClick={() => setCreated(null)}>
            {t('tokens.copied')}
          </button>
        </div>
      )}

      <form className="token-form" onSubmit={create} noValidate aria-label={t('tokens.form')}>
        <label className="field token-form__name">
          <span className="field__label">{t('tokens.name')}</span>
          <input
            className="input"
            value={name}
            maxLength={80}
            placeholder={t('tokens.placeholder')}
            onChange={(event) => setName(event.target.value)}
          />
        </label>
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? t('tokens.creating') : t('tokens.create')}
        </button>
      </form>
      {error && (
        <p className="auth-error" role="alert">
          {error}
        </p>
      )}

      {state.status === 'loading' && (
        <p className="muted" role="status">
          {t('tokens.loading')}
        </p>
      )}
      {state.status === 'error' && (
        <p className="auth-error" role="alert">
          {errorText(state.error, t, t('tokens.loadFailed'))}
        </p>
      )}
      {state.status === 'ready' &&
        (state.tokens.length === 0 ? (
          <p className="empty-note">{t('tokens.none')}</p>
        ) : (
          <ul className="token-list" aria-label={t('tokens.list')}>
            {state.tokens.map((token) => (
              <TokenRow
                key={token.id}
                token={token}
                onRevoked={(id) =>
                  setState((current) =>
                    current.status === 'ready'
                      ? { status: 'ready', tokens: current.tokens.filter((t) => t.id !== id) }
                      : current,
                  )
                }
              />
            ))}
          </ul>
        ))}
    </section>
  );
}
