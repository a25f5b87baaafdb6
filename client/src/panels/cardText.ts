import {
  HEALTH_DIMENSIONS,
  NODE_KINDS,
  currentAssumptionState,
  latestHealth,
  type EdgeView,
  type MapGraph,
  type NodeView,
} from '@loopmap/shared';
import { displayLocale, withUnit } from './fields/entryHistory.ts';
import { dayText } from '../app/dates.ts';
import { i18next } from '../i18n/i18n.ts';
import {
  assumptionStateLabel,
  evidenceStrengthLabel,
  evidenceTypeLabel,
  healthDimensionLabel,
  kindLabel,
  ragLabel,
  relationLabel,
  scaleLabel,
} from '../i18n/domainText.ts';

const t = i18next.t.bind(i18next);

/** How cards and links are named in panels: in lists, selects, buttons and screen-reader labels. */

const KIND_ORDER = new Map<string, number>(NODE_KINDS.map((kind, i) => [kind, i]));
/** How card titles are compared in every list (case- and accent-insensitive, numbers by value). */
export const CARD_COLLATOR = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** A card's title, or what stands in for it ("Untitled outcome"; "a deleted card" when it is gone). */
export function cardTitle(node: NodeView | null | undefined): string {
  if (!node) return t('panels:card.deleted');
  return (
    node.label.trim().replace(/\s+/g, ' ') || t('panels:card.untitled', { kind: kindLabel(node.kind).toLowerCase() })
  );
}

/** "Outcome: Peers trust each other". */
export function cardName(node: NodeView | null | undefined): string {
  return node ? `${kindLabel(node.kind)}: ${cardTitle(node)}` : cardTitle(node);
}

/** Pathway order of kinds (the impact first), then title, then id: the order of every card list. */
export function compareCards(a: NodeView, b: NodeView): number {
  return (
    (KIND_ORDER.get(a.kind) ?? 99) - (KIND_ORDER.get(b.kind) ?? 99) ||
    CARD_COLLATOR.compare(cardTitle(a), cardTitle(b)) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/** What a link claims, in words: "leads to", or "links to" when its relation is not set. */
export function relationWords(edge: EdgeView): string {
  return edge.relation ? relationLabel(edge.relation) : t('panels:card.linksTo');
}

/** "Source → Target". */
export function linkEnds(graph: MapGraph, edge: EdgeView): string {
  return `${cardTitle(graph.nodeById.get(edge.source))} → ${cardTitle(graph.nodeById.get(edge.target))}`;
}

/** "Source — leads to → Target": a link as a sentence. */
export function linkSentence(graph: MapGraph, edge: EdgeView): string {
  return `${cardTitle(graph.nodeById.get(edge.source))} — ${relationWords(edge)} → ${cardTitle(graph.nodeById.get(edge.target))}`;
}

/** The name of a card or link an attachment hangs on. */
export function hostName(graph: MapGraph, hostId: string): string {
  const edge = graph.edgeById.get(hostId);
  if (edge) return t('panels:card.theLink', { ends: linkEnds(graph, edge) });
  return cardName(graph.nodeById.get(hostId));
}

/**
 * The key facts of a card, shown where it is listed (under its host, in the outline) so nobody
 * needs to open it to know how things stand: an assumption's current state and criticality, an
 * indicator's target and latest reading, evidence's type and strength, a partner's latest health.
 */
export function keyFacts(node: NodeView, locale: string = displayLocale()): string[] {
  const { fields } = node;
  switch (node.kind) {
    case 'assumption': {
      const current = currentAssumptionState(node.reviews);
      return [
        current
          ? t('panels:facts.since', {
              state: assumptionStateLabel(current.status),
              date: dayText(current.date, locale),
            })
          : t('panels:facts.notReviewed'),
        ...(fields.criticality ? [t('panels:facts.criticality', { level: scaleLabel(fields.criticality) })] : []),
      ];
    }
    case 'indicator': {
      const latest = node.readings[node.readings.length - 1];
      const value = fields.targetValue ? withUnit(fields.targetValue, fields.unit, locale) : null;
      const target =
        value === null
          ? t('panels:facts.noTarget')
          : fields.targetDate
            ? t('panels:facts.targetBy', { value, date: dayText(fields.targetDate, locale) })
            : t('panels:facts.target', { value });
      return [
        target,
        latest
          ? t('panels:facts.latest', {
              value: withUnit(latest.value, fields.unit, locale),
              date: dayText(latest.date, locale),
            })
          : t('panels:facts.noReadings'),
      ];
    }
    case 'evidence':
      return [
        [
          fields.evidenceType ? evidenceTypeLabel(fields.evidenceType) : null,
          fields.strength
            ? t('panels:facts.strength', { strength: evidenceStrengthLabel(fields.strength).toLowerCase() })
            : null,
        ]
          .filter(Boolean)
          .join(', ') || t('panels:facts.noEvidenceFacts'),
      ];
    case 'actor': {
      const latest = latestHealth(node.health);
      const rated = HEALTH_DIMENSIONS.filter((dimension) => latest[dimension]);
      if (rated.length === 0) return [];
      return [
        t('panels:facts.health', {
          ratings: rated
            .map(
              (dimension) => `${healthDimensionLabel(dimension)} ${ragLabel(latest[dimension]!.rating).toLowerCase()}`,
            )
            .join(', '),
        }),
      ];
    }
    default:
      return [];
  }
}
