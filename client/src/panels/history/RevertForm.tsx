import { useId, useState, type FormEvent } from 'react';
import type { RevertBody, SnapshotView } from '@loopmap/shared';
import { messageOf } from '../../api/ApiError.ts';
import { revertChanges } from '../../api/historyApi.ts';
import { useMapMembers } from '../../collab/useMapMembers.ts';
import { useMapPage } from '../../pages/MapPageContext.ts';
import { localInputToIso } from './historyText.ts';

export interface RevertFormProps {
  onReverted: (undo: SnapshotView, message: string) => void;
}

/**
 * Selective restore: "Undo the changes of [person] [from … to …]", leaving everyone else's
 * work. A person, a time range, or both; the server refuses neither.
 */
export function RevertForm({ onReverted }: RevertFormProps) {
  const { mapId, notice } = useMapPage();
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
      if (!iso) return setError('The start is not a date and time.');
      body.from = iso;
    }
    if (to) {
      const iso = localInputToIso(to);
      if (!iso) return setError('The end is not a date and time.');
      body.to = iso;
    }
    if (!body.author && !body.from) return setError('Choose a person, a start time, or both.');
    if (body.from && body.to && Date.parse(body.to) < Date.parse(body.from)) {
      return setError('The end comes before the start.');
    }
    setBusy(true);
    setError(null);
    try {
      const { undo, reverted } = await revertChanges(mapId, body);
      const who = members.find((m) => m.id === author)?.name;
      if (!undo) {
        notice(`Nothing to undo: ${who ? `${who} made no changes` : 'no changes were made'} in that time.`);
        return;
      }
      const plural = (n: number, one: string): string => `${n} ${one}${n === 1 ? '' : 's'}`;
      const touched = [
        reverted.cards > 0 ? plural(reverted.cards, 'card') : null,
        reverted.links > 0 ? plural(reverted.links, 'link') : null,
      ].filter(Boolean);
      const what = touched.length > 0 ? ` to ${touched.join(' and ')}` : '';
      onReverted(undo, `Undid ${who ? `${who}’s changes` : 'the changes'}${what}.`);
    } catch (caught) {
      setError(messageOf(caught, 'Could not undo those changes.'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="history-form revert-form" onSubmit={(event) => void submit(event)} aria-labelledby={`${id}-title`}>
      <p className="revert-form__lead" id={`${id}-title`}>
        Undo the changes of one person, of a time range, or both. Everyone else’s work stays.
      </p>
      <div className="field">
        <label className="field__label" htmlFor={`${id}-author`}>
          Person
        </label>
        <select id={`${id}-author`} className="input" value={author} onChange={(e) => setAuthor(e.target.value)}>
          <option value="">Anyone</option>
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
            From
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
            To <span className="muted">(empty: until now)</span>
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
          {busy ? 'Undoing…' : 'Undo these changes'}
        </button>
      </div>
    </form>
  );
}
