import { TextRun, type Paragraph, type Table } from 'docx';
import {
  NO_VALUE,
  assumptionStateWords,
  columnWords,
  commentTargetWords,
  datedValueWords,
  documentDay,
  documentTime,
  domainWords,
  healthWords,
  logframeColumns,
  localeOf,
  logframeLevelWords,
  relationWords,
  targetWords,
  type DocumentCommentThread,
  type Translate,
  type MapReport,
  type MapReportDocument,
  type PathwayStep,
  type ReportTarget,
} from '@loopmap/shared';
import {
  heading,
  linkOrText,
  note,
  packDocument,
  para,
  paragraphOf,
  pictureParagraph,
  table,
  textRuns,
  titlePage,
  type DocumentSection,
  type Picture,
} from './documentStyle.ts';

/**
 * The map as a Word report a programme officer can paste from: a title page, the map's picture,
 * the narrative of each pathway from the impact down, the logframe (on landscape pages), the
 * assumptions register with its review history, the indicators with their readings, the
 * partners with their latest health, risks, lessons and evidence, and the open comments as an
 * appendix when asked for. Its words are `t`'s language (right to left in Arabic).
 */
export async function mapReportDocx(doc: MapReportDocument, picture: Picture, t: Translate): Promise<Uint8Array> {
  const { report } = doc;
  const words = domainWords(t);
  const title = report.title || t('exports:untitledMap');
  const intro: (Paragraph | Table)[] = [
    ...titlePage(title, [
      words.mapKind(report.kind),
      `${doc.version.label} · ${documentTime(t, doc.version.at)}`,
      t('exports:exportedOn', { time: documentTime(t, doc.generatedAt) }),
    ]),
    heading(1, t('exports:report.theMap')),
    pictureParagraph(picture, t('exports:report.pictureAlt', { title, version: doc.version.label })),
    ...pathwaySection(report, t),
  ];
  const registers = [
    ...assumptionSection(report, t),
    ...indicatorSection(report, t),
    ...partnerSection(report, t),
    ...riskSection(report, t),
    ...lessonSection(report, t),
    ...evidenceSection(report, t),
    ...commentsAppendix(doc.comments, t),
  ];
  const sections: DocumentSection[] = [{ children: intro }];
  if (report.logframe.length > 0) sections.push({ children: logframeSection(report, t), landscape: true });
  if (registers.length > 0) sections.push({ children: registers });
  return packDocument(
    {
      title,
      description: `${words.mapKind(report.kind)}: ${title} (${doc.version.label})`,
      language: localeOf(t),
    },
    sections,
  );
}

const STEP_INDENT = 360;

/** Each pathway under its own heading; each step a paragraph, indented by its depth. */
function pathwaySection(report: MapReport, t: Translate): Paragraph[] {
  if (report.pathways.length === 0) return [];
  const words = domainWords(t);
  const out: Paragraph[] = [heading(1, t('exports:section.pathways'))];
  const walk = (step: PathwayStep, depth: number): void => {
    const indent = depth * STEP_INDENT;
    const label = `${words.kind(step.kind)}: `;
    const repeat = step.repeatOf ? ` (${t('exports:pathway.see', { ref: step.repeatOf })})` : '';
    out.push(
      paragraphOf(
        [
          new TextRun({ text: `${step.ref}  `, bold: true }),
          new TextRun({ text: label }),
          ...textRuns(step.title),
          new TextRun(repeat),
        ],
        step.title,
        { indent, spacingAfter: 40 },
      ),
    );
    if (step.link && (step.link.relation || step.link.rationale.trim())) {
      const because = step.link.rationale.trim();
      const relation = relationWords(t, step.link.relation) || words.relation('leads-to');
      const text = because
        ? t('exports:pathway.stepAboveBecause', { relation, because })
        : t('exports:pathway.stepAbove', { relation });
      out.push(paragraphOf(textRuns(text, { italics: true, color: '5F6B6D' }), text, { indent: indent + STEP_INDENT }));
    }
    if (step.repeatOf === null && step.narrative.trim()) {
      out.push(paragraphOf(textRuns(step.narrative.trim()), step.narrative, { indent: indent + STEP_INDENT }));
    }
    for (const cause of step.causes) walk(cause, depth + 1);
  };
  for (const root of report.pathways) {
    out.push(heading(2, t('exports:pathway.heading', { ref: root.ref, title: root.title })));
    walk(root, 0);
  }
  return out;
}

