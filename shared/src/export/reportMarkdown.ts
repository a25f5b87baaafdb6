import {
  ACTOR_TYPE_LABELS,
  ASSUMPTION_KIND_LABELS,
  EVIDENCE_STRENGTH_LABELS,
  EVIDENCE_TYPE_LABELS,
  FREQUENCY_LABELS,
  LESSON_LOOP_LABELS,
  LOW_MEDIUM_HIGH_LABELS,
  NETWORK_ROLE_LABELS,
  ASSUMPTION_STATE_LABELS,
} from '../model/fields.ts';
import { MAP_KIND_LABELS, NODE_KIND_LABELS } from '../model/kinds.ts';
import {
  NO_VALUE,
  assumptionStateWords,
  datedValueWords,
  documentTime,
  healthWords,
  relationWords,
  targetWords,
} from './documentWords.ts';
import type { DocumentCommentThread, MapReportDocument } from './documents.ts';
import { mdBlocks, mdCell, mdHeading, mdLink, mdTable, mdText } from './markdown.ts';
import { LOGFRAME_LEVEL_LABELS, type MapReport, type PathwayStep } from './report.ts';

/** The columns of the logframe table, in every document that has one. */
export const LOGFRAME_COLUMNS = [
  'Ref',
  'Level',
  'Statement',
  'Indicators',
  'Baseline',
  'Target',
  'Means of verification',
  'Assumptions',
] as const;

/**
 * The map as a readable Markdown report: title, version, the pathways as nested lists, the
 * logframe and each register as tables, and the open comments as an appendix when asked for.
 * Sections with nothing to show are left out.
 */
export function mapReportMarkdown(doc: MapReportDocument): string {
  const { report } = doc;
  return mdBlocks([
    mdHeading(1, report.title || 'Untitled map'),
    `${mdText(MAP_KIND_LABELS[report.kind])} · ${mdText(doc.version.label)} · ${documentTime(doc.version.at)}`,
    report.pathways.length > 0 && mdHeading(2, 'Pathways'),
    report.pathways.length > 0 && pathwaysList(report.pathways),
    report.logframe.length > 0 && mdHeading(2, 'Logframe'),
    logframeTable(report),
    ...assumptionSections(report),
    ...indicatorSections(report),
    ...partnerSection(report),
    ...riskSection(report),
    ...lessonSection(report),
    ...evidenceSection(report),
    ...commentsAppendix(doc.comments),
    `*Exported from Loopmap on ${documentTime(doc.generatedAt)}.*`,
  ]);
}

/** Each step a list item, causes nested under it; a step named again points at its first place. */
function pathwaysList(pathways: readonly PathwayStep[]): string {
  const lines: string[] = [];
  const walk = (step: PathwayStep, depth: number): void => {
    const indent = '  '.repeat(depth);
    const kind = NODE_KIND_LABELS[step.kind];
    const because = step.link?.rationale.trim() ? ` (${mdText(step.link.rationale)})` : '';
    const relation = step.link?.relation ? ` — ${mdText(relationWords(step.link.relation))}` : '';
    const repeat = step.repeatOf ? ` (see ${step.repeatOf})` : '';
    lines.push(`${indent}- **${step.ref}** ${kind}: ${mdText(step.title)}${repeat}${relation}${because}`);
    if (step.narrative.trim() && step.repeatOf === null) {
      lines.push(`${indent}  ${mdText(step.narrative)}`);
    }
    for (const cause of step.causes) walk(cause, depth + 1);
  };
  for (const root of pathways) walk(root, 0);
  return lines.join('\n');
}

function logframeTable(report: MapReport): string {
  const lines = (values: readonly string[]): string => values.filter(Boolean).join('<br>') || NO_VALUE;
  return mdTable(
    LOGFRAME_COLUMNS,
    report.logframe.map((row) => [
      row.ref,
      LOGFRAME_LEVEL_LABELS[row.level] + (row.kind === 'precondition' ? ' (precondition)' : ''),
      mdCell(row.statement),
      lines(row.indicators.map((i) => mdCell(i.title))),
      lines(row.indicators.map((i) => mdCell(datedValueWords(i.baseline, i.unit, 'on')) || NO_VALUE)),
      lines(row.indicators.map((i) => mdCell(datedValueWords(i.target, i.unit, 'by')) || NO_VALUE)),
      lines(row.indicators.map((i) => mdCell(i.meansOfVerification ?? '') || NO_VALUE)),
      lines(row.assumptions.map((a) => `${mdCell(a.title)} (${mdCell(assumptionStateWords(a))})`)),
    ]),
  );
}

