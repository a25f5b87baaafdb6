import { useId } from 'react';
import './fields.css';

export interface ChipTogglesProps<T extends string> {
  label: string;
  options: readonly T[];
  /** The words on each chip. */
  labels: Readonly<Record<T, string>>;
  /** The full name of each option (its accessible name and tooltip); it must contain the chip's words. */
  names?: Readonly<Record<T, string>>;
  value: readonly T[];
  onToggle: (option: T, on: boolean) => void;
}

/** A set of on/off chips (the five capabilities): toggle buttons in a named group. */
export function ChipToggles<T extends string>({ label, options, labels, names, value, onToggle }: ChipTogglesProps<T>) {
  const labelId = useId();
  const on = new Set<string>(value);
  return (
    <div className="field field-row">
      <span className="field__label" id={labelId}>
        {label}
      </span>
      <div className="chips" role="group" aria-labelledby={labelId}>
        {options.map((option) => {
          const pressed = on.has(option);
          return (
            <button
              key={option}
              type="button"
              className={`chip chip--toggle${pressed ? ' chip--on' : ''}`}
              aria-pressed={pressed}
              aria-label={names?.[option]}
              title={names?.[option]}
              onClick={() => onToggle(option, !pressed)}
            >
              <span className="chip__check" aria-hidden="true">
                {pressed ? '✓' : '+'}
              </span>
              {labels[option]}
            </button>
          );
        })}
      </div>
    </div>
  );
}
