import { useTranslation } from 'react-i18next';
import { memo, useEffect, useRef, useState, type CSSProperties } from 'react';
import { CAPABILITY_KINDS, FIELDS_BY_KIND, isNodeKind, type MapGraph, type NodeView } from '@loopmap/shared';
import { describeRefusedAttach, describeRefusedLink, type MapEditor } from '../collab/MapEditor.ts';
import { useMapGraph, useNodeView } from '../collab/useMapGraph.ts';
import { KIND_COLORS } from '../canvas/kindColors.ts';
import { LiveLabelField } from '../canvas/LiveLabelField.tsx';
import { KindIcon } from '../app/KindIcon.tsx';
import { capabilityLabel, kindLabel as labelOfKind, ragLabel, ragMeaning } from '../i18n/domainText.ts';
import { InspectorHeaderActions } from './InspectorHeaderActions.tsx';
import { paletteOrder } from './Palette.tsx';
import { AttachmentsSection } from './AttachmentsSection.tsx';
import {
  CARD_ATTACHMENT_KINDS,
  canHost,
  carriesAttachments,
  hostChoices,
  linkTargetChoices,
  mayAttach,
  placeBackOnCanvas,
  placeNear,
} from './attachmentHosts.ts';
import { cardName, cardTitle, hostName, relationWords } from './cardText.ts';
import { openWithFocus, takeFocusRequest } from './inspectorFocus.ts';
import { choiceKey, useChoiceList } from './useChoiceList.ts';
import { AssumptionReviews } from './fields/AssumptionReviews.tsx';
import { ElementHistory } from './history/ElementHistory.tsx';
import { CardFieldEditors } from './fields/CardFieldEditors.tsx';
import { StaticField } from './fields/FieldRow.tsx';
import { IndicatorReadings } from './fields/IndicatorReadings.tsx';
import { NarrativeEditor } from './fields/NarrativeEditor.tsx';
import { StaticNodeField } from './fields/NodeFieldControl.tsx';
import { PartnerHealth } from './fields/PartnerHealth.tsx';
import { RagMark } from './fields/RagMark.tsx';
import { StaticTags } from './fields/TagEditor.tsx';
import './inspector.css';

export interface NodeInspectorProps {
  editor: MapEditor;
  /**
   * The card to show. Any card of the map, attached ones included: the canvas does not draw
   * those, so the inspector is where they are opened (from their host's "Attached" list).
   */
  nodeId: string;
  /** Everything as text, no controls (viewers and commenters). */
  readOnly: boolean;
  /** The signed-in user's name, written as the author (`by`) of reviews, readings and ratings. */
  userName: string;
  /** A short message for the toast (why a link or an attachment was refused, what happened). */
  onNotice: (message: string) => void;
  /** Show this card in the inspector (select it on the canvas too when the canvas draws it). */
  onSelectCard: (id: string) => void;
  /** Show this link in the inspector (LinkInspector) and select it on the canvas. */
  onSelectLink: (id: string) => void;
  /** When given, a close button (for the map page to clear the selection). */
  onClose?: () => void;
  /** Today as YYYY-MM-DD for new history entries; the local calendar day by default. */
  today?: () => string;
}

/**
 * The right-hand panel for one card: its kind, title, status, the fields of its kind, capability
 * tags, tags, narrative and dated histories; what is attached to it (or what it is attached to);
 * and its links, with the keyboard way to draw a new one. Every write is a MapEditor operation.
 * Read-only members get the same information as text.
 */
