import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePopover } from '../app/usePopover.ts';
import { MapsIcon, SettingsIcon, SignOutIcon } from '../app/icons.tsx';
import { Link } from '../app/Link.tsx';
import { authStore, useSession } from '../auth/useSession.ts';
import { UserAvatar } from './UserAvatar.tsx';

/**
 * The signed-in user in the header: an avatar button that opens a small menu with who they are,
 * their maps, account settings and sign out. A disclosure (button + panel of links), closed by
 * Escape, a click elsewhere, or focus leaving it.
 */
export function AccountMenu({ tone = 'light' }: { tone?: 'light' | 'dark' }) {
  const { t } = useTranslation('common');
  const session = useSession();
  const user = session.status === 'signed-in' || session.status === 'expired' ? session.user : null;
  const { open, setOpen, root, button } = usePopover();
  const [signingOut, setSigningOut] = useState(false);
  const panelId = useId();

  if (!user) return null;

  const signOut = async (): Promise<void> => {
    setSigningOut(true);
    await authStore.signOut().catch(() => undefined);
  };

  return (
    <div
      ref={root}
      className={`account-menu account-menu--${tone}`}
      onBlur={(event) => {
        if (!root.current?.contains(event.relatedTarget as Node | null)) setOpen(false);
      }}
    >
      <button
        ref={button}
        type="button"
        className="account-menu__button"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={t('accountMenu.button', { name: user.name })}
        title={`${user.name} · ${user.email}`}
        onClick={() => setOpen(!open)}
      >
        <UserAvatar user={user} size={30} />
      </button>
      <div id={panelId} className="account-menu__panel" hidden={!open}>
        <div className="account-menu__who">
          <UserAvatar user={user} size={38} />
          <div className="account-menu__names">
            <span className="account-menu__name">{user.name}</span>
            <span className="account-menu__email">{user.email}</span>
          </div>
        </div>
        <nav aria-label={t('accountMenu.nav')}>
          <Link to="/" className="account-menu__item" onClick={() => setOpen(false)}>
            <MapsIcon size={17} />
            {t('accountMenu.maps')}
          </Link>
          <Link to="/account" className="account-menu__item" onClick={() => setOpen(false)}>
            <SettingsIcon size={17} />
            {t('accountMenu.settings')}
          </Link>
          <button
            type="button"
            className="account-menu__item account-menu__item--separated"
            disabled={signingOut}
            onClick={() => void signOut()}
          >
            <SignOutIcon size={17} />
            {signingOut ? t('accountMenu.signingOut') : t('accountMenu.signOut')}
          </button>
        </nav>
      </div>
    </div>
  );
}
