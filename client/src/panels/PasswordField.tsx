import { useId, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { MIN_PASSWORD_LENGTH } from '@loopmap/shared';
import type { PasswordStrength } from '@loopmap/shared/password-strength';
import { passwordProblemText, passwordSuggestionText, usePasswordCheck } from '../auth/passwordCheck.ts';
import { EyeIcon, EyeOffIcon } from '../app/icons.tsx';

export interface PasswordFieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  autoComplete: 'current-password' | 'new-password';
  /** For a new password: show how it fares against the server's rules as it is typed. */
  strength?: { email?: string; name?: string };
  /** A problem to show under the field (it also marks the field invalid). */
  error?: string | null;
  autoFocus?: boolean;
  name?: string;
}

type Strength = 'empty' | 'weak' | 'fair' | 'strong';

/**
 * What the meter says (the words are explained in passwordStrength.ts and the README): refused
 * passwords say why, accepted ones are "Good" or "Strong".
 */
function strengthText(strength: PasswordStrength, t: TFunction): [Strength, string] {
  switch (strength.verdict) {
    case 'empty':
      return ['empty', t('password.emptyHint', { min: MIN_PASSWORD_LENGTH })];
    case 'too-weak': {
      const problem = passwordProblemText(strength, t) ?? '';
      const why = t('password.why', { problem: `${problem.charAt(0).toUpperCase()}${problem.slice(1)}` });
      const suggestion = passwordSuggestionText(strength, t);
      return ['weak', suggestion ? `${why} ${suggestion}` : why];
    }
    case 'good':
      return ['fair', t('password.good')];
    case 'strong':
      return ['strong', t('password.strong')];
  }
}

/** A password input with a show/hide toggle and, for new passwords, a live strength hint. */
export function PasswordField(props: PasswordFieldProps) {
  const { label, value, onChange, autoComplete, strength, error, autoFocus, name } = props;
  const { t } = useTranslation('auth');
  const [shown, setShown] = useState(false);
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const check = usePasswordCheck();
  const [level, hint] = strength ? strengthText(check(value, strength), t) : ['empty', ''];
  const describedBy = [strength ? hintId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <div className="password-field">
        <input
          id={id}
          name={name}
          className="input password-field__input"
          type={shown ? 'text' : 'password'}
          value={value}
          autoComplete={autoComplete}
          autoFocus={autoFocus}
          spellCheck={false}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          onChange={(event) => onChange(event.target.value)}
        />
        <button
          type="button"
          className="password-field__toggle"
          aria-label={shown ? t('password.hide') : t('password.show')}
          aria-pressed={shown}
          aria-controls={id}
          title={shown ? t('password.hide') : t('password.show')}
          onClick={() => setShown(!shown)}
        >
          {shown ? <EyeOffIcon size={17} /> : <EyeIcon size={17} />}
        </button>
      </div>
      {strength && (
        <div className="password-strength" data-strength={level}>
          <span className="password-strength__meter" aria-hidden="true">
            <span />
            <span />
            <span />
          </span>
          <span id={hintId} className="password-strength__text" data-testid="password-hint">
            {hint}
          </span>
        </div>
      )}
      {error && (
        <span id={errorId} className="field__error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
