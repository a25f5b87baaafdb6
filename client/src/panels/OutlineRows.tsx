import { memo, type CSSProperties, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CAPABILITY_KINDS,
  FIELDS_BY_KIND,
  LINK_RELATIONS,
  LINK_STATUSES,
  LOW_MEDIUM_HIGH,
  NODE_KINDS,
  isNodeKind,
  type EdgeView,
  type MapGraph,
  type MapKind,
  type NodeKind,
  type NodeView,
} from '@loopmap/shared';
import type { MapEditor } from '../collab/MapEditor.ts';
import {
  capabilityLabel,
  kindLabel as labelOfKind,
  labelsOf,
  linkStatusLabel,
  ragLabel,
  relationLabel,
  scaleLabel,
} from '../i18n/domainText.ts';
import type { SelectMode } from '../canvas/FlowStore.ts';
import { KIND_COLORS } from '../canvas/kindColors.ts';
import { LiveLabelField } from '../canvas/LiveLabelField.tsx';
import { KindIcon } from '../app/KindIcon.tsx';
import { TrashIcon } from '../app/icons.tsx';
import { cardTitle, keyFacts, relationWords } from './cardText.ts';
import { CardFieldEditors } from './fields/CardFieldEditors.tsx';
import { ChoiceSelect } from './fields/ChoiceSelect.tsx';
import { StaticField } from './fields/FieldRow.tsx';
import { NarrativeEditor } from './fields/NarrativeEditor.tsx';
import { StaticNodeField } from './fields/NodeFieldControl.tsx';
import { StaticTags } from './fields/TagEditor.tsx';
import { relationGroups } from './LinkInspector.tsx';
import { paletteOrder } from './Palette.tsx';

/** The key of a row: the outline's keyboard and focus code finds rows by it (data-row-key). */
export const cardRowKey = (id: string): string => `card:${id}`;
export const linkRowKey = (id: string): string => `link:${id}`;

/** What rows do, bound once by the panel (a stable object, so memoized rows skip re-rendering). */
export interface OutlineActions {
  editor: MapEditor;
  selectCard: (node: NodeView, mode: SelectMode) => void;
  selectLink: (id: string) => void;
  toggle: (rowKey: string) => void;
  removeCard: (node: NodeView) => void;
  removeLink: (edge: EdgeView) => void;
  changeKind: (node: NodeView, kind: NodeKind) => void;
  /** Opens the card in the inspector, when the map page has one. */
  openInInspector?: (id: string) => void;
}

/** What an expanded row shows beyond the card itself; depends on the rest of the map. */
export interface RowContext {
  graph: MapGraph;
  outgoing: ReadonlyMap<string, readonly EdgeView[]>;
  attachments: ReadonlyMap<string, readonly NodeView[]>;
  expanded: ReadonlySet<string>;
  isSelected: (id: string) => boolean;
}

const selectMode = (event: MouseEvent): SelectMode =>
  event.shiftKey || event.metaKey || event.ctrlKey ? 'toggle' : 'replace';

/** A label as plain text, for read-only rows. */
function StaticLabel({ text, placeholder }: { text: string; placeholder: string }) {
  return (
    <span
      className={
        text ? 'outline__label outline__label--static' : 'outline__label outline__label--static outline__label--empty'
      }
    >
      {text || placeholder}
    </span>
  );
}

function Disclosure({
  expanded,
  controls,
  label,
  onToggle,
}: {
  expanded: boolean;
  controls: string;
  /** The button's name: "Details of …". */
  label: string;
  onToggle: () => void;
}) {
  const { t } = useTranslation('outline');
  return (
    <button
      type="button"
      className="outline__disclosure"
      aria-expanded={expanded}
      aria-controls={expanded ? controls : undefined}
      aria-label={label}
      title={expanded ? t('row.hideDetails') : t('row.showDetails')}
      onClick={onToggle}
    >
      <svg width="12" height="12" viewBox="0 0 12 12" aria-hidden="true" focusable="false">
        <path
          d="M4.5 2.5 8 6l-3.5 3.5"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.6"
          strokeLinecap="round"
          strokeLinejoin="round"
        />
      </svg>
    </button>
  );
}

export interface CardRowProps {
  node: NodeView;
  selected: boolean;
  expanded: boolean;
  readOnly: boolean;
  /** For the row's accessible name: how connected the card is. */
  linkCount: number;
  attachedCount: number;
  actions: OutlineActions;
  /** Only for expanded rows: what the details show of the rest of the map. */
  context: RowContext | null;
}

