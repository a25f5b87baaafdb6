import { createElement, useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { renderBlock, renderInline } from '../fields/MarkdownPreview.tsx';
import { parseOutline, type OutlineBlock } from './documentOutline.ts';

/** Blocks shown at most: enough to judge the document, cheap for a 1,000-card map. */
export const MAX_OUTLINE_BLOCKS = 400;

function renderOutlineBlock(block: OutlineBlock, index: number, headingOffset: number): ReactNode {
  switch (block.type) {
    case 'heading':
      return createElement(
        `h${Math.min(6, block.level + headingOffset)}`,
        { key: index, className: 'document-outline__heading' },
        renderInline(block.children),
      );
    case 'table':
      return (
        <div key={index} className="document-outline__table-wrap">
          <table className="document-outline__table">
            <thead>
              <tr>
                {block.head.map((cell, column) => (
                  <th key={column} scope="col">
                    {renderInline(cell)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {block.rows.map((row, rowIndex) => (
                <tr key={rowIndex}>
                  {row.map((cell, column) => (
                    <td key={column}>{renderInline(cell)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      );
    case 'code':
      return (
        <pre key={index} className="document-outline__code">
          {block.text}
        </pre>
      );
    default:
      return renderBlock(block, index);
  }
}

export interface DocumentOutlineProps {
  /** The document as Markdown. */
  source: string;
  /** Added to each heading's level, so the document's headings sit under the page's own. */
  headingOffset?: number;
}

/**
 * A document's outline (headings, paragraphs, lists, tables) as React elements, from its
 * Markdown: the preview of a Word or Excel export. Text is only ever text (no HTML is injected).
 */
export function DocumentOutline({ source, headingOffset = 2 }: DocumentOutlineProps) {
  const { t } = useTranslation('exports');
  const blocks = useMemo(() => parseOutline(source), [source]);
  const shown = blocks.slice(0, MAX_OUTLINE_BLOCKS);
  return (
    <div className="markdown document-outline">
      {shown.map((block, index) => renderOutlineBlock(block, index, headingOffset))}
      {blocks.length > shown.length && (
        <p className="document-outline__more">{t('preview.moreParts', { count: blocks.length - shown.length })}</p>
      )}
    </div>
  );
}
