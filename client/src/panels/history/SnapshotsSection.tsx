import { useId, useRef, useState, type FormEvent } from 'react';
import { MAX_SNAPSHOT_NAME, MAX_SNAPSHOT_NOTE, can, type SnapshotView } from '@loopmap/shared';
import { messageOf } from '../../api/ApiError.ts';
import {
  deleteSnapshot,
  listSnapshots,
  restoreAsCopy,
  restoreInPlace,
  takeSnapshot,
  updateSnapshot,
} from '../../api/historyApi.ts';
import { navigate } from '../../app/history.ts';
import { mapPath } from '../../app/routes.ts';
import { useMapPage } from '../../pages/MapPageContext.ts';
import { ConfirmDialog } from './ConfirmDialog.tsx';
import { SNAPSHOT_REASON_LABELS, expiryText, personName } from './historyText.ts';
import { useLoaded } from './useLoaded.ts';
import { When } from './When.tsx';
import { dayText, momentText } from '../../app/dates.ts';

export interface SnapshotsSectionProps {
  /** A restore in place happened: offer to undo it with the snapshot taken just before. */
  onRestored: (undo: SnapshotView, message: string) => void;
  /** Changes whenever the list should be fetched again (after an undo elsewhere in the panel). */
  refresh: number;
}

/** Its name; an unnamed automatic one by its date (its reason is shown as a badge beside it). */
export function snapshotName(snapshot: SnapshotView): string {
  if (snapshot.name.trim()) return snapshot.name;
  return `Automatic snapshot of ${dayText(snapshot.takenAt)}`;
}

export const versionLabel = (snapshot: SnapshotView): string => `Version of ${momentText(snapshot.takenAt)}`;

type Pending = { kind: 'delete' | 'restore'; snapshot: SnapshotView } | null;

/**
 * The map's snapshots, newest first: open one, compare it (with now or with another), name and
 * annotate it, restore it (in place or as a copy) and delete it, as the role allows.
 */
