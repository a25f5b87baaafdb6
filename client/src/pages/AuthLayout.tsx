import { InfoIcon } from '../app/icons.tsx';
import { useEffect, type CSSProperties, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSelect } from '../app/LanguageSelect.tsx';
import { switchLanguage } from '../i18n/i18n.ts';
import './auth.css';
import { LoopmapLogo } from './AppHeader.tsx';

/** A glimpse of what Loopmap is for: a small pathway being built by two people. */
function PathwaySketch() {
  const { t } = useTranslation('auth');
  return (
    <div className="auth-sketch" aria-hidden="true">
      <div className="auth-sketch__card auth-sketch__card--activity" style={{ left: 0, top: 120 }}>
        <span>{t('domain:kind.activity')}</span>
        {t('sketch.activity')}
      </div>
      <div className="auth-sketch__card auth-sketch__card--output" style={{ left: 120, top: 10 }}>
        <span>{t('domain:kind.output')}</span>
        {t('sketch.output')}
      </div>
      <div className="auth-sketch__card auth-sketch__card--outcome" style={{ left: 200, top: 150 }}>
        <span>{t('domain:kind.outcome')}</span>
        {t('sketch.outcome')}
      </div>
      <div className="auth-sketch__card auth-sketch__card--impact" style={{ left: 250, top: 270 }}>
        <span>{t('domain:kind.impact')}</span>
        {t('sketch.impact')}
      </div>
      <svg className="auth-sketch__links" width="420" height="360" viewBox="0 0 420 360">
        <defs>
          <marker
            id="auth-sketch-arrow"
            viewBox="0 0 8 8"
            refX="7"
            refY="4"
            markerWidth="7"
            markerHeight="7"
            orient="auto"
          >
            <path d="M0 0 8 4 0 8z" fill="rgba(255,255,255,0.6)" />
          </marker>
        </defs>
        <path d="M100 118 C 100 100 165 106 165 88" markerEnd="url(#auth-sketch-arrow)" />
        <path d="M245 84 C 245 112 275 120 275 146" markerEnd="url(#auth-sketch-arrow)" />
        <path d="M305 224 C 305 246 330 244 330 264" markerEnd="url(#auth-sketch-arrow)" />
      </svg>
      <div className="auth-sketch__cursor" style={{ left: 330, top: 96, '--cursor': '#10b981' } as CSSProperties}>
        <svg width="14" height="18" viewBox="0 0 14 18">
          <path d="M1 1l12 9-5 1-3 6z" fill="var(--cursor)" stroke="#fff" strokeWidth="1.2" />
        </svg>
        <span>{t('sketch.personA')}</span>
      </div>
      <div className="auth-sketch__cursor" style={{ left: 70, top: 250, '--cursor': '#d97706' } as CSSProperties}>
        <svg width="14" height="18" viewBox="0 0 14 18">
          <path d="M1 1l12 9-5 1-3 6z" fill="var(--cursor)" stroke="#fff" strokeWidth="1.2" />
        </svg>
        <span>{t('sketch.personB')}</span>
      </div>
    </div>
  );
}

export interface AuthLayoutProps {
  title: string;
  lede?: ReactNode;
  /** Shown above the title: why the visitor is here (an invite, an ended session). */
  notice?: ReactNode | null;
  children: ReactNode;
  footer?: ReactNode;
}

/** The frame of the sign-in and sign-up pages: the product on one side, the form on the other. */
export function AuthLayout({ title, lede, notice, children, footer }: AuthLayoutProps) {
  const { t } = useTranslation('auth');
  useEffect(() => {
    document.title = t('common:documentTitle', { page: title });
  }, [t, title]);
  return (
    <div className="auth-page">
      <aside className="auth-page__story">
        <div className="auth-page__brand">
          <LoopmapLogo size={34} />
          <span>{t('common:brand')}</span>
        </div>
        <div className="auth-page__pitch">
          <h2>{t('pitch.title')}</h2>
          <p>{t('pitch.body')}</p>
        </div>
        <PathwaySketch />
      </aside>
      <main className="auth-page__main">
        {/* Signed out: the choice is this device's (localStorage), until an account has its own. */}
        <div className="auth-page__language">
          <LanguageSelect compact onChoose={(language) => void switchLanguage(language)} />
        </div>
        <div className="auth-card">
          <div className="auth-card__logo">
            <LoopmapLogo size={36} />
          </div>
          {notice && (
            <p className="auth-notice" role="status">
              <InfoIcon size={17} />
              {notice}
            </p>
          )}
          <h1 className="auth-card__title">{title}</h1>
          {lede && <p className="auth-card__lede">{lede}</p>}
          {children}
        </div>
        {footer && <p className="auth-page__footer">{footer}</p>}
      </main>
    </div>
  );
}
