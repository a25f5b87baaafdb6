import { memo, useMemo, useSyncExternalStore, type CSSProperties, type KeyboardEvent, type MouseEvent } from 'react';
import { NODE_KINDS, NODE_KIND_LABELS } from '@loopmap/shared';
import type { MapEditor } from '../collab/MapEditor.ts';
import type { FlowStore, SelectMode } from '../canvas/FlowStore.ts';
import { KIND_COLORS } from '../canvas/kindColors.ts';
import { LiveLabelField } from '../canvas/LiveLabelField.tsx';
import type { CardNode, LinkEdge } from '../canvas/toFlow.ts';

const KIND_ORDER = new Map<string, number>(NODE_KINDS.map((kind, i) => [kind, i]));

/** Impact first, then down the pathway; within a kind, top to bottom, then left to right. */
function outlineOrder(a: CardNode, b: CardNode): number {
  return (
    (KIND_ORDER.get(a.data.kind) ?? 99) - (KIND_ORDER.get(b.data.kind) ?? 99) ||
    a.position.y - b.position.y ||
    a.position.x - b.position.x ||
    (a.id < b.id ? -1 : 1)
  );
}

const labelOf = (node: CardNode | undefined): string =>
  node ? node.data.label.trim() || `Untitled ${NODE_KIND_LABELS[node.data.kind].toLowerCase()}` : 'a deleted card';

const selectMode = (event: MouseEvent): SelectMode =>
  event.shiftKey || event.metaKey || event.ctrlKey ? 'toggle' : 'replace';

/** Arrow keys move between the rows' first buttons; Home and End jump to the ends. */
function moveBetweenRows(event: KeyboardEvent<HTMLUListElement>): void {
  const target = event.target as HTMLElement;
  if (!target.matches('.outline__select')) return;
  const rows = Array.from(event.currentTarget.querySelectorAll<HTMLElement>('.outline__select'));
  const index = rows.indexOf(target);
  const next =
    event.key === 'ArrowDown'
      ? index + 1
      : event.key === 'ArrowUp'
        ? index - 1
        : event.key === 'Home'
          ? 0
          : event.key === 'End'
            ? rows.length - 1
            : -2;
  if (next === -2) return;
  event.preventDefault();
  rows[Math.max(0, Math.min(rows.length - 1, next))]?.focus();
}

interface CardRowProps {
  node: CardNode;
  editor: MapEditor;
  onSelect: (id: string, mode: SelectMode) => void;
  readOnly: boolean;
}

/** A label as plain text, for read-only rows. */
function StaticLabel({ text, placeholder }: { text: string; placeholder: string }) {
  return (
    <span
      className={
        text ? 'outline__label outline__label--static' : 'outline__label outline__label--static outline__label--empty'
      }
    >
      {text || placeholder}
    </span>
  );
}

const CardRow = memo(function CardRow({ node, editor, onSelect, readOnly }: CardRowProps) {
  const kindLabel = NODE_KIND_LABELS[node.data.kind];
  const selected = Boolean(node.selected);
  return (
    <li
      className={`outline__item${selected ? ' outline__item--selected' : ''}`}
      style={{ '--kind-color': KIND_COLORS[node.data.kind] } as CSSProperties}
    >
      <button
        type="button"
        className="outline__select"
        aria-pressed={selected}
        aria-label={`${kindLabel}: ${labelOf(node)}`}
        title="Select and show on the map"
        onClick={(event) => onSelect(node.id, selectMode(event))}
      >
        <span className="outline__kind">{kindLabel}</span>
      </button>
      {readOnly ? (
        <StaticLabel text={node.data.label} placeholder={`Untitled ${kindLabel.toLowerCase()}`} />
      ) : (
        <>
          <LiveLabelField
            autoFocus={false}
            className="outline__label input input--quiet"
            ariaLabel={`${kindLabel} label`}
            placeholder={`Untitled ${kindLabel.toLowerCase()}`}
            value={node.data.label}
            onInput={(next) => editor.setCardLabel(node.id, next)}
          />
          <button
            type="button"
            className="icon-button"
            aria-label={`Delete ${kindLabel.toLowerCase()} “${labelOf(node)}”`}
            title="Delete card and its links"
            onClick={() => editor.remove([node.id], [])}
          >
            <TrashIcon />
          </button>
        </>
      )}
    </li>
  );
});

interface LinkRowProps {
  edge: LinkEdge;
  source: CardNode | undefined;
  target: CardNode | undefined;
  editor: MapEditor;
  onSelect: (id: string) => void;
  readOnly: boolean;
}

