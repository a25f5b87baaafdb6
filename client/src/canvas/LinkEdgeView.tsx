import { memo } from 'react';
import { createPortal } from 'react-dom';
import { BaseEdge, getBezierPath, useStoreApi, type EdgeProps, type InternalNode } from '@xyflow/react';
import { arrowPath, floatingEnds, type Box } from './floatingEdgeGeometry.ts';
import { useCanvasContext } from './CanvasContext.ts';
import { useIsEditing } from './LabelEditing.ts';
import { LiveLabelField } from './LiveLabelField.tsx';
import type { LinkEdge } from './toFlow.ts';

function boxOf(node: InternalNode | undefined): Box | null {
  if (!node?.measured.width || !node.measured.height) return null;
  const { x, y } = node.internals.positionAbsolute;
  return { x, y, width: node.measured.width, height: node.measured.height };
}

/**
 * A link: a curve with an arrow, and its label (the claim or rationale) at the middle. It floats:
 * its ends sit where the line between the two cards' centres crosses their borders.
 */
function LinkEdgeComponent(props: EdgeProps<LinkEdge>) {
  const { id, source, target, selected, data } = props;
  const { editor, editing, edgeLabelLayer } = useCanvasContext();
  const isEditing = useIsEditing(editing, id);
  // Read, not subscribed: React Flow re-renders an edge whenever either end moves or resizes
  // (its handle coordinates change), and two store subscriptions per link would cost more per
  // frame, at a thousand links, than everything else in a drag.
  const { nodeLookup } = useStoreApi().getState();
  const sourceBox = boxOf(nodeLookup.get(source));
  const targetBox = boxOf(nodeLookup.get(target));
  const ends = sourceBox && targetBox ? floatingEnds(sourceBox, targetBox) : props;
  const [path, labelX, labelY] = getBezierPath({
    sourceX: ends.sourceX,
    sourceY: ends.sourceY,
    sourcePosition: ends.sourcePosition,
    targetX: ends.targetX,
    targetY: ends.targetY,
    targetPosition: ends.targetPosition,
  });
  const label = data?.label ?? '';

  return (
    <>
      <BaseEdge id={id} path={path} interactionWidth={24} className="link__path" />
      <path className="link__arrow" d={arrowPath(ends.targetX, ends.targetY, ends.targetPosition)} />
      {(label || isEditing) &&
        edgeLabelLayer &&
        createPortal(
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
          </div>,
          edgeLabelLayer,
        )}
    </>
  );
}

export const LinkEdgeView = memo(LinkEdgeComponent);
