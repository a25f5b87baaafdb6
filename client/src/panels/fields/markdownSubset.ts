import { NODE_FIELDS } from '@loopmap/shared';

/**
 * The small Markdown a narrative may use, parsed into plain tokens that a component turns into
 * React elements: paragraphs (a single newline is a line break, as people type in a text box),
 * bulleted and numbered lists, **bold**, *italic* (or _italic_), [links](https://…), and
 * backslash escapes. Nothing else is interpreted: raw HTML is text, and React escapes text, so
 * a narrative can never inject markup. A link is kept only when it goes to an http(s) address
 * (the same rule as the evidence link field); any other target (javascript:, data:, a relative
 * path) leaves its words as plain text.
 *
 * Every delimiter search remembers where it failed, so hostile input (thousands of unmatched
 * asterisks) is parsed in linear time rather than quadratic.
 */
export type Inline =
  | { type: 'text'; text: string }
  | { type: 'break' }
  | { type: 'strong'; children: Inline[] }
  | { type: 'em'; children: Inline[] }
  | { type: 'link'; href: string; children: Inline[] };

export type Block =
  { type: 'paragraph'; children: Inline[] } | { type: 'list'; ordered: boolean; start: number; items: Inline[][] };

/** True for an http(s) address a link may point to (shared rule of the evidence link field). */
export function isSafeHref(href: string): boolean {
  return href !== '' && NODE_FIELDS.url.parse(href) === href;
}

const BULLET = /^\s{0,3}[-*+]\s+(.*)$/;
const NUMBERED = /^\s{0,3}(\d{1,9})[.)]\s+(.*)$/;
const ESCAPABLE = new Set('\\`*_{}[]()#+-.!>|~'.split(''));

interface ListLine {
  ordered: boolean;
  start: number;
  text: string;
}

function listLine(line: string): ListLine | null {
  const bullet = BULLET.exec(line);
  if (bullet) return { ordered: false, start: 1, text: bullet[1] ?? '' };
  const numbered = NUMBERED.exec(line);
  if (numbered) return { ordered: true, start: Number(numbered[1]), text: numbered[2] ?? '' };
  return null;
}

/** Parses a narrative into blocks. */
export function parseMarkdown(source: string): Block[] {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  let list: { ordered: boolean; start: number; items: string[] } | null = null;

  const flushParagraph = (): void => {
    if (paragraph.length > 0) blocks.push({ type: 'paragraph', children: parseInline(paragraph.join('\n')) });
    paragraph = [];
  };
  const flushList = (): void => {
    if (list) {
      blocks.push({
        type: 'list',
        ordered: list.ordered,
        start: list.start,
        items: list.items.map((item) => parseInline(item)),
      });
    }
    list = null;
  };

  for (const line of lines) {
    if (line.trim() === '') {
      flushParagraph();
      flushList();
      continue;
    }
    const item = listLine(line);
    if (item) {
      flushParagraph();
      if (list && list.ordered !== item.ordered) flushList();
      if (!list) list = { ordered: item.ordered, start: item.start, items: [] };
      list.items.push(item.text);
      continue;
    }
    if (list) {
      // A line right under an item continues it (the item wrapped), as in Markdown.
      const items = list.items;
      items[items.length - 1] += `\n${line.trim()}`;
      continue;
    }
    paragraph.push(line);
  }
  flushParagraph();
  flushList();
  return blocks;
}

const isSpace = (char: string | undefined): boolean => char === undefined || /\s/.test(char);
const isWordChar = (char: string | undefined): boolean => char !== undefined && /[\p{L}\p{N}]/u.test(char);

/** Emphasis nested deeper than this is read as text (keeps hostile input from exhausting the stack). */
const MAX_DEPTH = 8;