function assumptionSections(report: MapReport): string[] {
  if (report.assumptions.length === 0) return [];
  const reviews = report.assumptions.flatMap((a) =>
    a.reviews.map((r) => [mdCell(a.title), r.date, ASSUMPTION_STATE_LABELS[r.status], mdCell(r.note), mdCell(r.by)]),
  );
  return [
    mdHeading(2, 'Assumptions'),
    mdTable(
      ['Assumption', 'Kind', 'Criticality', 'About', 'State'],
      report.assumptions.map((a) => [
        mdCell(a.title),
        a.kind ? ASSUMPTION_KIND_LABELS[a.kind] : NO_VALUE,
        a.criticality ? LOW_MEDIUM_HIGH_LABELS[a.criticality] : NO_VALUE,
        mdCell(about(a.attachedTo ? [a.attachedTo] : a.linkedTo)),
        mdCell(assumptionStateWords(a)),
      ]),
    ),
    reviews.length > 0 && mdHeading(3, 'Review history'),
    mdTable(['Assumption', 'Date', 'Status', 'Note', 'By'], reviews),
  ].filter((block): block is string => typeof block === 'string');
}

function indicatorSections(report: MapReport): string[] {
  if (report.indicators.length === 0) return [];
  const readings = report.indicators.flatMap((i) =>
    i.readings.map((r) => [mdCell(i.title), r.date, mdCell(r.value), mdCell(r.note), mdCell(r.by)]),
  );
  return [
    mdHeading(2, 'Indicators'),
    mdTable(
      ['Indicator', 'Measures', 'Baseline', 'Target', 'Means of verification', 'Frequency'],
      report.indicators.map((i) => [
        mdCell(i.title),
        mdCell(about(i.measures)),
        mdCell(datedValueWords(i.baseline, i.unit, 'on')) || NO_VALUE,
        mdCell(datedValueWords(i.target, i.unit, 'by')) || NO_VALUE,
        mdCell(i.meansOfVerification ?? '') || NO_VALUE,
        i.frequency ? FREQUENCY_LABELS[i.frequency] : NO_VALUE,
      ]),
    ),
    readings.length > 0 && mdHeading(3, 'Readings'),
    mdTable(['Indicator', 'Date', 'Value', 'Note', 'By'], readings),
  ].filter((block): block is string => typeof block === 'string');
}

function partnerSection(report: MapReport): string[] {
  if (report.partners.length === 0) return [];
  return [
    mdHeading(2, 'Partners'),
    mdTable(
      ['Partner', 'Type', 'Network role', 'Home organisation', 'Latest health ratings'],
      report.partners.map((p) => [
        mdCell(p.title),
        p.actorType ? ACTOR_TYPE_LABELS[p.actorType] : NO_VALUE,
        p.networkRole ? NETWORK_ROLE_LABELS[p.networkRole] : NO_VALUE,
        mdCell(p.homeOrganisation ?? '') || NO_VALUE,
        p.health.map(healthWords).join('<br>') || 'Not rated',
      ]),
    ),
  ];
}

function riskSection(report: MapReport): string[] {
  if (report.risks.length === 0) return [];
  return [
    mdHeading(2, 'Risks'),
    mdTable(
      ['Risk', 'Likelihood', 'Severity', 'Affects'],
      report.risks.map((r) => [
        mdCell(r.title),
        r.likelihood ? LOW_MEDIUM_HIGH_LABELS[r.likelihood] : NO_VALUE,
        r.severity ? LOW_MEDIUM_HIGH_LABELS[r.severity] : NO_VALUE,
        mdCell(about(r.affects)),
      ]),
    ),
  ];
}

function lessonSection(report: MapReport): string[] {
  if (report.lessons.length === 0) return [];
  return [
    mdHeading(2, 'Lessons'),
    mdTable(
      ['Lesson', 'Learning loop'],
      report.lessons.map((l) => [mdCell(l.title), l.loop ? LESSON_LOOP_LABELS[l.loop] : NO_VALUE]),
    ),
  ];
}

function evidenceSection(report: MapReport): string[] {
  if (report.evidence.length === 0) return [];
  return [
    mdHeading(2, 'Evidence'),
    mdTable(
      ['Evidence', 'Citation', 'Type', 'Strength', 'About'],
      report.evidence.map((e) => [
        mdLink(e.title, e.url),
        mdCell(e.citation ?? '') || NO_VALUE,
        e.evidenceType ? EVIDENCE_TYPE_LABELS[e.evidenceType] : NO_VALUE,
        e.strength ? EVIDENCE_STRENGTH_LABELS[e.strength] : NO_VALUE,
        mdCell(about(e.about)),
      ]),
    ),
  ];
}

function commentsAppendix(threads: readonly DocumentCommentThread[] | null): string[] {
  if (threads === null) return [];
  const blocks = [mdHeading(2, 'Appendix: open comments')];
  if (threads.length === 0) blocks.push('No open comments.');
  for (const thread of threads) {
    blocks.push(mdHeading(3, `On ${thread.target.kind === 'link' ? 'the link ' : ''}${thread.target.title}`));
    blocks.push(
      thread.comments
        .map((c) => `- **${mdText(c.author)}**, ${documentTime(c.createdAt)}: ${mdText(c.body)}`)
        .join('\n'),
    );
  }
  return blocks;
}

const about = (targets: readonly Parameters<typeof targetWords>[0][]): string =>
  targets.map(targetWords).join('; ') || NO_VALUE;
