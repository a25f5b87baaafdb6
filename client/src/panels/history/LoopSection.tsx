import { useId, useMemo, useState, type FormEvent } from 'react';
import { cardTitle, type LessonLoop, type LessonView } from '@loopmap/shared';
import { messageOf } from '../../api/errorText.ts';
import { addLesson } from '../../api/reviewsApi.ts';
import { useMapGraph } from '../../collab/useMapGraph.ts';
import { useMapPage } from '../../pages/MapPageContext.ts';
import { NotesField } from './NotesField.tsx';
import { When } from './When.tsx';
import { useHistoryTranslate } from './useHistoryTranslate.ts';

/** Each loop's words are under `loop.<loop>.` in the catalogue: name, question, hint, lesson labels. */

export interface LoopSectionProps {
  reviewId: string;
  loop: LessonLoop;
  notes: string;
  lessons: LessonView[];
  /** Absent: the notes are read-only. */
  onSaveNotes?: (value: string) => Promise<void>;
  /** Whether lessons may be added. */
  canContribute: boolean;
  onLesson: (lesson: LessonView) => void;
}

/** One learning loop of a review: its question, the group's notes, and the lessons drawn. */
export function LoopSection({
  reviewId,
  loop,
  notes,
  lessons,
  onSaveNotes,
  canContribute,
  onLesson,
}: LoopSectionProps) {
  const { mapId, session, reveal, notice } = useMapPage();
  const t = useHistoryTranslate();
  const words = {
    name: t(`loop.${loop}.name`),
    question: t(`loop.${loop}.question`),
    hint: t(`loop.${loop}.hint`),
  };
  const headingId = useId();
  const inputId = useId();
  const [text, setText] = useState('');
  const [card, setCard] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (!text.trim()) return setError(t('loop.writeFirst'));
    setBusy(true);
    setError(null);
    try {
      const lesson = await addLesson(
        mapId,
        reviewId,
        card ? { loop, text: text.trim(), card } : { loop, text: text.trim() },
      );
      onLesson(lesson);
      setText('');
      setCard('');
      notice(t('loop.added'));
    } catch (caught) {
      setError(messageOf(caught, t('loop.addFailed')));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="history-section review-loop" data-loop={loop} aria-labelledby={headingId}>
      <h4 className="review-loop__heading" id={headingId}>
        <span className="review-loop__name">{words.name}</span>
        <span className="review-loop__question">{words.question}</span>
      </h4>
      <p className="review-loop__hint">{words.hint}</p>
      <NotesField label={t('loop.notes')} value={notes} onSave={onSaveNotes} placeholder={t('loop.notesPlaceholder')} />
      <p className="field__label">{t('loop.lessons')}</p>
      {lessons.length === 0 ? (
        <p className="panel-empty">{t('loop.noLessons')}</p>
      ) : (
        <ul className="history-list">
          {lessons.map((lesson) => (
            <li key={lesson.id} className="history-item">
              <p className="history-item__note">{lesson.text}</p>
              <p className="history-item__meta">
                <span>
                  {lesson.createdBy.name}, <When at={lesson.createdAt} />
                </span>
                <button type="button" className="link-button" onClick={() => reveal(lesson.cardId)}>
                  <span>
                    {t('loop.showCard')}
                    <span className="visually-hidden">: {lesson.text}</span>
                  </span>
                </button>
              </p>
            </li>
          ))}
        </ul>
      )}
      {canContribute && (
        <form className="history-form review-inline-form" onSubmit={(event) => void submit(event)}>
          <label className="visually-hidden" htmlFor={inputId}>
            {t(`loop.${loop}.newLesson`)}
          </label>
          <textarea
            id={inputId}
            className="input"
            rows={2}
            maxLength={2000}
            value={text}
            placeholder={t('loop.lessonPlaceholder')}
            onChange={(event) => setText(event.target.value)}
          />
          <LessonCardSelect value={card} onChange={setCard} doc={session.doc} label={t(`loop.${loop}.lessonCard`)} />
          {error && (
            <p className="history-error" role="alert">
              {error}
            </p>
          )}
          <div className="history-form__actions">
            <button type="submit" className="button button--small" disabled={busy}>
              {t('loop.addLesson')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

/** The card a lesson is about (optional): the server writes the lesson card near it. */
function LessonCardSelect({
  value,
  onChange,
  doc,
  label,
}: {
  value: string;
  onChange: (id: string) => void;
  doc: Parameters<typeof useMapGraph>[0];
  label: string;
}) {
  const graph = useMapGraph(doc);
  const t = useHistoryTranslate();
  const cards = useMemo(
    () =>
      graph.nodes
        .filter((node) => node.kind !== 'group' && node.kind !== 'note' && node.kind !== 'lesson')
        .map((node) => ({ id: node.id, title: cardTitle(node) }))
        .sort((a, b) => a.title.localeCompare(b.title)),
    [graph],
  );
  return (
    <select className="input" aria-label={label} value={value} onChange={(event) => onChange(event.target.value)}>
      <option value="">{t('loop.aboutMap')}</option>
      {cards.map((card) => (
        <option key={card.id} value={card.id}>
          {t('loop.aboutCard', { title: card.title })}
        </option>
      ))}
    </select>
  );
}
