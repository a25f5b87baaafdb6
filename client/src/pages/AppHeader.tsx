import { useTranslation } from 'react-i18next';
import { Link } from '../app/Link.tsx';
import { AccountMenu } from '../panels/AccountMenu.tsx';

export function LoopmapLogo({ size = 28 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="8" fill="#1f2a44" />
      <circle cx="10" cy="21" r="4" fill="#f59e0b" />
      <circle cx="22" cy="11" r="4" fill="#34d399" />
      <path d="M13 19 C17 17 16 13 19 12.5" stroke="#fff" strokeWidth="2" fill="none" strokeLinecap="round" />
    </svg>
  );
}

/** The header of the pages around the maps (the map page has its own, denser one). */
export function AppHeader() {
  const { t } = useTranslation('common');
  return (
    <header className="app-header">
      <Link to="/" className="brand" aria-label={t('header.home')}>
        <LoopmapLogo />
        <span className="brand__name">{t('brand')}</span>
      </Link>
      <AccountMenu tone="dark" />
    </header>
  );
}
