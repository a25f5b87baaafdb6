import { useId, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { RAG_STATUSES, type RagStatus } from '@loopmap/shared';
import { labelsOf, ragLabel, ragMeaning } from '../../i18n/domainText.ts';
import { RagMark } from './RagMark.tsx';
import './fields.css';

export interface SegmentedControlProps<T extends string> {
  label: string;
  options: readonly T[];
  labels: Readonly<Record<T, string>>;
  value: T | null;
  onChange: (next: T | null) => void;
  /** When given, a first segment that clears the value. */
  unsetLabel?: string;
  /** Something drawn before each option's words (a status mark). */
  decorate?: (option: T | null) => ReactNode;
  /** A longer description of each option, for its tooltip. */
  describe?: (option: T) => string;
  hideLabel?: boolean;
}

/**
 * A radio group drawn as joined buttons. One tab stop (the checked option); the arrow keys move
 * and choose, Home and End go to the ends, as the ARIA radio group pattern says.
 */
export function SegmentedControl<T extends string>({
  label,
  options,
  labels,
  value,
  onChange,
  unsetLabel,
  decorate,
  describe,
  hideLabel = false,
}: SegmentedControlProps<T>) {
  const labelId = useId();
  const group = useRef<HTMLDivElement>(null);
  const choices: (T | null)[] = unsetLabel === undefined ? [...options] : [null, ...options];
  const checkedIndex = Math.max(0, choices.indexOf(value));

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const index = choices.indexOf(value);
    const last = choices.length - 1;
    // In a right-to-left page the next choice is to the left (WAI-ARIA radio group).
    const rtl = getComputedStyle(event.currentTarget).direction === 'rtl';
    const forward = rtl ? 'ArrowLeft' : 'ArrowRight';
    const backward = rtl ? 'ArrowRight' : 'ArrowLeft';
    let next: number;
    if (event.key === forward || event.key === 'ArrowDown') next = index < 0 || index === last ? 0 : index + 1;
    else if (event.key === backward || event.key === 'ArrowUp') next = index <= 0 ? last : index - 1;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = last;
    else return;
    event.preventDefault();
    event.stopPropagation();
    onChange(choices[next] ?? null);
    group.current?.querySelectorAll<HTMLElement>('[role="radio"]')[next]?.focus();
  };

  return (
    <div className="field field-row">
      <span className={hideLabel ? 'visually-hidden' : 'field__label'} id={labelId}>
        {label}
      </span>
      <div ref={group} className="segmented" role="radiogroup" aria-labelledby={labelId} onKeyDown={onKeyDown}>
        {choices.map((choice, index) => {
          const checked = choice === value;
          return (
            <button
              key={choice ?? ''}
              type="button"
              role="radio"
              aria-checked={checked}
              tabIndex={index === checkedIndex ? 0 : -1}
              className={`segmented__option${checked ? ' segmented__option--checked' : ''}`}
              title={choice !== null && describe ? describe(choice) : undefined}
              onClick={() => onChange(choice)}
            >
              {decorate?.(choice)}
              <span>{choice === null ? unsetLabel : labels[choice]}</span>
            </button>
          );
        })}
      </div>
    </div>
  );
}

export interface RagStatusControlProps {
  label?: string;
  value: RagStatus | null;
  onChange: (next: RagStatus | null) => void;
  /** Offer "Not set" (a card's status); a health rating must be one of the three. */
  allowUnset?: boolean;
  hideLabel?: boolean;
}

/** Red / amber / green as a radio group, each with its mark and its meaning as a tooltip. */
export function RagStatusControl({ label, value, onChange, allowUnset = true, hideLabel }: RagStatusControlProps) {
  const { t } = useTranslation('panels');
  return (
    <SegmentedControl
      label={label ?? t('fields.status')}
      options={RAG_STATUSES}
      labels={labelsOf(RAG_STATUSES, ragLabel, t)}
      value={value}
      onChange={onChange}
      unsetLabel={allowUnset ? t('fields.notSet') : undefined}
      decorate={(option) => (option === null ? null : <RagMark status={option} />)}
      describe={(option) => `${ragLabel(option, t)}: ${ragMeaning(option, t)}`}
      hideLabel={hideLabel}
    />
  );
}
