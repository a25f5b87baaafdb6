import { useTranslation } from 'react-i18next';
import { LoopmapLogo } from './AppHeader.tsx';

/** While the app asks the server who is signed in (one request, usually a few milliseconds). */
export function SplashPage() {
  const { t } = useTranslation('common');
  return (
    <main className="page page--centered splash">
      <LoopmapLogo size={40} />
      <p className="visually-hidden" role="status">
        {t('splash.loading')}
      </p>
    </main>
  );
}
