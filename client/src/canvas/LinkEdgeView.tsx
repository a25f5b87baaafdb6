import { memo } from 'react';
import { BaseEdge, EdgeLabelRenderer, getBezierPath, type EdgeProps } from '@xyflow/react';
import { useCanvasContext } from './CanvasContext.ts';
import { useIsEditing } from './LabelEditing.ts';
import { LiveLabelField } from './LiveLabelField.tsx';
import type { LinkEdge } from './toFlow.ts';

/** A link: a curve with an arrow, and its label (the claim or rationale) at the middle. */
function LinkEdgeComponent({
  id,
  sourceX,
  sourceY,
  targetX,
  targetY,
  sourcePosition,
  targetPosition,
  markerEnd,
  selected,
  data,
}: EdgeProps<LinkEdge>) {
  const { editor, editing } = useCanvasContext();
  const isEditing = useIsEditing(editing, id);
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  const label = data?.label ?? '';

  return (
    <>
      <BaseEdge id={id} path={path} markerEnd={markerEnd} interactionWidth={24} className="link__path" />
      {(label || isEditing) && (
        <EdgeLabelRenderer>
          <div
            className={`link__label nodrag nopan${selected ? ' link__label--selected' : ''}`}
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
            onDoubleClick={() => editing.start(id)}
          >
            {isEditing ? (
              <LiveLabelField
                ariaLabel="Link label"
                placeholder="Why does this lead to that?"
                value={label}
                onInput={(next) => editor.setLinkLabel(id, next)}
                onClose={() => editing.stop(id)}
              />
            ) : (
              label
            )}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
}

export const LinkEdgeView = memo(LinkEdgeComponent);
