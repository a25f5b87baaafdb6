import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  MAP_EXPORT_FORMAT_INFO,
  pictureDateText,
  toMapJSON,
  type Language,
  type MapExportFormat,
  type MapJSON,
} from '@loopmap/shared';
import { currentLanguage, i18next } from '../../i18n/i18n.ts';
import { getSnapshot } from '../../api/historyApi.ts';
import { useMapPage } from '../../pages/MapPageContext.ts';
import { messageOf } from '../../api/errorText.ts';
import { fetchPreview, isAbort, mapExportUrl, picturePreviewUrl, type ExportChoices } from '../../api/exportsApi.ts';
import { DocumentOutline } from './DocumentOutline.tsx';

/** Lines of a text format the preview shows. */
export const TEXT_PREVIEW_LINES = 200;

type Fetched<T> = { status: 'loading' } | { status: 'ready'; value: T } | { status: 'failed'; message: string };

/** A file fetched for a preview, read by `read`; fetched again when the address changes. */
function useFetched<T>(url: string, read: (blob: Blob) => Promise<T>): Fetched<T> {
  const [state, setState] = useState<{ url: string; fetched: Fetched<T> } | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    fetchPreview(url, controller.signal)
      .then(read)
      .then(
        (value) => setState({ url, fetched: { status: 'ready', value } }),
        (error: unknown) => {
          if (isAbort(error)) return;
          const message = messageOf(error, i18next.t('exports:preview.failed'));
          setState({ url, fetched: { status: 'failed', message } });
        },
      );
    return () => controller.abort();
    // `read` is a module-level function per use: the address alone decides.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [url]);
  return state?.url === url ? state.fetched : { status: 'loading' };
}

const asText = (blob: Blob): Promise<string> => blob.text();

/** An object URL for a blob, revoked when the blob changes or the preview goes. */
function useObjectUrl(blob: Blob | null): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!blob) return;
    const next = URL.createObjectURL(blob);
    setUrl(next);
    return () => {
      URL.revokeObjectURL(next);
      setUrl(null);
    };
  }, [blob]);
  return url;
}

function PreviewMessage({ fetched, what }: { fetched: Fetched<unknown>; what: 'picture' | 'document' | 'file' }) {
  const { t } = useTranslation('exports');
  if (fetched.status === 'failed') {
    return (
      <p className="export-preview__message export-preview__message--error" role="alert">
        {t('preview.none', { message: fetched.message })}
      </p>
    );
  }
  return (
    <p className="export-preview__message muted" role="status">
      {t(`preview.making.${what}`)}
    </p>
  );
}

/** The page's proportions (width / height) a PDF's first page has. */
function pageRatio(choices: ExportChoices): number {
  const portrait = choices.page === 'letter' ? 8.5 / 11 : 210 / 297;
  return choices.orientation === 'portrait' ? portrait : 1 / portrait;
}

/** How the picture sits in the preview frame: its background, a slide's or a page's shape. */
function pictureFrame(format: MapExportFormat, choices: ExportChoices): { className: string; ratio: number | null } {
  if (format === 'png') {
    const background = `export-picture--${choices.background}`;
    return { className: background, ratio: choices.size === 'slide' ? 16 / 9 : null };
  }
  if (format === 'pdf') return { className: 'export-picture--page', ratio: pageRatio(choices) };
  return { className: 'export-picture--white', ratio: null };
}

/**
 * The picture as the export draws it, drawn here in the browser by the same renderer and fonts
 * as the server (client/src/export/renderInBrowser.ts): the live map as this browser has it, or
 * the snapshot as stored. Should the renderer fail to load (fonts unreachable), the server's own
 * SVG of the same version is shown instead.
 */
