import { TextRun, type Paragraph, type Table } from 'docx';
import {
  ACTOR_TYPE_LABELS,
  ASSUMPTION_KIND_LABELS,
  ASSUMPTION_STATE_LABELS,
  EVIDENCE_STRENGTH_LABELS,
  EVIDENCE_TYPE_LABELS,
  FREQUENCY_LABELS,
  LESSON_LOOP_LABELS,
  LOGFRAME_COLUMNS,
  LOGFRAME_LEVEL_LABELS,
  LOW_MEDIUM_HIGH_LABELS,
  MAP_KIND_LABELS,
  NETWORK_ROLE_LABELS,
  NODE_KIND_LABELS,
  NO_VALUE,
  assumptionStateWords,
  datedValueWords,
  documentTime,
  healthWords,
  relationWords,
  targetWords,
  type DocumentCommentThread,
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
 * appendix when asked for.
 */
export async function mapReportDocx(doc: MapReportDocument, picture: Picture): Promise<Uint8Array> {
  const { report } = doc;
  const title = report.title || 'Untitled map';
  const intro: (Paragraph | Table)[] = [
    ...titlePage(title, [
      MAP_KIND_LABELS[report.kind],
      `${doc.version.label} · ${documentTime(doc.version.at)}`,
      `Exported from Loopmap on ${documentTime(doc.generatedAt)}`,
    ]),
    heading(1, 'The map'),
    pictureParagraph(picture, `The map “${title}” (${doc.version.label})`),
    ...pathwaySection(report),
  ];
  const registers = [
    ...assumptionSection(report),
    ...indicatorSection(report),
    ...partnerSection(report),
    ...riskSection(report),
    ...lessonSection(report),
    ...evidenceSection(report),
    ...commentsAppendix(doc.comments),
  ];
  const sections: DocumentSection[] = [{ children: intro }];
  if (report.logframe.length > 0) sections.push({ children: logframeSection(report), landscape: true });
  if (registers.length > 0) sections.push({ children: registers });
  return packDocument(
    { title, description: `${MAP_KIND_LABELS[report.kind]}: ${title} (${doc.version.label})` },
    sections,
  );
}

const STEP_INDENT = 360;

/** Each pathway under its own heading; each step a paragraph, indented by its depth. */
function pathwaySection(report: MapReport): Paragraph[] {
  if (report.pathways.length === 0) return [];
  const out: Paragraph[] = [heading(1, 'Pathways')];
  const walk = (step: PathwayStep, depth: number): void => {
    const indent = depth * STEP_INDENT;
    const label = `${NODE_KIND_LABELS[step.kind]}: `;
    const repeat = step.repeatOf ? ` (see ${step.repeatOf})` : '';
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
      const relation = relationWords(step.link.relation) || 'leads to';
      const text = because ? `${relation} the step above: ${because}` : `${relation} the step above`;
      out.push(paragraphOf(textRuns(text, { italics: true, color: '5F6B6D' }), text, { indent: indent + STEP_INDENT }));
    }
    if (step.repeatOf === null && step.narrative.trim()) {
      out.push(paragraphOf(textRuns(step.narrative.trim()), step.narrative, { indent: indent + STEP_INDENT }));
    }
    for (const cause of step.causes) walk(cause, depth + 1);
  };
  for (const root of report.pathways) {
    out.push(heading(2, `Pathway ${root.ref}: ${root.title}`));
    walk(root, 0);
  }
  return out;
}

const lines = (values: readonly string[]): string[] => (values.length > 0 ? [...values] : [NO_VALUE]);

function logframeSection(report: MapReport): (Paragraph | Table)[] {
  return [
    heading(1, 'Logframe'),
    note('Each statement is a card of the map; its ref is its place in the pathways above.'),
    table(
      LOGFRAME_COLUMNS,
      report.logframe.map((row) => [
        row.ref,
        LOGFRAME_LEVEL_LABELS[row.level] + (row.kind === 'precondition' ? ' (precondition)' : ''),
        row.statement,
        lines(row.indicators.map((i) => i.title)),
        lines(row.indicators.map((i) => datedValueWords(i.baseline, i.unit, 'on') || NO_VALUE)),
        lines(row.indicators.map((i) => datedValueWords(i.target, i.unit, 'by') || NO_VALUE)),
        lines(row.indicators.map((i) => i.meansOfVerification ?? NO_VALUE)),
        lines(row.assumptions.map((a) => `${a.title} (${assumptionStateWords(a)})`)),
      ]),
      { widths: [6, 8, 20, 16, 10, 10, 14, 16], landscape: true },
    ),
  ];
}

const about = (targets: readonly ReportTarget[]): string => targets.map(targetWords).join('; ') || NO_VALUE;

