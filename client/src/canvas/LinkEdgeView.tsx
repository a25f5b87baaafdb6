import { memo, useCallback, useSyncExternalStore, type CSSProperties } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { BaseEdge, useStoreApi, type EdgeProps, type InternalNode, type XYPosition } from '@xyflow/react';
import type { LinkRelation } from '@loopmap/shared';
import {
  arrowPath,
  barPath,
  bezierCurve,
  curvePath,
  linkGeometry,
  pointOnCurve,
  sideOf,
  type Box,
  type FloatingEnds,
} from './floatingEdgeGeometry.ts';
import { hasLabel, labelSizes, midpointPlacement, pointAlong, type LabelPlacement } from './labelPlacement.ts';
import { linkLabelContent, routeFits, type LinkRoute } from './LabelLayout.ts';
import { polylinePath } from './linkRouting.ts';
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

/** Where a detour leaves its source card and meets its target card, and on which sides. */
function detourEnds(points: readonly XYPosition[], source: Box, target: Box): FloatingEnds {
  const first = points[0]!;
  const last = points[points.length - 1]!;
  return {
    sourceX: first.x,
    sourceY: first.y,
    sourcePosition: sideOf(source, first),
    targetX: last.x,
    targetY: last.y,
    targetPosition: sideOf(target, last),
  };
}

/** Relationships that go both ways are drawn with an arrow at each end. */
const MUTUAL: ReadonlySet<LinkRelation> = new Set(['knowledge-exchange', 'joint-delivery']);

const noSubscription = (): (() => void) => () => {};
const noPlacement = (): LabelPlacement | undefined => undefined;
const notFocused = (): boolean => false;
const noRoute = (): LinkRoute | undefined => undefined;

/**
 * A link: a curve with an arrow (a bar for "blocks", arrows both ways for mutual relationships),
 * styled by its relation and status (CSS, by class), and its label where LabelLayout placed it
 * (on the link, clear of cards and other labels): the relation, the rationale cut to two lines,
 * and badges for what is attached to it; the whole label on hover, on focus and when selected.
 * It floats: its ends sit where the line between the two cards' centres crosses their borders.
 */
function LinkEdgeComponent(props: EdgeProps<LinkEdge>) {
  const { id, source, target, selected, data } = props;
  const { t } = useTranslation('canvas');
  const { editor, editing, edgeLabelLayer, labels } = useCanvasContext();
  const isEditing = useIsEditing(editing, id);
  const subscribe = useCallback(
    (listener: () => void) => (labels ? labels.subscribeTo(id, listener) : noSubscription()),
    [labels, id],
  );
  const placed = useSyncExternalStore(subscribe, labels ? () => labels.get(id) : noPlacement);
  const focused = useSyncExternalStore(subscribe, labels ? () => labels.isFocused(id) : notFocused);
  const route = useSyncExternalStore(subscribe, labels ? () => labels.route(id) : noRoute);
  // Read, not subscribed: React Flow re-renders an edge whenever either end moves or resizes
  // (its handle coordinates change), and two store subscriptions per link would cost more per
  // frame, at a thousand links, than everything else in a drag.
  const { nodeLookup } = useStoreApi().getState();
  const sourceBox = boxOf(nodeLookup.get(source));
  const targetBox = boxOf(nodeLookup.get(target));
  const reverse = data?.reverse ?? false;
  // A twin link running the other way is shifted to its own right (see linkGeometry).
  const geometry =
    sourceBox && targetBox ? linkGeometry(sourceBox, targetBox, reverse) : { ends: props, curve: bezierCurve(props) };
  const { curve } = geometry;
  // Its detour around cards, while the two cards are where it was made for (a drag ends, then
  // the detour is made again); otherwise the plain curve.
  const detour = routeFits(route, sourceBox, targetBox) ? route.points : null;
  const ends = detour && sourceBox && targetBox ? detourEnds(detour, sourceBox, targetBox) : geometry.ends;
  const path = detour ? polylinePath(detour) : curvePath(curve);
  const content = linkLabelContent(data);
  const label = content.text;
  const relation = data?.relation ?? null;
  const status = data?.status ?? 'hypothesised';
  const hasBadges = content.badges > 0;
  const showLabel = isEditing || hasLabel(content);
  // Before the first placement (or without a layout), the middle in full.
  const placement = placed ?? midpointPlacement({ id, curve, sizes: labelSizes(content) });
  // At its spot along the link, so it follows the link while a card is dragged.
  const { x: labelX, y: labelY } = detour ? pointAlong(detour, placement.t) : pointOnCurve(curve, placement.t);
  // Selected or focused by keyboard: whole, for reading; clicks pass through it (see canvas.css).
  const expanded = (Boolean(selected) || focused) && !isEditing;
  const title = [content.relation || null, content.status || null, label || null].filter(Boolean).join(' — ');
  const style = {
    transform: `translate(${labelX}px, ${labelY}px) translate(-50%, -50%)`,
    '--label-width': `${placement.width}px`,
    '--label-lines': placement.lines || 2,
  } as CSSProperties;

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
            className={`link__label link__label--${placement.mode} nodrag nopan${expanded ? ' link__label--expanded' : ''}${isEditing ? ' link__label--editing' : ''}${selected ? ' link__label--selected' : ''}${data?.dimmed ? ' is-dimmed' : ''}`}
            data-id={id}
            data-relation={relation ?? undefined}
            data-status={status}
            data-mark={data?.mark}
            style={style}
            title={title || undefined}
            onDoubleClick={() => editing.start(id)}
          >
            {(relation || status !== 'hypothesised') && (
              <span className="link__relation">
                {content.relation}
                {content.status && <span className="link__status">{content.status}</span>}
              </span>
            )}
            {isEditing ? (
              <LiveLabelField
                ariaLabel={t('link.rationaleField')}
                placeholder={t('link.rationalePlaceholder')}
                value={label}
                onInput={(next) => editor.setLinkLabel(id, next)}
                onClose={() => editing.stop(id)}
              />
            ) : (
              label && <span className="link__text">{label}</span>
            )}
            {hasBadges && <AttachedBadges attached={data?.attached ?? null} comments={data?.comments ?? 0} />}
          </div>,
          edgeLabelLayer,
        )}
    </>
  );
}

export const LinkEdgeView = memo(LinkEdgeComponent);
