import { useTranslation } from 'react-i18next';
import { useMemo, type KeyboardEvent } from 'react';
import {
  NODE_KINDS,
  type CardDiff,
  type FieldChange,
  type LinkDiff,
  type MapDiff,
  type NodeKind,
} from '@loopmap/shared';
import { kindLabel, kindPluralLabel } from '../i18n/domainText.ts';
import { describeFieldChange } from './changeText.ts';
import { describeCounts } from './compareMarks.ts';
import { ChangeGlyph } from './ChangeLegend.tsx';
import { MARK_WORDS, type MarkState } from './projectMap.ts';

const plural = (kind: NodeKind): string => kindPluralLabel(kind);

export interface CompareListProps {
  diff: MapDiff;
  /** A card's title by id (in the later map, or the earlier one for removed cards). */
  cardName: (id: string) => string;
  selected: string | null;
  /** Selects the card or link on the canvas and brings it into view. */
  onSelect: (id: string) => void;
}

function statesOf(change: CardDiff | LinkDiff): MarkState[] {
  if (change.state !== 'changed') return [change.state];
  const states: MarkState[] = [];
  if (change.fields.length > 0) states.push('changed');
  if ('moved' in change && change.moved) states.push('moved');
  return states;
}

function FieldChanges({ fields }: { fields: readonly FieldChange[] }) {
  if (fields.length === 0) return null;
  return (
    <dl className="change-fields">
      {fields.map((change) => {
        const text = describeFieldChange(change);
        return (
          <div key={change.field} className="change-fields__row">
            <dt>{text.label}</dt>
            {text.kind === 'summary' ? (
              <dd>{text.text}</dd>
            ) : (
              <dd>
                {text.before !== null ? (
                  <del className="change-fields__before">
                    <span className="visually-hidden">before: </span>
                    {text.before}
                  </del>
                ) : (
                  <span className="change-fields__unset">not set</span>
                )}
                <span aria-hidden="true"> → </span>
                {text.after !== null ? (
                  <ins className="change-fields__after">
                    <span className="visually-hidden">after: </span>
                    {text.after}
                  </ins>
                ) : (
                  <span className="change-fields__unset">not set</span>
                )}
              </dd>
            )}
          </div>
        );
      })}
    </dl>
  );
}

interface ItemProps {
  id: string;
  title: string;
  noun: string;
  states: MarkState[];
  fields: readonly FieldChange[];
  selected: boolean;
  onSelect: (id: string) => void;
}

function ChangeItem({ id, title, noun, states, fields, selected, onSelect }: ItemProps) {
  const removed = states.includes('removed');
  const words = states.map((state) => MARK_WORDS[state]).join(' and ');
  return (
    <li className={`change-item${selected ? ' change-item--selected' : ''}`}>
      <button
        type="button"
        className="change-item__button"
        aria-current={selected ? 'true' : undefined}
        aria-label={`${words} ${noun}: ${title}`}
        onClick={() => onSelect(id)}
      >
        <span className="change-item__glyphs">
          {states.map((state) => (
            <ChangeGlyph key={state} state={state} />
          ))}
        </span>
        <span className={`change-item__title${removed ? ' change-item__title--removed' : ''}`}>{title}</span>
      </button>
      {states.includes('moved') && fields.length === 0 && <p className="change-item__note">Moved on the canvas</p>}
      <FieldChanges fields={fields} />
    </li>
  );
}

/** Up and Down move between the items, as in a list box; Tab leaves the list. */
function onListKeyDown(event: KeyboardEvent<HTMLElement>): void {
  if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
  const buttons = [...event.currentTarget.querySelectorAll<HTMLButtonElement>('.change-item__button')];
  const index = buttons.indexOf(document.activeElement as HTMLButtonElement);
  if (index < 0) return;
  event.preventDefault();
  buttons[Math.max(0, Math.min(buttons.length - 1, index + (event.key === 'ArrowDown' ? 1 : -1)))]?.focus();
}

/**
 * The changes between two versions as a list beside the canvas: the counts, then the cards
 * grouped by kind, the links, and the map's settings, each with what changed field by field
 * (before struck through, after underlined; lists summarised). Choosing an item selects it on
 * the canvas and brings it into view.
 */
export function CompareList({ diff, cardName, selected, onSelect }: CompareListProps) {
  const { t } = useTranslation();
  const byKind = useMemo(() => {
    const groups = new Map<NodeKind, CardDiff[]>();
    for (const card of diff.cards) {
      let list = groups.get(card.kind);
      if (!list) groups.set(card.kind, (list = []));
      list.push(card);
    }
    // By title, numbers in order ("Card 9" before "Card 10"): how people look for a card.
    const byTitle = (a: CardDiff, b: CardDiff): number => a.label.localeCompare(b.label, undefined, { numeric: true });
    return NODE_KINDS.filter((kind) => groups.has(kind)).map(
      (kind) => [kind, groups.get(kind)!.sort(byTitle)] as const,
    );
  }, [diff]);
  const empty = diff.cards.length === 0 && diff.links.length === 0 && diff.meta.length === 0;

  return (
    <aside className="compare-list" aria-label="Changes between the two versions" onKeyDown={onListKeyDown}>
      <p className="compare-list__counts" role="status">
        {describeCounts(diff.counts)}
      </p>
      {empty && <p className="muted">The two versions are the same.</p>}
      {byKind.map(([kind, cards]) => (
        <section key={kind} className="compare-list__section" aria-label={plural(kind)}>
          <h3 className="compare-list__heading">
            {plural(kind)} <span className="compare-list__count">{cards.length}</span>
          </h3>
          <ul className="compare-list__items">
            {cards.map((card) => (
              <ChangeItem
                key={card.id}
                id={card.id}
                title={card.label || 'Untitled'}
                noun={kindLabel(card.kind, t).toLowerCase()}
                states={statesOf(card)}
                fields={card.fields}
                selected={selected === card.id}
                onSelect={onSelect}
              />
            ))}
          </ul>
        </section>
      ))}
      {diff.links.length > 0 && (
        <section className="compare-list__section" aria-label="Links">
          <h3 className="compare-list__heading">
            Links <span className="compare-list__count">{diff.links.length}</span>
          </h3>
          <ul className="compare-list__items">
            {diff.links.map((link) => (
              <ChangeItem
                key={link.id}
                id={link.id}
                title={`${cardName(link.source)} → ${cardName(link.target)}`}
                noun="link"
                states={statesOf(link)}
                fields={link.fields}
                selected={selected === link.id}
                onSelect={onSelect}
              />
            ))}
          </ul>
        </section>
      )}
      {diff.meta.length > 0 && (
        <section className="compare-list__section" aria-label="Map settings">
          <h3 className="compare-list__heading">Map settings</h3>
          <div className="change-item change-item--meta">
            <FieldChanges fields={diff.meta} />
          </div>
        </section>
      )}
    </aside>
  );
}
