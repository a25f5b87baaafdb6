import { memo, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { NodeResizer, type NodeProps } from '@xyflow/react';
import { MIN_GROUP_SIZE } from '@loopmap/shared';
import { kindLabel } from '../i18n/domainText.ts';
import { AttachedBadges } from './AttachedBadges.tsx';
import { useCanvasContext } from './CanvasContext.ts';
import { KindIcon } from '../app/KindIcon.tsx';
import { useIsEditing } from './LabelEditing.ts';
import { KIND_COLORS } from './kindColors.ts';
import { LiveLabelField } from './LiveLabelField.tsx';
import type { CardNode } from './toFlow.ts';

/**
 * A pathway frame: a titled rectangle drawn under the cards it holds. Selected, it can be
 * resized from its edges (written once, when the resize ends); dragged, the cards inside it
 * move along (MapCanvas). It has no link handles: frames group, they do not claim.
 */
function FrameCardComponent({ id, data, selected }: NodeProps<CardNode>) {
  const { t } = useTranslation('canvas');
  const { editor, editing, focusCard, readOnly, onFrameResize } = useCanvasContext();
  const isEditing = useIsEditing(editing, id);
  const peer = data.peers[0];
  const style = {
    '--kind-color': KIND_COLORS.group,
    ...(peer ? { '--peer-color': peer.color } : {}),
  } as CSSProperties;
  return (
    <>
      {!readOnly && (
        <NodeResizer
          isVisible={selected}
          minWidth={MIN_GROUP_SIZE}
          minHeight={MIN_GROUP_SIZE}
          lineClassName="frame__resize-line"
          handleClassName="frame__resize-handle"
          onResizeStart={() => onFrameResize(id, 'start')}
          onResizeEnd={(_event, params) => onFrameResize(id, 'end', params)}
        />
      )}
      <div
        className="frame"
        style={style}
        data-peer-selected={peer ? 'true' : undefined}
        data-status={data.status ?? undefined}
      >
        <div className="frame__title">
          <KindIcon kind="group" size={13} />
          {isEditing ? (
            <LiveLabelField
              className="frame__editor"
              ariaLabel={t('frame.titleField')}
              placeholder={t('frame.placeholder')}
              value={data.label}
              onInput={(next) => editor.setCardLabel(id, next)}
              onClose={(refocus) => {
                editing.stop(id);
                if (refocus) focusCard(id);
              }}
            />
          ) : (
            <span className={data.label ? 'frame__label' : 'frame__label frame__label--empty'}>
              {data.label || kindLabel('group', t)}
            </span>
          )}
          <AttachedBadges attached={data.attached} comments={data.comments} />
        </div>
      </div>
    </>
  );
}

export const FrameCard = memo(FrameCardComponent);