export function SnapshotsSection({ onRestored, refresh }: SnapshotsSectionProps) {
  const { mapId, role, showVersion, notice } = useMapPage();
  const snapshots = useLoaded(mapId, () => listSnapshots(mapId), refresh);
  const [taking, setTaking] = useState(false);
  const takeButton = useRef<HTMLButtonElement>(null);
  // The form goes away with the focus in it: give the focus back to the button that opened it.
  const stopTaking = (): void => {
    setTaking(false);
    requestAnimationFrame(() => takeButton.current?.focus());
  };
  const [selected, setSelected] = useState<string[]>([]);
  const [editing, setEditing] = useState<string | null>(null);
  const [pending, setPending] = useState<Pending>(null);
  const [busy, setBusy] = useState(false);
  const [actionError, setActionError] = useState<{ id: string; message: string } | null>(null);
  const headingId = useId();

  const canWrite = can(role, 'snapshots.write');
  const canDelete = can(role, 'snapshots.delete');
  const canRestore = can(role, 'history.restore');
  const list = snapshots.data ?? [];

  const toggleSelected = (id: string): void =>
    setSelected((current) => (current.includes(id) ? current.filter((x) => x !== id) : [...current, id].slice(-2)));
  const chosen = list.filter((s) => selected.includes(s.id)).sort((a, b) => a.seq - b.seq);
  const compareChosen = (): void => {
    const [from, to] = chosen;
    if (!from || !to) return;
    showVersion({
      mode: 'compare',
      from: from.id,
      to: to.id,
      label: `${snapshotName(from)} → ${snapshotName(to)}`,
    });
  };

  const copy = async (snapshot: SnapshotView): Promise<void> => {
    setBusy(true);
    setActionError(null);
    try {
      const map = await restoreAsCopy(mapId, snapshot.id);
      notice(`Opened the copy “${map.title}”.`);
      navigate(mapPath(map.id));
    } catch (error) {
      setActionError({ id: snapshot.id, message: messageOf(error, 'Could not make the copy.') });
    } finally {
      setBusy(false);
    }
  };

  const confirm = async (): Promise<void> => {
    if (!pending) return;
    setBusy(true);
    setActionError(null);
    const { kind, snapshot } = pending;
    try {
      if (kind === 'delete') {
        await deleteSnapshot(mapId, snapshot.id);
        snapshots.setData((current) => current?.filter((s) => s.id !== snapshot.id) ?? null);
        setSelected((current) => current.filter((id) => id !== snapshot.id));
        notice(`Snapshot “${snapshotName(snapshot)}” deleted.`);
      } else {
        const { undo } = await restoreInPlace(mapId, snapshot.id);
        onRestored(undo, `Restored “${snapshotName(snapshot)}”.`);
        snapshots.reload();
      }
      setPending(null);
    } catch (error) {
      setActionError({ id: snapshot.id, message: messageOf(error, 'That did not work.') });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="history-section" aria-labelledby={headingId}>
      <div className="history-section__bar">
        <h3 className="panel-heading" id={headingId}>
          Snapshots {snapshots.data && <span className="panel-heading__count">{list.length}</span>}
        </h3>
        {canWrite && !taking && (
          <button type="button" className="button button--small" ref={takeButton} onClick={() => setTaking(true)}>
            Take snapshot
          </button>
        )}
      </div>
      {taking && (
        <SnapshotForm
          submitLabel="Take snapshot"
          onCancel={stopTaking}
          onSubmit={async (name, note) => {
            const snapshot = await takeSnapshot(mapId, { name, note });
            snapshots.setData((current) => [snapshot, ...(current ?? [])]);
            stopTaking();
            notice(`Snapshot “${snapshot.name}” taken.`);
          }}
        />
      )}
      {snapshots.error && (
        <p className="history-error" role="alert">
          {snapshots.error}{' '}
          <button type="button" className="link-button" onClick={snapshots.reload}>
            Try again
          </button>
        </p>
      )}
      {snapshots.loading && !snapshots.data && <p className="panel-empty">Loading snapshots…</p>}
      {snapshots.data && list.length === 0 && (
        <p className="panel-empty">
          No snapshots yet. One is taken after each live session, every day the map changes, and by hand.
        </p>
      )}
      {chosen.length > 0 && (
        <div className="history-compare-bar" role="group" aria-label="Compare two snapshots">
          <span>{chosen.length === 1 ? 'Choose one more snapshot to compare' : 'Two snapshots chosen'}</span>
          <button type="button" className="button button--small" disabled={chosen.length < 2} onClick={compareChosen}>
            Compare
          </button>
          <button type="button" className="button button--small button--quiet" onClick={() => setSelected([])}>
            Clear
          </button>
        </div>
      )}
      <ul className="history-list">
        {list.map((snapshot) => (
          <li key={snapshot.id} className="history-item snapshot-item">
            {editing === snapshot.id ? (
              <SnapshotForm
                initialName={snapshot.name}
                initialNote={snapshot.note}
                submitLabel="Save"
                hint={snapshot.expiresAt ? 'Naming it keeps it for good.' : undefined}
                onCancel={() => setEditing(null)}
                onSubmit={async (name, note) => {
                  const next = await updateSnapshot(mapId, snapshot.id, { name, note });
                  snapshots.setData((current) => current?.map((s) => (s.id === next.id ? next : s)) ?? null);
                  setEditing(null);
                }}
              />
            ) : (
              <SnapshotSummary snapshot={snapshot} />
            )}
            <div className="history-item__actions">
              <button
                type="button"
                className="button button--small"
                onClick={() => showVersion({ mode: 'version', point: snapshot.id, label: versionLabel(snapshot) })}
              >
                <span>
                  Open<span className="visually-hidden"> {snapshotName(snapshot)}</span>
                </span>
              </button>
              <button
                type="button"
                className="button button--small"
                onClick={() =>
                  showVersion({
                    mode: 'compare',
                    from: snapshot.id,
                    to: 'now',
                    label: `${snapshotName(snapshot)} → now`,
                  })
                }
              >
                <span>
                  Compare<span className="visually-hidden"> {snapshotName(snapshot)}</span> with now
                </span>
              </button>
              <label className="history-check">
                <input
                  type="checkbox"
                  checked={selected.includes(snapshot.id)}
                  onChange={() => toggleSelected(snapshot.id)}
                />
                <span>
                  Pick to compare<span className="visually-hidden">: {snapshotName(snapshot)}</span>
                </span>
              </label>
              {canWrite && editing !== snapshot.id && (
                <button
                  type="button"
                  className="button button--small button--quiet"
                  onClick={() => setEditing(snapshot.id)}
                >
                  <span>
                    {snapshot.name.trim() ? 'Rename' : 'Name'}
                    <span className="visually-hidden"> {snapshotName(snapshot)}</span>
                  </span>
                </button>
              )}
              {canRestore && (
                <>
                  <button
                    type="button"
                    className="button button--small button--quiet"
                    disabled={busy}
                    onClick={() => {
                      setActionError(null);
                      setPending({ kind: 'restore', snapshot });
                    }}
                  >
                    <span>
                      Restore<span className="visually-hidden"> {snapshotName(snapshot)}</span>…
                    </span>
                  </button>
                  <button
                    type="button"
                    className="button button--small button--quiet"
                    disabled={busy}
                    onClick={() => void copy(snapshot)}
                  >
                    <span>
                      Restore<span className="visually-hidden"> {snapshotName(snapshot)}</span> as a copy
                    </span>
                  </button>
                </>
              )}
              {canDelete && (
                <button
                  type="button"
                  className="button button--small button--quiet button--danger-text"
                  disabled={busy}
                  onClick={() => {
                    setActionError(null);
                    setPending({ kind: 'delete', snapshot });
                  }}
                >
                  <span>
                    Delete<span className="visually-hidden"> {snapshotName(snapshot)}</span>
                  </span>
                </button>
              )}
            </div>
            {actionError?.id === snapshot.id && !pending && (
              <p className="history-error" role="alert">
                {actionError.message}
              </p>
            )}
          </li>
        ))}
      </ul>
      <ConfirmDialog
        open={pending !== null}
        title={pending?.kind === 'delete' ? 'Delete this snapshot?' : 'Restore this version?'}
        confirmLabel={pending?.kind === 'delete' ? 'Delete snapshot' : 'Restore for everyone'}
        danger={pending?.kind === 'delete'}
        busy={busy}
        error={pending && actionError?.id === pending.snapshot.id ? actionError.message : null}
        onCancel={() => setPending(null)}
        onConfirm={() => void confirm()}
      >
        {pending?.kind === 'delete' ? (
          <p>
            “{snapshotName(pending.snapshot)}” will be gone for everyone. The map itself and its history of changes stay
            as they are.
          </p>
        ) : pending ? (
          <>
            <p>
              The map goes back to “{snapshotName(pending.snapshot)}” ({momentText(pending.snapshot.takenAt)}).
            </p>
            <p>
              This is one new change that everyone on the map sees live. Nothing is erased: a snapshot of the map as it
              is now is taken first, and you can undo the restore right after.
            </p>
          </>
        ) : null}
      </ConfirmDialog>
    </section>
  );
}

function SnapshotSummary({ snapshot }: { snapshot: SnapshotView }) {
  const expiry = expiryText(snapshot.expiresAt, Date.now());
  return (
    <div className="snapshot-item__summary">
      <p className="history-item__title">
        <span>{snapshotName(snapshot)}</span>
        {snapshot.reason && <span className="history-badge">{SNAPSHOT_REASON_LABELS[snapshot.reason]}</span>}
      </p>
      <p className="history-item__meta">
        <span>
          {snapshot.createdBy ? `${personName(snapshot.createdBy)}, ` : ''}
          <When at={snapshot.takenAt} exact />
        </span>
      </p>
      {snapshot.note && <p className="history-item__note">{snapshot.note}</p>}
      {expiry && <p className="history-item__expiry">{expiry}</p>}
    </div>
  );
}

interface SnapshotFormProps {
  initialName?: string;
  initialNote?: string;
  submitLabel: string;
  hint?: string;
  onSubmit: (name: string, note: string) => Promise<void>;
  onCancel: () => void;
}

/** Name and note of a snapshot: taking one, or renaming and annotating it in place. */
function SnapshotForm({
  initialName = '',
  initialNote = '',
  submitLabel,
  hint,
  onSubmit,
  onCancel,
}: SnapshotFormProps) {
  const [name, setName] = useState(initialName);
  const [note, setNote] = useState(initialNote);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();
  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (!name.trim()) {
      setError('Give the snapshot a name.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await onSubmit(name.trim(), note);
    } catch (caught) {
      setError(messageOf(caught, 'Could not save the snapshot.'));
      setBusy(false);
    }
  };
  return (
    <form
      className="history-form"
      onSubmit={(event) => void submit(event)}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onCancel();
      }}
    >
      <div className="field">
        <label className="field__label" htmlFor={`${id}-name`}>
          Name
        </label>
        <input
          id={`${id}-name`}
          className="input"
          value={name}
          maxLength={MAX_SNAPSHOT_NAME}
          placeholder="e.g. Agreed at the March workshop"
          autoFocus
          onChange={(event) => setName(event.target.value)}
        />
      </div>
      <div className="field">
        <label className="field__label" htmlFor={`${id}-note`}>
          Note
        </label>
        <textarea
          id={`${id}-note`}
          className="input"
          rows={2}
          value={note}
          maxLength={MAX_SNAPSHOT_NOTE}
          placeholder="Who agreed it, what it is for"
          onChange={(event) => setNote(event.target.value)}
        />
      </div>
      {hint && <p className="field__hint">{hint}</p>}
      {error && (
        <p className="history-error" role="alert">
          {error}
        </p>
      )}
      <div className="history-form__actions">
        <button type="button" className="button button--small button--quiet" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button button--small button--primary" disabled={busy}>
          {submitLabel}
        </button>
      </div>
    </form>
  );
}
