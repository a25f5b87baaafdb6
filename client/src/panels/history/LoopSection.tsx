import { useId, useMemo, useState, type FormEvent } from 'react';
import { cardTitle, type LessonLoop, type LessonView } from '@loopmap/shared';
import { messageOf } from '../../api/ApiError.ts';
import { addLesson } from '../../api/reviewsApi.ts';
import { useMapGraph } from '../../collab/useMapGraph.ts';
import { useMapPage } from '../../pages/MapPageContext.ts';
import { NotesField } from './NotesField.tsx';
import { When } from './When.tsx';

export const LOOP_QUESTIONS: Record<LessonLoop, { name: string; question: string; hint: string }> = {
  single: {
    name: 'Single loop',
    question: 'Are we doing things right?',
    hint: 'Deviations from the plan and how to correct them.',
  },
  double: {
    name: 'Double loop',
    question: 'Are we doing the right things?',
    hint: 'Whether the pathway, the rules or the assumptions still hold.',
  },
  triple: {
    name: 'Triple loop',
    question: 'How do we decide what is right?',
    hint: 'The values, power and reasoning behind our choices.',
  },
};

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
  const words = LOOP_QUESTIONS[loop];
  const headingId = useId();
  const inputId = useId();
  const [text, setText] = useState('');
  const [card, setCard] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (!text.trim()) return setError('Write the lesson first.');
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
      notice('Lesson added, and written on the map as a lesson card.');
    } catch (caught) {
      setError(messageOf(caught, 'Could not add the lesson.'));
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
      <NotesField label="Notes" value={notes} onSave={onSaveNotes} placeholder="What the group said" />
      <p className="field__label">Lessons</p>
      {lessons.length === 0 ? (
        <p className="panel-empty">No lessons yet.</p>
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
                    Show card<span className="visually-hidden">: {lesson.text}</span>
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
            New {words.name.toLowerCase()} lesson
          </label>
          <textarea
            id={inputId}
            className="input"
            rows={2}
            maxLength={2000}
            value={text}
            placeholder="A lesson to carry forward"
            onChange={(event) => setText(event.target.value)}
          />
          <LessonCardSelect
            value={card}
            onChange={setCard}
            doc={session.doc}
            label={`Card the ${words.name.toLowerCase()} lesson is about`}
          />
          {error && (
            <p className="history-error" role="alert">
              {error}
            </p>
          )}
          <div className="history-form__actions">
            <button type="submit" className="button button--small" disabled={busy}>
              Add lesson
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
      <option value="">About the map as a whole</option>
      {cards.map((card) => (
        <option key={card.id} value={card.id}>
          About “{card.title}”
        </option>
      ))}
    </select>
  );
}
