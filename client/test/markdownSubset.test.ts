import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { isSafeHref, parseInline, parseMarkdown, plainText } from '../src/panels/fields/markdownSubset.ts';
import { MarkdownPreview } from '../src/panels/fields/MarkdownPreview.tsx';

const html = (source: string): string => renderToStaticMarkup(createElement(MarkdownPreview, { source }));

describe('parseMarkdown: the narrative subset', () => {
  it('reads paragraphs separated by blank lines, single newlines as line breaks', () => {
    expect(parseMarkdown('Peers meet monthly.\nThey share cases.\n\nThen they visit.')).toEqual([
      {
        type: 'paragraph',
        children: [
          { type: 'text', text: 'Peers meet monthly.' },
          { type: 'break' },
          { type: 'text', text: 'They share cases.' },
        ],
      },
      { type: 'paragraph', children: [{ type: 'text', text: 'Then they visit.' }] },
    ]);
  });

  it('reads bulleted and numbered lists, with wrapped items and a start number', () => {
    const blocks = parseMarkdown('- trust\n* shared purpose\n  that lasts\n\n3. first\n4. second');
    expect(blocks).toEqual([
      {
        type: 'list',
        ordered: false,
        start: 1,
        items: [
          [{ type: 'text', text: 'trust' }],
          [{ type: 'text', text: 'shared purpose' }, { type: 'break' }, { type: 'text', text: 'that lasts' }],
        ],
      },
      {
        type: 'list',
        ordered: true,
        start: 3,
        items: [[{ type: 'text', text: 'first' }], [{ type: 'text', text: 'second' }]],
      },
    ]);
  });

  it('reads bold, italic and nesting, and leaves snake_case and lone stars alone', () => {
    expect(parseInline('**bold** and *it* and _it_')).toEqual([
      { type: 'strong', children: [{ type: 'text', text: 'bold' }] },
      { type: 'text', text: ' and ' },
      { type: 'em', children: [{ type: 'text', text: 'it' }] },
      { type: 'text', text: ' and ' },
      { type: 'em', children: [{ type: 'text', text: 'it' }] },
    ]);
    expect(parseInline('**very *much* so**')).toEqual([
      {
        type: 'strong',
        children: [
          { type: 'text', text: 'very ' },
          { type: 'em', children: [{ type: 'text', text: 'much' }] },
          { type: 'text', text: ' so' },
        ],
      },
    ]);
    expect(parseInline('snake_case_name, 2 * 3 * 4, **open')).toEqual([
      { type: 'text', text: 'snake_case_name, 2 * 3 * 4, **open' },
    ]);
    expect(parseInline('\\*not italic\\*')).toEqual([{ type: 'text', text: '*not italic*' }]);
  });

  it('keeps links to http(s) addresses, including balanced parentheses', () => {
    expect(parseInline('see [the **report**](https://example.org/a_(b)) now')).toEqual([
      { type: 'text', text: 'see ' },
      {
        type: 'link',
        href: 'https://example.org/a_(b)',
        children: [
          { type: 'text', text: 'the ' },
          { type: 'strong', children: [{ type: 'text', text: 'report' }] },
        ],
      },
      { type: 'text', text: ' now' },
    ]);
  });
});

describe('hostile narratives', () => {
  it('never links anywhere but http(s): javascript:, data:, relative and protocol-relative targets keep only their words', () => {
    for (const target of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      '/relative/path',
      '//evil.example',
      'https://user@evil.example',
      'vbscript:msgbox(1)',
    ]) {
      const tokens = parseInline(`[x](${target})`);
      expect(
        tokens.some((token) => token.type === 'link'),
        target,
      ).toBe(false);
      expect(html(`[x](${target})`), target).not.toMatch(/<a /);
    }
    expect(parseInline('[x](javascript:alert(1))')).toEqual([{ type: 'text', text: 'x' }]);
    expect(isSafeHref('https://example.org/x?y=1#z')).toBe(true);
    expect(isSafeHref('http://example.org')).toBe(true);
    expect(isSafeHref('')).toBe(false);
  });

  it('shows raw HTML as text: nothing is injected', () => {
    const out = html('<script>alert(1)</script>\n\n<img src=x onerror=alert(1)> **<b>hi</b>**');
    expect(out).not.toMatch(/<script|<img|<b>/);
    expect(out).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(out).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(out).toContain('<strong>&lt;b&gt;hi&lt;/b&gt;</strong>');
  });

  it('renders safe links to another tab without a referrer', () => {
    expect(html('[report](https://example.org/r)')).toBe(
      '<div class="markdown "><p><a href="https://example.org/r" target="_blank" rel="noopener noreferrer">report</a></p></div>',
    );
  });

  it('parses pathological input quickly and without exhausting the stack', () => {
    const inputs = [
      '*a '.repeat(6000),
      '**'.repeat(10_000),
      '['.repeat(20_000),
      '[a]('.repeat(5000),
      '*_'.repeat(10_000),
      `${'**x '.repeat(3000)}${'*'.repeat(3000)}`,
    ];
    for (const input of inputs) {
      const started = performance.now();
      const blocks = parseMarkdown(input);
      expect(performance.now() - started, input.slice(0, 12)).toBeLessThan(500);
      expect(plainText(blocks).length).toBeGreaterThan(0);
    }
  });
});
