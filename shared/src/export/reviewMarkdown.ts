import { ASSUMPTION_STATE_LABELS, LESSON_LOOPS, LESSON_LOOP_LABELS } from '../model/fields.ts';
import type { DecisionView } from '../api/history.ts';
import { DECISION_STATUS_LABELS, NO_VALUE, documentDay, documentTime, reviewSpanWords } from './documentWords.ts';
import type { ReviewDocument } from './documents.ts';
import { mdBlocks, mdCell, mdHeading, mdParagraphs, mdTable, mdText } from './markdown.ts';

/**
 * A course-correction review as a shareable Markdown document: when and who, the three
 * learning-loop notes, the assumptions re-rated, the decisions and lessons, and the "shared
 * forward" digest of what each organisation carries back.
 */
export function reviewMarkdown(doc: ReviewDocument): string {
  const { review } = doc;
  const cards = (decision: DecisionView): string =>
    decision.cards.map((id) => mdCell(doc.cardTitles[id] ?? 'a card since removed')).join('<br>') || NO_VALUE;
  return mdBlocks([
    mdHeading(1, `Review: ${review.title}`),
    `${mdText(doc.mapTitle || 'Untitled map')} · ${mdText(reviewSpanWords(doc.review))}`,
    `The map as of ${mdText(doc.version.label)} (${documentTime(doc.version.at)}).`,
    mdHeading(2, 'Participants'),
    review.participants.length === 0
      ? 'No one has taken part yet.'
      : review.participants
          .map((p) => `- ${mdText(p.name)}${p.organisation ? ` (${mdText(p.organisation)})` : ''}`)
          .join('\n'),
    mdHeading(2, 'What we learned'),
    ...LESSON_LOOPS.flatMap((loop) => [
      mdHeading(3, LESSON_LOOP_LABELS[loop]),
      review.notes[loop].trim() ? mdParagraphs(review.notes[loop]) : '*No notes.*',
    ]),
    review.ratings.length > 0 && mdHeading(2, 'Assumptions re-rated'),
    mdTable(
      ['Assumption', 'Now', 'Note', 'By', 'Date'],
      review.ratings.map((r) => [
        mdCell(r.assumptionLabel),
        ASSUMPTION_STATE_LABELS[r.status],
        mdCell(r.note) || NO_VALUE,
        mdCell(r.createdBy.name),
        documentDay(r.createdAt),
      ]),
    ),
    review.decisions.length > 0 && mdHeading(2, 'Decisions'),
    mdTable(
      ['Decision', 'Owner', 'Due', 'Status', 'Cards'],
      review.decisions.map((d) => [
        mdCell(d.text),
        mdCell(d.owner?.name ?? '') || 'No owner',
        d.due ?? NO_VALUE,
        DECISION_STATUS_LABELS[d.status],
        cards(d),
      ]),
    ),
    review.lessons.length > 0 && mdHeading(2, 'Lessons'),
    mdTable(
      ['Lesson', 'Learning loop', 'By'],
      review.lessons.map((l) => [mdCell(l.text), LESSON_LOOP_LABELS[l.loop], mdCell(l.createdBy.name)]),
    ),
    ...digestSections(doc),
    `*Exported from Loopmap on ${documentTime(doc.generatedAt)}.*`,
  ]);
}

function digestSections(doc: ReviewDocument): string[] {
  if (doc.digest.length === 0) return [];
  return [
    mdHeading(2, 'Shared forward'),
    'What each organisation carries back: the decisions its people own and the lessons of the review.',
    ...doc.digest.flatMap((group) => [
      mdHeading(3, group.organisation ?? 'No organisation given'),
      group.people.length > 0 ? group.people.map((p) => mdText(p.name)).join(', ') : '',
      group.decisions.length > 0
        ? mdTable(
            ['Decision', 'Owner', 'Due', 'Status'],
            group.decisions.map((d) => [
              mdCell(d.text),
              mdCell(d.owner?.name ?? '') || 'No owner',
              d.due ?? NO_VALUE,
              DECISION_STATUS_LABELS[d.status],
            ]),
          )
        : '*No decisions.*',
      group.lessons.length > 0
        ? group.lessons.map((l) => `- ${mdText(l.text)} (${LESSON_LOOP_LABELS[l.loop].split(':')[0]})`).join('\n')
        : '*No lessons.*',
    ]),
  ];
}
