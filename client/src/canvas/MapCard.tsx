import { memo, type CSSProperties } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { NODE_KIND_LABELS } from '@loopmap/shared';
import { useCanvasContext } from './CanvasContext.ts';
import { useIsEditing } from './LabelEditing.ts';
import { KIND_COLORS } from './kindColors.ts';
import { LiveLabelField } from './LiveLabelField.tsx';
import type { CardNode } from './toFlow.ts';

/**
 * A card on the canvas. One component for every kind: the kind sets the colour (CSS, by
 * data-kind) and the badge. Links leave from the right handle and arrive on the left one.
 */
function MapCardComponent({ id, data }: NodeProps<CardNode>) {
  const { editor, editing, focusCard } = useCanvasContext();
  const isEditing = useIsEditing(editing, id);
  const kindLabel = NODE_KIND_LABELS[data.kind];
  const peer = data.peers[0];
  const style = {
    '--kind-color': KIND_COLORS[data.kind],
    ...(peer ? { '--peer-color': peer.color } : {}),
  } as CSSProperties;

  return (
    <div className="card" data-kind={data.kind} data-peer-selected={peer ? 'true' : undefined} style={style}>
      <Handle type="target" position={Position.Left} className="card__handle" />
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
          {data.label || 'Double-click to write'}
        </div>
      )}
      <Handle type="source" position={Position.Right} className="card__handle" />
    </div>
  );
}

export const MapCard = memo(MapCardComponent);
