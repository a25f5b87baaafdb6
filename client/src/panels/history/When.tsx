import { relativeTime } from '../../pages/relativeTime.ts';
import { formatDateTime } from './historyText.ts';

/**
 * A moment as "3 hours ago"; the exact date and time follow it (`exact`) or are given on hover
 * and to screen readers.
 */
export function When({ at, exact = false }: { at: string; exact?: boolean }) {
  const full = formatDateTime(at);
  return (
    <time dateTime={at} title={full}>
      {relativeTime(at)}
      {exact ? (
        <span className="history-when__exact"> · {full}</span>
      ) : (
        <span className="visually-hidden"> ({full})</span>
      )}
    </time>
  );
}
