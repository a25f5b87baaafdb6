import { useEffect } from 'react';
import './account.css';
import './listPage.css';
import { useSession } from '../auth/useSession.ts';
import { UserAvatar } from '../panels/UserAvatar.tsx';
import { AppHeader } from './AppHeader.tsx';
import { ApiTokensSection } from './account/ApiTokensSection.tsx';
import { ChangePasswordSection } from './account/ChangePasswordSection.tsx';
import { DeleteAccountSection } from './account/DeleteAccountSection.tsx';

/** `/account`: who you are, your password, personal API tokens, and deleting the account. */
export function AccountPage() {
  const session = useSession();
  useEffect(() => {
    document.title = 'Account · Loopmap';
  }, []);
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
        <ChangePasswordSection user={user} />
        <ApiTokensSection />
        <DeleteAccountSection />
      </main>
    </div>
  );
}
