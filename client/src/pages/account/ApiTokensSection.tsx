import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { messageOf } from '../../api/ApiError.ts';
import { createToken, listTokens, revokeToken, type ApiTokenView } from '../../api/tokensApi.ts';
import { CopyField } from '../../panels/CopyField.tsx';
import { relativeTime } from '../relativeTime.ts';

type ListState =
  { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; tokens: ApiTokenView[] };

function TokenRow({ token, onRevoked }: { token: ApiTokenView; onRevoked: (id: string) => void }) {
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
      setError(messageOf(err, 'Could not revoke the token.'));
      setBusy(false);
    }
  };
  return (
    <li className="token-row" data-testid="api-token">
      <div className="token-row__main">
        <span className="token-row__name">{token.name}</span>
        <span className="token-row__meta">
          Created <time dateTime={token.createdAt}>{relativeTime(token.createdAt)}</time> ·{' '}
          {token.lastUsedAt ? (
            <>
              last used <time dateTime={token.lastUsedAt}>{relativeTime(token.lastUsedAt)}</time>
            </>
          ) : (
            'never used'
          )}
        </span>
      </div>
      {confirming ? (
        <div className="token-row__confirm" role="group" aria-label={`Confirm revoking ${token.name}`}>
          <span>Scripts using it stop working at once.</span>
          <button
            type="button"
            className="button button--danger"
            disabled={busy}
            onClick={() => void revoke()}
            autoFocus
          >
            {busy ? 'Revoking…' : 'Revoke'}
          </button>
          <button type="button" className="button" disabled={busy} onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </div>
      ) : (
        <button
          type="button"
          className="button button--quiet button--danger-text"
          aria-label={`Revoke ${token.name}`}
          onClick={() => setConfirming(true)}
        >
          Revoke
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
  const [state, setState] = useState<ListState>({ status: 'loading' });
  const [name, setName] = useState('');
  const [created, setCreated] = useState<{ name: string; secret: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    try {
      setState({ status: 'ready', tokens: await listTokens() });
    } catch (err) {
      setState({ status: 'error', message: messageOf(err, 'Could not load your tokens.') });
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const create = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (!name.trim()) {
      setError('Name the token after the script that will use it.');
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
      setError(messageOf(err, 'Could not create the token.'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card-panel settings-section" aria-labelledby="tokens-title">
      <div className="settings-section__head">
        <h2 id="tokens-title" className="section-title">
          Personal API tokens
        </h2>
        <p className="settings-section__lede">
          For scripts that read or update your maps: send it as <code>Authorization: Bearer …</code>. A token acts as
          you, on every map you can open.
        </p>
      </div>

      {created && (
        <div className="token-reveal" role="region" aria-label="New token">
          <p className="token-reveal__title">
            Token “{created.name}” created. Copy it now: <strong>you will not see it again.</strong>
          </p>
          <CopyField value={created.secret} label="New API token" testId="new-token-secret" />
          <button type="button" className="button button--quiet" onClick={() => setCreated(null)}>
            I have copied it
          </button>
        </div>
      )}

      <form className="token-form" onSubmit={create} noValidate aria-label="Create a token">
        <label className="field token-form__name">
          <span className="field__label">Token name</span>
          <input
            className="input"
            value={name}
            maxLength={80}
            placeholder="e.g. Quarterly report export"
            onChange={(event) => setName(event.target.value)}
          />
        </label>
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? 'Creating…' : 'Create token'}
        </button>
      </form>
      {error && (
        <p className="auth-error" role="alert">
          {error}
        </p>
      )}

      {state.status === 'loading' && (
        <p className="muted" role="status">
          Loading tokens…
        </p>
      )}
      {state.status === 'error' && (
        <p className="auth-error" role="alert">
          {state.message}
        </p>
      )}
      {state.status === 'ready' &&
        (state.tokens.length === 0 ? (
          <p className="empty-note">No tokens yet.</p>
        ) : (
          <ul className="token-list" aria-label="Your tokens">
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
