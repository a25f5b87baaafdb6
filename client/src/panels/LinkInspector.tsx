import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CAUSAL_RELATIONS,
  LINK_RELATIONS,
  LINK_STATUSES,
  LOW_MEDIUM_HIGH,
  PARTNERSHIP_RELATIONS,
  type EdgeView,
  type LinkRelation,
  type MapKind,
} from '@loopmap/shared';
import type { MapEditor } from '../collab/MapEditor.ts';
import { i18next } from '../i18n/i18n.ts';
import { labelsOf, linkStatusLabel, relationLabel, scaleLabel } from '../i18n/domainText.ts';
import { useEdgeView, useMapGraph } from '../collab/useMapGraph.ts';
import { LiveLabelField } from '../canvas/LiveLabelField.tsx';
import { InspectorHeaderActions } from './InspectorHeaderActions.tsx';
import { AttachmentsSection } from './AttachmentsSection.tsx';
import { LINK_ATTACHMENT_KINDS } from './attachmentHosts.ts';
import { cardTitle, relationWords } from './cardText.ts';
import { openWithFocus, takeFocusRequest } from './inspectorFocus.ts';
import { ChoiceSelect, type ChoiceGroup } from './fields/ChoiceSelect.tsx';
import { StaticField } from './fields/FieldRow.tsx';
import { ElementHistory } from './history/ElementHistory.tsx';
import './inspector.css';

export interface LinkInspectorProps {
  editor: MapEditor;
  /** The link to show. */
  linkId: string;
  /** Everything as text, no controls (viewers and commenters). */
  readOnly: boolean;
  onNotice: (message: string) => void;
  /** Show a card in the inspector (an end of the link, or something attached to it). */
  onSelectCard: (id: string) => void;
  /** When given, a close button (for the map page to clear the selection). */
  onClose?: () => void;
}

/**
 * The relations a link's select offers: the causal ones on a theory of change; on a partnership
 * map the relationships first, then the causal ones (partnership maps model some causes too).
 */
export function relationGroups(mapKind: MapKind): ChoiceGroup<LinkRelation>[] {
  return mapKind === 'partnership'
    ? [
        { label: i18next.t('panels:link.relationships'), options: PARTNERSHIP_RELATIONS },
        { label: i18next.t('panels:link.causal'), options: CAUSAL_RELATIONS },
      ]
    : [{ label: i18next.t('panels:link.causal'), options: CAUSAL_RELATIONS }];
}

/**
 * The right-hand panel for one link: its ends, what it claims (relation), why (the rationale,
 * edited collaboratively), how sure the group is and how far it has been borne out, and the
 * assumptions and evidence it rests on.
 */
export function LinkInspector({ editor, linkId, readOnly, onNotice, onSelectCard, onClose }: LinkInspectorProps) {
  const graph = useMapGraph(editor.doc);
  const edge = useEdgeView(editor.doc, linkId);
  const panel = useRef<HTMLElement>(null);
  const { t } = useTranslation('panels');
  // Opened from a card's inspector: the focus comes along (the panel names the link).
  useEffect(() => {
    if (takeFocusRequest()) panel.current?.focus();
  }, [linkId]);
  if (!edge) {
    return (
      <aside className="inspector-panel" aria-label={t('inspector.label')} ref={panel} tabIndex={-1}>
        <p className="panel-empty inspector-panel__gone">{t('inspector.linkGone')}</p>
      </aside>
    );
  }
  const source = cardTitle(graph.nodeById.get(edge.source));
  const target = cardTitle(graph.nodeById.get(edge.target));
  const remove = (): void => {
    editor.remove([], [edge.id]);
    onNotice(t('link.deleted'));
    panel.current?.focus();
  };
  return (
    <aside ref={panel} tabIndex={-1} className="inspector-panel inspector-panel--link" aria-label={t('link.inspector')}>
      <header className="inspector-panel__header">
        <span className="inspector-panel__icon" aria-hidden="true">
          <LinkGlyph />
        </span>
        <h2 className="inspector-panel__kind">{t('link.heading')}</h2>
        <InspectorHeaderActions
          onDelete={readOnly ? undefined : remove}
          deleteLabel={t('link.delete')}
          deleteTitle={t('link.deleteTitle')}
          onClose={onClose}
        />
      </header>
      <div className="inspector-panel__scroll">
        <section className="inspector-panel__section" aria-label={t('link.ends')}>
          <p className="link-ends">
            <button type="button" className="link-button" onClick={() => openWithFocus(onSelectCard, edge.source)}>
              {source}
            </button>
            <span className="link-ends__relation">
              <span aria-hidden="true">→</span> {relationWords(edge)} <span aria-hidden="true">→</span>
            </span>
            <button type="button" className="link-button" onClick={() => openWithFocus(onSelectCard, edge.target)}>
              {target}
            </button>
          </p>
        </section>
        {readOnly ? (
          <StaticLinkDetails edge={edge} />
        ) : (
          <LinkDetails key={edge.id} edge={edge} editor={editor} mapKind={graph.meta.kind} />
        )}
        <AttachmentsSection
          graph={graph}
          hostId={edge.id}
          kinds={LINK_ATTACHMENT_KINDS}
          editor={editor}
          readOnly={readOnly}
          onSelectCard={onSelectCard}
          onNotice={onNotice}
        />
        <ElementHistory key={`history:${edge.id}`} id={edge.id} />
      </div>
    </aside>
  );
}

