import { useId, useRef, useState, type FormEvent } from 'react';
import { MAX_SNAPSHOT_NAME, MAX_SNAPSHOT_NOTE, can, type SnapshotView, type Translate } from '@loopmap/shared';
import { messageOf } from '../../api/errorText.ts';
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
import { expiryText, personName } from './historyText.ts';
import { useLoaded } from './useLoaded.ts';
import { When } from './When.tsx';
import { dayIn, momentIn } from './localDates.ts';
import { useHistoryTranslate } from './useHistoryTranslate.ts';

export interface SnapshotsSectionProps {
  /** A restore in place happened: offer to undo it with the snapshot taken just before. */
  onRestored: (undo: SnapshotView, message: string) => void;
  /** Changes whenever the list should be fetched again (after an undo elsewhere in the panel). */
  refresh: number;
}

/** Its name; an unnamed automatic one by its date (its reason is shown as a badge beside it). */
export function snapshotName(t: Translate, snapshot: SnapshotView): string {
  if (snapshot.name.trim()) return snapshot.name;
  return t('history:snapshots.automatic', { day: dayIn(snapshot.takenAt) });
}

const versionLabel = (t: Translate, snapshot: SnapshotView): string =>
  t('history:when.versionOf', { when: momentIn(snapshot.takenAt) });

type Pending = { kind: 'delete' | 'restore'; snapshot: SnapshotView } | null;

/**
 * The map's snapshots, newest first: open one, compare it (with now or with another), name and
 * annotate it, restore it (in place or as a copy) and delete it, as the role allows.
 */
