import {
  FINDING_CHECKED,
  FINDING_HINTS,
  FINDING_LABELS,
  FINDING_SEVERITIES,
  NODE_KIND_LABELS,
  cardTitle,
  checksFor,
  linkTitle,
  type Finding,
  type FindingCode,
  type FindingSeverity,
  type FindingTarget,
  type MapGraph,
  type MapKind,
  type NodeKind,
} from '@loopmap/shared';

/** What the logic panel shows of the shared check's findings: groups, names, counts in words. */

export interface FindingGroup {
  code: FindingCode;
  severity: FindingSeverity;
  label: string;
  /** Why the check matters and what to do, said once for the group. */
  hint: string;
  findings: Finding[];
}

/** Findings grouped by code, in the order checkMap gives them (most serious first). */
export function groupFindings(findings: readonly Finding[]): FindingGroup[] {
  const groups = new Map<FindingCode, FindingGroup>();
  for (const finding of findings) {
    let group = groups.get(finding.code);
    if (!group) {
      group = {
        code: finding.code,
        severity: finding.severity,
        label: FINDING_LABELS[finding.code],
        hint: FINDING_HINTS[finding.code],
        findings: [],
      };
      groups.set(finding.code, group);
    }
    group.findings.push(finding);
  }
  return [...groups.values()];
}

const SEVERITY_WORDS: Record<FindingSeverity, [one: string, many: string]> = {
  problem: ['problem', 'problems'],
  warning: ['warning', 'warnings'],
  suggestion: ['suggestion', 'suggestions'],
};

export const SEVERITY_LABELS: Record<FindingSeverity, string> = {
  problem: 'Problem',
  warning: 'Warning',
  suggestion: 'Suggestion',
};

/** "2 problems, 1 warning", counting each severity that occurs; "All clear" when none does. */
export function summariseFindings(findings: readonly Finding[], hasCards = true): string {
  if (findings.length === 0) return hasCards ? 'All clear' : 'Nothing to check yet';
  const parts: string[] = [];
  for (const severity of FINDING_SEVERITIES) {
    const count = findings.filter((finding) => finding.severity === severity).length;
    if (count > 0) parts.push(`${count} ${SEVERITY_WORDS[severity][count === 1 ? 0 : 1]}`);
  }
  return parts.join(', ');
}

/** The most serious severity among the findings, or null when there are none. */
export function worstSeverity(findings: readonly Finding[]): FindingSeverity | null {
  return FINDING_SEVERITIES.find((severity) => findings.some((finding) => finding.severity === severity)) ?? null;
}

/** One card or link a finding names, as the panel shows it: a kind badge and a title. */
export interface Mention {
  /** The card's kind, for its colour; null for a link. */
  kind: NodeKind | null;
  kindLabel: string;
  title: string;
  /** Where an attached card sits: "on the link “A” → “B”". */
  context: string;
}

export function mentionOf(graph: MapGraph, target: FindingTarget): Mention {
  if (target.kind === 'link') {
    const link = graph.edgeById.get(target.id);
    return { kind: null, kindLabel: 'Link', title: link ? linkTitle(graph, link) : 'A deleted link', context: '' };
  }
  const node = graph.nodeById.get(target.id);
  if (!node) return { kind: null, kindLabel: 'Card', title: 'A deleted card', context: '' };
  let context = '';
  if (node.attachedTo !== null) {
    const hostLink = graph.edgeById.get(node.attachedTo);
    const hostCard = graph.nodeById.get(node.attachedTo);
    if (hostLink) context = `on the link ${linkTitle(graph, hostLink)}`;
    else if (hostCard) context = `on ${NODE_KIND_LABELS[hostCard.kind].toLowerCase()} “${cardTitle(hostCard)}”`;
  }
  return { kind: node.kind, kindLabel: NODE_KIND_LABELS[node.kind], title: cardTitle(node), context };
}

/** At most this many cards are named on one finding; the rest are counted. */
export const MAX_MENTIONS = 3;

/**
 * What a finding's button names: its cards (a loop also targets the links inside it, which its
 * cards already name), or its links when it is about links only.
 */
export function findingMentions(graph: MapGraph, finding: Finding): { mentions: Mention[]; more: number } {
  const cards = finding.targets.filter((target) => target.kind === 'node');
  const named = cards.length > 0 ? cards : finding.targets;
  return {
    mentions: named.slice(0, MAX_MENTIONS).map((target) => mentionOf(graph, target)),
    more: Math.max(0, named.length - MAX_MENTIONS),
  };
}

/** What a map of this kind is checked for, in words, for the all-clear state. */
export function allClearChecks(kind: MapKind): string[] {
  return checksFor(kind).map((code) => FINDING_CHECKED[code]);
}

// Apart, so that the map page's dock can select a finding's cards without this module's labels
// and the logic check in its first load (docs/benchmarks.md).
export { canvasSelection } from './findingSelection.ts';
