import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
  type FocusEvent,
  type KeyboardEvent,
} from 'react';
import { useTranslation } from 'react-i18next';
import type { EdgeView, MapGraph, NodeKind, NodeView, Translate } from '@loopmap/shared';
import type { MapEditor } from '../collab/MapEditor.ts';
import { useMapGraph } from '../collab/useMapGraph.ts';
import type { FlowStore, SelectMode } from '../canvas/FlowStore.ts';
import { linkSentence } from './cardText.ts';
import { CardRow, LinkRow, cardRowKey, linkRowKey, type OutlineActions, type RowContext } from './OutlineRows.tsx';
import {
  StableViews,
  attachmentsByHost,
  linksBySource,
  outlineSections,
  sortedOutline,
  stableOrder,
} from './outlineModel.ts';
import './fields/fields.css';
import './outline.css';

export interface OutlinePanelProps {
  store: FlowStore;
  editor: MapEditor;
  /** Brings a card or link into view on the canvas. */
  onReveal: (id: string) => void;
  onClose: () => void;
  /** Titles and fields as text, no controls. */
  readOnly?: boolean;
  /**
   * Opens a card in the inspector. Attached cards are not drawn on the canvas, so selecting their
   * row calls this (without it, their host is selected instead); expanded rows also offer it.
   */
  onOpenCard?: (id: string) => void;
  /** The card the inspector shows: its row is marked selected when it is an attached card. */
  inspectedId?: string | null;
}

/** Finds the element to focus once the map has changed, or null to wait for the next render. */
type PendingFocus = (root: HTMLElement, graph: MapGraph) => HTMLElement | 'done' | null;

/** Remembers the order last shown, so it can be kept while the outline has the focus. */
function useStableOrder(sorted: readonly string[], frozen: boolean): readonly string[] {
  const last = useRef<readonly string[] | null>(null);
  const next = stableOrder(last.current, sorted, frozen);
  useEffect(() => {
    last.current = next;
  });
  return next;
}

const byKey = (root: HTMLElement, attribute: string, key: string): HTMLElement | null =>
  root.querySelector<HTMLElement>(`[${attribute}="${CSS.escape(key)}"]`);

/**
 * The map as a structured list, the keyboard and screen-reader twin of the canvas: a section per
 * kind in pathway order, each card a row that expands to its fields, its outgoing links and its
 * attachments (nested rows), then every link with its rationale. Selection is shared with the
 * canvas both ways (FlowStore). Keyboard: Up and Down move between rows, Home and End to the
 * ends, Right opens a row (then enters it), Left closes it (then goes to its parent), Delete
 * removes the row's card or link and the focus moves to the next row. Rows keep their order
 * while the outline has the focus, so nothing moves under the keyboard.
 */
