/**
 * Writing user text into Markdown so that it reads as the text it is and never as markup: no
 * heading, list, emphasis, link, image, code, table cell or HTML tag can come out of a card's
 * title, whatever it holds. Used by every Markdown document (map report, change report, review).
 *
 * GitHub-flavoured Markdown renders raw HTML, so `<`, `>` and `&` become entities; the ASCII
 * punctuation that starts inline markup (emphasis, code, links and images through `[`, table cells,
 * strikethrough) is backslash-escaped (CommonMark allows a backslash before any ASCII
 * punctuation); what starts a block (`#`, `-`, `+`, `1.`) only does so at the start of a line, so
 * it is escaped there. Parentheses and `!` need no escape: without `[` they make no link.
 */

const INLINE_MARKUP = /[\\`*_[\]|~]/g;
const HTML = /[&<>"]/g;
const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
/** A heading, list item, ordered list item, thematic break or setext underline at a line's start. */
const BLOCK_START = /^(\s*)(?:([-+=#])|(\d+)([.)]))/;
const escapeBlockStart = (line: string): string =>
  line.replace(BLOCK_START, (_, space: string, mark?: string, digits?: string, dot?: string) =>
    mark ? `${space}\\${mark}` : `${space}${digits}\\${dot}`,
  );

const escapeInline = (text: string): string =>
  text.replace(HTML, (ch) => HTML_ENTITIES[ch]!).replace(INLINE_MARKUP, (ch) => `\\${ch}`);

/** Text on one line (titles, list items): line breaks become spaces. */
export function mdText(text: string): string {
  const line = text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
  return escapeBlockStart(escapeInline(line));
}

/** Text that keeps its line breaks (narratives, notes), as paragraphs and hard breaks. */
export function mdParagraphs(text: string): string {
  return text
    .trim()
    .split(/\r?\n\s*\r?\n/)
    .map((paragraph) =>
      paragraph
        .split(/\r?\n/)
        .map((line) => escapeBlockStart(escapeInline(line.trim())))
        .filter((line) => line !== '')
        .join('<br>\n'),
    )
    .filter((paragraph) => paragraph !== '')
    .join('\n\n');
}

/** Text in a table cell: one line, with `<br>` for its line breaks (GFM cells are one line). */
export function mdCell(text: string): string {
  return text
    .trim()
    .split(/\r?\n/)
    .map((line) => escapeInline(line.trim()))
    .filter((line) => line !== '')
    .join('<br>');
}

/** A link only when the address is http(s); otherwise the text alone. */
export function mdLink(text: string, url: string | null): string {
  const label = mdText(text);
  if (url === null || !/^https?:\/\/[^\s<>]+$/i.test(url)) return label;
  // The pointy-bracket form takes any address without escaping parentheses; a pipe would end a
  // table cell, so it is percent-encoded like the brackets.
  return `[${label}](<${url.replace(/[<>\\|]/g, encodeURIComponent)}>)`;
}

/** `# Heading` at a level 1-6, from user text or the document's own words. */
export function mdHeading(level: number, text: string): string {
  return `${'#'.repeat(Math.min(6, Math.max(1, level)))} ${mdText(text)}`;
}

/**
 * A GFM table. Cells are written as given: pass user text through mdCell. An empty table is
 * written as nothing (a header without rows reads as a mistake).
 */
export function mdTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  if (rows.length === 0) return '';
  const line = (cells: readonly string[]): string => `| ${cells.map((cell) => cell || ' ').join(' | ')} |`;
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n');
}

/** Joins blocks with blank lines, leaving out empty ones. */
export function mdBlocks(blocks: readonly (string | null | false | undefined)[]): string {
  return `${blocks.filter((block): block is string => typeof block === 'string' && block !== '').join('\n\n')}\n`;
}
