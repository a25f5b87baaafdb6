import {
  FINDING_SEVERITIES,
  cardTitle,
  checksFor,
  linkTitle,
  type Finding,
  type FindingCode,
  type FindingMessage,
  type FindingSeverity,
  type FindingTarget,
  type MapGraph,
  type MapKind,
  type NodeKind,
} from '@loopmap/shared';
import { currentT, kindLabel, type DomainT } from '../i18n/domainText.ts';
import { currentLanguage } from '../i18n/i18n.ts';

/**
 * What the logic panel shows of the shared check's findings: groups, names, counts in words.
 * Every word is the `domain` namespace's (`domain:finding.*`), in the interface's language: each
 * function takes the `t` of the component that shows it, or i18next's.
 */

/** One of a finding's sentences in words: a card's kind in the language, the rest as given. */
export function sayFinding(message: FindingMessage, t: DomainT = currentT): string {
  const { kind, ...rest } = message.values;
  const values: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(rest)) if (value !== undefined) values[name] = value;
  if (kind) {
    values.kind = kindLabel(kind, t);
    values.kindLower = values.kind.toLowerCase();
  }
  return t(`domain:${message.key}`, values);
}

/** The sentence naming what is wrong and where. */
export const findingTitle = (finding: Finding, t: DomainT = currentT): string => sayFinding(finding.title, t);

/** What the finding adds to its group's hint, as sentences; '' when nothing. */
export const findingDetail = (finding: Finding, t: DomainT = currentT): string =>
  finding.detail.map((message) => sayFinding(message, t)).join(' ');

export interface FindingGroup {
  code: FindingCode;
  severity: FindingSeverity;
  label: string;
  /** Why the check matters and what to do, said once for the group. */
  hint: string;
  findings: Finding[];
}

/** Findings grouped by code, in the order checkMap gives them (most serious first). */
export function groupFindings(findings: readonly Finding[], t: DomainT = currentT): FindingGroup[] {
  const groups = new Map<FindingCode, FindingGroup>();
  for (const finding of findings) {
    let group = groups.get(finding.code);
    if (!group) {
      group = {
        code: finding.code,
        severity: finding.severity,
        label: t(`domain:finding.${finding.code}.label`),
        hint: t(`domain:finding.${finding.code}.hint`),
        findings: [],
      };
      groups.set(finding.code, group);
    }
    group.findings.push(finding);
  }
  return [...groups.values()];
}

/** "Problem", "Warning", "Suggestion". */
export const severityLabel = (severity: FindingSeverity, t: DomainT = currentT): string =>
  t(`domain:finding.severity.${severity}`);

/** "2 problems, 1 warning", counting each severity that occurs; "All clear" when none does. */
export function summariseFindings(findings: readonly Finding[], hasCards = true, t: DomainT = currentT): string {
  if (findings.length === 0) return t(hasCards ? 'domain:finding.allClear' : 'domain:finding.nothingToCheck');
  const parts: string[] = [];
  for (const severity of FINDING_SEVERITIES) {
    const count = findings.filter((finding) => finding.severity === severity).length;
    if (count > 0) parts.push(t(`domain:finding.severityCount.${severity}`, { count }));
  }
  return new Intl.ListFormat(currentLanguage(), { style: 'short', type: 'unit' }).format(parts);
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

export function mentionOf(graph: MapGraph, target: FindingTarget, t: DomainT = currentT): Mention {
  if (target.kind === 'link') {
    const link = graph.edgeById.get(target.id);
    return {
      kind: null,
      kindLabel: t('domain:finding.mention.link'),
      title: link ? linkTitle(graph, link) : t('domain:finding.mention.deletedLink'),
      context: '',
    };
  }
  const node = graph.nodeById.get(target.id);
  if (!node) {
    return {
      kind: null,
      kindLabel: t('domain:finding.mention.card'),
      title: t('domain:finding.mention.deletedCard'),
      context: '',
    };
  }
  let context = '';
  if (node.attachedTo !== null) {
    const hostLink = graph.edgeById.get(node.attachedTo);
    const hostCard = graph.nodeById.get(node.attachedTo);
    if (hostLink) context = t('domain:finding.mention.onLink', { link: linkTitle(graph, hostLink) });
    else if (hostCard) {
      const kindLower = kindLabel(hostCard.kind, t).toLowerCase();
      context = t('domain:finding.mention.onCard', { kindLower, title: cardTitle(hostCard) });
    }
  }
  return { kind: node.kind, kindLabel: kindLabel(node.kind, t), title: cardTitle(node), context };
}

/** At most this many cards are named on one finding; the rest are counted. */
export const MAX_MENTIONS = 3;

/**
 * What a finding's button names: its cards (a loop also targets the links inside it, which its
 * cards already name), or its links when it is about links only.
 */
export function findingMentions(
  graph: MapGraph,
  finding: Finding,
  t: DomainT = currentT,
): { mentions: Mention[]; more: number } {
  const cards = finding.targets.filter((target) => target.kind === 'node');
  const named = cards.length > 0 ? cards : finding.targets;
  return {
    mentions: named.slice(0, MAX_MENTIONS).map((target) => mentionOf(graph, target, t)),
    more: Math.max(0, named.length - MAX_MENTIONS),
  };
}

/** What a map of this kind is checked for, in words, for the all-clear state. */
export function allClearChecks(kind: MapKind, t: DomainT = currentT): string[] {
  return checksFor(kind).map((code) => t(`domain:finding.${code}.checked`));
}

// Apart, so that the map page's dock can select a finding's cards without this module's labels
// and the logic check in its first load (docs/benchmarks.md).
export { canvasSelection } from './findingSelection.ts';
