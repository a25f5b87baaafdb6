import type { Translate } from '../i18n/languages.ts';
import {
  NO_VALUE,
  assumptionStateWords,
  datedValueWords,
  documentTime,
  domainWords,
  healthWords,
  logframeColumns,
  relationWords,
  targetWords,
} from './documentWords.ts';
import type { DocumentCommentThread, MapReportDocument } from './documents.ts';
import { mdBlocks, mdCell, mdHeading, mdLink, mdTable, mdText } from './markdown.ts';
import type { MapReport, PathwayStep, ReportTarget } from './report.ts';

/**
 * The map as a readable Markdown report: title, version, the pathways as nested lists, the
 * logframe and each register as tables, and the open comments as an appendix when asked for.
 * Sections with nothing to show are left out. Its words are `t`'s language.
 */
export function mapReportMarkdown(doc: MapReportDocument, t: Translate): string {
  const { report } = doc;
  const words = domainWords(t);
  return mdBlocks([
    mdHeading(1, report.title || t('exports:untitledMap')),
    `${mdText(words.mapKind(report.kind))} · ${mdText(doc.version.label)} · ${documentTime(t, doc.version.at)}`,
    report.pathways.length > 0 && mdHeading(2, t('exports:section.pathways')),
    report.pathways.length > 0 && pathwaysList(report.pathways, t),
    report.logframe.length > 0 && mdHeading(2, t('exports:section.logframe')),
    logframeTable(report, t),
    ...assumptionSections(report, t),
    ...indicatorSections(report, t),
    ...partnerSection(report, t),
    ...riskSection(report, t),
    ...lessonSection(report, t),
    ...evidenceSection(report, t),
    ...commentsAppendix(doc.comments, t),
    `*${mdText(t('exports:exportedOn', { time: documentTime(t, doc.generatedAt) }))}.*`,
  ]);
}

/** "Outcome" for a logframe row, or "Outcome (precondition)". */
export function logframeLevelWords(t: Translate, row: MapReport['logframe'][number]): string {
  const level = domainWords(t).kind(row.level);
  return row.kind === 'precondition' ? t('exports:logframe.precondition', { level }) : level;
}

/** Each step a list item, causes nested under it; a step named again points at its first place. */
function pathwaysList(pathways: readonly PathwayStep[], t: Translate): string {
  const words = domainWords(t);
  const lines: string[] = [];
  const walk = (step: PathwayStep, depth: number): void => {
    const indent = '  '.repeat(depth);
    const kind = words.kind(step.kind);
    const because = step.link?.rationale.trim() ? ` (${mdText(step.link.rationale)})` : '';
    const relation = step.link?.relation ? ` — ${mdText(relationWords(t, step.link.relation))}` : '';
    const repeat = step.repeatOf ? ` (${t('exports:pathway.see', { ref: step.repeatOf })})` : '';
    lines.push(`${indent}- **${step.ref}** ${kind}: ${mdText(step.title)}${repeat}${relation}${because}`);
    if (step.narrative.trim() && step.repeatOf === null) {
      lines.push(`${indent}  ${mdText(step.narrative)}`);
    }
    for (const cause of step.causes) walk(cause, depth + 1);
  };
  for (const root of pathways) walk(root, 0);
  return lines.join('\n');
}

function logframeTable(report: MapReport, t: Translate): string {
  const lines = (values: readonly string[]): string => values.filter(Boolean).join('<br>') || NO_VALUE;
  return mdTable(
    logframeColumns(t),
    report.logframe
      .map((row) => [
        mdCell(logframeLevelWords(t, row)),
        mdCell(row.statement),
        lines(row.indicators.map((i) => mdCell(i.title))),
        lines(row.indicators.map((i) => mdCell(datedValueWords(t, i.baseline, i.unit, 'on')) || NO_VALUE)),
        lines(row.indicators.map((i) => mdCell(datedValueWords(t, i.target, i.unit, 'by')) || NO_VALUE)),
        lines(row.indicators.map((i) => mdCell(i.meansOfVerification ?? '') || NO_VALUE)),
        lines(row.assumptions.map((a) => `${mdCell(a.title)} (${mdCell(assumptionStateWords(t, a))})`)),
      ])
      .map((cells, i) => [report.logframe[i]!.ref, ...cells]),
  );
}

/** The column headers of a register table, from `exports:column.<name>`. */
export const columnWords = (t: Translate, names: readonly string[]): string[] =>
  names.map((name) => t(`exports:column.${name}`));

function assumptionSections(report: MapReport, t: Translate): string[] {
  if (report.assumptions.length === 0) return [];
  const words = domainWords(t);
  const reviews = report.assumptions.flatMap((a) =>
    a.reviews.map((r) => [mdCell(a.title), r.date, words.assumptionState(r.status), mdCell(r.note), mdCell(r.by)]),
  );
  return [
    mdHeading(2, t('exports:section.assumptions')),
    mdTable(
      columnWords(t, ['assumption', 'kind', 'criticality', 'about', 'state']),
      report.assumptions.map((a) => [
        mdCell(a.title),
        a.kind ? mdCell(words.assumptionKind(a.kind)) : NO_VALUE,
        a.criticality ? words.lowMediumHigh(a.criticality) : NO_VALUE,
        mdCell(about(t, a.attachedTo ? [a.attachedTo] : a.linkedTo)),
        mdCell(assumptionStateWords(t, a)),
      ]),
    ),
    reviews.length > 0 && mdHeading(3, t('exports:section.reviewHistory')),
    mdTable(columnWords(t, ['assumption', 'date', 'status', 'note', 'by']), reviews),
  ].filter((block): block is string => typeof block === 'string');
}

