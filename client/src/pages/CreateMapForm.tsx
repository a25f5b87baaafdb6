import { useState, type FormEvent } from 'react';
import { MAP_KINDS, MAP_KIND_LABELS, MAX_TITLE_LENGTH, type MapKind, type MapSummary } from '@loopmap/shared';
import { createMap } from '../api/mapsApi.ts';

/** Title and kind of a new map; calls onCreated with the server's summary. */
export function CreateMapForm({ onCreated }: { onCreated: (map: MapSummary) => void }) {
  const [title, setTitle] = useState('');
  const [kind, setKind] = useState<MapKind>('theory-of-change');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const map = await createMap({ title: title.trim() || 'Untitled map', kind });
      setTitle('');
      onCreated(map);
    } catch (err) {
      setError(err instanceof Error ? err.message : 'Could not create the map.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="create-form card-panel" onSubmit={submit} aria-labelledby="create-title">
      <h2 id="create-title" className="section-title">
        New map
      </h2>
      <div className="create-form__fields">
        <label className="field create-form__title">
          <span className="field__label">Map title</span>
          <input
            className="input"
            value={title}
            placeholder="e.g. Youth employment pathway 2026"
            maxLength={MAX_TITLE_LENGTH}
            onChange={(event) => setTitle(event.target.value)}
          />
        </label>
        <label className="field">
          <span className="field__label">Map kind</span>
          <select className="input" value={kind} onChange={(event) => setKind(event.target.value as MapKind)}>
            {MAP_KINDS.map((value) => (
              <option key={value} value={value}>
                {MAP_KIND_LABELS[value]}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? 'Creating…' : 'Create map'}
        </button>
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
