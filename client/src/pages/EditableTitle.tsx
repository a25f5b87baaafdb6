import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../api/errorText.ts';
import './editableTitle.css';
import { MAX_TITLE_LENGTH } from '@loopmap/shared';

export interface EditableTitleProps {
  title: string;
  /** Saves the new title; rejects with a readable error to keep the field open. */
  onSave: (title: string) => Promise<void>;
  /** Accessible name of the text field and of the button that opens it. */
  label: string;
  className?: string;
  /** Start in editing mode (e.g. the Rename button was pressed). */
  startEditing?: boolean;
  onDone?: () => void;
}

/**
 * A title shown as text that becomes a field on click (or Enter): Enter or leaving the field
 * saves, Escape cancels. Keeps the field open with the error if saving fails.
 */
export function EditableTitle({ title, onSave, label, className, startEditing = false, onDone }: EditableTitleProps) {
  const { t } = useTranslation('maps');
  const [editing, setEditing] = useState(startEditing);
  const [draft, setDraft] = useState(title);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const restoreFocus = useRef(false);

  useEffect(() => {
    if (editing) input.current?.select();
    else if (restoreFocus.current) {
      restoreFocus.current = false;
      button.current?.focus();
    }
  }, [editing]);

  const open = (): void => {
    setDraft(title);
    setError(null);
    setEditing(true);
  };
  const close = (refocus: boolean): void => {
    restoreFocus.current = refocus;
    setEditing(false);
    setError(null);
    onDone?.();
  };
  const save = async (refocus: boolean): Promise<void> => {
    const next = draft.trim();
    if (!next || next === title) {
      close(refocus);
      return;
    }
    setSaving(true);
    try {
      await onSave(next);
      close(refocus);
    } catch (err) {
      setError(errorText(err, t, t('rename.failed')));
    } finally {
      setSaving(false);
    }
  };

  if (!editing) {
    return (
      <button
        ref={button}
        type="button"
        className={`title-button ${className ?? ''}`}
        onClick={open}
        title={t('rename.title')}
      >
        <span className="visually-hidden">{t('rename.fieldPrefix', { label })}</span>
        {title}
      </button>
    );
  }
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key === 'Escape') {
      event.preventDefault();
      close(true);
    }
  };
  const onSubmit = (event: FormEvent): void => {
    event.preventDefault();
    void save(true);
  };
  return (
    <form className={`title-form ${className ?? ''}`} onSubmit={onSubmit}>
      <input
        ref={input}
        className="input title-form__input"
        aria-label={label}
        aria-invalid={error ? true : undefined}
        value={draft}
        maxLength={MAX_TITLE_LENGTH}
        disabled={saving}
        autoFocus
        onChange={(event) => setDraft(event.target.value)}
        onKeyDown={onKeyDown}
        onBlur={() => {
          if (!saving) void save(false);
        }}
      />
      {error && (
        <span className="title-form__error" role="alert">
          {error}
        </span>
      )}
    </form>
  );
}
