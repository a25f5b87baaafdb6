import { useEffect, useRef, type RefObject } from 'react';

/**
 * A <dialog> shown as a modal while `open` holds: showModal() gives it the browser's focus trap,
 * Escape and inert page behind it, which an `open` attribute alone would not.
 */
export function useModalDialog(open: boolean): RefObject<HTMLDialogElement | null> {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    else if (!open && element.open) element.close();
  }, [open]);
  return dialog;
}
