import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useModalDialog } from './useModalDialog.ts';

export interface ModalDialogProps {
  open: boolean;
  onClose: () => void;
  /** Added to `modal`, for the dialog's own layout. */
  className: string;
  title: ReactNode;
  subtitle?: ReactNode;
  /** Rendered only while the dialog is open, so it starts fresh each time. */
  children: ReactNode;
}

/**
 * The house's modal <dialog>: a titled header with a close button, Escape and a click on the
 * backdrop close it, focus returns where it was (useModalDialog). Its content mounts only while
 * it is open.
 */
export function ModalDialog({ open, onClose, className, title, subtitle, children }: ModalDialogProps) {
  const { t } = useTranslation('common');
  const dialog = useModalDialog(open);
  const titleId = useId();
  return (
    <dialog
      ref={dialog}
      className={`modal ${className}`}
      aria-labelledby={titleId}
      onClose={onClose}
      onClick={(event) => {
        // A click on the backdrop (the dialog element itself, outside its content) closes it.
        if (event.target === event.currentTarget) onClose();
      }}
    >
      <div className="modal__header">
        <div>
          <h2 id={titleId} className="modal__title">
            {title}
          </h2>
          {subtitle && <p className="modal__subtitle">{subtitle}</p>}
        </div>
        <button type="button" className="icon-button" aria-label={t('action.close')} onClick={onClose}>
          ×
        </button>
      </div>
      {open && children}
    </dialog>
  );
}
