import { agoIn, momentIn } from './localDates.ts';
import { useHistoryTranslate } from './useHistoryTranslate.ts';

/**
 * A moment as "3 hours ago"; the exact date and time follow it (`exact`) or are given on hover
 * and to screen readers.
 */
export function When({ at, exact = false }: { at: string; exact?: boolean }) {
  // Subscribed so that a change of language redraws the dates too.
  useHistoryTranslate();
  const full = momentIn(at);
  return (
    <time dateTime={at} title={full}>
      {agoIn(at)}
      {exact ? (
        <span className="history-when__exact"> · {full}</span>
      ) : (
        <span className="visually-hidden"> ({full})</span>
      )}
    </time>
  );
}

/**
 * Under a history entry: when it happened, how many edits it stands for, and a way to open the
 * map as it was right after it.
 */
export function EntryMeta({
  seq,
  at,
  edits,
  onShowPoint,
}: {
  seq: number;
  at: string;
  edits: number;
  onShowPoint: (view: { mode: 'version'; point: string; label: string }) => void;
}) {
  const t = useHistoryTranslate();
  const moment = momentIn(at);
  return (
    <span className="history-item__meta">
      <When at={at} />
      {edits > 1 && <span>{t('when.edits', { count: edits })}</span>}
      <button
        type="button"
        className="link-button"
        onClick={() =>
          onShowPoint({ mode: 'version', point: String(seq), label: t('when.versionOf', { when: moment }) })
        }
      >
        {t('when.showPoint')}
        <span className="visually-hidden"> ({moment})</span>
      </button>
    </span>
  );
}