export function OutlinePanel({
  store,
  editor,
  onReveal,
  onClose,
  readOnly = false,
  onOpenCard,
  inspectedId = null,
}: OutlinePanelProps) {
  const { t } = useTranslation('outline');
  const translate = useMemo<Translate>(() => (key, values) => t(key, values ?? {}), [t]);
  const [views] = useState(() => new StableViews());
  const graph = views.stabilise(useMapGraph(editor.doc));
  const selection = useSyncExternalStore(store.subscribe, store.getSelection);
  const flowEdges = useSyncExternalStore(store.subscribe, store.getEdges);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set());
  const [frozen, setFrozen] = useState(false);
  const root = useRef<HTMLElement>(null);
  const pending = useRef<PendingFocus | null>(null);

  const sorted = useMemo(() => sortedOutline(graph), [graph]);
  const cardOrder = useStableOrder(sorted.cards, frozen);
  const attachedOrder = useStableOrder(sorted.attached, frozen);
  const linkOrder = useStableOrder(sorted.links, frozen);
  const sections = useMemo(() => outlineSections(graph, cardOrder, translate), [graph, cardOrder, translate]);
  const attachments = useMemo(() => attachmentsByHost(graph, attachedOrder), [graph, attachedOrder]);
  const outgoing = useMemo(() => linksBySource(graph, linkOrder), [graph, linkOrder]);
  const links = useMemo(
    () => linkOrder.map((id) => graph.edgeById.get(id)).filter((edge): edge is EdgeView => edge !== undefined),
    [graph, linkOrder],
  );
  const linkCounts = useMemo(() => {
    const counts = new Map<string, number>();
    for (const edge of graph.edges) {
      counts.set(edge.source, (counts.get(edge.source) ?? 0) + 1);
      counts.set(edge.target, (counts.get(edge.target) ?? 0) + 1);
    }
    return counts;
  }, [graph]);

  const selectedCards = useMemo(() => new Set(selection), [selection]);
  const selectedLinks = useMemo(
    () => new Set(flowEdges.filter((edge) => edge.selected).map((edge) => edge.id)),
    [flowEdges],
  );
  const isSelected = useCallback(
    (id: string): boolean => selectedCards.has(id) || id === inspectedId,
    [selectedCards, inspectedId],
  );

  // The callbacks rows use must keep their identity (rows are memoized); they read these.
  const latest = useRef({ graph, onReveal, onOpenCard });
  useEffect(() => {
    latest.current = { graph, onReveal, onOpenCard };
  });

  const actions = useMemo<OutlineActions>(() => {
    /** Deletes a row's card or link, then focuses the next row (or the previous one at the end). */
    const removeRow = (rowKey: string, isGone: (graph: MapGraph) => boolean, run: () => void): void => {
      const here = root.current;
      const row = here && byKey(here, 'data-row-key', rowKey);
      if (here && row) {
        const others = Array.from(here.querySelectorAll<HTMLElement>('[data-select-for]')).filter(
          (button) => !row.contains(button),
        );
        const after = others.filter((button) => row.compareDocumentPosition(button) & Node.DOCUMENT_POSITION_FOLLOWING);
        const before = others.filter(
          (button) => row.compareDocumentPosition(button) & Node.DOCUMENT_POSITION_PRECEDING,
        );
        const candidates = [...after, ...before.reverse()].map((button) => button.dataset.selectFor ?? '');
        pending.current = (node, next) => {
          if (!isGone(next)) return null;
          for (const key of candidates) {
            const button = byKey(node, 'data-select-for', key);
            if (button) return button;
          }
          return node.querySelector<HTMLElement>('.outline__close');
        };
      }
      run();
    };
    return {
      editor,
      selectCard: (node: NodeView, mode: SelectMode) => {
        const { graph: current, onReveal: reveal, onOpenCard: open } = latest.current;
        if (node.attachedTo === null) {
          store.selectNodes([node.id], mode);
          reveal(node.id);
        } else if (open) {
          open(node.id);
        } else if (current.edgeById.has(node.attachedTo)) {
          store.selectEdge(node.attachedTo);
          reveal(node.attachedTo);
        } else {
          store.selectNodes([node.attachedTo]);
          reveal(node.attachedTo);
        }
      },
      selectLink: (id: string) => {
        store.selectEdge(id);
        latest.current.onReveal(id);
      },
      toggle: (rowKey: string) =>
        setExpanded((prev) => {
          const next = new Set(prev);
          if (!next.delete(rowKey)) next.add(rowKey);
          return next;
        }),
      removeCard: (node: NodeView) =>
        removeRow(
          cardRowKey(node.id),
          (next) => !next.nodeById.has(node.id),
          () => editor.remove([node.id], []),
        ),
      removeLink: (edge: EdgeView) =>
        removeRow(
          linkRowKey(edge.id),
          (next) => !next.edgeById.has(edge.id),
          () => editor.remove([], [edge.id]),
        ),
      changeKind: (node: NodeView, kind: NodeKind) => {
        // The row moves to its new section (a new element): keep the focus on its kind select.
        pending.current = (here, next) => {
          if (next.nodeById.get(node.id)?.kind !== kind) return null;
          const select = byKey(here, 'data-row-key', cardRowKey(node.id))?.querySelector<HTMLElement>(
            '.outline__kind-select',
          );
          if (!select) return null;
          return select === document.activeElement ? 'done' : select;
        };
        editor.setCardKind(node.id, kind);
      },
      openInInspector: onOpenCard ? (id: string) => latest.current.onOpenCard?.(id) : undefined,
    };
    // onOpenCard only decides whether the action exists; its identity is read through `latest`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [store, editor, Boolean(onOpenCard)]);

  // A deletion or a kind change asked for the focus to land somewhere once the map has changed.
  useLayoutEffect(() => {
    const here = root.current;
    const find = pending.current;
    if (!here || !find) return;
    const target = find(here, graph);
    if (target === null) return;
    pending.current = null;
    if (target !== 'done') target.focus();
  });

  // Selected on the canvas: scroll its row into view, unless the user is working in the outline.
  useEffect(() => {
    const here = root.current;
    if (!here || here.contains(document.activeElement)) return;
    const key =
      selection.length === 1
        ? cardRowKey(selection[0]!)
        : selectedLinks.size === 1
          ? linkRowKey([...selectedLinks][0]!)
          : null;
    if (key) byKey(here, 'data-select-for', key)?.scrollIntoView({ block: 'nearest' });
  }, [selection, selectedLinks]);

  const onKeyDown = (event: KeyboardEvent<HTMLElement>): void => {
    const target = event.target as HTMLElement;
    const here = root.current;
    if (!here || !target.matches('.outline__select, .outline__disclosure')) return;
    const row = target.closest<HTMLElement>('[data-row-key]');
    const key = row?.dataset.rowKey;
    if (!row || !key) return;
    const rows = Array.from(here.querySelectorAll<HTMLElement>('[data-select-for]'));
    const index = rows.findIndex((button) => button.dataset.selectFor === key);
    const focus = (button: HTMLElement | null | undefined): void => button?.focus();
    // A tree opens towards the reading direction: in a right-to-left page ← opens and → closes.
    const rtl = getComputedStyle(here).direction === 'rtl';
    const flipped: Record<string, string> = { ArrowLeft: 'ArrowRight', ArrowRight: 'ArrowLeft' };
    const pressed = rtl ? (flipped[event.key] ?? event.key) : event.key;
    switch (pressed) {
      case 'ArrowDown':
        focus(rows[Math.min(rows.length - 1, index + 1)]);
        break;
      case 'ArrowUp':
        focus(rows[Math.max(0, index - 1)]);
        break;
      case 'Home':
        focus(rows[0]);
        break;
      case 'End':
        focus(rows[rows.length - 1]);
        break;
      case 'ArrowRight':
        if (!expanded.has(key)) actions.toggle(key);
        else focus(row.querySelector<HTMLElement>('.outline__details [data-select-for]'));
        break;
      case 'ArrowLeft': {
        if (expanded.has(key)) {
          actions.toggle(key);
          focus(rows[index]);
        } else {
          const parent = row.parentElement?.closest<HTMLElement>('[data-row-key]');
          if (parent) focus(byKey(here, 'data-select-for', parent.dataset.rowKey ?? ''));
        }
        break;
      }
      case 'Delete': {
        if (readOnly) return;
        const id = key.slice(key.indexOf(':') + 1);
        const node = graph.nodeById.get(id);
        const edge = graph.edgeById.get(id);
        if (key.startsWith('card:') && node) actions.removeCard(node);
        else if (key.startsWith('link:') && edge) actions.removeLink(edge);
        break;
      }
      default:
        return;
    }
    event.preventDefault();
  };

  const onFocus = (): void => setFrozen(true);
  const onBlur = (event: FocusEvent<HTMLElement>): void => {
    if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setFrozen(false);
  };

  const context: RowContext = { graph, outgoing, attachments, expanded, isSelected };
  const cardCount = sections.reduce((sum, section) => sum + section.cards.length, 0);

  return (
    <aside className="side-panel outline" aria-labelledby="outline-title" ref={root} onFocus={onFocus} onBlur={onBlur}>
      <header className="side-panel__header">
        <h2 id="outline-title" className="side-panel__title">
          {t('panel.title')}
        </h2>
        <button type="button" className="icon-button outline__close" aria-label={t('panel.close')} onClick={onClose}>
          ×
        </button>
      </header>
      <div className="outline__scroll" onKeyDown={onKeyDown}>
        <p className="visually-hidden">{readOnly ? t('panel.keys') : t('panel.keysEditable')}</p>
        {cardCount === 0 && (
          <p className="outline__empty">{readOnly ? t('panel.noCards') : t('panel.noCardsEditable')}</p>
        )}
        {sections.map((section) => (
          <section key={section.kind} aria-labelledby={`outline-${section.kind}`} data-section={section.kind}>
            <h3 id={`outline-${section.kind}`} className="outline__heading">
              {section.heading} <span className="outline__count">{section.cards.length}</span>
              {section.attachedElsewhere > 0 && (
                <span className="outline__aside">
                  <span aria-hidden="true">{t('panel.attachedElsewhere', { count: section.attachedElsewhere })}</span>
                  <span className="visually-hidden">
                    {t('panel.attachedElsewhereSpoken', { count: section.attachedElsewhere })}
                  </span>
                </span>
              )}
            </h3>
            <ul className="outline__list">
              {section.cards.map((node) => {
                const key = cardRowKey(node.id);
                const open = expanded.has(key);
                return (
                  <CardRow
                    key={node.id}
                    node={node}
                    selected={selectedCards.has(node.id)}
                    expanded={open}
                    readOnly={readOnly}
                    linkCount={linkCounts.get(node.id) ?? 0}
                    attachedCount={attachments.get(node.id)?.length ?? 0}
                    actions={actions}
                    context={open ? context : null}
                  />
                );
              })}
            </ul>
          </section>
        ))}
        <section aria-labelledby="outline-links" data-section="links">
          <h3 id="outline-links" className="outline__heading">
            {t('panel.links')} <span className="outline__count">{links.length}</span>
          </h3>
          {links.length === 0 ? (
            <p className="outline__empty">{readOnly ? t('panel.noLinks') : t('panel.noLinksEditable')}</p>
          ) : (
            <ul className="outline__list">
              {links.map((edge) => {
                const key = linkRowKey(edge.id);
                const open = expanded.has(key);
                return (
                  <LinkRow
                    key={edge.id}
                    edge={edge}
                    sentence={linkSentence(graph, edge)}
                    selected={selectedLinks.has(edge.id)}
                    expanded={open}
                    readOnly={readOnly}
                    attachedCount={attachments.get(edge.id)?.length ?? 0}
                    actions={actions}
                    context={open ? context : null}
                  />
                );
              })}
            </ul>
          )}
        </section>
      </div>
    </aside>
  );
}
