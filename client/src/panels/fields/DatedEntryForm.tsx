import { useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_NOTE_LENGTH, localDate, parseDate } from '@loopmap/shared';
import './fields.css';

export interface DatedEntryFormProps {
  /** The button that opens the form, e.g. "Add a review". */
  title: string;
  /** The specific controls (a state, a value, a rating). */
  children: ReactNode;
  /** False while the specific controls are incomplete. */
  ready: boolean;
  /** Writes the entry; false when the document refused it (then the form says so and stays). */
  onSubmit: (entry: { date: string; note: string }) => boolean;
  /** Today, injectable for tests and for replays; the local calendar day by default. */
  today?: () => string;
  /** Stay open after Add, for a round of entries (a partner's six health ratings). */
  keepOpen?: boolean;
}

/**
 * The form that appends to a dated history, behind a disclosure button so the panel stays short:
 * a day (today by default), the entry's own controls, a note, and Add. After adding, the form
 * closes and focus returns to its button, the entry now showing in the history below; with
 * `keepOpen` it stays open with the note cleared, for the next entry of a round.
 */
export function DatedEntryForm({ title, children, ready, onSubmit, today, keepOpen = false }: DatedEntryFormProps) {
  const { t } = useTranslation('panels');
  const id = useId();
  const [open, setOpen] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const date = useRef<HTMLInputElement>(null);
  const note = useRef<HTMLInputElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  const day = (today ?? (() => localDate(new Date())))();

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const chosen = parseDate(date.current?.value ?? '');
    if (!chosen) {
      setProblem(t('entry.chooseDay'));
      date.current?.focus();
      return;
    }
    if (!ready) return;
    if (onSubmit({ date: chosen, note: note.current?.value.trim() ?? '' })) {
      setProblem(null);
      if (keepOpen) {
        if (note.current) note.current.value = '';
      } else {
        setOpen(false);
        toggle.current?.focus();
      }
    } else {
      setProblem(t('entry.refused'));
    }
  };

  return (
    <div className="entry-form">
      <button
        ref={toggle}
        type="button"
        className="button button--quiet entry-form__toggle"
        aria-expanded={open}
        aria-controls={`${id}-form`}
        onClick={() => setOpen(!open)}
      >
        <span aria-hidden="true">{open ? '−' : '+'}</span> {title}
      </button>
      {open && (
        <form id={`${id}-form`} className="entry-form__body" aria-label={title} onSubmit={submit}>
          <div className="field field-row">
            <label className="field__label" htmlFor={`${id}-date`}>
              {t('entry.date')}
            </label>
            <input ref={date} id={`${id}-date`} type="date" className="input" defaultValue={day} required />
          </div>
          {children}
          <div className="field field-row">
            <label className="field__label" htmlFor={`${id}-note`}>
              {t('entry.note')}
            </label>
            <input
              ref={note}
              id={`${id}-note`}
              className="input"
              maxLength={MAX_NOTE_LENGTH}
              placeholder={t('entry.optional')}
            />
          </div>
          {problem && (
            <p className="field__error" role="alert">
              {problem}
            </p>
          )}
          <div className="entry-form__actions">
            <button type="submit" className="button button--primary" disabled={!ready}>
              {t('entry.add')}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
