import { useCallback, useRef, useSyncExternalStore, type CSSProperties } from 'react';
import { NODE_KINDS, NODE_KIND_LABELS, isNodeKind } from '@loopmap/shared';
import { describeRefusedLink, type MapEditor } from '../collab/MapEditor.ts';
import type { FlowStore } from '../canvas/FlowStore.ts';
import { KIND_COLORS } from '../canvas/kindColors.ts';
import { LiveLabelField } from '../canvas/LiveLabelField.tsx';
import type { CardData } from '../canvas/toFlow.ts';
import { TrashIcon } from './OutlinePanel.tsx';

interface SelectedCard {
  id: string;
  data: CardData;
  /** Cards on the map (so the "Link to" list follows added and deleted cards). */
  count: number;
}

const KIND_ORDER = new Map<string, number>(NODE_KINDS.map((kind, i) => [kind, i]));

/**
 * The one selected card, or null when zero or several are selected. The same object while only
 * its position changes, so dragging the selected card does not re-render the inspector.
 */
function useSoleSelectedCard(store: FlowStore): SelectedCard | null {
  const last = useRef<SelectedCard | null>(null);
  const getSnapshot = useCallback(() => {
    const selection = store.getSelection();
    const node = selection.length === 1 ? store.getNodes().find((n) => n.id === selection[0]) : undefined;
    if (!node) return (last.current = null);
    const count = store.getNodes().length;
    const prev = last.current;
    if (prev?.id !== node.id || prev.data !== node.data || prev.count !== count) {
      last.current = { id: node.id, data: node.data, count };
    }
    return last.current;
  }, [store]);
  return useSyncExternalStore(store.subscribe, getSnapshot);
}

function cardName(data: CardData): string {
  return `${NODE_KIND_LABELS[data.kind]}: ${data.label.trim() || 'untitled'}`;
}

export interface NodeInspectorProps {
  store: FlowStore;
  editor: MapEditor;
  onNotice: (message: string) => void;
  /** Show the card's kind and label as text, with no controls. */
  readOnly?: boolean;
}

/**
 * Kind, label and links of the selected card: for when the card is too small to work in, and
 * for the keyboard (a link can be made here without dragging a handle).
 */
export function NodeInspector({ store, editor, onNotice, readOnly = false }: NodeInspectorProps) {
  const node = useSoleSelectedCard(store);
  if (!node) return null;
  const kindLabel = NODE_KIND_LABELS[node.data.kind];
  if (readOnly) {
    return (
      <section
        className="inspector inspector--read-only"
        aria-label={`Selected ${kindLabel.toLowerCase()}`}
        style={{ '--kind-color': KIND_COLORS[node.data.kind] } as CSSProperties}
      >
        <span className="inspector__kind">{kindLabel}</span>
        <p className={node.data.label ? 'inspector__text' : 'inspector__text inspector__text--empty'}>
          {node.data.label || 'No label yet'}
        </p>
      </section>
    );
  }
  return (
    <section
      className="inspector"
      aria-label={`Selected ${kindLabel.toLowerCase()}`}
      style={{ '--kind-color': KIND_COLORS[node.data.kind] } as CSSProperties}
    >
      <div className="inspector__row">
        <label className="field">
          <span className="field__label">Kind</span>
          <select
            className="input"
            value={node.data.kind}
            onChange={(event) => {
              if (isNodeKind(event.target.value)) editor.setCardKind(node.id, event.target.value);
            }}
          >
            {NODE_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {NODE_KIND_LABELS[kind]}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="icon-button"
          aria-label={`Delete this ${kindLabel.toLowerCase()}`}
          title="Delete card and its links"
          onClick={() => editor.remove([node.id], [])}
        >
          <TrashIcon />
        </button>
      </div>
      <label className="field">
        <span className="field__label">Label</span>
        <LiveLabelField
          key={node.id}
          multiline
          autoFocus={false}
          className="input inspector__label"
          ariaLabel="Card label"
          placeholder={`Describe this ${kindLabel.toLowerCase()}`}
          value={node.data.label}
          onInput={(next) => editor.setCardLabel(node.id, next)}
        />
      </label>
      <label className="field">
        <span className="field__label">Link to</span>
        <select
          className="input"
          value=""
          onChange={(event) => {
            const target = event.target.value;
            if (!target) return;
            const result = editor.link(node.id, target);
            onNotice(result.ok ? 'Link added.' : describeRefusedLink(result.reason));
          }}
        >
          <option value="">Choose a card…</option>
          {store
            .getNodes()
            .filter((other) => other.id !== node.id)
            .sort(
              (a, b) =>
                (KIND_ORDER.get(a.data.kind) ?? 0) - (KIND_ORDER.get(b.data.kind) ?? 0) ||
                a.data.label.localeCompare(b.data.label),
            )
            .map((other) => (
              <option key={other.id} value={other.id}>
                {cardName(other.data)}
              </option>
            ))}
        </select>
      </label>
    </section>
  );
}
