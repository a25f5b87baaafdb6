import {
  ACTOR_TYPE_LABELS,
  EVIDENCE_STRENGTH_LABELS,
  EVIDENCE_TYPE_LABELS,
  LEVEL_LABELS,
  LINK_STATUS_LABELS,
  LINK_RELATION_LABELS,
  LOW_MEDIUM_HIGH_LABELS,
  NETWORK_ROLE_LABELS,
  OUTCOME_TERM_LABELS,
  RAG_LABELS,
  SPHERE_LABELS,
  ASSUMPTION_STATE_LABELS,
  type LessonLoop,
} from '../model/fields.ts';
import { NODE_KIND_LABELS } from '../model/kinds.ts';
import { currentAssumptionState } from '../model/entries.ts';
import type { EdgeView, NodeView } from '../doc/layout.ts';

/**
 * What a card says about itself besides its title, in a few words: the facts a peer wants to
 * read on the canvas without opening the inspector. Pure, so it is tested and shared by the
 * card, its accessible name, and the outline.
 */

const LOOP_SHORT: Record<LessonLoop, string> = { single: 'Single loop', double: 'Double loop', triple: 'Triple loop' };

const join = (parts: readonly (string | null | undefined | false)[]): string =>
  parts.filter((part): part is string => typeof part === 'string' && part.length > 0).join(' · ');

/** One line of kind-specific facts, e.g. "Short term · Individual · Influence". */
export function cardFacts(node: NodeView): string {
  const f = node.fields;
  switch (node.kind) {
    case 'outcome':
      return join([
        f.term && OUTCOME_TERM_LABELS[f.term],
        f.level && LEVEL_LABELS[f.level],
        f.sphere && SPHERE_LABELS[f.sphere],
      ]);
    case 'precondition':
      return join([f.level && LEVEL_LABELS[f.level]]);
    case 'assumption': {
      const state = currentAssumptionState(node.reviews);
      return join([
        // A reviewed assumption shows its state as a coloured chip of its own (MapCard).
        state ? null : 'Not reviewed',
        f.criticality && `${LOW_MEDIUM_HIGH_LABELS[f.criticality]} criticality`,
      ]);
    }
    case 'indicator': {
      const latest = node.readings[node.readings.length - 1];
      const unit = f.unit ? ` ${f.unit}` : '';
      return join([
        f.baselineValue && `Baseline ${f.baselineValue}${unit}`,
        f.targetValue && `Target ${f.targetValue}${unit}${f.targetDate ? ` by ${f.targetDate}` : ''}`,
        latest && `Now ${latest.value}${unit}`,
      ]);
    }
    case 'evidence':
      return join([
        f.evidenceType && EVIDENCE_TYPE_LABELS[f.evidenceType],
        f.strength && `${EVIDENCE_STRENGTH_LABELS[f.strength]} evidence`,
      ]);
    case 'actor':
      return join([
        f.networkRole && NETWORK_ROLE_LABELS[f.networkRole],
        f.actorType && ACTOR_TYPE_LABELS[f.actorType],
        f.homeOrganisation,
      ]);
    case 'risk':
      return join([
        f.likelihood && `${LOW_MEDIUM_HIGH_LABELS[f.likelihood]} likelihood`,
        f.severity && `${LOW_MEDIUM_HIGH_LABELS[f.severity]} severity`,
      ]);
    case 'lesson':
      return join([f.loop && LOOP_SHORT[f.loop]]);
    default:
      return '';
  }
}

/**
 * A card's accessible name: kind, title, status and facts, as a screen reader should say them. A
 * reviewed assumption's state is said too: the card shows it as a chip, which cardFacts leaves out.
 */
export function cardAccessibleName(node: NodeView): string {
  const title = node.label.trim() || 'no title yet';
  const status = node.fields.status ? `status ${RAG_LABELS[node.fields.status].toLowerCase()}` : null;
  const reviewed = node.kind === 'assumption' ? currentAssumptionState(node.reviews) : null;
  const state = reviewed ? ASSUMPTION_STATE_LABELS[reviewed.status].toLowerCase() : null;
  const facts = cardFacts(node);
  return `${NODE_KIND_LABELS[node.kind]}: ${title}${status ? `, ${status}` : ''}${state ? `, ${state}` : ''}${facts ? `. ${facts.replaceAll(' · ', ', ')}` : ''}`;
}

/** A link's accessible name, e.g. "Link, enables, hypothesised: peers copy what works". */
export function linkAccessibleName(edge: EdgeView): string {
  const relation = edge.relation ? `, ${LINK_RELATION_LABELS[edge.relation]}` : '';
  const status = edge.status !== 'hypothesised' ? `, ${LINK_STATUS_LABELS[edge.status].toLowerCase()}` : '';
  return `Link${relation}${status}${edge.label ? `: ${edge.label}` : ''}`;
}
