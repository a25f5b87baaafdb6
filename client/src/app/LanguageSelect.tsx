import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, LANGUAGE_NAMES, isLanguage, type Language } from '@loopmap/shared';
import { currentLanguage } from '../i18n/i18n.ts';

export interface LanguageSelectProps {
  /** The language chosen: switch the interface (and save it where it belongs). */
  onChoose: (language: Language) => void;
  /** The language shown as chosen; the interface's by default. */
  value?: Language;
  /** `compact`: no visible label (an accessible name only), for the sign-in and sign-up pages. */
  compact?: boolean;
  disabled?: boolean;
  /** Described by (a hint or a status under the menu). */
  describedBy?: string;
}

/**
 * The language menu: each language named in itself ("Français", "العربية"), so that a reader who
 * cannot read the current one still finds theirs.
 */
export function LanguageSelect({ onChoose, value, compact = false, disabled, describedBy }: LanguageSelectProps) {
  const { t, i18n } = useTranslation('common');
  const id = useId();
  const shown = value ?? (isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : currentLanguage());
  const select = (
    <select
      id={id}
      className={compact ? 'input language-select language-select--compact' : 'input language-select'}
      value={shown}
      disabled={disabled}
      aria-label={compact ? t('language.label') : undefined}
      aria-describedby={describedBy}
      onChange={(event) => {
        const chosen = event.target.value;
        if (isLanguage(chosen)) onChoose(chosen);
      }}
    >
      {LANGUAGES.map((language) => (
        <option key={language} value={language} lang={language}>
          {LANGUAGE_NAMES[language]}
        </option>
      ))}
    </select>
  );
  if (compact) return select;
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {t('language.label')}
      </label>
      {select}
    </div>
  );
}