export function NodeInspector(props: NodeInspectorProps) {
  const { editor, nodeId, readOnly, onNotice, onSelectCard, onClose } = props;
  const graph = useMapGraph(editor.doc);
  const node = useNodeView(editor.doc, nodeId);
  const panel = useRef<HTMLElement>(null);
  const { t } = useTranslation('panels');

  // A card opened from this panel (an attachment, a new attached card) takes the focus to its
  // title; a card chosen on the canvas or in the outline leaves the focus where the user is.
  useEffect(() => {
    if (!takeFocusRequest()) return;
    panel.current?.querySelector<HTMLElement>('.inspector-panel__title')?.focus();
  }, [nodeId]);

  if (!node) {
    return (
      <aside className="inspector-panel" aria-label={t('inspector.label')} ref={panel} tabIndex={-1}>
        <p className="panel-empty inspector-panel__gone">{t('inspector.cardGone')}</p>
      </aside>
    );
  }
  const kindLabel = labelOfKind(node.kind, t);
  const remove = (): void => {
    editor.remove([node.id], []);
    onNotice(t('inspector.cardDeleted', { kind: kindLabel }));
    // The delete button is about to go: keep the focus in the panel.
    panel.current?.focus();
  };

  return (
    <aside
      ref={panel}
      tabIndex={-1}
      className="inspector-panel"
      aria-label={t('inspector.cardLabel', { kind: kindLabel })}
      style={{ '--kind-color': KIND_COLORS[node.kind] } as CSSProperties}
    >
      <header className="inspector-panel__header">
        <span className="inspector-panel__icon">
          <KindIcon kind={node.kind} size={18} />
        </span>
        {readOnly ? (
          <h2 className="inspector-panel__kind">{kindLabel}</h2>
        ) : (
          <select
            className="input inspector-panel__kind-select"
            aria-label={t('inspector.kind')}
            value={node.kind}
            onChange={(event) => {
              if (isNodeKind(event.target.value)) editor.setCardKind(node.id, event.target.value);
            }}
          >
            {paletteOrder(graph.meta.kind).map((kind) => (
              <option key={kind} value={kind}>
                {labelOfKind(kind, t)}
              </option>
            ))}
          </select>
        )}
        <InspectorHeaderActions
          onDelete={readOnly ? undefined : remove}
          deleteLabel={t('inspector.deleteCard', { kind: kindLabel.toLowerCase() })}
          deleteTitle={t('inspector.deleteCardTitle')}
          onClose={onClose}
        />
      </header>
      <div className="inspector-panel__scroll">
        {node.attachedTo !== null && <AttachedTo {...props} node={node} graph={graph} />}
        {!readOnly && mayAttach(node) && <AttachTo node={node} graph={graph} editor={editor} onNotice={onNotice} />}
        <CardDetails
          key={node.id}
          node={node}
          editor={editor}
          readOnly={readOnly}
          userName={props.userName}
          today={props.today}
        />
        {canHost(node) && (
          <AttachmentsSection
            graph={graph}
            hostId={node.id}
            kinds={CARD_ATTACHMENT_KINDS}
            editor={editor}
            readOnly={readOnly}
            onSelectCard={onSelectCard}
            onNotice={onNotice}
          />
        )}
        <CardLinks {...props} node={node} graph={graph} />
        <ElementHistory key={`history:${node.id}`} id={node.id} />
      </div>
    </aside>
  );
}

interface CardDetailsProps {
  node: NodeView;
  editor: MapEditor;
  readOnly: boolean;
  userName: string;
  today?: () => string;
}

/**
 * What the card itself says. Memoized on the card's view (useNodeView keeps it while the card
 * does not change), so edits elsewhere in the map do not re-render its fields.
 */
const CardDetails = memo(function CardDetails({ node, editor, readOnly, userName, today }: CardDetailsProps) {
  const { t } = useTranslation('panels');
  const kindLabel = labelOfKind(node.kind, t).toLowerCase();
  const fieldKeys = FIELDS_BY_KIND[node.kind];
  const hasCapabilities = CAPABILITY_KINDS.includes(node.kind);

  if (readOnly) {
    return (
      <>
        <section className="inspector-panel__section" aria-label={t('inspector.details')}>
          <p className={node.label ? 'inspector-panel__title-text' : 'inspector-panel__title-text panel-empty'}>
            {node.label || t('card.untitled', { kind: kindLabel })}
          </p>
          <dl className="static-fields">
            <StaticField
              label={t('fields.status')}
              value={
                node.fields.status && (
                  <>
                    <RagMark status={node.fields.status} /> {ragLabel(node.fields.status, t)} (
                    {ragMeaning(node.fields.status, t)})
                  </>
                )
              }
            />
            {fieldKeys.map((key) => (
              <StaticNodeField key={key} fieldKey={key} fields={node.fields} />
            ))}
            {hasCapabilities && (
              <StaticField
                label={t('fields.capabilities')}
                value={node.capabilities.map((tag) => capabilityLabel(tag, t)).join('; ')}
                empty={t('fields.none')}
              />
            )}
            <StaticField
              label={t('tags.label')}
              value={node.tags.length > 0 ? <StaticTags tags={node.tags} /> : null}
              empty={t('fields.none')}
            />
          </dl>
          <NarrativeEditor value={node.narrative} onInput={() => undefined} readOnly />
        </section>
        <Histories node={node} editor={editor} readOnly userName={userName} today={today} />
      </>
    );
  }

  return (
    <>
      <section className="inspector-panel__section inspector-panel__details" aria-label={t('inspector.details')}>
        <div className="field field-row">
          <span className="field__label" aria-hidden="true">
            {t('inspector.title')}
          </span>
          <LiveLabelField
            multiline
            autoFocus={false}
            className="input inspector-panel__title"
            ariaLabel={t('inspector.title')}
            placeholder={t('inspector.titlePlaceholder', { kind: kindLabel })}
            value={node.label}
            onInput={(next) => editor.setCardLabel(node.id, next)}
          />
        </div>
        <CardFieldEditors node={node} editor={editor} />
      </section>
      <Histories node={node} editor={editor} readOnly={false} userName={userName} today={today} />
    </>
  );
});

