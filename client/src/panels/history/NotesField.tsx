import { useEffect, useId, useRef, useState, useSyncExternalStore } from 'react';
import { MAX_REVIEW_TEXT } from '@loopmap/shared';
import { DebouncedSaver, type SaveState } from './reviewModel.ts';
import { useHistoryTranslate } from './useHistoryTranslate.ts';

/** The saving state in words (`notes.state.<state>`); idle says nothing. */
const stateKey = (state: Exclude<SaveState, 'idle'>): string => `notes.state.${state}`;

const browserTimers = {
  set: (run: () => void, ms: number) => window.setTimeout(run, ms),
  clear: (handle: unknown) => window.clearTimeout(handle as number),
};

export interface NotesFieldProps {
  label: string;
  value: string;
  /** Absent: read-only. */
  onSave?: (value: string) => Promise<void>;
  placeholder?: string;
}

/** A review's notes for one loop: saved a moment after typing pauses, with the saving state shown. */
export function NotesField({ label, value, onSave, placeholder }: NotesFieldProps) {
  const id = useId();
  const t = useHistoryTranslate();
  const [text, setText] = useState(value);
  const save = useRef(onSave);
  save.current = onSave;
  const [saver] = useState(
    () => new DebouncedSaver((next) => save.current?.(next) ?? Promise.resolve(), browserTimers, Date.now),
  );
  const state = useSyncExternalStore(saver.subscribe, saver.getState, saver.getState);
  // Whatever is typed is saved even when the panel closes before the pause.
  useEffect(
    () => () => {
      void saver.flush();
      saver.dispose();
    },
    [saver],
  );

  if (!onSave) {
    return (
      <div className="review-notes">
        <p className="field__label">{label}</p>
        {value.trim() ? (
          <p className="history-item__note">{value}</p>
        ) : (
          <p className="panel-empty">{t('notes.none')}</p>
        )}
      </div>
    );
  }
  return (
    <div className="field review-notes">
      <div className="review-notes__bar">
        <label className="field__label" htmlFor={id}>
          {label}
        </label>
        <span className="review-notes__state" role="status" data-state={state}>
          {state === 'idle'
            ? ''
            : state === 'failed' && saver.getError()
              ? t('notes.failedBecause', { reason: saver.getError() })
              : t(stateKey(state))}
        </span>
      </div>
      <textarea
        id={id}
        className="input"
        rows={3}
        value={text}
        maxLength={MAX_REVIEW_TEXT}
        placeholder={placeholder}
        onChange={(event) => {
          setText(event.target.value);
          saver.change(event.target.value);
        }}
        onBlur={() => void saver.flush()}
      />
    </div>
  );
}