/** One card: a disclosure, a select button, its editable title, a delete button; expanded, its details. */
export const CardRow = memo(function CardRow({
  node,
  selected,
  expanded,
  readOnly,
  linkCount,
  attachedCount,
  actions,
  context,
}: CardRowProps) {
  const { t } = useTranslation('outline');
  const kindLabel = labelOfKind(node.kind, t);
  const rowKey = cardRowKey(node.id);
  const title = cardTitle(node);
  const kind = kindLabel.toLowerCase();
  const named = t('row.card', { kind: kindLabel, title });
  const withStatus = node.fields.status
    ? t('row.withStatus', { name: named, status: ragLabel(node.fields.status, t).toLowerCase() })
    : named;
  const links = linkCount > 0 ? t('row.links', { count: linkCount }) : '';
  const attached = attachedCount > 0 ? t('row.attached', { count: attachedCount }) : '';
  const extent = links && attached ? t('row.linksAndAttached', { links, attached }) : links || attached;
  const rowName = extent ? t('row.withExtent', { name: withStatus, extent }) : withStatus;
  const detailsId = `outline-details-${node.id}`;
  return (
    <li
      className={`outline__item${selected ? ' outline__item--selected' : ''}`}
      data-row-key={rowKey}
      style={{ '--kind-color': KIND_COLORS[node.kind] } as CSSProperties}
    >
      <div className="outline__row">
        <Disclosure
          expanded={expanded}
          controls={detailsId}
          label={t('row.cardDetails', { title })}
          onToggle={() => actions.toggle(rowKey)}
        />
        <button
          type="button"
          className="outline__select"
          data-select-for={rowKey}
          aria-pressed={selected}
          aria-label={rowName}
          title={node.attachedTo === null ? t('row.selectOnMap') : t('row.openInInspector')}
          onClick={(event) => actions.selectCard(node, selectMode(event))}
        >
          <KindIcon kind={node.kind} />
        </button>
        {readOnly ? (
          <StaticLabel text={node.label} placeholder={t('row.untitled', { kind })} />
        ) : (
          <>
            <LiveLabelField
              autoFocus={false}
              className="outline__label input input--quiet"
              ariaLabel={t('row.cardTitle', { kind: kindLabel })}
              placeholder={t('row.untitled', { kind })}
              value={node.label}
              onInput={(next) => actions.editor.setCardLabel(node.id, next)}
            />
            <button
              type="button"
              className="icon-button outline__delete"
              aria-label={t('row.deleteCard', { kind, title })}
              title={t('row.deleteCardHint')}
              onClick={() => actions.removeCard(node)}
            >
              <TrashIcon />
            </button>
          </>
        )}
      </div>
      {expanded && context && (
        <div className="outline__details" id={detailsId}>
          {readOnly ? (
            <StaticCardDetails node={node} />
          ) : (
            <CardDetails node={node} actions={actions} mapKind={context.graph.meta.kind} />
          )}
          <OutgoingLinks node={node} context={context} actions={actions} readOnly={readOnly} />
          <NestedAttachments hostId={node.id} context={context} actions={actions} readOnly={readOnly} />
        </div>
      )}
    </li>
  );
});

function CardDetails({ node, actions, mapKind }: { node: NodeView; actions: OutlineActions; mapKind: MapKind }) {
  const { t } = useTranslation('outline');
  const { editor } = actions;
  const facts = keyFacts(node);
  return (
    <div className="outline__fields">
      <ChoiceSelect
        label={t('field.kind')}
        value={node.kind}
        options={paletteOrder(mapKind)}
        labels={labelsOf(NODE_KINDS, labelOfKind, t)}
        required
        className="outline__kind-select"
        onChange={(next) => {
          if (next && isNodeKind(next)) actions.changeKind(node, next);
        }}
      />
      <CardFieldEditors node={node} editor={editor} narrativeRows={3} />
      <Facts facts={facts} node={node} actions={actions} />
    </div>
  );
}