interface HistoriesProps {
  node: NodeView;
  editor: MapEditor;
  readOnly: boolean;
  userName: string;
  today?: () => string;
}

/** The dated history of the card's kind: an assumption's reviews, an indicator's readings, an actor's health. */
function Histories({ node, editor, readOnly, userName, today }: HistoriesProps) {
  const by = userName.trim();
  const remove = readOnly
    ? undefined
    : (list: 'reviews' | 'readings' | 'health') => (entryId: string) => editor.removeEntry(node.id, list, entryId);
  switch (node.kind) {
    case 'assumption':
      return (
        <AssumptionReviews
          reviews={node.reviews}
          today={today}
          onAdd={readOnly ? undefined : (review) => editor.addEntry(node.id, 'reviews', { ...review, by }) !== null}
          onRemove={remove?.('reviews')}
        />
      );
    case 'indicator':
      return (
        <IndicatorReadings
          readings={node.readings}
          unit={node.fields.unit}
          baseline={node.fields.baselineValue}
          target={node.fields.targetValue}
          today={today}
          onAdd={readOnly ? undefined : (reading) => editor.addEntry(node.id, 'readings', { ...reading, by }) !== null}
          onRemove={remove?.('readings')}
        />
      );
    case 'actor':
      return (
        <PartnerHealth
          ratings={node.health}
          today={today}
          onAdd={readOnly ? undefined : (rating) => editor.addEntry(node.id, 'health', { ...rating, by }) !== null}
          onRemove={remove?.('health')}
        />
      );
    default:
      return null;
  }
}

interface AttachedToProps extends NodeInspectorProps {
  node: NodeView;
  graph: MapGraph;
}

/** For an attached card: its host (selectable), detach, and a way to move it to another host. */
function AttachedTo({ node, graph, editor, readOnly, onNotice, onSelectCard, onSelectLink }: AttachedToProps) {
  const host = node.attachedTo!;
  const isLink = graph.edgeById.has(host);
  const { t } = useTranslation('panels');
  const detach = (): void => {
    const result = editor.attach(node.id, null, placeBackOnCanvas(graph, node.id, host));
    onNotice(result.ok ? t('host.detached', { title: cardTitle(node) }) : describeRefusedAttach(result.reason));
  };
  return (
    <section className="inspector-panel__section inspector-panel__host" aria-label={t('host.attachedTo')}>
      <p className="inspector-panel__host-line">
        {t('host.attachedTo')}{' '}
        <button
          type="button"
          className="link-button"
          onClick={() => openWithFocus(isLink ? onSelectLink : onSelectCard, host)}
        >
          {hostName(graph, host)}
        </button>
      </p>
      {!readOnly && (
        <div className="inspector-panel__host-actions">
          <HostSelect node={node} graph={graph} editor={editor} onNotice={onNotice} label={t('host.moveTo')} />
          <button type="button" className="button" onClick={detach}>
            {t('host.detach')}
          </button>
        </div>
      )}
    </section>
  );
}

interface AttachToProps {
  node: NodeView;
  graph: MapGraph;
  editor: MapEditor;
  onNotice: (message: string) => void;
}

/** For a standalone assumption, indicator or evidence: attach it to a card or link. */
function AttachTo({ node, graph, editor, onNotice }: AttachToProps) {
  const { t } = useTranslation('panels');
  return (
    <section className="inspector-panel__section inspector-panel__host" aria-label={t('host.attach')}>
      <HostSelect node={node} graph={graph} editor={editor} onNotice={onNotice} label={t('host.attachTo')} />
    </section>
  );
}

function HostSelect({ node, graph, editor, onNotice, label }: AttachToProps & { label: string }) {
  const { t } = useTranslation('panels');
  const options = useChoiceList(`${node.id}\u0002${choiceKey(graph)}`, () => {
    const choices = hostChoices(graph, node.id);
    return (
      <>
        {choices.cards.length > 0 && (
          <optgroup label={t('host.cards')}>
            {choices.cards.map((card) => (
              <option key={card.id} value={card.id}>
                {cardName(card)}
              </option>
            ))}
          </optgroup>
        )}
        {choices.links.length > 0 && (
          <optgroup label={t('host.links')}>
            {choices.links.map(({ edge, name }) => (
              <option key={edge.id} value={edge.id}>
                {name}
              </option>
            ))}
          </optgroup>
        )}
      </>
    );
  });
  const blocked = carriesAttachments(graph, node.id);
  const hintId = `host-hint-${node.id}`;
  return (
    <div className="field field-row inspector-panel__host-select">
      <label className="field__label" htmlFor={`host-${node.id}`}>
        {label}
      </label>
      <select
        id={`host-${node.id}`}
        className="input"
        value=""
        disabled={blocked}
        aria-describedby={blocked ? hintId : undefined}
        onChange={(event) => {
          const host = event.target.value;
          if (!host) return;
          const result = editor.attach(node.id, host, placeNear(graph, host));
          onNotice(
            result.ok ? t('host.attached', { host: hostName(graph, host) }) : describeRefusedAttach(result.reason),
          );
        }}
      >
        <option value="">{t('host.choose')}</option>
        {options}
      </select>
      {blocked && (
        <span className="field__hint" id={hintId}>
          {t('host.blocked')}
        </span>
      )}
    </div>
  );
}

