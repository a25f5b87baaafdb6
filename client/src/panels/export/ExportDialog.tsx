import { ModalDialog } from '../../app/ModalDialog.tsx';
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CSV_TABLES,
  LANGUAGES,
  LANGUAGE_NAMES,
  PDF_LAYOUTS,
  PDF_ORIENTATIONS,
  PDF_PAGE_SIZES,
  PNG_BACKGROUNDS,
  PNG_SCALES,
  PNG_SIZES,
  directionOf,
  downloadFileName,
  isLanguage,
  type MapExportFormat,
} from '@loopmap/shared';
import { currentLanguage } from '../../i18n/i18n.ts';
import { DEFAULT_EXPORT_CHOICES, mapExportUrl, type ExportChoices } from '../../api/exportsApi.ts';
import { DownloadIcon } from '../../app/icons.tsx';
import { DownloadStatus } from './DownloadStatus.tsx';
import { ExportPreview } from './ExportPreview.tsx';
import { useDownload } from './useDownload.ts';
import './exportDialog.css';

/** The formats as the menu groups them: what people make of the map. */
const FORMAT_GROUPS: readonly { group: 'pictures' | 'documents' | 'data'; formats: readonly MapExportFormat[] }[] = [
  { group: 'pictures', formats: ['svg', 'png', 'pdf'] },
  { group: 'documents', formats: ['docx', 'xlsx'] },
  { group: 'data', formats: ['csv', 'md', 'json', 'opml', 'mermaid'] },
];

/** Formats with no words of their own to put in a language (the JSON is the map's own data). */
const WORDLESS_FORMATS: readonly MapExportFormat[] = ['json'];

/** A file's extension when the server names none (it always should). */
const EXTENSIONS: Record<MapExportFormat, string> = {
  svg: 'svg',
  png: 'png',
  pdf: 'pdf',
  docx: 'docx',
  xlsx: 'xlsx',
  csv: 'csv',
  md: 'md',
  json: 'loopmap.json',
  opml: 'opml',
  mermaid: 'mmd',
};

/** The choices a format's options offer, each one's words at `exports:dialog.option.<name>.<value>`. */
type ChoiceName = 'scale' | 'background' | 'size' | 'page' | 'orientation' | 'layout' | 'table';

interface ChoiceGroupProps<K extends ChoiceName> {
  name: K;
  legend: string;
  values: readonly ExportChoices[K][];
  choices: ExportChoices;
  onChange: (choices: ExportChoices) => void;
}

/** Where an option's words are in the catalogue. */
const optionKey = (name: ChoiceName, value: string): string => `dialog.option.${name}.${value}`;

