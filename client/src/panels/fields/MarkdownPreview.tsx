import { Fragment, useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { parseMarkdown, type Block, type Inline } from './markdownSubset.ts';
import './fields.css';

/** Inline tokens as React elements (text stays text). */
export function renderInline(tokens: readonly Inline[]): ReactNode[] {
  return tokens.map((token, index) => {
    switch (token.type) {
      case 'text':
        return <Fragment key={index}>{token.text}</Fragment>;
      case 'break':
        return <br key={index} />;
      case 'strong':
        return <strong key={index}>{renderInline(token.children)}</strong>;
      case 'em':
        return <em key={index}>{renderInline(token.children)}</em>;
      case 'link':
        // Another site, in another tab, told nothing about this map.
        return (
          <a key={index} href={token.href} target="_blank" rel="noopener noreferrer">
            {renderInline(token.children)}
          </a>
        );
    }
  });
}

/** A paragraph or list as React elements. */
export function renderBlock(block: Block, index: number): ReactNode {
  if (block.type === 'paragraph') return <p key={index}>{renderInline(block.children)}</p>;
  const items = block.items.map((item, i) => <li key={i}>{renderInline(item)}</li>);
  return block.ordered ? (
    <ol key={index} start={block.start === 1 ? undefined : block.start}>
      {items}
    </ol>
  ) : (
    <ul key={index}>{items}</ul>
  );
}

export interface MarkdownPreviewProps {
  source: string;
  /** Shown when the source is empty. */
  empty?: string;
  className?: string;
}

/** A narrative rendered from the safe Markdown subset (markdownSubset.ts); no HTML is ever injected. */
export function MarkdownPreview({ source, empty, className }: MarkdownPreviewProps) {
  const { t } = useTranslation('panels');
  const blocks = useMemo(() => parseMarkdown(source), [source]);
  return (
    <div className={`markdown ${className ?? ''}`}>
      {blocks.length === 0 ? (
        <p className="markdown__empty">{empty ?? t('fields.nothingWritten')}</p>
      ) : (
        blocks.map(renderBlock)
      )}
    </div>
  );
}