function StaticCardDetails({ node }: { node: NodeView }) {
  const { t } = useTranslation('outline');
  return (
    <div className="outline__fields">
      <dl className="static-fields">
        <StaticField label={t('field.status')} value={node.fields.status && ragLabel(node.fields.status, t)} />
        {FIELDS_BY_KIND[node.kind].map((key) => (
          <StaticNodeField key={key} fieldKey={key} fields={node.fields} />
        ))}
        {CAPABILITY_KINDS.includes(node.kind) && (
          <StaticField
            label={t('field.capabilities')}
            value={node.capabilities.map((tag) => capabilityLabel(tag, t)).join('; ')}
            empty={t('field.none')}
          />
        )}
        <StaticField
          label={t('field.tags')}
          value={node.tags.length > 0 ? <StaticTags tags={node.tags} /> : null}
          empty={t('field.none')}
        />
      </dl>
      <NarrativeEditor value={node.narrative} onInput={() => undefined} readOnly />
      <Facts facts={keyFacts(node)} node={node} />
    </div>
  );
}

/** The card's history in a line or two, and the way to the full history (the inspector). */
function Facts({ facts, node, actions }: { facts: string[]; node: NodeView; actions?: OutlineActions }) {
  const { t } = useTranslation('outline');
  const open = actions?.openInInspector;
  if (facts.length === 0 && !open) return null;
  const withHistory = node.kind === 'assumption' || node.kind === 'indicator' || node.kind === 'actor';
  return (
    <div className="outline__facts">
      {facts.length > 0 && (
        <ul className="attachment__facts">
          {facts.map((fact) => (
            <li key={fact}>{fact}</li>
          ))}
        </ul>
      )}
      {open && (
        <button type="button" className="link-button" onClick={() => open(node.id)}>
          {withHistory ? t('row.openHistory') : t('row.openInInspector')}
        </button>
      )}
    </div>
  );
}

function OutgoingLinks({
  node,
  context,
  actions,
  readOnly,
}: {
  node: NodeView;
  context: RowContext;
  actions: OutlineActions;
  readOnly: boolean;
}) {
  const { t } = useTranslation('outline');
  const links = context.outgoing.get(node.id) ?? [];
  if (links.length === 0) return <p className="outline__none">{t('row.noLinksFrom')}</p>;
  return (
    <ul className="outline__links" aria-label={t('row.linksFrom', { title: cardTitle(node) })}>
      {links.map((edge) => {
        const target = cardTitle(context.graph.nodeById.get(edge.target));
        return (
          <li key={edge.id} className="outline__link">
            <div className="outline__link-head">
              {readOnly ? (
                <span className="outline__relation">{relationWords(edge)}</span>
              ) : (
                <ChoiceSelect
                  label={t('row.relationTo', { target })}
                  hideLabel
                  value={edge.relation}
                  groups={relationGroups(context.graph.meta.kind)}
                  labels={labelsOf(LINK_RELATIONS, relationLabel, t)}
                  className="outline__relation-select"
                  onChange={(next) => actions.editor.setLinkField(edge.id, 'relation', next)}
                />
              )}
              <button
                type="button"
                className="link-button outline__target"
                aria-label={t('row.selectLinkTo', { target })}
                onClick={() => actions.selectLink(edge.id)}
              >
                <span aria-hidden="true">→ </span>
                {target}
              </button>
            </div>
            {readOnly ? (
              <StaticLabel text={edge.label} placeholder={t('row.noRationale')} />
            ) : (
              <LiveLabelField
                autoFocus={false}
                className="outline__label input input--quiet"
                ariaLabel={t('row.rationaleFromTo', { source: cardTitle(node), target })}
                placeholder={t('row.rationalePlaceholder')}
                value={edge.label}
                onInput={(next) => actions.editor.setLinkLabel(edge.id, next)}
              />
            )}
          </li>
        );
      })}
    </ul>
  );
}

/** A host's attachments as nested rows (the keyboard reaches them with Right, leaves with Left). */
function NestedAttachments({
  hostId,
  context,
  actions,
  readOnly,
}: {
  hostId: string;
  context: RowContext;
  actions: OutlineActions;
  readOnly: boolean;
}) {
  const { t } = useTranslation('outline');
  const attached = context.attachments.get(hostId) ?? [];
  if (attached.length === 0) return null;
  return (
    <ul className="outline__list outline__list--nested" aria-label={t('row.attachedList')}>
      {attached.map((child) => {
        const key = cardRowKey(child.id);
        const expanded = context.expanded.has(key);
        return (
          <CardRow
            key={child.id}
            node={child}
            selected={context.isSelected(child.id)}
            expanded={expanded}
            readOnly={readOnly}
            linkCount={0}
            attachedCount={0}
            actions={actions}
            context={expanded ? context : null}
          />
        );
      })}
    </ul>
  );
}

