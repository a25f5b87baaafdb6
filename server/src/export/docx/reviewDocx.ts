import type { Paragraph, Table } from 'docx';
import {
  LESSON_LOOPS,
  NO_VALUE,
  columnWords,
  decisionStatusWords,
  documentDay,
  documentTime,
  domainWords,
  localeOf,
  loopName,
  reviewSpanWords,
  type DecisionView,
  type ReviewDocument,
  type Translate,
} from '@loopmap/shared';
import {
  heading,
  note,
  packDocument,
  para,
  pictureParagraph,
  table,
  titlePage,
  type Picture,
} from './documentStyle.ts';

/**
 * A course-correction review as a Word document to share: when and who, the map as the review
 * left it, the three learning-loop notes, the assumptions re-rated, the decisions and lessons,
 * and the "shared forward" digest of what each organisation carries back. Its words are `t`'s
 * language (right to left in Arabic).
 */
export async function reviewDocx(doc: ReviewDocument, picture: Picture, t: Translate): Promise<Uint8Array> {
  const { review } = doc;
  const words = domainWords(t);
  const title = t('exports:review.title', { title: review.title });
  const cards = (decision: DecisionView): string[] =>
    decision.cards.length > 0
      ? decision.cards.map((id) => doc.cardTitles[id] ?? t('exports:review.cardRemoved'))
      : [NO_VALUE];
  const children: (Paragraph | Table)[] = [
    ...titlePage(title, [
      doc.mapTitle || t('exports:untitledMap'),
      reviewSpanWords(t, review),
      t('exports:exportedOn', { time: documentTime(t, doc.generatedAt) }),
    ]),
    heading(1, t('exports:review.participants')),
    ...(review.participants.length === 0
      ? [note(t('exports:review.noParticipants'))]
      : review.participants.map((p) => para(p.organisation ? `${p.name} (${p.organisation})` : p.name))),
    heading(1, t('exports:report.theMap')),
    pictureParagraph(picture, t('exports:review.pictureAlt', { title: doc.mapTitle, version: doc.version.label })),
    note(`${doc.version.label} · ${documentTime(t, doc.version.at)}`),
    heading(1, t('exports:review.learned')),
    ...LESSON_LOOPS.flatMap((loop) => [
      heading(2, words.lessonLoop(loop)),
      review.notes[loop].trim() ? para(review.notes[loop].trim()) : note(t('exports:review.noNotes')),
    ]),
    ...(review.ratings.length > 0
      ? [
          heading(1, t('exports:review.reRated')),
          table(
            columnWords(t, ['assumption', 'now', 'note', 'by', 'date']),
            review.ratings.map((r) => [
              r.assumptionLabel,
              words.assumptionState(r.status),
              r.note || NO_VALUE,
              r.createdBy.name,
              documentDay(t, r.createdAt),
            ]),
            { widths: [30, 12, 32, 14, 12] },
          ),
        ]
      : []),
    ...(review.decisions.length > 0
      ? [
          heading(1, t('exports:review.decisions')),
          table(
            columnWords(t, ['decision', 'owner', 'due', 'status', 'cards']),
            review.decisions.map((d) => [
              d.text,
              d.owner?.name || t('exports:review.noOwner'),
              d.due ? documentDay(t, d.due) : NO_VALUE,
              decisionStatusWords(t, d.status),
              cards(d),
            ]),
            { widths: [34, 14, 12, 12, 28] },
          ),
        ]
      : []),
    ...(review.lessons.length > 0
      ? [
          heading(1, t('exports:section.lessons')),
          table(
            columnWords(t, ['lesson', 'learningLoop', 'by']),
            review.lessons.map((l) => [l.text, words.lessonLoop(l.loop), l.createdBy.name]),
            { widths: [50, 34, 16] },
          ),
        ]
      : []),
    ...digestSection(doc, t),
  ];
  return packDocument({ title, description: `${doc.mapTitle}: ${title}`, language: localeOf(t) }, [{ children }]);
}

function digestSection(doc: ReviewDocument, t: Translate): (Paragraph | Table)[] {
  if (doc.digest.length === 0) return [];
  return [
    heading(1, t('exports:review.sharedForward')),
    note(t('exports:review.sharedForwardIntro')),
    ...doc.digest.flatMap((group) => [
      heading(2, group.organisation ?? t('exports:review.noOrganisation')),
      ...(group.people.length > 0 ? [para(group.people.map((p) => p.name).join(', '))] : []),
      heading(3, t('exports:review.decisions')),
      group.decisions.length > 0
        ? table(
            columnWords(t, ['decision', 'owner', 'due', 'status']),
            group.decisions.map((d) => [
              d.text,
              d.owner?.name || t('exports:review.noOwner'),
              d.due ? documentDay(t, d.due) : NO_VALUE,
              decisionStatusWords(t, d.status),
            ]),
            { widths: [50, 20, 15, 15] },
          )
        : note(t('exports:review.none')),
      heading(3, t('exports:section.lessons')),
      ...(group.lessons.length > 0
        ? group.lessons.map((l) => para(`${l.text} (${loopName(t, l.loop)})`))
        : [note(t('exports:review.none'))]),
    ]),
  ];
}