interface CardLinksProps extends NodeInspectorProps {
  node: NodeView;
  graph: MapGraph;
}

/** The card's links, each selectable, and "Link to": the keyboard way to draw a link. */
function CardLinks({ node, graph, editor, readOnly, onNotice, onSelectLink }: CardLinksProps) {
  const outgoing = graph.edges.filter((edge) => edge.source === node.id);
  const incoming = graph.edges.filter((edge) => edge.target === node.id);
  const count = outgoing.length + incoming.length;
  const { t } = useTranslation('panels');
  return (
    <section className="inspector-panel__section" aria-labelledby={`links-${node.id}`}>
      <h3 className="panel-heading" id={`links-${node.id}`}>
        {t('links.heading')} <span className="panel-heading__count">{count}</span>
      </h3>
      {count === 0 ? (
        <p className="panel-empty">{t('links.none')}</p>
      ) : (
        <ul className="link-list">
          {outgoing.map((edge) => {
            const relation = relationWords(edge);
            const other = cardTitle(graph.nodeById.get(edge.target));
            return (
              <li key={edge.id}>
                <button
                  type="button"
                  className="link-list__item"
                  aria-label={t('links.outgoing', { relation, other })}
                  onClick={() => openWithFocus(onSelectLink, edge.id)}
                >
                  <span className="link-list__arrow" aria-hidden="true">
                    →
                  </span>
                  <span className="link-list__relation">{relation}</span>
                  <span className="link-list__other">{other}</span>
                </button>
              </li>
            );
          })}
          {incoming.map((edge) => {
            const relation = relationWords(edge);
            const other = cardTitle(graph.nodeById.get(edge.source));
            return (
              <li key={edge.id}>
                <button
                  type="button"
                  className="link-list__item"
                  aria-label={t('links.incoming', { relation, other })}
                  onClick={() => openWithFocus(onSelectLink, edge.id)}
                >
                  <span className="link-list__arrow" aria-hidden="true">
                    ←
                  </span>
                  <span className="link-list__other">{other}</span>
                  <span className="link-list__relation">{relation}</span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {!readOnly && node.attachedTo === null && (
        // Keyed by card: a choice made for one card is not offered for the next one selected.
        <LinkTo key={node.id} node={node} graph={graph} editor={editor} onNotice={onNotice} />
      )}
    </section>
  );
}

/**
 * "Link to": the keyboard way to draw a link. Choosing a card (arrow keys, typing, the mouse)
 * only chooses it; Enter in the list or the Link button draws the link. A list that acted on
 * every change would draw a link on the first ArrowDown.
 */
function LinkTo({ node, graph, editor, onNotice }: Pick<CardLinksProps, 'node' | 'graph' | 'editor' | 'onNotice'>) {
  const [target, setTarget] = useState('');
  const { t } = useTranslation('panels');
  const { ids, options } = useChoiceList(`${node.id}\u0002${choiceKey(graph)}`, () => {
    const choices = linkTargetChoices(graph, node.id);
    return {
      ids: new Set<string>(choices.map((other) => other.id)),
      options: choices.map((other) => (
        <option key={other.id} value={other.id}>
          {cardName(other)}
        </option>
      )),
    };
  });
  // A chosen card deleted meanwhile (by anyone) is no longer a choice.
  const chosen = ids.has(target) ? target : '';
  const link = (): void => {
    if (!chosen) return;
    const result = editor.link(node.id, chosen);
    onNotice(result.ok ? t('links.added') : describeRefusedLink(result.reason));
    if (result.ok) setTarget('');
  };
  return (
    <div className="field field-row">
      <label className="field__label" htmlFor={`link-to-${node.id}`}>
        {t('links.linkTo')}
      </label>
      <div className="link-to">
        <select
          id={`link-to-${node.id}`}
          className="input"
          value={chosen}
          onChange={(event) => setTarget(event.target.value)}
          onKeyDown={(event) => {
            if (event.key !== 'Enter' || !chosen) return;
            event.preventDefault();
            link();
          }}
        >
          <option value="">{t('links.chooseCard')}</option>
          {options}
        </select>
        <button type="button" className="button" disabled={!chosen} onClick={link}>
          {t('links.link')}
        </button>
      </div>
    </div>
  );
}
