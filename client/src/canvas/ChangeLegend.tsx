import type { MarkState } from './projectMap.ts';
import { useHistoryTranslate } from '../panels/history/useHistoryTranslate.ts';

/**
 * Each state of a change has its own glyph and shape as well as its colour (colours from the
 * Okabe-Ito palette, told apart by colour-blind readers too; see versionCanvas.css).
 */
export const MARK_GLYPHS: Record<MarkState, string> = {
  added: '+',
  removed: '−',
  changed: 'Δ',
  moved: '⇢',
  current: '●',
};

export function ChangeGlyph({ state }: { state: MarkState }) {
  return (
    <span className={`change-glyph change-glyph--${state}`} aria-hidden="true">
      {MARK_GLYPHS[state]}
    </span>
  );
}

/**
 * What the marks on the canvas mean: each state by its glyph and its words
 * (`history:legend.<state>`), never by its colour alone.
 */
export function ChangeLegend({ states }: { states: readonly MarkState[] }) {
  const t = useHistoryTranslate();
  return (
    <ul className="change-legend" aria-label={t('legend.title')}>
      {states.map((state) => (
        <li key={state} className="change-legend__item">
          <ChangeGlyph state={state} />
          {t(`legend.${state}`)}
        </li>
      ))}
    </ul>
  );
}
