import { useTranslation } from 'react-i18next';
import { TrashIcon } from '../app/icons.tsx';

export interface InspectorHeaderActionsProps {
  /** Deletes what the inspector shows; absent for read-only members. */
  onDelete?: () => void;
  deleteLabel: string;
  deleteTitle: string;
  /** Closes the inspector (clears the selection); absent when the page offers no way out. */
  onClose?: () => void;
}

/** The delete and close buttons at the end of both inspectors' headers. */
export function InspectorHeaderActions({ onDelete, deleteLabel, deleteTitle, onClose }: InspectorHeaderActionsProps) {
  const { t } = useTranslation('panels');
  return (
    <>
      {onDelete && (
        <button
          type="button"
          className="icon-button icon-button--danger"
          aria-label={deleteLabel}
          title={deleteTitle}
          onClick={onDelete}
        >
          <TrashIcon />
        </button>
      )}
      {onClose && (
        <button type="button" className="icon-button" aria-label={t('inspector.close')} onClick={onClose}>
          ×
        </button>
      )}
    </>
  );
}