export function SnapshotsSection({ onRestored, refresh }: SnapshotsSectionProps) {
  const { mapId, role, showVersion, notice } = useMapPage();
  const t = useHistoryTranslate();
  const nameOf = (snapshot: SnapshotView): string => snapshotName(t, snapshot);
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
      label: t('snapshots.compareLabel', { from: nameOf(from), to: nameOf(to) }),
    });
  };

  const copy = async (snapshot: SnapshotView): Promise<void> => {
    setBusy(true);
    setActionError(null);
    try {
      const map = await restoreAsCopy(mapId, snapshot.id);
      notice(t('snapshots.copyOpened', { title: map.title }));
      navigate(mapPath(map.id));
    } catch (error) {
      setActionError({ id: snapshot.id, message: messageOf(error, t('snapshots.copyFailed')) });
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
        notice(t('snapshots.deleted', { name: nameOf(snapshot) }));
      } else {
        const { undo } = await restoreInPlace(mapId, snapshot.id);
        onRestored(undo, t('snapshots.restored', { name: nameOf(snapshot) }));
        snapshots.reload();
      }
      setPending(null);
    } catch (error) {
      setActionError({ id: snapshot.id, message: messageOf(error, t('snapshots.failed')) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="history-section" aria-labelledby={headingId}>
      <div className="history-section__bar">
        <h3 className="panel-heading" id={headingId}>
          {t('snapshots.title')} {snapshots.data && <span className="panel-heading__count">{list.length}</span>}
        </h3>
        {canWrite && !taking && (
          <button type="button" className="button button--small" ref={takeButton} onClick={() => setTaking(true)}>
            {t('snapshots.take')}
          </button>
        )}
      </div>
      {taking && (
        <SnapshotForm
          submitLabel={t('snapshots.take')}
          onCancel={stopTaking}
          onSubmit={async (name, note) => {
            const snapshot = await takeSnapshot(mapId, { name, note });
            snapshots.setData((current) => [snapshot, ...(current ?? [])]);
            stopTaking();
            notice(t('snapshots.taken', { name: snapshot.name }));
          }}
        />
      )}
      {snapshots.error && (
        <p className="history-error" role="alert">
          {snapshots.error}{' '}
          <button type="button" className="link-button" onClick={snapshots.reload}>
            {t('snapshots.tryAgain')}
          </button>
        </p>
      )}
      {snapshots.loading && !snapshots.data && <p className="panel-empty">{t('snapshots.loading')}</p>}
      {snapshots.data && list.length === 0 && <p className="panel-empty">{t('snapshots.empty')}</p>}
      {chosen.length > 0 && (
        <div className="history-compare-bar" role="group" aria-label={t('snapshots.compareTwo')}>
          <span>{chosen.length === 1 ? t('snapshots.chooseOneMore') : t('snapshots.twoChosen')}</span>
          <button type="button" className="button button--small" disabled={chosen.length < 2} onClick={compareChosen}>
            {t('snapshots.compare')}
          </button>
          <button type="button" className="button button--small button--quiet" onClick={() => setSelected([])}>
            {t('snapshots.clear')}
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
                submitLabel={t('snapshots.save')}
                hint={snapshot.expiresAt ? t('snapshots.namingKeeps') : undefined}
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
                aria-label={t('snapshots.openNamed', { name: nameOf(snapshot) })}
                onClick={() => showVersion({ mode: 'version', point: snapshot.id, label: versionLabel(t, snapshot) })}
              >
                {t('snapshots.open')}
              </button>
              <button
                type="button"
                className="button button--small"
                aria-label={t('snapshots.compareNamed', { name: nameOf(snapshot) })}
                onClick={() =>
                  showVersion({
                    mode: 'compare',
                    from: snapshot.id,
                    to: 'now',
                    label: t('snapshots.withNowLabel', { name: nameOf(snapshot) }),
                  })
                }
              >
                {t('snapshots.compareWithNow')}
              </button>
              <label className="history-check">
                <input
                  type="checkbox"
                  checked={selected.includes(snapshot.id)}
                  onChange={() => toggleSelected(snapshot.id)}
                />
                <span>
                  {t('snapshots.pick')}
                  <span className="visually-hidden">: {nameOf(snapshot)}</span>
                </span>
              </label>
              {canWrite && editing !== snapshot.id && (
                <button
                  type="button"
                  className="button button--small button--quiet"
                  aria-label={t(snapshot.name.trim() ? 'snapshots.renameNamed' : 'snapshots.nameNamed', {
                    name: nameOf(snapshot),
                  })}
                  onClick={() => setEditing(snapshot.id)}
                >
                  {snapshot.name.trim() ? t('snapshots.rename') : t('snapshots.name')}
                </button>
              )}
              {canRestore && (
                <>
                  <button
                    type="button"
                    className="button button--small button--quiet"
                    disabled={busy}
                    aria-label={t('snapshots.restoreNamed', { name: nameOf(snapshot) })}
                    onClick={() => {
                      setActionError(null);
                      setPending({ kind: 'restore', snapshot });
                    }}
                  >
                    {t('snapshots.restore')}…
                  </button>
                  <button
                    type="button"
                    className="button button--small button--quiet"
                    disabled={busy}
                    aria-label={t('snapshots.restoreCopyNamed', { name: nameOf(snapshot) })}
                    onClick={() => void copy(snapshot)}
                  >
                    {t('snapshots.restoreAsCopy')}
                  </button>
                </>
              )}
              {canDelete && (
                <button
                  type="button"
                  className="button button--small button--quiet button--danger-text"
                  disabled={busy}
                  aria-label={t('snapshots.deleteNamed', { name: nameOf(snapshot) })}
                  onClick={() => {
                    setActionError(null);
                    setPending({ kind: 'delete', snapshot });
                  }}
                >
                  {t('snapshots.delete')}
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
        title={pending?.kind === 'delete' ? t('snapshots.deleteTitle') : t('snapshots.restoreTitle')}
        confirmLabel={pending?.kind === 'delete' ? t('snapshots.deleteConfirm') : t('snapshots.restoreConfirm')}
        danger={pending?.kind === 'delete'}
        busy={busy}
        error={pending && actionError?.id === pending.snapshot.id ? actionError.message : null}
        onCancel={() => setPending(null)}
        onConfirm={() => void confirm()}
      >
        {pending?.kind === 'delete' ? (
          <p>{t('snapshots.deleteBody', { name: nameOf(pending.snapshot) })}</p>
        ) : pending ? (
          <>
            <p>
              {t('snapshots.restoreBody', {
                name: nameOf(pending.snapshot),
                when: momentIn(pending.snapshot.takenAt),
              })}
            </p>
            <p>{t('snapshots.restoreExplain')}</p>
          </>
        ) : null}
      </ConfirmDialog>
    </section>
  );
}

function SnapshotSummary({ snapshot }: { snapshot: SnapshotView }) {
  const t = useHistoryTranslate();
  const expiry = expiryText(t, snapshot.expiresAt, Date.now());
  return (
    <div className="snapshot-item__summary">
      <p className="history-item__title">
        <span>{snapshotName(t, snapshot)}</span>
        {snapshot.reason && <span className="history-badge">{t(`snapshots.reason.${snapshot.reason}`)}</span>}
      </p>
      <p className="history-item__meta">
        <span>
          {snapshot.createdBy ? `${personName(t, snapshot.createdBy)}, ` : ''}
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
  const t = useHistoryTranslate();
  const [name, setName] = useState(initialName);
  const [note, setNote] = useState(initialNote);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();
  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (!name.trim()) {
      setError(t('snapshots.nameFirst'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await onSubmit(name.trim(), note);
    } catch (caught) {
      setError(messageOf(caught, t('snapshots.saveFailed')));
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
          {t('snapshots.nameLabel')}
        </label>
        <input
          id={`${id}-name`}
          className="input"
          value={name}
          maxLength={MAX_SNAPSHOT_NAME}
          placeholder={t('snapshots.namePlaceholder')}
          autoFocus
          onChange={(event) => setName(event.target.value)}
        />
      </div>
      <div className="field">
        <label className="field__label" htmlFor={`${id}-note`}>
          {t('snapshots.noteLabel')}
        </label>
        <textarea
          id={`${id}-note`}
          className="input"
          rows={2}
          value={note}
          maxLength={MAX_SNAPSHOT_NOTE}
          placeholder={t('snapshots.notePlaceholder')}
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
          {t('common:action.cancel')}
        </button>
        <button type="submit" className="button button--small button--primary" disabled={busy}>
          {submitLabel}
        </button>
      </div>
    </form>
  );
}
