import { useEffect, useState } from 'react';
import type { CatchUpResponse } from '@loopmap/shared';
import { getCatchUp } from '../../api/historyApi.ts';
import { useMapPage } from '../../pages/MapPageContext.ts';
import { currentLanguage } from '../../i18n/i18n.ts';
import { catchUpSentence } from './historyText.ts';
import './history.css';
import { useHistoryTranslate } from './useHistoryTranslate.ts';

/**
 * "14 changes by Ana and Ben since Tuesday": what others changed since the user last had the map
 * open, asked once when the map opens, with a compare of then and now. Mount it at the top of
 * the canvas area. Says nothing on a first visit, with nothing new, or when the server cannot be
 * reached (offline opens are normal; a missing catch-up is not worth an error).
 */
export function CatchUpBanner() {
  const { mapId, session, version, showVersion } = useMapPage();
  const t = useHistoryTranslate();
  // The answer is kept, the sentence is written at each render: it follows a change of language.
  const [catchUp, setCatchUp] = useState<CatchUpResponse | null>(null);
  const [dismissed, setDismissed] = useState(false);

  useEffect(() => {
    let live = true;
    // Asked once the map has arrived from the server: asked while it loads, the question competed
    // with the map itself (a thousand-card map drew half a second later, bench:canvas).
    const ask = (): void => {
      getCatchUp(mapId).then(
        (catchUp) => {
          if (live) setCatchUp(catchUp);
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

  const text = catchUp ? catchUpSentence(t, catchUp, Date.now(), currentLanguage()) : null;
  const message = catchUp && text ? { text, sinceSeq: catchUp.sinceSeq } : null;
  return (
    <div role="status" className="catch-up-region">
      {message && !dismissed && version.mode === 'live' && (
        <div className="catch-up">
          <span className="catch-up__text">{t('catchUp.sentence', { text: message.text })}</span>
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
                label: t('catchUp.label'),
              });
            }}
          >
            {t('catchUp.show')}
          </button>
          <button
            type="button"
            className="icon-button"
            aria-label={t('catchUp.dismiss')}
            onClick={() => setDismissed(true)}
          >
            ×
          </button>
        </div>
      )}
    </div>
  );
}
