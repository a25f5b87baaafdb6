import { useId, useState, type FormEvent } from 'react';
import type { RevertBody, SnapshotView } from '@loopmap/shared';
import { messageOf } from '../../api/errorText.ts';
import { revertChanges } from '../../api/historyApi.ts';
import { useMapMembers } from '../../collab/useMapMembers.ts';
import { useMapPage } from '../../pages/MapPageContext.ts';
import { localInputToIso } from './historyText.ts';
import { useHistoryTranslate } from './useHistoryTranslate.ts';

export interface RevertFormProps {
  onReverted: (undo: SnapshotView, message: string) => void;
}

/**
 * Selective restore: "Undo the changes of [person] [from … to …]", leaving everyone else's
 * work. A person, a time range, or both; the server refuses neither.
 */
export function RevertForm({ onReverted }: RevertFormProps) {
  const { mapId, notice } = useMapPage();
  const t = useHistoryTranslate();
  const members = useMapMembers(mapId);
  const [author, setAuthor] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const id = useId();

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const body: RevertBody = {};
    if (author) body.author = author;
    if (from) {
      const iso = localInputToIso(from);
      if (!iso) return setError(t('revert.badStart'));
      body.from = iso;
    }
    if (to) {
      const iso = localInputToIso(to);
      if (!iso) return setError(t('revert.badEnd'));
      body.to = iso;
    }
    if (!body.author && !body.from) return setError(t('revert.chooseSomething'));
    if (body.from && body.to && Date.parse(body.to) < Date.parse(body.from)) {
      return setError(t('revert.endBeforeStart'));
    }
    setBusy(true);
    setError(null);
    try {
      const { undo, reverted } = await revertChanges(mapId, body);
      const who = members.find((m) => m.id === author)?.name;
      if (!undo) {
        notice(who ? t('revert.nothingBy', { who }) : t('revert.nothing'));
        return;
      }
      const touched = [
        reverted.cards > 0 ? t('revert.cards', { count: reverted.cards }) : null,
        reverted.links > 0 ? t('revert.links', { count: reverted.links }) : null,
      ].filter((part): part is string => part !== null);
      const what =
        touched.length === 2 ? t('change.listLast', { rest: touched[0], last: touched[1] }) : (touched[0] ?? null);
      const message = who
        ? what
          ? t('revert.undidByTo', { who, what })
          : t('revert.undidBy', { who })
        : what
          ? t('revert.undidTo', { what })
          : t('revert.undid');
      onReverted(undo, message);
    } catch (caught) {
      setError(messageOf(caught, t('revert.failed')));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="history-form revert-form" onSubmit={(event) => void submit(event)} aria-labelledby={`${id}-title`}>
      <p className="revert-form__lead" id={`${id}-title`}>
        {t('revert.lead')}
      </p>
      <div className="field">
        <label className="field__label" htmlFor={`${id}-author`}>
          {t('revert.person')}
        </label>
        <select id={`${id}-author`} className="input" value={author} onChange={(e) => setAuthor(e.target.value)}>
          <option value="">{t('revert.anyone')}</option>
          {members.map((member) => (
            <option key={member.id} value={member.id}>
              {member.name}
            </option>
          ))}
        </select>
      </div>
      <div className="revert-form__range">
        <div className="field">
          <label className="field__label" htmlFor={`${id}-from`}>
            {t('revert.from')}
          </label>
          <input
            id={`${id}-from`}
            className="input"
            type="datetime-local"
            value={from}
            onChange={(e) => setFrom(e.target.value)}
          />
        </div>
        <div className="field">
          <label className="field__label" htmlFor={`${id}-to`}>
            {t('revert.to')} <span className="muted">{t('revert.toHint')}</span>
          </label>
          <input
            id={`${id}-to`}
            className="input"
            type="datetime-local"
            value={to}
            onChange={(e) => setTo(e.target.value)}
          />
        </div>
      </div>
      {error && (
        <p className="history-error" role="alert">
          {error}
        </p>
      )}
      <div className="history-form__actions">
        <button type="submit" className="button button--small button--primary" disabled={busy}>
          {busy ? t('revert.undoing') : t('revert.submit')}
        </button>
      </div>
    </form>
  );
}
