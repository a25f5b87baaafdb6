import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { attachmentsOf, type MapGraph, type NodeKind } from '@loopmap/shared';
import { describeRefusedAttach, type MapEditor } from '../collab/MapEditor.ts';
import { KIND_COLORS } from '../canvas/kindColors.ts';
import { KindIcon } from '../app/KindIcon.tsx';
import { kindLabel } from '../i18n/domainText.ts';
import { placeBackOnCanvas, placeNear } from './attachmentHosts.ts';
import { keyFacts, cardTitle, hostName } from './cardText.ts';
import { openWithFocus } from './inspectorFocus.ts';

export interface AttachmentsSectionProps {
  graph: MapGraph;
  /** The card or link the attachments hang on. */
  hostId: string;
  /** The kinds that can be added here, in button order. */
  kinds: readonly NodeKind[];
  editor: MapEditor;
  readOnly: boolean;
  onSelectCard: (id: string) => void;
  onNotice: (message: string) => void;
}

/**
 * The assumptions, indicators and evidence attached to a card or a link. The canvas does not draw
 * them (they would clutter it), so this is where they are seen: each with its key facts, a button
 * to open it in the inspector and one to put it back on the canvas; and buttons to add new ones.
 */
export function AttachmentsSection({
  graph,
  hostId,
  kinds,
  editor,
  readOnly,
  onSelectCard,
  onNotice,
}: AttachmentsSectionProps) {
  const attached = attachmentsOf(graph, hostId);
  const { t } = useTranslation('panels');
  const add = (kind: NodeKind): void => {
    const at = placeNear(graph, hostId, attached.length);
    const id = editor.addCardWith({ kind, x: at.x, y: at.y, label: '', attachedTo: hostId });
    openWithFocus(onSelectCard, id);
  };
  const detach = (id: string): void => {
    const result = editor.attach(id, null, placeBackOnCanvas(graph, id, hostId));
    const name = cardTitle(graph.nodeById.get(id));
    onNotice(result.ok ? t('attachments.back', { title: name }) : describeRefusedAttach(result.reason));
  };
  return (
    <section className="inspector-panel__section" aria-labelledby={`attached-${hostId}`}>
      <h3 className="panel-heading" id={`attached-${hostId}`}>
        {t('attachments.heading')} <span className="panel-heading__count">{attached.length}</span>
      </h3>
      {attached.length === 0 ? (
        <p className="panel-empty">
          {readOnly
            ? t('attachments.none')
            : graph.edgeById.has(hostId)
              ? t('attachments.hintLink')
              : t('attachments.hintCard')}
        </p>
      ) : (
        <ul className="attachment-list">
          {attached.map((node) => (
            <li
              key={node.id}
              className="attachment"
              style={{ '--kind-color': KIND_COLORS[node.kind] } as CSSProperties}
            >
              <span className="attachment__icon">
                <KindIcon kind={node.kind} />
              </span>
              <div className="attachment__body">
                <button
                  type="button"
                  className="attachment__open"
                  aria-label={t('attachments.open', {
                    kind: kindLabel(node.kind, t).toLowerCase(),
                    title: cardTitle(node),
                  })}
                  onClick={() => openWithFocus(onSelectCard, node.id)}
                >
                  <span className="attachment__kind">{kindLabel(node.kind, t)}</span>
                  <span className="attachment__title">{cardTitle(node)}</span>
                </button>
                <ul className="attachment__facts">
                  {keyFacts(node).map((fact) => (
                    <li key={fact}>{fact}</li>
                  ))}
                </ul>
              </div>
              {!readOnly && (
                <button
                  type="button"
                  className="button button--quiet attachment__detach"
                  aria-label={t('attachments.detachLabel', { title: cardTitle(node) })}
                  title={t('attachments.detachTitle', { host: hostName(graph, hostId) })}
                  onClick={() => detach(node.id)}
                >
                  {t('host.detach')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {!readOnly && (
        <div className="attachment-add" role="group" aria-label={t('attachments.addGroup')}>
          {kinds.map((kind) => (
            <button
              key={kind}
              type="button"
              className="button attachment-add__button"
              style={{ '--kind-color': KIND_COLORS[kind] } as CSSProperties}
              onClick={() => add(kind)}
            >
              <KindIcon kind={kind} /> {t('attachments.add', { kind: kindLabel(kind, t).toLowerCase() })}
            </button>
          ))}
        </div>
      )}
    </section>
  );
}
