import { ModalDialog } from '../../app/ModalDialog.tsx';
import { useEffect, useId, useMemo, useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_IMPORT_BYTES, MAX_TITLE_LENGTH, type ImportPreview } from '@loopmap/shared';
import {
  IMPORT_ACCEPT,
  formatBytes,
  importFilesProblem,
  importMap,
  isAbort,
  previewImport,
} from '../../api/exportsApi.ts';
import { VersionCanvas } from '../../canvas/VersionCanvas.tsx';
import { VersionFlowStore } from '../../canvas/VersionFlowStore.ts';
import { metaOf } from '../VersionBar.tsx';
import { importErrorMessage, problemPlace, reportSummary } from './importText.ts';
import './importDialog.css';

type Stage =
  | { status: 'choosing' }
  | { status: 'reading' }
  | { status: 'preview'; preview: ImportPreview }
  | { status: 'creating'; preview: ImportPreview };

/** The map that would be created, on a small read-only canvas. */
function PreviewCanvas({ preview }: { preview: ImportPreview['preview'] }) {
  const { t } = useTranslation('maps');
  const store = useMemo(() => new VersionFlowStore(), []);
  useEffect(() => store.show(preview), [store, preview]);
  return (
    <div className="import-preview__canvas" data-testid="import-preview-canvas">
      <VersionCanvas
        store={store}
        meta={metaOf(preview.meta)}
        showHealth={false}
        fitKey={preview.meta.title + preview.nodes.length}
        label={t('import.canvasLabel')}
        minimap={false}
      />
    </div>
  );
}

/** Every row that could not be read, so the user sees them before creating the map. */
function ProblemsTable({ problems }: { problems: ImportPreview['report']['problems'] }) {
  const { t } = useTranslation('maps');
  if (problems.length === 0) return <p className="import-preview__clean">{t('import.clean')}</p>;
  return (
    <div className="import-problems">
      <table className="import-problems__table" data-testid="import-problems">
        <caption>{t('import.problems', { count: problems.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('import.column.sheet')}</th>
            <th scope="col">{t('import.column.row')}</th>
            <th scope="col">{t('import.column.column')}</th>
            <th scope="col">{t('import.column.why')}</th>
          </tr>
        </thead>
        <tbody>
          {problems.map((problem, index) => {
            const place = problemPlace(problem, t);
            return (
              <tr key={index}>
                <td>{problem.sheet}</td>
                <td>{place.row}</td>
                <td>{place.column}</td>
                <td>{problem.reason}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export interface ImportMapDialogProps {
  open: boolean;
  onClose: () => void;
  /** The map was created: open it. */
  onImported: (mapId: string) => void;
}

/**
 * "Import a map": a Loopmap JSON file, an Excel workbook, or CSV files (Kumu's elements and
 * connections) chosen or dropped; the server reads them without creating anything first, and the
 * dialog shows what would be created (counts, the map on a small canvas, every row it could not
 * read); "Create map" then makes it. A modal <dialog>: Escape closes it.
 */
export function ImportMapDialog({ open, onClose, onImported }: ImportMapDialogProps) {
  const { t } = useTranslation('maps');
  return (
    <ModalDialog
      open={open}
      onClose={onClose}
      className="import-dialog"
      title={t('import.title')}
      subtitle={t('import.subtitle')}
    >
      <ImportBody onImported={onImported} />
    </ModalDialog>
  );
}

function ImportBody({ onImported }: { onImported: (mapId: string) => void }) {
  const { t } = useTranslation('maps');
  const [files, setFiles] = useState<File[]>([]);
  const [stage, setStage] = useState<Stage>({ status: 'choosing' });
  const [error, setError] = useState<string | null>(null);
  const [title, setTitle] = useState('');
  const [dragging, setDragging] = useState(false);
  const reading = useRef<AbortController | null>(null);
  const inputId = useId();
  const hintId = useId();

  useEffect(() => () => reading.current?.abort(), []);

  const choose = (chosen: File[]): void => {
    reading.current?.abort();
    setFiles(chosen);
    setError(null);
    const problem = importFilesProblem(chosen, t);
    if (problem) {
      setStage({ status: 'choosing' });
      setError(problem);
      return;
    }
    const controller = new AbortController();
    reading.current = controller;
    setStage({ status: 'reading' });
    previewImport(chosen, controller.signal).then(
      (preview) => {
        if (reading.current !== controller) return;
        setTitle(preview.preview.meta.title);
        setStage({ status: 'preview', preview });
      },
      (caught: unknown) => {
        if (isAbort(caught) || reading.current !== controller) return;
        setStage({ status: 'choosing' });
        setError(importErrorMessage(caught, t));
      },
    );
  };

  const create = async (preview: ImportPreview): Promise<void> => {
    setStage({ status: 'creating', preview });
    setError(null);
    try {
      const result = await importMap(files, title);
      onImported(result.map.id);
    } catch (caught) {
      setStage({ status: 'preview', preview });
      setError(importErrorMessage(caught, t));
    }
  };

  const onDrop = (event: DragEvent): void => {
    event.preventDefault();
    setDragging(false);
    choose([...event.dataTransfer.files]);
  };

  const preview = stage.status === 'preview' || stage.status === 'creating' ? stage.preview : null;
  return (
    <>
      <div className="modal__body import-dialog__body">
        <div
          className={`import-drop${dragging ? ' import-drop--over' : ''}`}
          onDragOver={(event) => {
            event.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
        >
          <input
            id={inputId}
            className="visually-hidden import-drop__input"
            type="file"
            multiple
            accept={IMPORT_ACCEPT}
            aria-describedby={hintId}
            onChange={(event) => choose([...(event.target.files ?? [])])}
          />
          <label htmlFor={inputId} className="button import-drop__button">
            {files.length > 0 ? t('import.chooseOther') : t('import.choose')}
          </label>
          <p id={hintId} className="import-drop__hint">
            {t('import.dropHint', { size: formatBytes(MAX_IMPORT_BYTES) })}
          </p>
          {files.length > 0 && (
            <ul className="import-drop__files" aria-label={t('import.chosen')}>
              {files.map((file) => (
                <li key={file.name}>
                  {file.name} <span className="muted">({formatBytes(file.size)})</span>
                </li>
              ))}
            </ul>
          )}
        </div>
        {stage.status === 'reading' && (
          <p className="muted" role="status">
            {t('import.reading')}
          </p>
        )}
        {error && (
          <p className="auth-error" role="alert">
            {error}
          </p>
        )}
        {preview && (
          <section className="import-preview" aria-label={t('import.previewLabel')}>
            <p className="import-preview__summary" role="status" data-testid="import-summary">
              {reportSummary(preview.report, files.length, t)}
            </p>
            <ProblemsTable problems={preview.report.problems} />
            <PreviewCanvas preview={preview.preview} />
            <label className="field">
              <span className="field__label">{t('import.newTitle')}</span>
              <input
                className="input"
                value={title}
                maxLength={MAX_TITLE_LENGTH}
                onChange={(event) => setTitle(event.target.value)}
              />
            </label>
          </section>
        )}
      </div>
      {preview && (
        <div className="import-dialog__footer">
          <button
            type="button"
            className="button button--primary"
            disabled={stage.status === 'creating' || preview.report.cards === 0}
            onClick={() => void create(preview)}
          >
            {stage.status === 'creating' ? t('create.busy') : t('create.submit')}
          </button>
        </div>
      )}
    </>
  );
}
