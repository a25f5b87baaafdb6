import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isFilterActive, type MapFilter, type MapGraph, type Translate } from '@loopmap/shared';
import {
  canvasCardCount,
  clearChoices,
  countChosen,
  filterChoiceGroups,
  matchSummary,
  toggleChoice,
} from './filterChoices.ts';
import { findShortcutName, isApplePlatform, isFindShortcut, isTextEntry } from './findShortcut.ts';
import './filterBar.css';

export interface FilterBarProps {
  graph: MapGraph;
  filter: MapFilter;
  onChange: (filter: MapFilter) => void;
  /** How many cards on the canvas match (the map page computes it with matchingCards to dim the rest). */
  matchCount: number;
}

const apple = typeof navigator !== 'undefined' && isApplePlatform(navigator.platform || navigator.userAgent);

function SearchIcon() {
  return (
    <svg width="16" height="16" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path
        d="m20 20-4.2-4.2M17 10.5a6.5 6.5 0 1 1-13 0 6.5 6.5 0 0 1 13 0Z"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.9"
        strokeLinecap="round"
      />
    </svg>
  );
}

function FilterIcon() {
  return (
    <svg width="16" height="16" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path
        d="M4 5h16l-6.2 7.4V18l-3.6 2v-7.6L4 5Z"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.8"
        strokeLinejoin="round"
      />
    </svg>
  );
}

/**
 * Search and filter for the canvas: a search field (Ctrl+F, or Cmd+F, from anywhere but a text
 * field) and a Filter menu of checkbox groups (kind, level, capability, status, tag). The map
 * page owns the filter and dims the cards that do not match; this only edits the filter.
 */
export function FilterBar({ graph, filter, onChange, matchCount }: FilterBarProps) {
  const { t } = useTranslation('outline');
  const translate = useMemo<Translate>(() => (key, values) => t(key, values ?? {}), [t]);
  const [open, setOpen] = useState(false);
  const search = useRef<HTMLInputElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const popover = useRef<HTMLDivElement>(null);
  const popoverId = useId();

  const groups = useMemo(() => filterChoiceGroups(graph, filter, translate), [graph, filter, translate]);
  const chosen = countChosen(filter);
  const total = canvasCardCount(graph);
  const active = isFilterActive(filter);

  // The find shortcut, on the window while the bar is on the page.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if (event.defaultPrevented || !isFindShortcut(event, apple) || isTextEntry(event.target)) return;
      event.preventDefault();
      search.current?.focus();
      search.current?.select();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);

  // An open menu closes on a press outside it; it starts on its first checkbox.
  useEffect(() => {
    if (!open) return;
    popover.current?.querySelector<HTMLInputElement>('input')?.focus();
    const onPointerDown = (event: PointerEvent): void => {
      if (!menu.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);

  const close = (): void => {
    setOpen(false);
    button.current?.focus();
  };

  const onMenuKeyDown = (event: ReactKeyboardEvent<HTMLDivElement>): void => {
    if (event.key !== 'Escape' || !open) return;
    event.preventDefault();
    event.stopPropagation();
    close();
  };

  const onSearchKeyDown = (event: ReactKeyboardEvent<HTMLInputElement>): void => {
    if (event.key !== 'Escape' || filter.text === '') return;
    // The first Escape empties the search; the next one is the page's (deselect, close).
    event.preventDefault();
    event.stopPropagation();
    onChange({ ...filter, text: '' });
  };

  const clear = (): void => {
    onChange(clearChoices(filter));
    popover.current?.querySelector<HTMLInputElement>('input')?.focus();
  };

  return (
    <div className="filter-bar" role="search" aria-label={t('filter.region')}>
      <div className="filter-bar__search">
        <SearchIcon />
        <input
          ref={search}
          type="search"
          className="input filter-bar__input"
          aria-label={t('filter.search')}
          aria-keyshortcuts={findShortcutName(apple)}
          placeholder={t('filter.search')}
          autoComplete="off"
          spellCheck={false}
          value={filter.text}
          onChange={(event) => onChange({ ...filter, text: event.target.value })}
          onKeyDown={onSearchKeyDown}
        />
      </div>
      <div
        ref={menu}
        className="filter-bar__menu"
        onKeyDown={onMenuKeyDown}
        onBlur={(event) => {
          if (open && !menu.current?.contains(event.relatedTarget as Node | null)) setOpen(false);
        }}
      >
        <button
          ref={button}
          type="button"
          className={`button filter-bar__button${chosen > 0 ? ' filter-bar__button--active' : ''}`}
          aria-expanded={open}
          aria-controls={popoverId}
          aria-label={chosen > 0 ? t('filter.buttonChosen', { count: chosen }) : t('filter.button')}
          onClick={() => setOpen(!open)}
        >
          <FilterIcon />
          {t('filter.button')}
          {chosen > 0 ? (
            <span className="filter-bar__count" aria-hidden="true">
              {chosen}
            </span>
          ) : null}
        </button>
        <div
          ref={popover}
          id={popoverId}
          className="filter-popover"
          role="group"
          aria-label={t('filter.menu')}
          hidden={!open}
        >
          {groups.map((group) => (
            <fieldset key={group.facet} className={`filter-popover__group filter-popover__group--${group.facet}`}>
              <legend className="filter-popover__legend">{group.legend}</legend>
              {group.choices.length === 0 ? (
                <p className="filter-popover__empty">{group.empty}</p>
              ) : (
                <div className="filter-popover__choices">
                  {group.choices.map((choice) => (
                    <label key={choice.value} className="filter-popover__choice">
                      <input
                        type="checkbox"
                        checked={choice.checked}
                        onChange={(event) =>
                          onChange(toggleChoice(filter, group.facet, choice.value, event.target.checked))
                        }
                      />
                      <span>{choice.label}</span>
                    </label>
                  ))}
                </div>
              )}
            </fieldset>
          ))}
          <div className="filter-popover__footer">
            <button type="button" className="button button--quiet" disabled={chosen === 0} onClick={clear}>
              {t('filter.clear')}
            </button>
            <button type="button" className="button" onClick={close}>
              {t('filter.done')}
            </button>
          </div>
        </div>
      </div>
      <p className="filter-bar__summary" aria-live="polite">
        {active ? matchSummary(matchCount, total, translate) : ''}
      </p>
    </div>
  );
}