/** One option of a format as a group of radio buttons (a fieldset with its legend). */
function ChoiceGroup<K extends ChoiceName>({ name, legend, values, choices, onChange }: ChoiceGroupProps<K>) {
  const { t } = useTranslation('exports');
  const groupName = useId();
  return (
    <fieldset className="export-choice">
      <legend className="field__label">{legend}</legend>
      <div className="export-choice__options">
        {values.map((value) => (
          <label key={value} className="export-choice__option">
            <input
              type="radio"
              name={groupName}
              value={value}
              checked={choices[name] === value}
              onChange={() => onChange({ ...choices, [name]: value })}
            />
            <span>{name === 'scale' ? `${value}×` : t(optionKey(name, value))}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** The options of the chosen format; most formats have none. */
function FormatOptions({
  format,
  choices,
  onChange,
}: {
  format: MapExportFormat;
  choices: ExportChoices;
  onChange: (choices: ExportChoices) => void;
}) {
  const { t } = useTranslation('exports');
  const group = <K extends ChoiceName>(name: K, legend: string, values: readonly ExportChoices[K][]): ReactNode => (
    <ChoiceGroup name={name} legend={legend} values={values} choices={choices} onChange={onChange} />
  );
  switch (format) {
    case 'png':
      return (
        <>
          {group('scale', t('dialog.legend.scale'), PNG_SCALES)}
          {group('background', t('dialog.legend.background'), PNG_BACKGROUNDS)}
          {group('size', t('dialog.legend.size'), PNG_SIZES)}
        </>
      );
    case 'pdf':
      return (
        <>
          {group('page', t('dialog.legend.page'), PDF_PAGE_SIZES)}
          {group('orientation', t('dialog.legend.orientation'), PDF_ORIENTATIONS)}
          {group('layout', t('dialog.legend.layout'), PDF_LAYOUTS)}
        </>
      );
    case 'csv':
      return (
        <>
          {group('table', t('dialog.legend.table'), CSV_TABLES)}
          <p className="export-options__note">{t('dialog.kumuNote')}</p>
        </>
      );
    case 'docx':
      return (
        <label className="export-choice__check">
          <input
            type="checkbox"
            checked={choices.comments}
            onChange={(event) => onChange({ ...choices, comments: event.target.checked })}
          />
          <span>{t('dialog.comments')}</span>
        </label>
      );
    default:
      return null;
  }
}

/** The version an export is of: the live map, or a snapshot being viewed. */
export interface ExportVersion {
  snapshotId: string;
  /** "Version of 12 March 2026, 10:04". */
  label: string;
}

export interface ExportDialogProps {
  open: boolean;
  onClose: () => void;
  mapId: string;
  mapTitle: string;
  version?: ExportVersion | null;
}

/**
 * The Export menu: every format the map leaves in, grouped by what it is for, the chosen
 * format's options, a preview (the picture, the document's outline or the file's first lines),
 * and a download with progress and a cancel. A modal <dialog>: Escape closes it.
 */
export function ExportDialog({ open, onClose, mapId, mapTitle, version = null }: ExportDialogProps) {
  const { t } = useTranslation('exports');
  return (
    <ModalDialog
      open={open}
      onClose={onClose}
      className="export-dialog"
      title={t('dialog.title', { title: mapTitle })}
      subtitle={version ? t('dialog.snapshot', { label: version.label }) : t('dialog.live')}
    >
      <ExportDialogBody mapId={mapId} mapTitle={mapTitle} snapshotId={version?.snapshotId ?? null} />
    </ModalDialog>
  );
}

function ExportDialogBody({
  mapId,
  mapTitle,
  snapshotId,
}: {
  mapId: string;
  mapTitle: string;
  snapshotId: string | null;
}) {
  const { t } = useTranslation('exports');
  const [format, setFormat] = useState<MapExportFormat>('pdf');
  // The file's words are in the interface's language unless another is chosen here.
  const [choices, setChoices] = useState<ExportChoices>(() => ({
    ...DEFAULT_EXPORT_CHOICES,
    language: currentLanguage(),
  }));
  const languageId = useId();
  const download = useDownload();
  const formatName = useId();
  const formats = useRef<HTMLFieldSetElement>(null);
  // The dialog opens on the format chosen (after showModal, which focuses the first control).
  useEffect(() => {
    const frame = requestAnimationFrame(() =>
      formats.current?.querySelector<HTMLInputElement>('input[type="radio"]:checked')?.focus(),
    );
    return () => cancelAnimationFrame(frame);
  }, []);
  const busy = download.state.status === 'busy';
  const formatLabel = t(`format.${format}.label`);

  const choose = (next: MapExportFormat): void => {
    setFormat(next);
    download.reset();
  };
  const extension = format === 'csv' ? `${choices.table}.csv` : EXTENSIONS[format];
  const start = (): void =>
    download.start(mapExportUrl(mapId, format, choices, snapshotId), downloadFileName(mapTitle, extension));

  return (
    <>
      <div className="modal__body export-dialog__body">
        <fieldset className="export-formats" ref={formats}>
          <legend className="visually-hidden">{t('dialog.format')}</legend>
          {FORMAT_GROUPS.map((group) => (
            <fieldset key={group.group} className="export-formats__group">
              <legend className="export-formats__legend">{t(`dialog.group.${group.group}`)}</legend>
              {group.formats.map((value) => (
                <label key={value} className="export-format" data-format={value}>
                  <input
                    type="radio"
                    name={formatName}
                    value={value}
                    checked={format === value}
                    onChange={() => choose(value)}
                    aria-labelledby={`${formatName}-${value}`}
                    aria-describedby={`${formatName}-${value}-hint`}
                  />
                  <span className="export-format__text">
                    <span id={`${formatName}-${value}`} className="export-format__label">
                      {t(`format.${value}.label`)}
                    </span>
                    <span id={`${formatName}-${value}-hint`} className="export-format__hint">
                      {t(`format.${value}.hint`)}
                    </span>
                  </span>
                </label>
              ))}
            </fieldset>
          ))}
        </fieldset>
        <div className="export-dialog__side">
          <div className="export-options">
            {!WORDLESS_FORMATS.includes(format) && (
              <div className="export-choice export-language">
                <label className="field__label" htmlFor={languageId}>
                  {t('dialog.language')}
                </label>
                <select
                  id={languageId}
                  className="export-language__select"
                  value={choices.language ?? currentLanguage()}
                  onChange={(event) => {
                    const language = event.target.value;
                    if (isLanguage(language)) setChoices({ ...choices, language });
                  }}
                >
                  {LANGUAGES.map((language) => (
                    <option key={language} value={language} lang={language} dir={directionOf(language)}>
                      {LANGUAGE_NAMES[language]}
                    </option>
                  ))}
                </select>
              </div>
            )}
            <FormatOptions format={format} choices={choices} onChange={setChoices} />
          </div>
          <section className="export-preview" aria-label={t('dialog.preview', { format: formatLabel })}>
            <ExportPreview mapId={mapId} format={format} choices={choices} snapshotId={snapshotId} />
          </section>
        </div>
      </div>
      <div className="export-dialog__footer">
        <div className="export-dialog__status">
          <DownloadStatus state={download.state} onCancel={download.cancel} />
        </div>
        <button type="button" className="button button--primary" disabled={busy} onClick={start}>
          <DownloadIcon size={16} />
          {t('dialog.download', { format: formatLabel })}
        </button>
      </div>
    </>
  );
}
