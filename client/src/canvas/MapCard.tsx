import { memo, useState, type CSSProperties } from 'react';
import type { NodeProps } from '@xyflow/react';
import { NODE_KIND_LABELS } from '@loopmap/shared';
import { useCanvasContext } from './CanvasContext.ts';
import { CardHandle } from './CardHandle.tsx';
import { useIsEditing } from './LabelEditing.ts';
import { KIND_COLORS } from './kindColors.ts';
import { LiveLabelField } from './LiveLabelField.tsx';
import type { CardNode } from './toFlow.ts';

/**
 * A card on the canvas. One component for every kind: the kind sets the colour (CSS, by
 * data-kind) and the badge. Links leave from the right handle and arrive on the left one.
 */
function MapCardComponent({ id, data, selected }: NodeProps<CardNode>) {
  const { editor, editing, focusCard, readOnly } = useCanvasContext();
  // The pointer is on the card, or it is selected: it gets live link handles (see CardHandle).
  const [active, setActive] = useState(false);
  const live = !readOnly && (active || selected);
  const isEditing = useIsEditing(editing, id);
  const kindLabel = NODE_KIND_LABELS[data.kind];
  const peer = data.peers[0];
  const style = {
    '--kind-color': KIND_COLORS[data.kind],
    ...(peer ? { '--peer-color': peer.color } : {}),
  } as CSSProperties;

  return (
    <div
      className="card"
      data-kind={data.kind}
      data-peer-selected={peer ? 'true' : undefined}
      style={style}
      onPointerEnter={() => setActive(true)}
      onPointerLeave={() => setActive(false)}
    >
      <CardHandle nodeId={id} type="target" live={live} />
      <div className="card__header">
        <span className="card__badge">{kindLabel}</span>
        {peer && (
          <span className="card__peers" title={data.peers.map((p) => p.name).join(', ')}>
            {data.peers.length > 1 ? `${peer.name} +${data.peers.length - 1}` : peer.name}
          </span>
        )}
      </div>
      {isEditing ? (
        <LiveLabelField
          multiline
          className="card__editor"
          ariaLabel="Node label"
          placeholder={`Describe this ${kindLabel.toLowerCase()}`}
          value={data.label}
          onInput={(next) => editor.setCardLabel(id, next)}
          onClose={(refocus) => {
            editing.stop(id);
            if (refocus) focusCard(id);
          }}
        />
      ) : (
        <div className={data.label ? 'card__label' : 'card__label card__label--empty'}>
          {data.label || (readOnly ? 'No label yet' : 'Double-click to write')}
        </div>
      )}
      <CardHandle nodeId={id} type="source" live={live} />
    </div>
  );
}

export const MapCard = memo(MapCardComponent);