function usePicture(
  mapId: string,
  snapshotId: string | null,
  background: 'white' | 'transparent',
  language: Language,
  serverUrl: string,
): Fetched<Blob> {
  const { session } = useMapPage();
  const key = `${mapId}|${snapshotId ?? 'live'}|${background}|${language}`;
  const [state, setState] = useState<{ key: string; fetched: Fetched<Blob> } | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    const loaded = import('../../export/renderInBrowser.ts');
    const version = async (): Promise<{ map: MapJSON; label: string; at: string }> => {
      const t = await (await loaded).documentTranslator(language);
      if (!snapshotId) return { map: toMapJSON(session.doc), label: t('version.live'), at: new Date().toISOString() };
      const { snapshot, map } = await getSnapshot(mapId, snapshotId);
      return { map, label: snapshot.name || t('version.snapshot'), at: snapshot.takenAt };
    };
    const drawn = version().then(async ({ map, label, at }) => {
      const { renderMapInBrowser, documentTranslator } = await loaded;
      const t = await documentTranslator(language);
      const { svg } = await renderMapInBrowser(map, {
        t,
        versionLabel: label,
        dateText: pictureDateText(at, t),
        background,
      });
      return new Blob([svg], { type: 'image/svg+xml' });
    });
    drawn
      .catch(() => fetchPreview(serverUrl, controller.signal))
      .then(
        (blob) => setState({ key, fetched: { status: 'ready', value: blob } }),
        (error: unknown) => {
          if (isAbort(error)) return;
          const message = messageOf(error, i18next.t('exports:preview.failed'));
          setState({ key, fetched: { status: 'failed', message } });
        },
      );
    return () => controller.abort();
    // The map's content is read when the dialog opens or an option changes, not on every edit.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return state?.key === key ? state.fetched : { status: 'loading' };
}

/** Pictures and PDF: the picture of the same version, framed as the options would frame it. */
function PicturePreview({
  mapId,
  snapshotId,
  url,
  format,
  choices,
}: {
  mapId: string;
  snapshotId: string | null;
  url: string;
  format: MapExportFormat;
  choices: ExportChoices;
}) {
  const { t } = useTranslation('exports');
  const background = format === 'png' ? choices.background : 'white';
  const fetched = usePicture(mapId, snapshotId, background, choices.language ?? currentLanguage(), url);
  const src = useObjectUrl(fetched.status === 'ready' ? fetched.value : null);
  if (fetched.status !== 'ready' || !src) return <PreviewMessage fetched={fetched} what="picture" />;
  const frame = pictureFrame(format, choices);
  return (
    <figure className="export-preview__figure">
      <div
        className={`export-picture ${frame.className}${frame.ratio ? ' export-picture--framed' : ''}`}
        style={frame.ratio ? { aspectRatio: String(frame.ratio) } : undefined}
        data-testid="export-picture-preview"
      >
        <img className="export-picture__image" src={src} alt={t('preview.pictureAlt')} />
      </div>
      {format === 'pdf' && choices.layout === 'tile' && (
        <figcaption className="export-preview__caption">{t('preview.tiled')}</figcaption>
      )}
    </figure>
  );
}

/** Word and Excel: the document's outline, from its Markdown export of the same version. */
function DocumentPreview({ url, format }: { url: string; format: MapExportFormat }) {
  const { t } = useTranslation('exports');
  const fetched = useFetched(url, asText);
  if (fetched.status !== 'ready') return <PreviewMessage fetched={fetched} what="document" />;
  return (
    <div className="export-preview__document" data-testid="export-document-preview">
      {format === 'xlsx' && <p className="export-preview__caption">{t('preview.workbook')}</p>}
      <DocumentOutline source={fetched.value} />
    </div>
  );
}

/** The first lines of a text file. */
export function firstLines(text: string, count = TEXT_PREVIEW_LINES): { text: string; more: number } {
  const lines = text.split('\n');
  return { text: lines.slice(0, count).join('\n'), more: Math.max(0, lines.length - count) };
}

function TextPreview({ url }: { url: string }) {
  const { t } = useTranslation('exports');
  const fetched = useFetched(url, asText);
  if (fetched.status !== 'ready') return <PreviewMessage fetched={fetched} what="file" />;
  const { text, more } = firstLines(fetched.value);
  return (
    <>
      <pre className="export-preview__text" data-testid="export-text-preview" tabIndex={0}>
        {text}
      </pre>
      {more > 0 && (
        <p className="export-preview__caption">{t('preview.firstLines', { lines: TEXT_PREVIEW_LINES, count: more })}</p>
      )}
    </>
  );
}

export interface ExportPreviewProps {
  mapId: string;
  format: MapExportFormat;
  choices: ExportChoices;
  snapshotId: string | null;
}

/** What the chosen format will hold, before it is downloaded. */
export function ExportPreview({ mapId, format, choices, snapshotId }: ExportPreviewProps) {
  const kind = MAP_EXPORT_FORMAT_INFO[format].preview;
  if (kind === 'picture') {
    return (
      <PicturePreview
        mapId={mapId}
        snapshotId={snapshotId}
        url={picturePreviewUrl(mapId, format, choices, snapshotId)}
        format={format}
        choices={choices}
      />
    );
  }
  if (kind === 'document')
    return <DocumentPreview url={mapExportUrl(mapId, 'md', choices, snapshotId)} format={format} />;
  return <TextPreview url={mapExportUrl(mapId, format, choices, snapshotId)} />;
}
