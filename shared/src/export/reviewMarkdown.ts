import { LESSON_LOOPS } from '../model/fields.ts';
import type { DecisionView } from '../api/history.ts';
import type { Translate } from '../i18n/languages.ts';
import {
  NO_VALUE,
  decisionStatusWords,
  documentDay,
  documentTime,
  domainWords,
  reviewSpanWords,
} from './documentWords.ts';
import type { ReviewDocument } from './documents.ts';
import { columnWords } from './reportMarkdown.ts';
import { mdBlocks, mdCell, mdHeading, mdParagraphs, mdTable, mdText } from './markdown.ts';

/**
 * A course-correction review as a shareable Markdown document: when and who, the three
 * learning-loop notes, the assumptions re-rated, the decisions and lessons, and the "shared
 * forward" digest of what each organisation carries back. Its words are `t`'s language.
 */
export function reviewMarkdown(doc: ReviewDocument, t: Translate): string {
  const { review } = doc;
  const words = domainWords(t);
  const cards = (decision: DecisionView): string =>
    decision.cards.map((id) => mdCell(doc.cardTitles[id] ?? t('exports:review.cardRemoved'))).join('<br>') || NO_VALUE;
  return mdBlocks([
    mdHeading(1, t('exports:review.title', { title: review.title })),
    `${mdText(doc.mapTitle || t('exports:untitledMap'))} · ${mdText(reviewSpanWords(t, doc.review))}`,
    mdText(t('exports:review.asOf', { version: doc.version.label, time: documentTime(t, doc.version.at) })),
    mdHeading(2, t('exports:review.participants')),
    review.participants.length === 0
      ? mdText(t('exports:review.noParticipants'))
      : review.participants
          .map((p) => `- ${mdText(p.name)}${p.organisation ? ` (${mdText(p.organisation)})` : ''}`)
          .join('\n'),
    mdHeading(2, t('exports:review.learned')),
    ...LESSON_LOOPS.flatMap((loop) => [
      mdHeading(3, words.lessonLoop(loop)),
      review.notes[loop].trim() ? mdParagraphs(review.notes[loop]) : `*${mdText(t('exports:review.noNotes'))}*`,
    ]),
    review.ratings.length > 0 && mdHeading(2, t('exports:review.reRated')),
    mdTable(
      columnWords(t, ['assumption', 'now', 'note', 'by', 'date']),
      review.ratings.map((r) => [
        mdCell(r.assumptionLabel),
        words.assumptionState(r.status),
        mdCell(r.note) || NO_VALUE,
        mdCell(r.createdBy.name),
        documentDay(t, r.createdAt),
      ]),
    ),
    review.decisions.length > 0 && mdHeading(2, t('exports:review.decisions')),
    mdTable(
      columnWords(t, ['decision', 'owner', 'due', 'status', 'cards']),
      review.decisions.map((d) => [
        mdCell(d.text),
        mdCell(d.owner?.name ?? '') || mdText(t('exports:review.noOwner')),
        d.due ? documentDay(t, d.due) : NO_VALUE,
        decisionStatusWords(t, d.status),
        cards(d),
      ]),
    ),
    review.lessons.length > 0 && mdHeading(2, t('exports:section.lessons')),
    mdTable(
      columnWords(t, ['lesson', 'learningLoop', 'by']),
      review.lessons.map((l) => [mdCell(l.text), mdCell(words.lessonLoop(l.loop)), mdCell(l.createdBy.name)]),
    ),
    ...digestSections(doc, t),
    `*${mdText(t('exports:exportedOn', { time: documentTime(t, doc.generatedAt) }))}.*`,
  ]);
}

function digestSections(doc: ReviewDocument, t: Translate): string[] {
  if (doc.digest.length === 0) return [];
  return [
    mdHeading(2, t('exports:review.sharedForward')),
    mdText(t('exports:review.sharedForwardIntro')),
    ...doc.digest.flatMap((group) => [
      mdHeading(3, group.organisation ?? t('exports:review.noOrganisation')),
      group.people.length > 0 ? group.people.map((p) => mdText(p.name)).join(', ') : '',
      group.decisions.length > 0
        ? mdTable(
            columnWords(t, ['decision', 'owner', 'due', 'status']),
            group.decisions.map((d) => [
              mdCell(d.text),
              mdCell(d.owner?.name ?? '') || mdText(t('exports:review.noOwner')),
              d.due ? documentDay(t, d.due) : NO_VALUE,
              decisionStatusWords(t, d.status),
            ]),
          )
        : `*${mdText(t('exports:review.noDecisions'))}*`,
      group.lessons.length > 0
        ? group.lessons.map((l) => `- ${mdText(l.text)} (${mdText(loopName(t, l.loop))})`).join('\n')
        : `*${mdText(t('exports:review.noLessons'))}*`,
    ]),
  ];
}

/** "Single loop": a learning loop's short name. */
export const loopName = (t: Translate, loop: (typeof LESSON_LOOPS)[number]): string => t(`exports:loopName.${loop}`);
