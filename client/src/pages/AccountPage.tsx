import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import './account.css';
import './listPage.css';
import { useSession } from '../auth/useSession.ts';
import { UserAvatar } from '../panels/UserAvatar.tsx';
import { AppHeader } from './AppHeader.tsx';
import { ApiTokensSection } from './account/ApiTokensSection.tsx';
import { ChangePasswordSection } from './account/ChangePasswordSection.tsx';
import { DeleteAccountSection } from './account/DeleteAccountSection.tsx';
import { LanguageSection } from './account/LanguageSection.tsx';

/** `/account`: who you are, your language, your password, personal API tokens, and deleting the account. */
export function AccountPage() {
  const { t } = useTranslation('account');
  const session = useSession();
  useEffect(() => {
    document.title = t('common:documentTitle', { page: t('documentTitle') });
  }, [t]);
  if (session.status !== 'signed-in') return null;
  const { user } = session;
  return (
    <div className="page">
      <AppHeader />
      <main className="list-page account-page">
        <div className="account-page__intro">
          <UserAvatar user={user} size={56} />
          <div>
            <h1 className="page-title">{user.name}</h1>
            <p className="page-lede">{user.email}</p>
          </div>
        </div>
        <LanguageSection user={user} />
        <ChangePasswordSection user={user} />
        <ApiTokensSection />
        <DeleteAccountSection />
      </main>
    </div>
  );
}
