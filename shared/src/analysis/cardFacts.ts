import type { Translate } from '../i18n/languages.ts';
import { currentAssumptionState } from '../model/entries.ts';
import type { EdgeView, NodeView } from '../doc/layout.ts';

/**
 * What a card says about itself besides its title, in a few words: the facts a peer wants to
 * read on the canvas without opening the inspector. Pure, so it is tested and shared by the
 * card, its accessible name, and the outline. Its words are the `domain` namespace's, in the
 * language of `t` (English from the catalogue without one).
 */

const join = (parts: readonly (string | null | undefined | false)[]): string =>
  parts.filter((part): part is string => typeof part === 'string' && part.length > 0).join(' · ');

/** One line of kind-specific facts, e.g. "Short term · Individual · Influence". */
export function cardFacts(node: NodeView, t: Translate): string {
  const f = node.fields;
  const d = (key: string, values?: Record<string, unknown>): string => t(`domain:${key}`, values);
  switch (node.kind) {
    case 'outcome':
      return join([
        f.term && d(`term.${f.term}`),
        f.level && d(`level.${f.level}`),
        f.sphere && d(`sphere.${f.sphere}`),
      ]);
    case 'precondition':
      return join([f.level && d(`level.${f.level}`)]);
    case 'assumption': {
      const state = currentAssumptionState(node.reviews);
      return join([
        // A reviewed assumption shows its state as a coloured chip of its own (MapCard).
        state ? null : d('facts.notReviewed'),
        f.criticality && d('facts.criticality', { level: d(`scale.${f.criticality}`) }),
      ]);
    }
    case 'indicator': {
      const latest = node.readings[node.readings.length - 1];
      const unit = f.unit ? ` ${f.unit}` : '';
      return join([
        f.baselineValue && d('facts.baseline', { value: `${f.baselineValue}${unit}` }),
        f.targetValue &&
          (f.targetDate
            ? d('facts.targetBy', { value: `${f.targetValue}${unit}`, date: f.targetDate })
            : d('facts.target', { value: `${f.targetValue}${unit}` })),
        latest && d('facts.now', { value: `${latest.value}${unit}` }),
      ]);
    }
    case 'evidence':
      return join([
        f.evidenceType && d(`evidenceType.${f.evidenceType}`),
        f.strength && d('facts.strength', { strength: d(`evidenceStrength.${f.strength}`) }),
      ]);
    case 'actor':
      return join([
        f.networkRole && d(`networkRole.${f.networkRole}`),
        f.actorType && d(`actorType.${f.actorType}`),
        f.homeOrganisation,
      ]);
    case 'risk':
      return join([
        f.likelihood && d('facts.likelihood', { level: d(`scale.${f.likelihood}`) }),
        f.severity && d('facts.severity', { level: d(`scale.${f.severity}`) }),
      ]);
    case 'lesson':
      return join([f.loop && d(`facts.loop.${f.loop}`)]);
    default:
      return '';
  }
}

/**
 * A card's accessible name: kind, title, status and facts, as a screen reader should say them. A
 * reviewed assumption's state is said too: the card shows it as a chip, which cardFacts leaves out.
 */
export function cardAccessibleName(node: NodeView, t: Translate): string {
  const d = (key: string, values?: Record<string, unknown>): string => t(`domain:${key}`, values);
  const title = node.label.trim() || d('facts.noTitle');
  const status = node.fields.status
    ? d('facts.status', { status: d(`rag.${node.fields.status}`).toLowerCase() })
    : null;
  const reviewed = node.kind === 'assumption' ? currentAssumptionState(node.reviews) : null;
  const state = reviewed ? d(`assumptionState.${reviewed.status}`).toLowerCase() : null;
  const facts = cardFacts(node, t);
  return `${d(`kind.${node.kind}`)}: ${title}${status ? `, ${status}` : ''}${state ? `, ${state}` : ''}${facts ? `. ${facts.replaceAll(' · ', ', ')}` : ''}`;
}

/** A link's accessible name, e.g. "Link, enables, hypothesised: peers copy what works". */
export function linkAccessibleName(edge: EdgeView, t: Translate): string {
  const d = (key: string): string => t(`domain:${key}`);
  const relation = edge.relation ? `, ${d(`relation.${edge.relation}`)}` : '';
  const status = edge.status !== 'hypothesised' ? `, ${d(`linkStatus.${edge.status}`).toLowerCase()}` : '';
  return `${d('facts.link')}${relation}${status}${edge.label ? `: ${edge.label}` : ''}`;
}
