import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { EntryBase } from '@loopmap/shared';
import { TrashIcon } from '../../app/icons.tsx';
import { entryByline, newestFirst } from './entryHistory.ts';
import './fields.css';

export interface HistoryListProps<T extends EntryBase> {
  label: string;
  /** In any order; shown newest first. */
  entries: readonly T[];
  /** What the entry says (its state, value or rating), before its date and author. */
  render: (entry: T) => ReactNode;
  /** The accessible name of the entry's remove button. */
  removeLabel: (entry: T) => string;
  /** Absent for read-only members. */
  onRemove?: (entry: T) => void;
  /** Said when there are no entries; nothing when absent (the section already says so). */
  empty?: string;
}

/**
 * A dated history, newest first: what each entry says, when and by whom, its note, and a remove
 * button (entries are never edited: a mistaken one is removed and entered again).
 */
export function HistoryList<T extends EntryBase>({
  label,
  entries,
  render,
  removeLabel,
  onRemove,
  empty,
}: HistoryListProps<T>) {
  const { t } = useTranslation('panels');
  if (entries.length === 0) return empty ? <p className="history__empty">{empty}</p> : null;
  return (
    <ul className="history" aria-label={label}>
      {newestFirst(entries).map((entry) => (
        <li key={entry.id} className="history__entry">
          <div className="history__main">
            <span className="history__what">{render(entry)}</span>
            <span className="history__byline">{entryByline(entry)}</span>
            {entry.note && <p className="history__note">{entry.note}</p>}
          </div>
          {onRemove && (
            <button
              type="button"
              className="icon-button icon-button--danger"
              aria-label={removeLabel(entry)}
              title={t('history.remove')}
              onClick={() => onRemove(entry)}
            >
              <TrashIcon />
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}
