import { ModalDialog } from '../../app/ModalDialog.tsx';
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import {
  CSV_TABLES,
  MAP_EXPORT_FORMAT_INFO,
  PDF_LAYOUTS,
  PDF_ORIENTATIONS,
  PDF_PAGE_SIZES,
  PNG_BACKGROUNDS,
  PNG_SCALES,
  PNG_SIZES,
  downloadFileName,
  type MapExportFormat,
} from '@loopmap/shared';
import { DEFAULT_EXPORT_CHOICES, mapExportUrl, type ExportChoices } from '../../api/exportsApi.ts';
import { DownloadIcon } from '../../app/icons.tsx';
import { DownloadStatus } from './DownloadStatus.tsx';
import { ExportPreview } from './ExportPreview.tsx';
import { useDownload } from './useDownload.ts';
import './exportDialog.css';

/** The formats as the menu groups them: what people make of the map. */
const FORMAT_GROUPS: readonly { label: string; formats: readonly MapExportFormat[] }[] = [
  { label: 'Pictures', formats: ['svg', 'png', 'pdf'] },
  { label: 'Documents', formats: ['docx', 'xlsx'] },
  { label: 'Data', formats: ['csv', 'md', 'json', 'opml', 'mermaid'] },
];

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

const OPTION_LABELS = {
  scale: { '1': '1×', '2': '2×', '3': '3×' },
  background: { white: 'White', transparent: 'Transparent' },
  size: { map: 'The map’s own shape', slide: 'A 16:9 slide' },
  page: { a4: 'A4', letter: 'US Letter' },
  orientation: { landscape: 'Landscape', portrait: 'Portrait' },
  layout: { fit: 'Fit on one page', tile: 'Tile across pages' },
  table: { elements: 'Elements (the cards)', connections: 'Connections (the links)' },
} as const;

type ChoiceName = keyof typeof OPTION_LABELS;

interface ChoiceGroupProps<K extends ChoiceName> {
  name: K;
  legend: string;
  values: readonly ExportChoices[K][];
  choices: ExportChoices;
  onChange: (choices: ExportChoices) => void;
}

/** One option of a format as a group of radio buttons (a fieldset with its legend). */
function ChoiceGroup<K extends ChoiceName>({ name, legend, values, choices, onChange }: ChoiceGroupProps<K>) {
  const groupName = useId();
  const labels = OPTION_LABELS[name] as Record<string, string>;
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
            <span>{labels[value]}</span>
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
  const group = <K extends ChoiceName>(name: K, legend: string, values: readonly ExportChoices[K][]): ReactNode => (
    <ChoiceGroup name={name} legend={legend} values={values} choices={choices} onChange={onChange} />
  );
  switch (format) {
    case 'png':
      return (
        <>
          {group('scale', 'Scale', PNG_SCALES)}
          {group('background', 'Background', PNG_BACKGROUNDS)}
          {group('size', 'Size', PNG_SIZES)}
        </>
      );
    case 'pdf':
      return (
        <>
          {group('page', 'Paper', PDF_PAGE_SIZES)}
          {group('orientation', 'Orientation', PDF_ORIENTATIONS)}
          {group('layout', 'The map', PDF_LAYOUTS)}
        </>
      );
    case 'csv':
      return (
        <>
          {group('table', 'File', CSV_TABLES)}
          <p className="export-options__note">Kumu imports two files: download the elements, then the connections.</p>
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
          <span>Include the open comments as an appendix</span>
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
  return (
    <ModalDialog
      open={open}
      onClose={onClose}
      className="export-dialog"
      title={`Export “${mapTitle}”`}
      subtitle={version ? `${version.label} (a snapshot)` : 'The live map, as it is now'}
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
  const [format, setFormat] = useState<MapExportFormat>('pdf');
  const [choices, setChoices] = useState<ExportChoices>(DEFAULT_EXPORT_CHOICES);
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
  const info = MAP_EXPORT_FORMAT_INFO[format];

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
          <legend className="visually-hidden">Format</legend>
          {FORMAT_GROUPS.map((group) => (
            <fieldset key={group.label} className="export-formats__group">
              <legend className="export-formats__legend">{group.label}</legend>
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
                      {MAP_EXPORT_FORMAT_INFO[value].label}
                    </span>
                    <span id={`${formatName}-${value}-hint`} className="export-format__hint">
                      {MAP_EXPORT_FORMAT_INFO[value].hint}
                    </span>
                  </span>
                </label>
              ))}
            </fieldset>
          ))}
        </fieldset>
        <div className="export-dialog__side">
          <div className="export-options">
            <FormatOptions format={format} choices={choices} onChange={setChoices} />
          </div>
          <section className="export-preview" aria-label={`Preview: ${info.label}`}>
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
          Download {info.label}
        </button>
      </div>
    </>
  );
}
