import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FieldRow } from './FieldRow.tsx';
import { LiveTextInput } from './LiveTextInput.tsx';

export interface TextFieldProps {
  label: string;
  value: string;
  /** Writes the text; false when the document refused it (then the field says why). */
  onChange: (next: string) => boolean;
  maxLength: number;
  placeholder?: string;
  /** An http(s) address: refused text stays in the field, marked invalid, until it is one. */
  url?: boolean;
  hint?: string;
}

/**
 * A short text field of a card (a unit, a source, a link): a plain last-writer-wins string,
 * written as the user types.
 */
export function TextField({ label, value, onChange, maxLength, placeholder, url = false, hint }: TextFieldProps) {
  const { t } = useTranslation('panels');
  const id = useId();
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <FieldRow label={label} htmlFor={id} hint={hint} hintId={`${id}-hint`} error={problem} errorId={`${id}-error`}>
      <LiveTextInput
        id={id}
        value={value}
        maxLength={url ? 2000 : maxLength}
        type={url ? 'url' : 'text'}
        placeholder={placeholder ?? (url ? t('fields.urlPlaceholder') : undefined)}
        invalid={problem !== null}
        ariaDescribedBy={problem ? `${id}-error` : hint ? `${id}-hint` : undefined}
        onInput={(next) => setProblem(onChange(next) ? null : url ? t('fields.urlProblem') : t('fields.notSaved'))}
      />
    </FieldRow>
  );
}