const LinkRow = memo(function LinkRow({ edge, source, target, editor, onSelect, readOnly }: LinkRowProps) {
  const label = edge.data?.label ?? '';
  const name = `${labelOf(source)} → ${labelOf(target)}${label ? `: ${label}` : ''}`;
  return (
    <li className={`outline__item outline__item--link${edge.selected ? ' outline__item--selected' : ''}`}>
      <button
        type="button"
        className="outline__select outline__select--link"
        aria-pressed={Boolean(edge.selected)}
        aria-label={name}
        title="Select and show on the map"
        onClick={() => onSelect(edge.id)}
      >
        <span className="outline__ends">
          {labelOf(source)} <span aria-hidden="true">→</span> {labelOf(target)}
        </span>
      </button>
      {readOnly ? (
        <StaticLabel text={label} placeholder="No rationale yet" />
      ) : (
        <>
          <LiveLabelField
            autoFocus={false}
            className="outline__label input input--quiet"
            ariaLabel={`Label of link ${labelOf(source)} → ${labelOf(target)}`}
            placeholder="Why does this lead to that?"
            value={label}
            onInput={(next) => editor.setLinkLabel(edge.id, next)}
          />
          <button
            type="button"
            className="icon-button"
            aria-label={`Delete link ${labelOf(source)} → ${labelOf(target)}`}
            title="Delete link"
            onClick={() => editor.remove([], [edge.id])}
          >
            <TrashIcon />
          </button>
        </>
      )}
    </li>
  );
});

export function TrashIcon() {
  return (
    <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <path
        d="M6 2h4M2.5 4h11M4 4l.7 9.1a1 1 0 0 0 1 .9h4.6a1 1 0 0 0 1-.9L12 4M6.5 7v4.5M9.5 7v4.5"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.4"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}

export interface OutlinePanelProps {
  store: FlowStore;
  editor: MapEditor;
  /** Brings a card or link into view on the canvas. */
  onReveal: (id: string) => void;
  onClose: () => void;
  /** Labels as text, no delete buttons. */
  readOnly?: boolean;
}

/**
 * The map as text: every card and every link, in reading order, each selectable, editable and
 * deletable from the keyboard. The accessible twin of the canvas, and selection is shared with it.
 */
export function OutlinePanel({ store, editor, onReveal, onClose, readOnly = false }: OutlinePanelProps) {
  const nodes = useSyncExternalStore(store.subscribe, store.getNodes);
  const edges = useSyncExternalStore(store.subscribe, store.getEdges);
  const sorted = useMemo(() => [...nodes].sort(outlineOrder), [nodes]);
  const byId = useMemo(() => new Map(nodes.map((node) => [node.id, node])), [nodes]);

  const selectCard = useMemo(
    () => (id: string, mode: SelectMode) => {
      store.selectNodes([id], mode);
      onReveal(id);
    },
    [store, onReveal],
  );
  const selectLink = useMemo(
    () => (id: string) => {
      store.selectEdge(id);
      onReveal(id);
    },
    [store, onReveal],
  );

  return (
    <aside className="outline" aria-labelledby="outline-title">
      <header className="outline__header">
        <h2 id="outline-title" className="outline__title">
          Outline
        </h2>
        <button type="button" className="icon-button" aria-label="Close outline" onClick={onClose}>
          ×
        </button>
      </header>
      <div className="outline__scroll">
        <section aria-labelledby="outline-cards">
          <h3 id="outline-cards" className="outline__heading">
            Cards <span className="outline__count">{nodes.length}</span>
          </h3>
          {sorted.length === 0 ? (
            <p className="outline__empty">
              {readOnly ? 'No cards yet.' : 'No cards yet. Add one from the palette on the left.'}
            </p>
          ) : (
            <ul className="outline__list" onKeyDown={moveBetweenRows}>
              {sorted.map((node) => (
                <CardRow key={node.id} node={node} editor={editor} onSelect={selectCard} readOnly={readOnly} />
              ))}
            </ul>
          )}
        </section>
        <section aria-labelledby="outline-links">
          <h3 id="outline-links" className="outline__heading">
            Links <span className="outline__count">{edges.length}</span>
          </h3>
          {edges.length === 0 ? (
            <p className="outline__empty">
              {readOnly ? 'No links yet.' : 'No links yet. Drag from a card’s right handle to another card.'}
            </p>
          ) : (
            <ul className="outline__list" onKeyDown={moveBetweenRows}>
              {edges.map((edge) => (
                <LinkRow
                  key={edge.id}
                  edge={edge}
                  source={byId.get(edge.source)}
                  target={byId.get(edge.target)}
                  editor={editor}
                  onSelect={selectLink}
                  readOnly={readOnly}
                />
              ))}
            </ul>
          )}
        </section>
      </div>
    </aside>
  );
}
