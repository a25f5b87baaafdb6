import { memo } from 'react';
import { createPortal } from 'react-dom';
import { BaseEdge, getBezierPath, useStoreApi, type EdgeProps, type InternalNode } from '@xyflow/react';
import { LINK_RELATION_LABELS, LINK_STATUS_LABELS, type LinkRelation } from '@loopmap/shared';
import { arrowPath, barPath, floatingEnds, type Box } from './floatingEdgeGeometry.ts';
import { AttachedBadges } from './AttachedBadges.tsx';
import { useCanvasContext } from './CanvasContext.ts';
import { useIsEditing } from './LabelEditing.ts';
import { LiveLabelField } from './LiveLabelField.tsx';
import type { LinkEdge } from './toFlow.ts';

function boxOf(node: InternalNode | undefined): Box | null {
  if (!node?.measured.width || !node.measured.height) return null;
  const { x, y } = node.internals.positionAbsolute;
  return { x, y, width: node.measured.width, height: node.measured.height };
}

/** Relationships that go both ways are drawn with an arrow at each end. */
const MUTUAL: ReadonlySet<LinkRelation> = new Set(['knowledge-exchange', 'joint-delivery']);

/**
 * How far a link with a twin running the other way is shifted sideways, and how far (as a share
 * of its length) its label moves from the middle towards its target.
 */
const REVERSE_OFFSET = 10;
const LABEL_SPREAD = 0.22;

/** A vector of `length` at right angles to the line from source to target, to its right. */
function perpendicular(
  ends: { sourceX: number; sourceY: number; targetX: number; targetY: number },
  length: number,
): { x: number; y: number } {
  const dx = ends.targetX - ends.sourceX;
  const dy = ends.targetY - ends.sourceY;
  const norm = Math.hypot(dx, dy) || 1;
  return { x: (-dy / norm) * length, y: (dx / norm) * length };
}

/** How much of the rationale the canvas shows; the rest is in the inspector and the tooltip. */
const LABEL_CHARS = 90;

/**
 * A link: a curve with an arrow (a bar for "blocks", arrows both ways for mutual relationships),
 * styled by its relation and status (CSS, by class), and its label at the middle: the relation,
 * the start of the rationale, and badges for what is attached to it. It floats: its ends sit
 * where the line between the two cards' centres crosses their borders.
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
  const floating = sourceBox && targetBox ? floatingEnds(sourceBox, targetBox) : props;
  // A twin link runs the other way: shift this one to its own right (the twin shifts to its
  // right, the other side), so the two curves and their labels stand apart.
  const shift = data?.reverse ? perpendicular(floating, REVERSE_OFFSET) : { x: 0, y: 0 };
  const ends = {
    ...floating,
    sourceX: floating.sourceX + shift.x,
    sourceY: floating.sourceY + shift.y,
    targetX: floating.targetX + shift.x,
    targetY: floating.targetY + shift.y,
  };
  const [path, bezierLabelX, bezierLabelY] = getBezierPath({
    sourceX: ends.sourceX,
    sourceY: ends.sourceY,
    sourcePosition: ends.sourcePosition,
    targetX: ends.targetX,
    targetY: ends.targetY,
    targetPosition: ends.targetPosition,
  });
  // Twin links' labels would sit side by side at the middle: each moves towards its own target.
  const along = data?.reverse ? LABEL_SPREAD : 0;
  const labelX = bezierLabelX + (ends.targetX - ends.sourceX) * along;
  const labelY = bezierLabelY + (ends.targetY - ends.sourceY) * along;
  const label = data?.label ?? '';
  const relation = data?.relation ?? null;
  const status = data?.status ?? 'hypothesised';
  const shown = label.length > LABEL_CHARS ? `${label.slice(0, LABEL_CHARS).trimEnd()}…` : label;
  const hasBadges = Boolean(data?.attached) || (data?.comments ?? 0) > 0;
  const showLabel = isEditing || label || relation || hasBadges || status !== 'hypothesised';
  const title = [
    relation ? LINK_RELATION_LABELS[relation] : null,
    status !== 'hypothesised' ? LINK_STATUS_LABELS[status] : null,
    label || null,
  ]
    .filter(Boolean)
    .join(' — ');

  return (
    <>
      <BaseEdge id={id} path={path} interactionWidth={24} className="link__path" />
      {relation === 'blocks' ? (
        <path className="link__bar" d={barPath(ends.targetX, ends.targetY, ends.targetPosition)} />
      ) : (
        <path className="link__arrow" d={arrowPath(ends.targetX, ends.targetY, ends.targetPosition)} />
      )}
      {relation && MUTUAL.has(relation) && (
        <path className="link__arrow" d={arrowPath(ends.sourceX, ends.sourceY, ends.sourcePosition)} />
      )}
      {showLabel &&
        edgeLabelLayer &&
        createPortal(
          <div
            className={`link__label nodrag nopan${selected ? ' link__label--selected' : ''}${data?.dimmed ? ' is-dimmed' : ''}`}
            data-relation={relation ?? undefined}
            data-status={status}
            data-mark={data?.mark}
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
            title={title || undefined}
            onDoubleClick={() => editing.start(id)}
          >
            {(relation || status !== 'hypothesised') && (
              <span className="link__relation">
                {relation ? LINK_RELATION_LABELS[relation] : ''}
                {status !== 'hypothesised' && <span className="link__status">{LINK_STATUS_LABELS[status]}</span>}
              </span>
            )}
            {isEditing ? (
              <LiveLabelField
                ariaLabel="Link rationale"
                placeholder="Why does this lead to that?"
                value={label}
                onInput={(next) => editor.setLinkLabel(id, next)}
                onClose={() => editing.stop(id)}
              />
            ) : (
              shown && <span className="link__text">{shown}</span>
            )}
            {hasBadges && <AttachedBadges attached={data?.attached ?? null} comments={data?.comments ?? 0} />}
          </div>,
          edgeLabelLayer,
        )}
    </>
  );
}

export const LinkEdgeView = memo(LinkEdgeComponent);
