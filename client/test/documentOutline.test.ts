import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { parseOutline, tableCells } from '../src/panels/export/documentOutline.ts';
import { DocumentOutline } from '../src/panels/export/DocumentOutline.tsx';
import { firstLines } from '../src/panels/export/ExportPreview.tsx';

const html = (source: string): string => renderToStaticMarkup(createElement(DocumentOutline, { source }));

const REPORT = `# Youth employment

A map of **how** young people find work.

## Logframe

| Level | Result | Indicator |
| --- | :-- | --: |
| Impact | More young people in work | Employment rate<br>by district |
| Outcome | Skills \\| confidence | |

- first
- second

\`\`\`mermaid
flowchart TD
  a --> b
\`\`\`
`;

describe('parseOutline', () => {
  it('reads headings, paragraphs, tables, lists and code', () => {
    const blocks = parseOutline(REPORT);
    expect(blocks.map((block) => block.type)).toEqual(['heading', 'paragraph', 'heading', 'table', 'list', 'code']);
    const table = blocks[3];
    if (table?.type !== 'table') throw new Error('no table');
    expect(table.head).toHaveLength(3);
    expect(table.rows).toHaveLength(2);
    expect(table.rows[1]![1]).toEqual([{ type: 'text', text: 'Skills | confidence' }]);
    expect(table.rows[0]![2]).toEqual([
      { type: 'text', text: 'Employment rate' },
      { type: 'break' },
      { type: 'text', text: 'by district' },
    ]);
  });

  it('splits cells at unescaped pipes only', () => {
    expect(tableCells('| a | b \\| c | d |')).toEqual(['a', 'b \\| c', 'd']);
  });
});

describe('DocumentOutline', () => {
  it('renders headings under the page’s own, and real tables', () => {
    const out = html(REPORT);
    expect(out).toContain('<h3 class="document-outline__heading">Youth employment</h3>');
    expect(out).toContain('<th scope="col">Indicator</th>');
    expect(out).toContain('<td>More young people in work</td>');
    expect(out).toContain('Employment rate<br/>by district');
    expect(out).toContain('<strong>how</strong>');
  });

  it('shows a title written as markup as text, never as markup', () => {
    const out = html(
      '# <script>alert(1)</script>\n\n| <img src=x onerror=alert(1)> |\n|---|\n| [x](javascript:alert(1)) |\n\n<b>bold</b>',
    );
    expect(out).not.toContain('<script');
    expect(out).not.toContain('<img');
    expect(out).not.toContain('<b>');
    expect(out).not.toContain('javascript:');
    expect(out).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(out).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('keeps any script', () => {
    expect(html('# تمكين الشباب 青年 🌱')).toContain('تمكين الشباب 青年 🌱');
  });
});

describe('the text preview', () => {
  it('shows the first lines of a text file and how many more there are', () => {
    const text = Array.from({ length: 250 }, (_, i) => `line ${i + 1}`).join('\n');
    const { text: shown, more } = firstLines(text);
    expect(shown.split('\n')).toHaveLength(200);
    expect(shown.endsWith('line 200')).toBe(true);
    expect(more).toBe(50);
  });
});