const lines = (values: readonly string[]): string[] => (values.length > 0 ? [...values] : [NO_VALUE]);

function logframeSection(report: MapReport, t: Translate): (Paragraph | Table)[] {
  return [
    heading(1, t('exports:section.logframe')),
    note(t('exports:logframe.note')),
    table(
      logframeColumns(t),
      report.logframe.map((row) => [
        row.ref,
        logframeLevelWords(t, row),
        row.statement,
        lines(row.indicators.map((i) => i.title)),
        lines(row.indicators.map((i) => datedValueWords(t, i.baseline, i.unit, 'on') || NO_VALUE)),
        lines(row.indicators.map((i) => datedValueWords(t, i.target, i.unit, 'by') || NO_VALUE)),
        lines(row.indicators.map((i) => i.meansOfVerification ?? NO_VALUE)),
        lines(row.assumptions.map((a) => `${a.title} (${assumptionStateWords(t, a)})`)),
      ]),
      { widths: [6, 8, 20, 16, 10, 10, 14, 16], landscape: true },
    ),
  ];
}

const about = (t: Translate, targets: readonly ReportTarget[]): string =>
  targets.map((target) => targetWords(t, target)).join('; ') || NO_VALUE;

function assumptionSection(report: MapReport, t: Translate): (Paragraph | Table)[] {
  const words = domainWords(t);
  if (report.assumptions.length === 0) return [];
  const reviewed = report.assumptions.filter((a) => a.reviews.length > 0);
  return [
    heading(1, t('exports:section.assumptions')),
    table(
      columnWords(t, ['assumption', 'kind', 'criticality', 'about', 'state']),
      report.assumptions.map((a) => [
        a.title,
        a.kind ? words.assumptionKind(a.kind) : NO_VALUE,
        a.criticality ? words.lowMediumHigh(a.criticality) : NO_VALUE,
        about(t, a.attachedTo ? [a.attachedTo] : a.linkedTo),
        assumptionStateWords(t, a),
      ]),
      { widths: [26, 16, 10, 30, 14] },
    ),
    ...(reviewed.length > 0
      ? [
          heading(2, t('exports:section.reviewHistory')),
          table(
            columnWords(t, ['assumption', 'date', 'status', 'note', 'by']),
            reviewed.flatMap((a) =>
              a.reviews.map((r) => [
                a.title,
                documentDay(t, r.date),
                words.assumptionState(r.status),
                r.note || NO_VALUE,
                r.by || NO_VALUE,
              ]),
            ),
            { widths: [28, 12, 10, 36, 14] },
          ),
        ]
      : []),
  ];
}

function indicatorSection(report: MapReport, t: Translate): (Paragraph | Table)[] {
  const words = domainWords(t);
  if (report.indicators.length === 0) return [];
  const read = report.indicators.filter((i) => i.readings.length > 0);
  return [
    heading(1, t('exports:section.indicators')),
    table(
      columnWords(t, ['indicator', 'measures', 'baseline', 'target', 'meansOfVerification', 'frequency']),
      report.indicators.map((i) => [
        i.title,
        about(t, i.measures),
        datedValueWords(t, i.baseline, i.unit, 'on') || NO_VALUE,
        datedValueWords(t, i.target, i.unit, 'by') || NO_VALUE,
        i.meansOfVerification ?? NO_VALUE,
        i.frequency ? words.frequency(i.frequency) : NO_VALUE,
      ]),
      { widths: [24, 24, 12, 14, 16, 10] },
    ),
    ...(read.length > 0
      ? [
          heading(2, t('exports:section.readings')),
          table(
            columnWords(t, ['indicator', 'date', 'value', 'note', 'by']),
            read.flatMap((i) =>
              i.readings.map((r) => [i.title, documentDay(t, r.date), r.value, r.note || NO_VALUE, r.by || NO_VALUE]),
            ),
            { widths: [30, 12, 10, 34, 14] },
          ),
        ]
      : []),
  ];
}

