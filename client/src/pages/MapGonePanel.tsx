import { getNodes } from '@loopmap/shared';
import type * as Y from 'yjs';
import { Link } from '../app/Link.tsx';

async function downloadCopy(doc: Y.Doc, title: string): Promise<void> {
  // The validated JSON form brings zod, kept out of the map page's first load (docs/benchmarks.md).
  const { toMapJSON } = await import('@loopmap/shared/map-json');
  const json = JSON.stringify(toMapJSON(doc), null, 2);
  const url = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = `${title.replace(/[^\w -]+/g, '').trim() || 'map'}.json`;
  anchor.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Why the map cannot be opened: deleted or unknown, never shared with us, or access removed. */
export type MapGoneReason = 'gone' | 'no-access' | 'removed';

const TEXT: Record<MapGoneReason, { heading: string; body: string }> = {
  gone: {
    heading: 'This map is not available',
    body: 'It was deleted, or the link is wrong. Nothing more can be saved to it.',
  },
  'no-access': {
    heading: 'You do not have access to this map',
    body: 'Ask one of its owners to add you, or to send you an invite link.',
  },
  removed: {
    heading: 'You no longer have access to this map',
    body: 'An owner removed you from it. Nothing more can be saved to it from here.',
  },
};

/**
 * The map cannot be opened (any more). If this device still holds a copy, offer it as JSON: the
 * user's work should not vanish with the server's copy or with their access.
 */
export function MapGonePanel({
  doc,
  title,
  reason = 'gone',
}: {
  doc: Y.Doc | null;
  title: string;
  reason?: MapGoneReason;
}) {
  const cards = doc ? getNodes(doc).size : 0;
  const text = TEXT[reason];
  return (
    <main className="page page--centered">
      <div className="empty-state" role="alert" data-reason={reason}>
        <h1>{text.heading}</h1>
        <p>{text.body}</p>
        {doc && cards > 0 && (
          <p>
            This device still has a copy with {cards} {cards === 1 ? 'card' : 'cards'}.{' '}
            <button
              type="button"
              className="link-button"
              onClick={() => {
                downloadCopy(doc, title).catch((error: unknown) => {
                  console.warn('Loopmap could not prepare the copy', error);
                });
              }}
            >
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
