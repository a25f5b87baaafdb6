import { useEffect, useRef, type RefObject } from 'react';

/**
 * A <dialog> shown as a modal while `open` holds: showModal() gives it the browser's focus trap,
 * Escape and inert page behind it, which an `open` attribute alone would not.
 *
 * Focus goes back where it was when the dialog closes. The browser does that itself when the
 * dialog closes while the element that had focus is still there; when the dialog is closed by
 * its owner (open turns false) or unmounted, and focus was left on nothing, it is put back here.
 */
export function useModalDialog(open: boolean): RefObject<HTMLDialogElement | null> {
  const dialog = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) {
      opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      element.showModal();
    } else if (!open && element.open) element.close();
    if (!open) restoreFocus(opener);
  }, [open]);
  useEffect(() => () => restoreFocus(opener), []);
  return dialog;
}

function restoreFocus(opener: { current: HTMLElement | null }): void {
  const target = opener.current;
  opener.current = null;
  const lost = !document.activeElement || document.activeElement === document.body;
  if (target?.isConnected && lost) target.focus();
}