function partnerSection(report: MapReport, t: Translate): (Paragraph | Table)[] {
  const words = domainWords(t);
  if (report.partners.length === 0) return [];
  return [
    heading(1, t('exports:section.partners')),
    table(
      columnWords(t, ['partner', 'type', 'networkRole', 'homeOrganisation', 'latestHealthRatings']),
      report.partners.map((p) => [
        p.title,
        p.actorType ? words.actorType(p.actorType) : NO_VALUE,
        p.networkRole ? words.networkRole(p.networkRole) : NO_VALUE,
        p.homeOrganisation ?? NO_VALUE,
        p.health.length > 0 ? p.health.map((rating) => healthWords(t, rating)) : t('exports:partner.notRated'),
      ]),
      { widths: [22, 12, 16, 18, 32] },
    ),
  ];
}

function riskSection(report: MapReport, t: Translate): (Paragraph | Table)[] {
  const words = domainWords(t);
  if (report.risks.length === 0) return [];
  return [
    heading(1, t('exports:section.risks')),
    table(
      columnWords(t, ['risk', 'likelihood', 'severity', 'affects']),
      report.risks.map((r) => [
        r.title,
        r.likelihood ? words.lowMediumHigh(r.likelihood) : NO_VALUE,
        r.severity ? words.lowMediumHigh(r.severity) : NO_VALUE,
        about(t, r.affects),
      ]),
      { widths: [34, 12, 12, 42] },
    ),
  ];
}

function lessonSection(report: MapReport, t: Translate): (Paragraph | Table)[] {
  const words = domainWords(t);
  if (report.lessons.length === 0) return [];
  return [
    heading(1, t('exports:section.lessons')),
    table(
      columnWords(t, ['lesson', 'learningLoop']),
      report.lessons.map((l) => [l.title, l.loop ? words.lessonLoop(l.loop) : NO_VALUE]),
      { widths: [60, 40] },
    ),
  ];
}

function evidenceSection(report: MapReport, t: Translate): (Paragraph | Table)[] {
  const words = domainWords(t);
  if (report.evidence.length === 0) return [];
  return [
    heading(1, t('exports:section.evidence')),
    table(
      columnWords(t, ['evidence', 'citation', 'type', 'strength', 'about']),
      report.evidence.map((e) => [
        paragraphOf(linkOrText(e.title, e.url), e.title),
        e.citation ?? NO_VALUE,
        e.evidenceType ? words.evidenceType(e.evidenceType) : NO_VALUE,
        e.strength ? words.evidenceStrength(e.strength) : NO_VALUE,
        about(t, e.about),
      ]),
      { widths: [24, 24, 12, 10, 30] },
    ),
  ];
}

/** The open comment threads, each under the card or link it is on. */
export function commentsAppendix(threads: readonly DocumentCommentThread[] | null, t: Translate): Paragraph[] {
  if (threads === null) return [];
  const out: Paragraph[] = [heading(1, t('exports:section.openComments'))];
  if (threads.length === 0) out.push(note(t('exports:comments.none')));
  for (const thread of threads) {
    out.push(heading(2, commentTargetWords(t, thread.target)));
    for (const comment of thread.comments) {
      const byline = `${comment.author}, ${documentTime(t, comment.createdAt)}`;
      out.push(note(byline), para(comment.body));
    }
  }
  return out;
}
