import { useTranslation } from 'react-i18next';
import { Link } from '../app/Link.tsx';

export function NotFoundPage() {
  const { t } = useTranslation('common');
  return (
    <main className="page page--centered">
      <div className="empty-state">
        <h1>{t('notFound.title')}</h1>
        <p>{t('notFound.body')}</p>
        <Link to="/" className="button button--primary">
          {t('notFound.toMaps')}
        </Link>
      </div>
    </main>
  );
}
