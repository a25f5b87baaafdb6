import { useEffect, useRef, useState, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { CloseIcon, FullscreenIcon, NextIcon, PreviousIcon } from '../app/icons.tsx';
import { KIND_COLORS } from '../canvas/kindColors.ts';
import { stepCaption, stepKindLabel } from '../canvas/presentation.ts';
import type { Presentation } from './usePresentation.ts';

/**
 * The map page's header while presenting: the title, where the presentation is with buttons to
 * step (the arrow keys do the same), full screen where the browser offers it, and Exit.
 */
export function PresentationBar({ title, presentation }: { title: string; presentation: Presentation }) {
  const { steps, index, move, stop } = presentation;
  const next = useRef<HTMLButtonElement>(null);
  // The Present button has gone with the header: the focus goes to the next step.
  useEffect(() => next.current?.focus(), []);
  const fullscreen = useFullscreen();
  const { t } = useTranslation('map');
  return (
    <header className="present-bar" aria-label={t('present.label')}>
      <h1 className="present-bar__title" title={title}>
        {title}
      </h1>
      <div className="present-bar__steps" role="group" aria-label={t('present.steps')}>
        <button
          type="button"
          className="icon-button"
          aria-label={t('present.previous')}
          title={t('present.previousTitle')}
          aria-keyshortcuts="ArrowLeft ArrowUp"
          disabled={index < 0}
          onClick={() => move(-1)}
        >
          <PreviousIcon />
        </button>
        <span className="present-bar__where" data-testid="present-step">
          {index < 0 ? t('present.overview') : t('present.step', { step: index + 1, total: steps.length })}
        </span>
        <button
          ref={next}
          type="button"
          className="icon-button"
          aria-label={t('present.next')}
          title={t('present.nextTitle')}
          aria-keyshortcuts="ArrowRight ArrowDown"
          disabled={index >= steps.length - 1}
          onClick={() => move(1)}
        >
          <NextIcon />
        </button>
      </div>
      <div className="present-bar__end">
        {fullscreen.available && (
          <button
            type="button"
            className={`button button--quiet${fullscreen.on ? ' button--on' : ''}`}
            aria-pressed={fullscreen.on}
            onClick={fullscreen.toggle}
          >
            <FullscreenIcon size={16} />
            {t('present.fullscreen')}
          </button>
        )}
        <button
          type="button"
          className="button"
          title={t('present.exitTitle')}
          aria-keyshortcuts="Escape"
          onClick={stop}
        >
          <CloseIcon size={16} />
          {t('present.exit')}
        </button>
      </div>
    </header>
  );
}

/** The caption over the canvas: which step, and the card's title, read out as it changes. */
export function PresentationCaption({ presentation }: { presentation: Presentation }) {
  const { t } = useTranslation('map');
  const { steps, index } = presentation;
  const kind = stepKindLabel(steps, index);
  const color = steps[index] ? KIND_COLORS[steps[index].kind] : undefined;
  return (
    <p className="present-caption" aria-live="polite" data-testid="present-caption">
      {kind && (
        <span className="present-caption__kind" style={{ '--kind-color': color } as CSSProperties}>
          {kind}
        </span>
      )}
      <span className="present-caption__text">{stepCaption(steps, index, t)}</span>
    </p>
  );
}

/**
 * Full screen, offered only where the browser allows it (never required): the presentation works
 * the same in a window. Leaving full screen by the browser's own Escape keeps presenting.
 */
function useFullscreen(): { available: boolean; on: boolean; toggle: () => void } {
  const [on, setOn] = useState(() => document.fullscreenElement !== null);
  useEffect(() => {
    const onChange = (): void => setOn(document.fullscreenElement !== null);
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, []);
  const toggle = (): void => {
    const done = document.fullscreenElement
      ? document.exitFullscreen()
      : document.documentElement.requestFullscreen({ navigationUI: 'hide' });
    done.catch(() => {});
  };
  return { available: document.fullscreenEnabled, on, toggle };
}
