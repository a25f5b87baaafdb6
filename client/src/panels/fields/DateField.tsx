import { useId, useRef } from 'react';
import { FieldRow } from './FieldRow.tsx';
import { useSyncedValue } from './LiveTextInput.tsx';

export interface DateFieldProps {
  label: string;
  /** YYYY-MM-DD, or null when unset. */
  value: string | null;
  onChange: (next: string | null) => void;
}

/**
 * A day (a baseline or target date). The browser's date input reports a day only once it is
 * complete, and an empty value when cleared; uncontrolled so a half-typed day is not reset.
 */
export function DateField({ label, value, onChange }: DateFieldProps) {
  const id = useId();
  const ref = useRef<HTMLInputElement>(null);
  useSyncedValue(ref, value ?? '', false);
  return (
    <FieldRow label={label} htmlFor={id}>
      <input
        ref={ref}
        id={id}
        type="date"
        className="input"
        defaultValue={value ?? ''}
        onChange={(event) => onChange(event.target.value === '' ? null : event.target.value)}
      />
    </FieldRow>
  );
}
