import { getNodes, toMapJSON } from '@loopmap/shared';
import type * as Y from 'yjs';
import { Link } from '../app/Link.tsx';

function downloadCopy(doc: Y.Doc, title: string): void {
  const json = JSON.stringify(toMapJSON(doc), null, 2);
  const url = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = `${title.replace(/[^\w -]+/g, '').trim() || 'map'}.json`;
  anchor.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * The map does not exist (any more). If this device still holds a copy, offer it as JSON: the
 * user's work should not vanish with the server's copy.
 */
export function MapGonePanel({ doc, title }: { doc: Y.Doc | null; title: string }) {
  const cards = doc ? getNodes(doc).size : 0;
  return (
    <main className="page page--centered">
      <div className="empty-state" role="alert">
        <h1>This map is not available</h1>
        <p>It was deleted, or the link is wrong. Nothing more can be saved to it.</p>
        {doc && cards > 0 && (
          <p>
            This device still has a copy with {cards} {cards === 1 ? 'card' : 'cards'}.{' '}
            <button type="button" className="link-button" onClick={() => downloadCopy(doc, title)}>
              Download it as JSON
            </button>
          </p>
        )}
        <Link to="/" className="button button--primary">
          Go to your maps
        </Link>
      </div>
    </main>
  );
}