/** Parses inline Markdown. `allowLinks` is false inside a link's words (no links in links). */
export function parseInline(text: string, allowLinks = true, depth = 0): Inline[] {
  const nested = depth < MAX_DEPTH;
  const out: Inline[] = [];
  let buffer = '';
  // The first index from which a closing delimiter is known not to exist, per delimiter.
  const noCloserFrom = new Map<string, number>();

  const pushText = (): void => {
    if (buffer) out.push({ type: 'text', text: buffer });
    buffer = '';
  };

  /** Where `delimiter`, opened just before `from`, closes; -1 when it does not. */
  const findCloser = (delimiter: string, from: number): number => {
    const known = noCloserFrom.get(delimiter);
    if (known !== undefined && from >= known) return -1;
    let at = text.indexOf(delimiter, from);
    while (at >= 0) {
      const before = text[at - 1];
      const after = text[at + delimiter.length];
      const single = delimiter.length === 1;
      const closes =
        at > from &&
        !isSpace(before) &&
        before !== '\\' &&
        // *a**b*: a single star next to another star is part of a double one.
        !(single && (after === delimiter || before === delimiter)) &&
        // snake_case_words are not emphasis.
        !(delimiter === '_' && isWordChar(after));
      if (closes) return at;
      at = text.indexOf(delimiter, at + 1);
    }
    noCloserFrom.set(delimiter, from);
    return -1;
  };

  let i = 0;
  while (i < text.length) {
    const char = text[i]!;
    const next = text[i + 1];

    if (char === '\\' && next !== undefined && ESCAPABLE.has(next)) {
      buffer += next;
      i += 2;
      continue;
    }
    if (char === '\n') {
      pushText();
      out.push({ type: 'break' });
      i += 1;
      continue;
    }
    if (nested && (char === '*' || char === '_') && next === char && !isSpace(text[i + 2])) {
      const delimiter = char + char;
      const close = findCloser(delimiter, i + 2);
      if (close >= 0) {
        pushText();
        out.push({ type: 'strong', children: parseInline(text.slice(i + 2, close), allowLinks, depth + 1) });
        i = close + 2;
        continue;
      }
    }
    if (
      nested &&
      (char === '*' || char === '_') &&
      next !== char &&
      !isSpace(next) &&
      !(char === '_' && isWordChar(text[i - 1]))
    ) {
      const close = findCloser(char, i + 1);
      if (close >= 0) {
        pushText();
        out.push({ type: 'em', children: parseInline(text.slice(i + 1, close), allowLinks, depth + 1) });
        i = close + 1;
        continue;
      }
    }
    if (char === '[' && allowLinks) {
      const link = parseLink(text, i);
      if (link) {
        pushText();
        const children = parseInline(link.words, false, depth + 1);
        if (isSafeHref(link.href)) out.push({ type: 'link', href: link.href, children });
        else out.push(...children);
        i = link.end;
        continue;
      }
    }
    buffer += char;
    i += 1;
  }
  pushText();
  return mergeText(out);
}

/** Longest link address read (the evidence link field's limit). */
const MAX_HREF = 2000;

/**
 * `[words](href)` starting at `start`: its parts and where it ends, or null. The words hold no
 * brackets, and the address no spaces or brackets (they would be percent-encoded), so every "["
 * is looked at over a stretch of text that ends at the next bracket: parsing stays linear.
 */
function parseLink(text: string, start: number): { words: string; href: string; end: number } | null {
  let close = -1;
  for (let j = start + 1; j < text.length; j++) {
    const char = text[j];
    if (char === '\\') j++;
    else if (char === '[') return null;
    else if (char === ']') {
      close = j;
      break;
    }
  }
  if (close < 0 || text[close + 1] !== '(') return null;
  // The address may hold balanced parentheses (Wikipedia links do).
  let parens = 0;
  const limit = Math.min(text.length, close + 2 + MAX_HREF);
  for (let j = close + 2; j < limit; j++) {
    const char = text[j]!;
    if (char === '[' || char === ']' || char.trim() === '') return null;
    if (char === '(') parens++;
    else if (char === ')') {
      if (parens === 0) return { words: text.slice(start + 1, close), href: text.slice(close + 2, j), end: j + 1 };
      parens--;
    }
  }
  return null;
}

/** Joins neighbouring text tokens (a refused link's words next to plain text). */
function mergeText(tokens: Inline[]): Inline[] {
  const out: Inline[] = [];
  for (const token of tokens) {
    const last = out[out.length - 1];
    if (token.type === 'text' && last?.type === 'text')
      out[out.length - 1] = { type: 'text', text: last.text + token.text };
    else out.push(token);
  }
  return out;
}

/** The words of a narrative without its markup (for a one-line summary or a screen-reader label). */
export function plainText(blocks: readonly Block[]): string {
  const inline = (tokens: readonly Inline[]): string =>
    tokens
      .map((token) => {
        if (token.type === 'text') return token.text;
        if (token.type === 'break') return ' ';
        return inline(token.children);
      })
      .join('');
  return blocks
    .map((block) => (block.type === 'paragraph' ? inline(block.children) : block.items.map(inline).join('; ')))
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
}
