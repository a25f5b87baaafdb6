import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { FieldRow } from './FieldRow.tsx';

export interface ChoiceGroup<T extends string> {
  label: string;
  options: readonly T[];
}

export interface ChoiceSelectProps<T extends string> {
  label: string;
  value: T | null;
  /** The choices in order; or `groups` to show them under headings. */
  options?: readonly T[];
  groups?: readonly ChoiceGroup<T>[];
  labels: Readonly<Record<T, string>>;
  onChange: (next: T | null) => void;
  /** The words of the empty choice. */
  unsetLabel?: string;
  /** No empty choice: the field always has a value (a link's status). */
  required?: boolean;
  /** Hide the visible label (the control is still named). */
  hideLabel?: boolean;
  className?: string;
}

/**
 * A select over one of the model's enums, with "Not set" first: every field can be cleared. A
 * value outside the offered options (a partnership relation on a theory-of-change map, say) is
 * still shown, so the select never claims a link is something it is not.
 */
export function ChoiceSelect<T extends string>({
  label,
  value,
  options,
  groups,
  labels,
  onChange,
  unsetLabel,
  required = false,
  hideLabel = false,
  className,
}: ChoiceSelectProps<T>) {
  const { t } = useTranslation('panels');
  const id = useId();
  const offered = new Set<string>(groups ? groups.flatMap((group) => group.options) : (options ?? []));
  const lookup = labels as Readonly<Record<string, string>>;
  const select = (
    <select
      id={id}
      className={`input ${className ?? ''}`}
      value={value ?? ''}
      aria-label={hideLabel ? label : undefined}
      onChange={(event) => {
        const next = event.target.value;
        onChange(next === '' ? null : (next as T));
      }}
    >
      {!required && <option value="">{unsetLabel ?? t('fields.notSet')}</option>}
      {value !== null && !offered.has(value) && <option value={value}>{lookup[value] ?? value}</option>}
      {groups
        ? groups.map((group) => (
            <optgroup key={group.label} label={group.label}>
              {group.options.map((option) => (
                <option key={option} value={option}>
                  {lookup[option]}
                </option>
              ))}
            </optgroup>
          ))
        : (options ?? []).map((option) => (
            <option key={option} value={option}>
              {lookup[option]}
            </option>
          ))}
    </select>
  );
  if (hideLabel) return select;
  return (
    <FieldRow label={label} htmlFor={id}>
      {select}
    </FieldRow>
  );
}
