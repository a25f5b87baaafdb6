import { useEffect, useState } from 'react';
import { getCatchUp } from '../../api/historyApi.ts';
import { useMapPage } from '../../pages/MapPageContext.ts';
import { catchUpSentence } from './historyText.ts';
import './history.css';

/**
 * "14 changes by Ana and Ben since Tuesday": what others changed since the user last had the map
 * open, asked once when the map opens, with a compare of then and now. Mount it at the top of
 * the canvas area. Says nothing on a first visit, with nothing new, or when the server cannot be
 * reached (offline opens are normal; a missing catch-up is not worth an error).
 */
export function CatchUpBanner() {
  const { mapId, session, version, showVersion } = useMapPage();
  const [message, setMessage] = useState<{ text: string; sinceSeq: number } | null>(null);
  const [dismissed, setDismissed] = useState(false);

  useEffect(() => {
    let live = true;
    // Asked once the map has arrived from the server: asked while it loads, the question competed
    // with the map itself (a thousand-card map drew half a second later, bench:canvas).
    const ask = (): void => {
      getCatchUp(mapId).then(
        (catchUp) => {
          const text = catchUpSentence(catchUp, Date.now());
          if (live && text) setMessage({ text, sinceSeq: catchUp.sinceSeq });
        },
        () => undefined,
      );
    };
    const { provider } = session;
    if (provider.synced) ask();
    else provider.once('sync', ask);
    return () => {
      live = false;
      provider.off('sync', ask);
    };
  }, [mapId, session]);

  return (
    <div role="status" className="catch-up-region">
      {message && !dismissed && version.mode === 'live' && (
        <div className="catch-up">
          <span className="catch-up__text">{message.text}.</span>
          <button
            type="button"
            className="button button--small"
            onClick={() => {
              // The compare bar says the same from now on; the banner would only cover it.
              setDismissed(true);
              showVersion({
                mode: 'compare',
                from: String(message.sinceSeq),
                to: 'now',
                label: 'Since your last visit',
              });
            }}
          >
            Show
          </button>
          <button
            type="button"
            className="icon-button"
            aria-label="Dismiss what changed since your last visit"
            onClick={() => setDismissed(true)}
          >
            ×
          </button>
        </div>
      )}
    </div>
  );
}
