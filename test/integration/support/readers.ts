import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { unzipSync, strFromU8 } from 'fflate';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/**
 * Independent readers of the files Loopmap exports: what a user's own tools would open them with
 * (an XML parser, an unzipper, PDF.js), never Loopmap's own code.
 */

export interface PngInfo {
  width: number;
  height: number;
  /** PNG colour type: 2 RGB, 6 RGBA. */
  colorType: number;
}

/** Reads a PNG's signature and header chunk. */
export function readPng(bytes: Uint8Array): PngInfo {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (!signature.every((byte, i) => bytes[i] === byte)) throw new Error('not a PNG');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (String.fromCharCode(...bytes.subarray(12, 16)) !== 'IHDR') throw new Error('PNG without IHDR');
  return { width: view.getUint32(16), height: view.getUint32(20), colorType: bytes[25]! };
}

/** Parses XML strictly enough to refuse broken markup, keeping attributes. */
export function parseXml(text: string): unknown {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', processEntities: true });
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new Error(`invalid XML: ${JSON.stringify(valid.err)}`);
  return parser.parse(text);
}

/** Every text value under `node` whose element is named `name` (depth-first). */
export function textsOf(node: unknown, name: string): string[] {
  const found: string[] = [];
  const visit = (value: unknown, key: string | null): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item, key);
      return;
    }
    if (key === name && (typeof value === 'string' || typeof value === 'number')) found.push(String(value));
    if (value && typeof value === 'object') {
      for (const [childKey, child] of Object.entries(value)) {
        if (key === name && childKey === '#text') found.push(String(child));
        visit(child, childKey);
      }
    }
  };
  visit(node, null);
  return found;
}

/** The files of a ZIP container (DOCX, XLSX) as text or bytes. */
export function unzip(bytes: Uint8Array): {
  names: string[];
  text(name: string): string;
  bytes(name: string): Uint8Array;
} {
  const files = unzipSync(bytes);
  return {
    names: Object.keys(files),
    text: (name) => {
      const file = files[name];
      if (!file) throw new Error(`no ${name} in the archive`);
      return strFromU8(file);
    },
    bytes: (name) => {
      const file = files[name];
      if (!file) throw new Error(`no ${name} in the archive`);
      return file;
    },
  };
}

export interface PdfInfo {
  pages: { width: number; height: number; text: string }[];
  title: string | null;
}

/** A PDF's pages (size in points) and each page's text as PDF.js extracts it. */
export async function readPdf(bytes: Uint8Array): Promise<PdfInfo> {
  const pdf = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false }).promise;
  try {
    const pages: PdfInfo['pages'] = [];
    for (let i = 1; i <= pdf.numPages; i++) {
      const page = await pdf.getPage(i);
      const [x0, y0, x1, y1] = page.view as [number, number, number, number];
      const content = await page.getTextContent();
      const text = content.items.map((item) => ('str' in item ? item.str : '')).join(' ');
      pages.push({ width: Math.round(x1 - x0), height: Math.round(y1 - y0), text });
    }
    const meta = await pdf.getMetadata();
    const info = meta.info as { Title?: string };
    return { pages, title: info.Title ?? null };
  } finally {
    await pdf.destroy();
  }
}

export interface FetchedFile {
  status: number;
  headers: Headers;
  bytes: Uint8Array;
  /** The body as UTF-8 text. */
  text: string;
}

/** Downloads a file as `actor` (their session cookie), or anonymously when there is none. */
export async function fetchFile(baseUrl: string, path: string, cookie?: string): Promise<FetchedFile> {
  const res = await fetch(`${baseUrl}${path}`, { headers: cookie ? { cookie } : {} });
  const bytes = new Uint8Array(await res.arrayBuffer());
  return { status: res.status, headers: res.headers, bytes, text: new TextDecoder().decode(bytes) };
}
