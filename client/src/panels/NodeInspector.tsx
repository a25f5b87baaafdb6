import { useCallback, useSyncExternalStore, type CSSProperties } from 'react';
import { NODE_KINDS, NODE_KIND_LABELS, isNodeKind } from '@loopmap/shared';
import type { MapEditor } from '../collab/MapEditor.ts';
import type { FlowStore } from '../canvas/FlowStore.ts';
import { KIND_COLORS } from '../canvas/kindColors.ts';
import { LiveLabelField } from '../canvas/LiveLabelField.tsx';
import type { CardNode } from '../canvas/toFlow.ts';
import { TrashIcon } from './OutlinePanel.tsx';

/** The one selected card, or null when zero or several are selected. */
function useSoleSelectedCard(store: FlowStore): CardNode | null {
  const getSnapshot = useCallback(() => {
    const selection = store.getSelection();
    if (selection.length !== 1) return null;
    return store.getNodes().find((node) => node.id === selection[0]) ?? null;
  }, [store]);
  return useSyncExternalStore(store.subscribe, getSnapshot);
}

/** Kind and label of the selected card, for when the card itself is too small to work in. */
export function NodeInspector({ store, editor }: { store: FlowStore; editor: MapEditor }) {
  const node = useSoleSelectedCard(store);
  if (!node) return null;
  const kindLabel = NODE_KIND_LABELS[node.data.kind];
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
    </section>
  );
}
