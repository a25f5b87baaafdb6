import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import './fields.css';

export interface FieldRowProps {
  label: string;
  /** The id of the control the label names; without it the label is plain text (groups use aria-labelledby). */
  htmlFor?: string;
  labelId?: string;
  hint?: ReactNode;
  hintId?: string;
  error?: string | null;
  errorId?: string;
  children: ReactNode;
  className?: string;
}

/** A label above its control, with an optional hint and error below (the tokens of base.css). */
export function FieldRow({
  label,
  htmlFor,
  labelId,
  hint,
  hintId,
  error,
  errorId,
  children,
  className,
}: FieldRowProps) {
  return (
    <div className={`field field-row ${className ?? ''}`}>
      {htmlFor ? (
        <label className="field__label" htmlFor={htmlFor} id={labelId}>
          {label}
        </label>
      ) : (
        <span className="field__label" id={labelId}>
          {label}
        </span>
      )}
      {children}
      {hint && (
        <span className="field__hint" id={hintId}>
          {hint}
        </span>
      )}
      {error && (
        <span className="field__error" id={errorId} role="alert">
          {error}
        </span>
      )}
    </div>
  );
}

/** A field shown as text (read-only members): a term and its value, inside a <dl>. */
export function StaticField({ label, value, empty }: { label: string; value: ReactNode; empty?: string }) {
  const { t } = useTranslation('panels');
  const blank = value === null || value === undefined || value === '';
  return (
    <div className="static-field">
      <dt className="field__label">{label}</dt>
      <dd className={blank ? 'static-field__value static-field__value--empty' : 'static-field__value'}>
        {blank ? (empty ?? t('fields.notSet')) : value}
      </dd>
    </div>
  );
}