function assumptionSection(report: MapReport): (Paragraph | Table)[] {
  if (report.assumptions.length === 0) return [];
  const reviewed = report.assumptions.filter((a) => a.reviews.length > 0);
  return [
    heading(1, 'Assumptions'),
    table(
      ['Assumption', 'Kind', 'Criticality', 'About', 'State'],
      report.assumptions.map((a) => [
        a.title,
        a.kind ? ASSUMPTION_KIND_LABELS[a.kind] : NO_VALUE,
        a.criticality ? LOW_MEDIUM_HIGH_LABELS[a.criticality] : NO_VALUE,
        about(a.attachedTo ? [a.attachedTo] : a.linkedTo),
        assumptionStateWords(a),
      ]),
      { widths: [26, 16, 10, 30, 14] },
    ),
    ...(reviewed.length > 0
      ? [
          heading(2, 'Review history'),
          table(
            ['Assumption', 'Date', 'Status', 'Note', 'By'],
            reviewed.flatMap((a) =>
              a.reviews.map((r) => [
                a.title,
                r.date,
                ASSUMPTION_STATE_LABELS[r.status],
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

function indicatorSection(report: MapReport): (Paragraph | Table)[] {
  if (report.indicators.length === 0) return [];
  const read = report.indicators.filter((i) => i.readings.length > 0);
  return [
    heading(1, 'Indicators'),
    table(
      ['Indicator', 'Measures', 'Baseline', 'Target', 'Means of verification', 'Frequency'],
      report.indicators.map((i) => [
        i.title,
        about(i.measures),
        datedValueWords(i.baseline, i.unit, 'on') || NO_VALUE,
        datedValueWords(i.target, i.unit, 'by') || NO_VALUE,
        i.meansOfVerification ?? NO_VALUE,
        i.frequency ? FREQUENCY_LABELS[i.frequency] : NO_VALUE,
      ]),
      { widths: [24, 24, 12, 14, 16, 10] },
    ),
    ...(read.length > 0
      ? [
          heading(2, 'Readings'),
          table(
            ['Indicator', 'Date', 'Value', 'Note', 'By'],
            read.flatMap((i) =>
              i.readings.map((r) => [i.title, r.date, r.value, r.note || NO_VALUE, r.by || NO_VALUE]),
            ),
            { widths: [30, 12, 10, 34, 14] },
          ),
        ]
      : []),
  ];
}

function partnerSection(report: MapReport): (Paragraph | Table)[] {
  if (report.partners.length === 0) return [];
  return [
    heading(1, 'Partners'),
    table(
      ['Partner', 'Type', 'Network role', 'Home organisation', 'Latest health ratings'],
      report.partners.map((p) => [
        p.title,
        p.actorType ? ACTOR_TYPE_LABELS[p.actorType] : NO_VALUE,
        p.networkRole ? NETWORK_ROLE_LABELS[p.networkRole] : NO_VALUE,
        p.homeOrganisation ?? NO_VALUE,
        p.health.length > 0 ? p.health.map(healthWords) : 'Not rated',
      ]),
      { widths: [22, 12, 16, 18, 32] },
    ),
  ];
}

function riskSection(report: MapReport): (Paragraph | Table)[] {
  if (report.risks.length === 0) return [];
  return [
    heading(1, 'Risks'),
    table(
      ['Risk', 'Likelihood', 'Severity', 'Affects'],
      report.risks.map((r) => [
        r.title,
        r.likelihood ? LOW_MEDIUM_HIGH_LABELS[r.likelihood] : NO_VALUE,
        r.severity ? LOW_MEDIUM_HIGH_LABELS[r.severity] : NO_VALUE,
        about(r.affects),
      ]),
      { widths: [34, 12, 12, 42] },
    ),
  ];
}

function lessonSection(report: MapReport): (Paragraph | Table)[] {
  if (report.lessons.length === 0) return [];
  return [
    heading(1, 'Lessons'),
    table(
      ['Lesson', 'Learning loop'],
      report.lessons.map((l) => [l.title, l.loop ? LESSON_LOOP_LABELS[l.loop] : NO_VALUE]),
      { widths: [60, 40] },
    ),
  ];
}

function evidenceSection(report: MapReport): (Paragraph | Table)[] {
  if (report.evidence.length === 0) return [];
  return [
    heading(1, 'Evidence'),
    table(
      ['Evidence', 'Citation', 'Type', 'Strength', 'About'],
      report.evidence.map((e) => [
        paragraphOf(linkOrText(e.title, e.url), e.title),
        e.citation ?? NO_VALUE,
        e.evidenceType ? EVIDENCE_TYPE_LABELS[e.evidenceType] : NO_VALUE,
        e.strength ? EVIDENCE_STRENGTH_LABELS[e.strength] : NO_VALUE,
        about(e.about),
      ]),
      { widths: [24, 24, 12, 10, 30] },
    ),
  ];
}

/** The open comment threads, each under the card or link it is on. */
export function commentsAppendix(threads: readonly DocumentCommentThread[] | null): Paragraph[] {
  if (threads === null) return [];
  const out: Paragraph[] = [heading(1, 'Appendix: open comments')];
  if (threads.length === 0) out.push(note('No open comments.'));
  for (const thread of threads) {
    out.push(heading(2, `On ${thread.target.kind === 'link' ? 'the link ' : ''}${thread.target.title}`));
    for (const comment of thread.comments) {
      const byline = `${comment.author}, ${documentTime(comment.createdAt)}`;
      out.push(note(byline), para(comment.body));
    }
  }
  return out;
}
