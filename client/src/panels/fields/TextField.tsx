import { useId, useState } from 'react';
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

const URL_PROBLEM = 'Not saved: enter an address starting with http:// or https://';

/**
 * A short text field of a card (a unit, a source, a link): a plain last-writer-wins string,
 * written as the user types.
 */
export function TextField({ label, value, onChange, maxLength, placeholder, url = false, hint }: TextFieldProps) {
  const id = useId();
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <FieldRow label={label} htmlFor={id} hint={hint} hintId={`${id}-hint`} error={problem} errorId={`${id}-error`}>
      <LiveTextInput
        id={id}
        value={value}
        maxLength={url ? 2000 : maxLength}
        type={url ? 'url' : 'text'}
        placeholder={placeholder ?? (url ? 'https://…' : undefined)}
        invalid={problem !== null}
        ariaDescribedBy={problem ? `${id}-error` : hint ? `${id}-hint` : undefined}
        onInput={(next) => setProblem(onChange(next) ? null : url ? URL_PROBLEM : 'Not saved')}
      />
    </FieldRow>
  );
}
