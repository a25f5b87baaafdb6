import type { Paragraph, Table } from 'docx';
import {
  ASSUMPTION_STATE_LABELS,
  DECISION_STATUS_LABELS,
  LESSON_LOOPS,
  LESSON_LOOP_LABELS,
  NO_VALUE,
  documentDay,
  documentTime,
  reviewSpanWords,
  type DecisionView,
  type ReviewDocument,
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
 * and the "shared forward" digest of what each organisation carries back.
 */
export async function reviewDocx(doc: ReviewDocument, picture: Picture): Promise<Uint8Array> {
  const { review } = doc;
  const title = `Review: ${review.title}`;
  const cards = (decision: DecisionView): string[] =>
    decision.cards.length > 0 ? decision.cards.map((id) => doc.cardTitles[id] ?? 'a card since removed') : [NO_VALUE];
  const children: (Paragraph | Table)[] = [
    ...titlePage(title, [
      doc.mapTitle || 'Untitled map',
      reviewSpanWords(review),
      `Exported from Loopmap on ${documentTime(doc.generatedAt)}`,
    ]),
    heading(1, 'Participants'),
    ...(review.participants.length === 0
      ? [note('No one has taken part yet.')]
      : review.participants.map((p) => para(p.organisation ? `${p.name} (${p.organisation})` : p.name))),
    heading(1, 'The map'),
    pictureParagraph(picture, `The map “${doc.mapTitle}” as of ${doc.version.label}`),
    note(`${doc.version.label} · ${documentTime(doc.version.at)}`),
    heading(1, 'What we learned'),
    ...LESSON_LOOPS.flatMap((loop) => [
      heading(2, LESSON_LOOP_LABELS[loop]),
      review.notes[loop].trim() ? para(review.notes[loop].trim()) : note('No notes.'),
    ]),
    ...(review.ratings.length > 0
      ? [
          heading(1, 'Assumptions re-rated'),
          table(
            ['Assumption', 'Now', 'Note', 'By', 'Date'],
            review.ratings.map((r) => [
              r.assumptionLabel,
              ASSUMPTION_STATE_LABELS[r.status],
              r.note || NO_VALUE,
              r.createdBy.name,
              documentDay(r.createdAt),
            ]),
            { widths: [30, 12, 32, 14, 12] },
          ),
        ]
      : []),
    ...(review.decisions.length > 0
      ? [
          heading(1, 'Decisions'),
          table(
            ['Decision', 'Owner', 'Due', 'Status', 'Cards'],
            review.decisions.map((d) => [
              d.text,
              d.owner?.name || 'No owner',
              d.due ?? NO_VALUE,
              DECISION_STATUS_LABELS[d.status],
              cards(d),
            ]),
            { widths: [34, 14, 12, 12, 28] },
          ),
        ]
      : []),
    ...(review.lessons.length > 0
      ? [
          heading(1, 'Lessons'),
          table(
            ['Lesson', 'Learning loop', 'By'],
            review.lessons.map((l) => [l.text, LESSON_LOOP_LABELS[l.loop], l.createdBy.name]),
            { widths: [50, 34, 16] },
          ),
        ]
      : []),
    ...digestSection(doc),
  ];
  return packDocument({ title, description: `${doc.mapTitle}: ${title}` }, [{ children }]);
}

function digestSection(doc: ReviewDocument): (Paragraph | Table)[] {
  if (doc.digest.length === 0) return [];
  return [
    heading(1, 'Shared forward'),
    note('What each organisation carries back: the decisions its people own and the lessons of the review.'),
    ...doc.digest.flatMap((group) => [
      heading(2, group.organisation ?? 'No organisation given'),
      ...(group.people.length > 0 ? [para(group.people.map((p) => p.name).join(', '))] : []),
      heading(3, 'Decisions'),
      group.decisions.length > 0
        ? table(
            ['Decision', 'Owner', 'Due', 'Status'],
            group.decisions.map((d) => [
              d.text,
              d.owner?.name || 'No owner',
              d.due ?? NO_VALUE,
              DECISION_STATUS_LABELS[d.status],
            ]),
            { widths: [50, 20, 15, 15] },
          )
        : note('None.'),
      heading(3, 'Lessons'),
      ...(group.lessons.length > 0
        ? group.lessons.map((l) => para(`${l.text} (${LESSON_LOOP_LABELS[l.loop].split(':')[0]})`))
        : [note('None.')]),
    ]),
  ];
}
