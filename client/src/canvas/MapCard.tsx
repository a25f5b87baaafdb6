import { memo, useState, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore, type NodeProps } from '@xyflow/react';
import { HEALTH_DIMENSIONS } from '@loopmap/shared';
import { useCanvasContext } from './CanvasContext.ts';
import { CardHandle } from './CardHandle.tsx';
import { AttachedBadges } from './AttachedBadges.tsx';
import { KindIcon } from '../app/KindIcon.tsx';
import { RagMark } from '../panels/fields/RagMark.tsx';
import {
  assumptionStateLabel,
  capabilityLabel,
  capabilityShortLabel,
  healthDimensionLabel,
  kindLabel as labelOfKind,
  ragLabel,
  ragMeaning,
} from '../i18n/domainText.ts';
import { useIsEditing } from './LabelEditing.ts';
import { KIND_COLORS } from './kindColors.ts';
import { LiveLabelField } from './LiveLabelField.tsx';
import type { CardNode } from './toFlow.ts';
import { bandSelector, showsBadge, showsDetail } from './zoomBands.ts';

/**
 * A card on the canvas. One component for every kind but frames: the kind sets the colour and
 * the look (CSS, by data-kind), the icon and the badge; the facts line, capability chips,
 * health dots and attachment badges show what the card's fields say. Links leave from the
 * right handle and arrive on the left one.
 *
 * Zoomed out, it sheds detail so that its title can grow and stay readable (see zoomBands): it
 * re-renders when the zoom crosses into another band, never while zooming within one, and far
 * out it is a few elements instead of a few dozen.
 */
function MapCardComponent({ id, data, selected }: NodeProps<CardNode>) {
  const { t } = useTranslation('canvas');
  const { editor, editing, focusCard, readOnly, showHealth } = useCanvasContext();
  // The pointer is on the card, or it is selected: it gets live link handles (see CardHandle).
  const [active, setActive] = useState(false);
  const live = !readOnly && (active || selected);
  const isEditing = useIsEditing(editing, id);
  const band = useStore(bandSelector);
  const detail = showsDetail(band);
  const kindLabel = labelOfKind(data.kind, t);
  const peer = data.peers[0];
  const style = {
    '--kind-color': KIND_COLORS[data.kind],
    ...(peer ? { '--peer-color': peer.color } : {}),
  } as CSSProperties;
  const hasFooter = data.attached !== null || data.comments > 0 || data.tags.length > 0;

  return (
    <div
      className="card"
      data-kind={data.kind}
      data-status={data.status ?? undefined}
      data-state={data.assumptionState ?? undefined}
      data-peer-selected={peer ? 'true' : undefined}
      style={style}
      onPointerEnter={() => setActive(true)}
      onPointerLeave={() => setActive(false)}
    >
      <CardHandle nodeId={id} type="target" live={live} />
      {showsBadge(band) && (
        <div className="card__header">
          <span className="card__badge">
            <KindIcon kind={data.kind} size={12} />
            {kindLabel}
          </span>
          {peer && (
            <span className="card__peers" title={data.peers.map((p) => p.name).join(', ')}>
              {data.peers.length > 1
                ? t('card.peersMore', { name: peer.name, count: data.peers.length - 1 })
                : peer.name}
            </span>
          )}
          {data.status && (
            <span
              className={`card__status card__status--${data.status}`}
              title={t('card.status', { status: ragLabel(data.status, t), meaning: ragMeaning(data.status, t) })}
            >
              <RagMark status={data.status} size={11} />
              <span className="visually-hidden">
                {t('card.status', { status: ragLabel(data.status, t), meaning: ragMeaning(data.status, t) })}
              </span>
            </span>
          )}
        </div>
      )}
      {isEditing ? (
        <LiveLabelField
          multiline
          className="card__editor"
          ariaLabel={t('card.titleField')}
          placeholder={t('card.placeholder', { kind: kindLabel.toLowerCase() })}
          value={data.label}
          onInput={(next) => editor.setCardLabel(id, next)}
          onClose={(refocus) => {
            editor.endNaming(id);
            editing.stop(id);
            if (refocus) focusCard(id);
          }}
        />
      ) : (
        <div className={data.label ? 'card__label' : 'card__label card__label--empty'}>
          {data.label || (readOnly ? t('card.noTitle') : t('card.emptyHint'))}
        </div>
      )}
      {detail && data.facts && <div className="card__facts">{data.facts}</div>}
      {detail && data.assumptionState && (
        <div className={`card__state card__state--${data.assumptionState}`}>
          {assumptionStateLabel(data.assumptionState, t)}
        </div>
      )}
      {detail && data.capabilities.length > 0 && (
        <ul className="card__chips" aria-label={t('card.capabilities')}>
          {data.capabilities.map((tag) => (
            <li key={tag} className="card__chip" title={capabilityLabel(tag, t)}>
              {capabilityShortLabel(tag, t)}
            </li>
          ))}
        </ul>
      )}
      {detail && showHealth && data.health && (
        <ul className="card__health" aria-label={t('card.health')}>
          {HEALTH_DIMENSIONS.map((dimension, i) => {
            const rating = data.health?.[i] ?? null;
            const text = t('card.healthRating', {
              dimension: healthDimensionLabel(dimension, t),
              rating: rating ? ragLabel(rating, t) : t('card.notRated'),
            });
            return (
              <li key={dimension} className={`card__health-dot card__health-dot--${rating ?? 'none'}`} title={text}>
                <RagMark status={rating} size={11} />
                <span className="visually-hidden">{text}</span>
              </li>
            );
          })}
        </ul>
      )}
      {detail && hasFooter && (
        <div className="card__footer">
          {data.tags.slice(0, 3).map((tag) => (
            <span key={tag} className="card__tag">
              {t('card.tag', { tag })}
            </span>
          ))}
          <AttachedBadges attached={data.attached} comments={data.comments} />
        </div>
      )}
      <CardHandle nodeId={id} type="source" live={live} />
    </div>
  );
}

export const MapCard = memo(MapCardComponent);
