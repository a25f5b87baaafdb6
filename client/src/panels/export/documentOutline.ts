import { parseInline, parseMarkdown, type Block, type Inline } from '../fields/markdownSubset.ts';

/**
 * A Markdown document (the `md` export) read as the outline the Export menu previews Word and
 * Excel files with: headings, tables, code blocks, and the narrative subset's paragraphs and
 * lists. Plain tokens, turned into React elements by DocumentOutline: nothing is ever
 * interpreted as HTML, so a card titled `<script>` shows as those characters.
 */
export type OutlineBlock =
  | Block
  | { type: 'heading'; level: number; children: Inline[] }
  | { type: 'table'; head: Inline[][]; rows: Inline[][][] }
  | { type: 'code'; text: string };

const HEADING = /^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$/;
const FENCE = /^ {0,3}(```|~~~)/;
const RULE = /^ {0,3}([-*_])(\s*\1){2,}\s*$/;
const TABLE_DELIMITER = /^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/;
const QUOTE = /^ {0,3}>\s?/;

/** A table row's cells: split at pipes that are not escaped, without the outer pipes. */
export function tableCells(line: string): string[] {
  let row = line.trim();
  if (row.startsWith('|')) row = row.slice(1);
  if (row.endsWith('|') && !row.endsWith('\\|')) row = row.slice(0, -1);
  const cells: string[] = [];
  let cell = '';
  for (let i = 0; i < row.length; i++) {
    const char = row[i]!;
    if (char === '\\' && row[i + 1] === '|') {
      cell += '\\|';
      i++;
    } else if (char === '|') {
      cells.push(cell);
      cell = '';
    } else cell += char;
  }
  cells.push(cell);
  return cells.map((text) => text.trim());
}

/** A cell's words; a `<br>` written for a line break inside a cell becomes one. */
const cellInline = (text: string): Inline[] => parseInline(text.replace(/<br\s*\/?>/gi, '\n'));

const isTableStart = (line: string, next: string | undefined): boolean =>
  line.includes('|') && next !== undefined && next.includes('-') && TABLE_DELIMITER.test(next);

/** Parses a Markdown document into outline blocks. */
export function parseOutline(source: string): OutlineBlock[] {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const blocks: OutlineBlock[] = [];
  let prose: string[] = [];
  const flushProse = (): void => {
    if (prose.length > 0) blocks.push(...parseMarkdown(prose.join('\n')));
    prose = [];
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const heading = HEADING.exec(line);
    if (heading) {
      flushProse();
      blocks.push({ type: 'heading', level: heading[1]!.length, children: parseInline(heading[2] ?? '') });
      continue;
    }
    const fence = FENCE.exec(line);
    if (fence) {
      flushProse();
      const code: string[] = [];
      while (i + 1 < lines.length && !lines[i + 1]!.trimStart().startsWith(fence[1]!)) code.push(lines[++i]!);
      i++;
      blocks.push({ type: 'code', text: code.join('\n') });
      continue;
    }
    if (isTableStart(line, lines[i + 1])) {
      flushProse();
      const head = tableCells(line);
      const rows: Inline[][][] = [];
      i++;
      while (i + 1 < lines.length && lines[i + 1]!.includes('|') && lines[i + 1]!.trim() !== '') {
        const cells = tableCells(lines[++i]!);
        rows.push(head.map((_, column) => cellInline(cells[column] ?? '')));
      }
      blocks.push({ type: 'table', head: head.map(cellInline), rows });
      continue;
    }
    if (RULE.test(line)) {
      flushProse();
      continue;
    }
    prose.push(line.replace(QUOTE, ''));
  }
  flushProse();
  return blocks;
}
