import { useLayoutEffect, useRef, type RefObject } from 'react';
import { shiftCaret } from '../../canvas/LiveLabelField.tsx';

/**
 * Keeps an uncontrolled field showing `value` (the document's) when it changes, without moving
 * the caret from under the user (peers' edits land around it). Uncontrolled because the document
 * answers a frame later (the graph store notifies once per frame): a controlled field would be
 * reset to the old value between a keystroke and its echo, and lose the caret.
 */
export function useSyncedValue(
  ref: RefObject<HTMLInputElement | HTMLTextAreaElement | null>,
  value: string,
  keepCaret = true,
): void {
  useLayoutEffect(() => {
    const field = ref.current;
    if (!field || field.value === value) return;
    const before = field.value;
    const focused = document.activeElement === field;
    const start = shiftCaret(before, value, field.selectionStart ?? before.length);
    const end = shiftCaret(before, value, field.selectionEnd ?? before.length);
    field.value = value;
    if (focused && keepCaret) field.setSelectionRange(start, end);
  }, [ref, value, keepCaret]);
}

export interface LiveTextInputProps {
  /** The text as it is in the document now. */
  value: string;
  /** Every keystroke, with the whole new text. */
  onInput: (next: string) => void;
  maxLength: number;
  id?: string;
  /** Needed when no visible <label> points at `id`. */
  ariaLabel?: string;
  ariaDescribedBy?: string;
  invalid?: boolean;
  multiline?: boolean;
  rows?: number;
  type?: 'text' | 'url';
  placeholder?: string;
  className?: string;
  onBlur?: () => void;
}

/**
 * A text field written to the document as the user types: a short field (a unit, a source: plain
 * last-writer-wins strings) or, multiline, a collaborative text such as a narrative, where Enter
 * starts a new line (unlike a card title, where it leaves the field).
 */
export function LiveTextInput({
  value,
  onInput,
  maxLength,
  id,
  ariaLabel,
  ariaDescribedBy,
  invalid = false,
  multiline = false,
  rows = 3,
  type = 'text',
  placeholder,
  className,
  onBlur,
}: LiveTextInputProps) {
  const ref = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  useSyncedValue(ref, value);
  const common = {
    ref,
    id,
    defaultValue: value,
    maxLength,
    placeholder,
    'aria-label': ariaLabel,
    'aria-describedby': ariaDescribedBy,
    'aria-invalid': invalid || undefined,
    className: `input ${className ?? ''}`,
    onInput: () => {
      if (ref.current) onInput(ref.current.value);
    },
    onKeyDown: (event: { key: string; currentTarget: HTMLElement }) => {
      if (event.key === 'Escape') event.currentTarget.blur();
    },
    onBlur,
  };
  return multiline ? (
    <textarea rows={rows} {...common} />
  ) : (
    <input type={type === 'url' ? 'url' : 'text'} spellCheck={type !== 'url'} {...common} />
  );
}