function indicatorSections(report: MapReport, t: Translate): string[] {
  if (report.indicators.length === 0) return [];
  const words = domainWords(t);
  const readings = report.indicators.flatMap((i) =>
    i.readings.map((r) => [mdCell(i.title), r.date, mdCell(r.value), mdCell(r.note), mdCell(r.by)]),
  );
  return [
    mdHeading(2, t('exports:section.indicators')),
    mdTable(
      columnWords(t, ['indicator', 'measures', 'baseline', 'target', 'meansOfVerification', 'frequency']),
      report.indicators.map((i) => [
        mdCell(i.title),
        mdCell(about(t, i.measures)),
        mdCell(datedValueWords(t, i.baseline, i.unit, 'on')) || NO_VALUE,
        mdCell(datedValueWords(t, i.target, i.unit, 'by')) || NO_VALUE,
        mdCell(i.meansOfVerification ?? '') || NO_VALUE,
        i.frequency ? words.frequency(i.frequency) : NO_VALUE,
      ]),
    ),
    readings.length > 0 && mdHeading(3, t('exports:section.readings')),
    mdTable(columnWords(t, ['indicator', 'date', 'value', 'note', 'by']), readings),
  ].filter((block): block is string => typeof block === 'string');
}

function partnerSection(report: MapReport, t: Translate): string[] {
  if (report.partners.length === 0) return [];
  const words = domainWords(t);
  return [
    mdHeading(2, t('exports:section.partners')),
    mdTable(
      columnWords(t, ['partner', 'type', 'networkRole', 'homeOrganisation', 'latestHealthRatings']),
      report.partners.map((p) => [
        mdCell(p.title),
        p.actorType ? words.actorType(p.actorType) : NO_VALUE,
        p.networkRole ? mdCell(words.networkRole(p.networkRole)) : NO_VALUE,
        mdCell(p.homeOrganisation ?? '') || NO_VALUE,
        p.health.map((rating) => mdCell(healthWords(t, rating))).join('<br>') || t('exports:partner.notRated'),
      ]),
    ),
  ];
}

function riskSection(report: MapReport, t: Translate): string[] {
  if (report.risks.length === 0) return [];
  const words = domainWords(t);
  return [
    mdHeading(2, t('exports:section.risks')),
    mdTable(
      columnWords(t, ['risk', 'likelihood', 'severity', 'affects']),
      report.risks.map((r) => [
        mdCell(r.title),
        r.likelihood ? words.lowMediumHigh(r.likelihood) : NO_VALUE,
        r.severity ? words.lowMediumHigh(r.severity) : NO_VALUE,
        mdCell(about(t, r.affects)),
      ]),
    ),
  ];
}

function lessonSection(report: MapReport, t: Translate): string[] {
  if (report.lessons.length === 0) return [];
  const words = domainWords(t);
  return [
    mdHeading(2, t('exports:section.lessons')),
    mdTable(
      columnWords(t, ['lesson', 'learningLoop']),
      report.lessons.map((l) => [mdCell(l.title), l.loop ? mdCell(words.lessonLoop(l.loop)) : NO_VALUE]),
    ),
  ];
}

function evidenceSection(report: MapReport, t: Translate): string[] {
  if (report.evidence.length === 0) return [];
  const words = domainWords(t);
  return [
    mdHeading(2, t('exports:section.evidence')),
    mdTable(
      columnWords(t, ['evidence', 'citation', 'type', 'strength', 'about']),
      report.evidence.map((e) => [
        mdLink(e.title, e.url),
        mdCell(e.citation ?? '') || NO_VALUE,
        e.evidenceType ? words.evidenceType(e.evidenceType) : NO_VALUE,
        e.strength ? words.evidenceStrength(e.strength) : NO_VALUE,
        mdCell(about(t, e.about)),
      ]),
    ),
  ];
}

function commentsAppendix(threads: readonly DocumentCommentThread[] | null, t: Translate): string[] {
  if (threads === null) return [];
  const blocks = [mdHeading(2, t('exports:section.openComments'))];
  if (threads.length === 0) blocks.push(mdText(t('exports:comments.none')));
  for (const thread of threads) {
    blocks.push(mdHeading(3, commentTargetWords(t, thread.target)));
    blocks.push(
      thread.comments
        .map((c) => `- **${mdText(c.author)}**, ${documentTime(t, c.createdAt)}: ${mdText(c.body)}`)
        .join('\n'),
    );
  }
  return blocks;
}

/** "On Peers trust each other" or "On the link A → B": a comment thread's heading. */
export const commentTargetWords = (t: Translate, target: DocumentCommentThread['target']): string =>
  t(target.kind === 'link' ? 'exports:comments.onLink' : 'exports:comments.onCard', { title: target.title });

export const about = (t: Translate, targets: readonly ReportTarget[]): string =>
  targets.map((target) => targetWords(t, target)).join('; ') || NO_VALUE;
