import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountView, Language } from '@loopmap/shared';
import { updateAccount } from '../../api/authApi.ts';
import { errorText } from '../../api/errorText.ts';
import { LanguageSelect } from '../../app/LanguageSelect.tsx';
import { authStore } from '../../auth/useSession.ts';
import { currentLanguage, switchLanguage } from '../../i18n/i18n.ts';

/**
 * The account's interface language: chosen here, it switches the interface at once (no reload)
 * and is saved to the account, so every browser it signs in to follows it.
 */
export function LanguageSection({ user }: { user: AccountView }) {
  const { t } = useTranslation('account');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const hintId = useId();

  const choose = async (language: Language): Promise<void> => {
    const before = currentLanguage();
    setBusy(true);
    setError(null);
    await switchLanguage(language);
    try {
      authStore.updated(await updateAccount({ language }));
    } catch (err) {
      await switchLanguage(before);
      setError(errorText(err, t, t('language.failed')));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card-panel settings-section" aria-labelledby="language-title">
      <div className="settings-section__head">
        <h2 id="language-title" className="section-title">
          {t('language.title')}
        </h2>
        <p id={hintId} className="settings-section__lede">
          {user.language ? t('language.chosen') : t('language.browser')}
        </p>
      </div>
      <div className="settings-form">
        <LanguageSelect
          value={user.language ?? undefined}
          disabled={busy}
          describedBy={hintId}
          onChoose={(language) => void choose(language)}
        />
        {error && (
          <p className="auth-error" role="alert">
            {error}
          </p>
        )}
      </div>
    </section>
  );
}
