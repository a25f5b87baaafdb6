import { MARK_WORDS, type MarkState } from './projectMap.ts';

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

const LEGEND: Record<MarkState, string> = {
  added: 'Added',
  removed: 'Removed (ghost)',
  changed: 'Changed',
  moved: 'Moved (dashed: where it was)',
  current: MARK_WORDS.current,
};

/** What the marks on the canvas mean. */
export function ChangeLegend({ states }: { states: readonly MarkState[] }) {
  return (
    <ul className="change-legend" aria-label="What the marks mean">
      {states.map((state) => (
        <li key={state} className="change-legend__item">
          <ChangeGlyph state={state} />
          {LEGEND[state]}
        </li>
      ))}
    </ul>
  );
}