function LinkDetails({ edge, editor, mapKind }: { edge: EdgeView; editor: MapEditor; mapKind: MapKind }) {
  const { t } = useTranslation('panels');
  return (
    <section className="inspector-panel__section inspector-panel__details" aria-label={t('inspector.details')}>
      <ChoiceSelect
        label={t('link.relation')}
        value={edge.relation}
        groups={relationGroups(mapKind)}
        labels={labelsOf(LINK_RELATIONS, relationLabel, t)}
        onChange={(next) => editor.setLinkField(edge.id, 'relation', next)}
      />
      <div className="field field-row">
        <span className="field__label" aria-hidden="true">
          {t('link.rationale')}
        </span>
        <LiveLabelField
          multiline
          autoFocus={false}
          className="input inspector-panel__rationale"
          ariaLabel={t('link.rationale')}
          placeholder={t('link.rationalePlaceholder')}
          value={edge.label}
          onInput={(next) => editor.setLinkLabel(edge.id, next)}
        />
      </div>
      <ChoiceSelect
        label={t('link.confidence')}
        value={edge.confidence}
        options={LOW_MEDIUM_HIGH}
        labels={labelsOf(LOW_MEDIUM_HIGH, scaleLabel, t)}
        onChange={(next) => editor.setLinkField(edge.id, 'confidence', next)}
      />
      <ChoiceSelect
        label={t('fields.status')}
        value={edge.status}
        options={LINK_STATUSES}
        labels={labelsOf(LINK_STATUSES, linkStatusLabel, t)}
        required
        onChange={(next) => editor.setLinkField(edge.id, 'status', next)}
      />
    </section>
  );
}

function StaticLinkDetails({ edge }: { edge: EdgeView }) {
  const { t } = useTranslation('panels');
  return (
    <section className="inspector-panel__section" aria-label={t('inspector.details')}>
      <dl className="static-fields">
        <StaticField label={t('link.relation')} value={edge.relation && relationLabel(edge.relation, t)} />
        <StaticField label={t('link.rationale')} value={edge.label} empty={t('link.noRationale')} />
        <StaticField label={t('link.confidence')} value={edge.confidence && scaleLabel(edge.confidence, t)} />
        <StaticField label={t('fields.status')} value={linkStatusLabel(edge.status, t)} />
      </dl>
    </section>
  );
}

/** Two cards and an arrow between them: the link glyph of the inspector's header. */
function LinkGlyph() {
  return (
    <svg
      width={18}
      height={18}
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.5}
      aria-hidden="true"
      focusable="false"
    >
      <rect x={1} y={5.5} width={4} height={5} rx={1} />
      <rect x={11} y={5.5} width={4} height={5} rx={1} />
      <path d="M5 8h5.25M8.5 6.25 10.25 8 8.5 9.75" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
