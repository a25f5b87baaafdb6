import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { contentDisposition, type ImportPreview } from '@loopmap/shared';
import exportsEnglish from '../../shared/src/i18n/locales/en/exports.json';
import { i18next } from '../src/i18n/i18n.ts';
import { ApiError } from '../src/api/ApiError.ts';
import { downloadFile, importMap, isAbort, previewImport, type DownloadProgress } from '../src/api/exportsApi.ts';
import { progressText } from '../src/panels/export/DownloadStatus.tsx';

afterEach(() => vi.unstubAllGlobals());

// The interface's words in English, from the catalogue (the browser loads the same file).
beforeAll(async () => {
  await i18next.init({
    resources: { en: { exports: exportsEnglish } },
    lng: 'en',
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
  });
});

const t = i18next.getFixedT('en', 'exports');

/** A body that arrives in these chunks (or breaks off after them). */
function streamOf(chunks: string[], breakOff = false): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      if (breakOff) controller.error(new TypeError('network error'));
      else controller.close();
    },
  });
}

function serve(response: () => Response): ReturnType<typeof vi.fn> {
  const fetch = vi.fn(async () => response());
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

describe('downloadFile', () => {
  it('reports preparing, then the bytes against Content-Length, and names the file as the server did', async () => {
    const name = 'تمكين الشباب – report 🌱.docx';
    serve(
      () =>
        new Response(streamOf(['PK', '\u0003\u0004', 'rest']), {
          headers: {
            'content-type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
            'content-length': '8',
            'content-disposition': contentDisposition(name),
          },
        }),
    );
    const progress: DownloadProgress[] = [];
    const file = await downloadFile('/api/maps/m/export?format=docx', {
      fallbackName: 'map.docx',
      onProgress: (p) => progress.push(p),
    });
    expect(file.fileName).toBe(name);
    expect(await file.blob.text()).toBe('PK\u0003\u0004rest');
    expect(file.blob.type).toMatch(/wordprocessingml/);
    expect(progress).toEqual([
      { phase: 'preparing' },
      { phase: 'downloading', received: 0, total: 8 },
      { phase: 'downloading', received: 2, total: 8 },
      { phase: 'downloading', received: 4, total: 8 },
      { phase: 'downloading', received: 8, total: 8 },
    ]);
  });

  it('counts bytes without a total when the size is unknown, and falls back to the given name', async () => {
    serve(() => new Response(streamOf(['a,b\n', '1,2\n'])));
    const progress: DownloadProgress[] = [];
    const file = await downloadFile('/x', { fallbackName: 'map.csv', onProgress: (p) => progress.push(p) });
    expect(file.fileName).toBe('map.csv');
    expect(progress.at(-1)).toEqual({ phase: 'downloading', received: 8, total: null });
  });

  it('fails with the server’s message in words', async () => {
    serve(() =>
      Response.json(
        { error: { code: 'bad_request', message: 'page must be one of a4, letter (got "a3")' } },
        { status: 400 },
      ),
    );
    const error = await downloadFile('/x', { fallbackName: 'x.pdf' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, message: 'Page must be one of a4, letter (got "a3").' });
  });

  it('says so when the body breaks off, or the server cannot be reached', async () => {
    serve(() => new Response(streamOf(['%PDF-'], true)));
    await expect(downloadFile('/x', { fallbackName: 'x.pdf' })).rejects.toMatchObject({
      code: 'network',
      message: 'The download broke off. Check your connection and try again.',
    });
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))),
    );
    await expect(downloadFile('/x', { fallbackName: 'x.pdf' })).rejects.toMatchObject({ code: 'network' });
  });

  it('rejects with the AbortError when cancelled while the server prepares', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(
        (_url: string, init: RequestInit) =>
          new Promise((_resolve, reject) =>
            init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))),
          ),
      ),
    );
    const controller = new AbortController();
    const download = downloadFile('/x', { fallbackName: 'x.pdf', signal: controller.signal });
    controller.abort();
    const error = await download.catch((e: unknown) => e);
    expect(isAbort(error)).toBe(true);
  });
});

describe('import', () => {
  const file = (name: string, text: string) => new File([text], name, { type: 'text/csv' });
  const preview: ImportPreview = {
    preview: {
      format: 'loopmap.map',
      schemaVersion: 2,
      meta: { title: 'Kumu map', kind: 'theory-of-change' },
      nodes: [],
      edges: [],
    },
    report: { source: { format: 'csv', layout: 'kumu' }, cards: 0, links: 0, skippedRows: 0, problems: [] },
  } as unknown as ImportPreview;

  it('sends a dry run of both CSV files as multipart `file` fields', async () => {
    const fetch = serve(() => Response.json(preview));
    await expect(
      previewImport([file('elements.csv', 'Label\nA'), file('connections.csv', 'From,To')]),
    ).resolves.toEqual(preview);
    const [url, init] = fetch.mock.calls[0] as [string, RequestInit];
    expect(url).toBe('/api/maps/import?dryRun=1');
    expect(init.method).toBe('POST');
    const form = init.body as FormData;
    expect((form.getAll('file') as File[]).map((f) => f.name)).toEqual(['elements.csv', 'connections.csv']);
    expect(form.has('title')).toBe(false);
  });

  it('creates the map with the title the user gave, and explains a refusal', async () => {
    const fetch = serve(() =>
      Response.json({ map: { id: 'm1', title: 'Mine' }, report: preview.report }, { status: 201 }),
    );
    await expect(importMap([file('map.json', '{}')], '  Mine ')).resolves.toMatchObject({ map: { id: 'm1' } });
    const [url, init] = fetch.mock.calls[0] as [string, RequestInit];
    expect(url).toBe('/api/maps/import');
    expect((init.body as FormData).get('title')).toBe('Mine');

    serve(() =>
      Response.json(
        { error: { code: 'unsupported_file', message: 'this workbook is password-protected' } },
        { status: 415 },
      ),
    );
    await expect(importMap([file('locked.xlsx', 'PK')], '')).rejects.toMatchObject({
      status: 415,
      message: 'This workbook is password-protected.',
    });
  });
});

describe('progressText', () => {
  it('says what the download is doing, in words', () => {
    expect(progressText(t, { status: 'busy', phase: 'preparing' })).toBe('Preparing on the server…');
    expect(progressText(t, { status: 'busy', phase: 'downloading', received: 429, total: 1000 })).toBe(
      'Downloading 42%',
    );
    expect(progressText(t, { status: 'busy', phase: 'downloading', received: 1000, total: 1000 })).toBe(
      'Downloading 100%',
    );
    expect(progressText(t, { status: 'busy', phase: 'downloading', received: 2_600_000, total: null })).toBe(
      'Downloading 2.5 MB',
    );
  });
});
