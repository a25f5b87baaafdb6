import { useEffect, useLayoutEffect, useRef, type KeyboardEvent } from 'react';
import { MAX_LABEL_LENGTH } from '@loopmap/shared';

export interface LiveLabelFieldProps {
  /** The label as it is in the document now. */
  value: string;
  /** Called on every keystroke with the full new text (the operation applies a minimal diff). */
  onInput: (next: string) => void;
  /**
   * Closes the field; `refocus` is true when the user closed it with the keyboard (focus goes
   * back to the item). Without it the field stays open: Enter and Escape only leave it.
   */
  onClose?: (refocus: boolean) => void;
  /** Focus the field on mount, caret at the end (an editor just opened); default true. */
  autoFocus?: boolean;
  ariaLabel: string;
  multiline?: boolean;
  placeholder?: string;
  className?: string;
}

/** Where the caret should go when `before` became `after` by someone else's edit. */
export function shiftCaret(before: string, after: string, caret: number): number {
  let prefix = 0;
  const max = Math.min(before.length, after.length);
  while (prefix < max && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  if (caret <= prefix) return caret;
  return Math.max(prefix, Math.min(after.length, caret + after.length - before.length));
}

/**
 * A text field bound live to a label: what the user types is written as they type, and what
 * peers type shows up in the field without moving the caret from under the user. Uncontrolled,
 * so React never resets the caret on its own. Enter (without Shift) or Escape closes it.
 */
export function LiveLabelField({
  value,
  onInput,
  onClose,
  ariaLabel,
  multiline = false,
  placeholder,
  className,
  autoFocus = true,
}: LiveLabelFieldProps) {
  const ref = useRef<HTMLTextAreaElement & HTMLInputElement>(null);

  useEffect(() => {
    const field = ref.current;
    if (!field || !autoFocus) return;
    // A card that was just added stays hidden (visibility) until React Flow has measured it, and
    // a hidden element cannot take focus: try again for a few frames.
    let frame = 0;
    let tries = 0;
    const focus = (): void => {
      field.focus();
      // Caret at the end: a label is usually amended, not retyped.
      if (document.activeElement === field) field.setSelectionRange(field.value.length, field.value.length);
      else if (tries++ < 30) frame = requestAnimationFrame(focus);
    };
    focus();
    return () => cancelAnimationFrame(frame);
    // Only when the field opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useLayoutEffect(() => {
    const field = ref.current;
    if (!field || field.value === value) return;
    const before = field.value;
    const focused = document.activeElement === field;
    const start = shiftCaret(before, value, field.selectionStart ?? before.length);
    const end = shiftCaret(before, value, field.selectionEnd ?? before.length);
    field.value = value;
    if (focused) field.setSelectionRange(start, end);
  }, [value]);

  const onKeyDown = (event: KeyboardEvent): void => {
    event.stopPropagation(); // keep canvas shortcuts (undo, delete, arrows) out of the text
    if (event.key === 'Escape' || (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing)) {
      event.preventDefault();
      if (onClose) onClose(true);
      else if (event.key === 'Escape') ref.current?.blur();
    }
  };

  const common = {
    ref,
    defaultValue: value,
    'aria-label': ariaLabel,
    placeholder,
    maxLength: MAX_LABEL_LENGTH,
    className: `nodrag nopan nowheel ${className ?? ''}`,
    onInput: () => {
      if (ref.current) onInput(ref.current.value);
    },
    onKeyDown,
    onBlur: () => onClose?.(false),
  };
  return multiline ? <textarea rows={3} {...common} /> : <input type="text" {...common} />;
}