export interface LinkRowProps {
  edge: EdgeView;
  /** The sentence naming the link ("Source — leads to → Target"). */
  sentence: string;
  selected: boolean;
  expanded: boolean;
  readOnly: boolean;
  attachedCount: number;
  actions: OutlineActions;
  context: RowContext | null;
}

/** One link: its sentence (selects it), its editable rationale, a delete button; expanded, its details and attachments. */
export const LinkRow = memo(function LinkRow({
  edge,
  sentence,
  selected,
  expanded,
  readOnly,
  attachedCount,
  actions,
  context,
}: LinkRowProps) {
  const { t } = useTranslation('outline');
  const rowKey = linkRowKey(edge.id);
  const detailsId = `outline-details-${edge.id}`;
  return (
    <li
      className={`outline__item outline__item--link${selected ? ' outline__item--selected' : ''}`}
      data-row-key={rowKey}
    >
      <div className="outline__row">
        <Disclosure
          expanded={expanded}
          controls={detailsId}
          label={t('row.linkDetails', { sentence })}
          onToggle={() => actions.toggle(rowKey)}
        />
        <button
          type="button"
          className="outline__select outline__select--link"
          data-select-for={rowKey}
          aria-pressed={selected}
          aria-label={
            attachedCount > 0 ? t('row.linkAttached', { sentence, count: attachedCount }) : t('row.link', { sentence })
          }
          title={t('row.selectOnMap')}
          onClick={() => actions.selectLink(edge.id)}
        >
          <span className="outline__ends">{sentence}</span>
        </button>
        {!readOnly && (
          <button
            type="button"
            className="icon-button outline__delete"
            aria-label={t('row.deleteLink', { sentence })}
            title={t('row.deleteLinkHint')}
            onClick={() => actions.removeLink(edge)}
          >
            <TrashIcon />
          </button>
        )}
      </div>
      {readOnly ? (
        <StaticLabel text={edge.label} placeholder={t('row.noRationale')} />
      ) : (
        <LiveLabelField
          autoFocus={false}
          className="outline__label outline__rationale input input--quiet"
          ariaLabel={t('row.rationaleOf', { sentence })}
          placeholder={t('row.rationalePlaceholder')}
          value={edge.label}
          onInput={(next) => actions.editor.setLinkLabel(edge.id, next)}
        />
      )}
      {expanded && context && (
        <div className="outline__details" id={detailsId}>
          {readOnly ? (
            <dl className="static-fields">
              <StaticField label={t('field.relation')} value={edge.relation && relationLabel(edge.relation, t)} />
              <StaticField label={t('field.confidence')} value={edge.confidence && scaleLabel(edge.confidence, t)} />
              <StaticField label={t('field.status')} value={linkStatusLabel(edge.status, t)} />
            </dl>
          ) : (
            <div className="outline__fields">
              <ChoiceSelect
                label={t('field.relation')}
                value={edge.relation}
                groups={relationGroups(context.graph.meta.kind)}
                labels={labelsOf(LINK_RELATIONS, relationLabel, t)}
                onChange={(next) => actions.editor.setLinkField(edge.id, 'relation', next)}
              />
              <ChoiceSelect
                label={t('field.confidence')}
                value={edge.confidence}
                options={LOW_MEDIUM_HIGH}
                labels={labelsOf(LOW_MEDIUM_HIGH, scaleLabel, t)}
                onChange={(next) => actions.editor.setLinkField(edge.id, 'confidence', next)}
              />
              <ChoiceSelect
                label={t('field.status')}
                value={edge.status}
                options={LINK_STATUSES}
                labels={labelsOf(LINK_STATUSES, linkStatusLabel, t)}
                required
                onChange={(next) => actions.editor.setLinkField(edge.id, 'status', next)}
              />
            </div>
          )}
          {(context.attachments.get(edge.id)?.length ?? 0) === 0 && (
            <p className="outline__none">{readOnly ? t('row.nothingAttached') : t('row.nothingAttachedEditable')}</p>
          )}
          <NestedAttachments hostId={edge.id} context={context} actions={actions} readOnly={readOnly} />
        </div>
      )}
    </li>
  );
});
