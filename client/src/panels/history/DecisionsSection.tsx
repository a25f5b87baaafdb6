import { useId, useMemo, useState, type FormEvent } from 'react';
import { DECISION_STATUSES, cardTitle, type DecisionStatus, type DecisionView, type MapGraph } from '@loopmap/shared';
import { messageOf } from '../../api/errorText.ts';
import { addDecision, deleteDecision, updateDecision } from '../../api/reviewsApi.ts';
import { useMapGraph } from '../../collab/useMapGraph.ts';
import { useMapMembers } from '../../collab/useMapMembers.ts';
import { useMapPage } from '../../pages/MapPageContext.ts';
import { decisionStatusKey, ownerName } from './reviewModel.ts';
import { dayIn } from './localDates.ts';
import { useHistoryTranslate } from './useHistoryTranslate.ts';

export interface DecisionsSectionProps {
  reviewId: string;
  decisions: DecisionView[];
  canContribute: boolean;
  /** A decision added or changed (the server's version), or removed (null). */
  onChange: (id: string, decision: DecisionView | null) => void;
}

/** Cards a decision can be about, by title (frames and notes left out; attached cards in). */
function decisionCards(graph: MapGraph) {
  return graph.nodes
    .filter((node) => node.kind !== 'group' && node.kind !== 'note')
    .map((node) => ({ id: node.id, title: cardTitle(node) }))
    .sort((a, b) => a.title.localeCompare(b.title));
}

/** The review's decisions: what, who, by when, how far, about which cards. */
export function DecisionsSection({ reviewId, decisions, canContribute, onChange }: DecisionsSectionProps) {
  const { mapId, session, reveal } = useMapPage();
  const graph = useMapGraph(session.doc);
  const headingId = useId();
  const t = useHistoryTranslate();
  const [error, setError] = useState<{ id: string; message: string } | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);

  const change = async (decision: DecisionView, status: DecisionStatus): Promise<void> => {
    setError(null);
    try {
      onChange(decision.id, await updateDecision(mapId, reviewId, decision.id, { status }));
    } catch (caught) {
      setError({ id: decision.id, message: messageOf(caught, t('decisions.statusFailed')) });
    }
  };
  const remove = async (decision: DecisionView): Promise<void> => {
    setError(null);
    try {
      await deleteDecision(mapId, reviewId, decision.id);
      onChange(decision.id, null);
    } catch (caught) {
      setError({ id: decision.id, message: messageOf(caught, t('decisions.deleteFailed')) });
    } finally {
      setConfirming(null);
    }
  };

  return (
    <section className="history-section" aria-labelledby={headingId}>
      <h4 className="review-subheading" id={headingId}>
        {t('decisions.title')}
      </h4>
      {decisions.length === 0 && <p className="panel-empty">{t('decisions.none')}</p>}
      <ul className="history-list">
        {decisions.map((decision) => (
          <li key={decision.id} className="history-item decision-item">
            <p className="history-item__note decision-item__text">{decision.text}</p>
            <p className="history-item__meta">
              <span>{ownerName(decision, t)}</span>
              {decision.due && <span>{t('decisions.dueOn', { day: dayIn(decision.due) })}</span>}
              {!canContribute && <span className="history-badge">{t(decisionStatusKey(decision.status))}</span>}
            </p>
            {decision.cards.length > 0 && (
              <p className="decision-item__cards">
                {t('decisions.about')}{' '}
                {decision.cards.map((id, i) => {
                  const node = graph.nodeById.get(id);
                  return (
                    <span key={id}>
                      {i > 0 && ', '}
                      {node ? (
                        <button type="button" className="link-button" onClick={() => reveal(id)}>
                          {cardTitle(node)}
                        </button>
                      ) : (
                        <span className="muted">{t('decisions.deletedCard')}</span>
                      )}
                    </span>
                  );
                })}
              </p>
            )}
            {canContribute && (
              <div className="history-item__actions">
                <select
                  className="input decision-item__status"
                  aria-label={t('decisions.statusOf', { text: decision.text })}
                  value={decision.status}
                  onChange={(event) => void change(decision, event.target.value as DecisionStatus)}
                >
                  {DECISION_STATUSES.map((status) => (
                    <option key={status} value={status}>
                      {t(decisionStatusKey(status))}
                    </option>
                  ))}
                </select>
                {confirming === decision.id ? (
                  <>
                    <button
                      type="button"
                      className="button button--small button--danger"
                      onClick={() => void remove(decision)}
                    >
                      {t('decisions.deleteIt')}
                    </button>
                    <button
                      type="button"
                      className="button button--small button--quiet"
                      onClick={() => setConfirming(null)}
                    >
                      {t('decisions.keep')}
                    </button>
                  </>
                ) : (
                  <button
                    type="button"
                    className="button button--small button--quiet button--danger-text"
                    aria-label={t('decisions.deleteNamed', { text: decision.text })}
                    onClick={() => setConfirming(decision.id)}
                  >
                    {t('snapshots.delete')}
                  </button>
                )}
              </div>
            )}
            {error?.id === decision.id && (
              <p className="history-error" role="alert">
                {error.message}
              </p>
            )}
          </li>
        ))}
      </ul>
      {canContribute && <DecisionForm reviewId={reviewId} graph={graph} onAdded={(d) => onChange(d.id, d)} />}
    </section>
  );
}

function DecisionForm({
  reviewId,
  graph,
  onAdded,
}: {
  reviewId: string;
  graph: MapGraph;
  onAdded: (decision: DecisionView) => void;
}) {
  const { mapId } = useMapPage();
  const members = useMapMembers(mapId);
  const cards = useMemo(() => decisionCards(graph), [graph]);
  const id = useId();
  const t = useHistoryTranslate();
  const [text, setText] = useState('');
  const [owner, setOwner] = useState('');
  const [due, setDue] = useState('');
  const [status, setStatus] = useState<DecisionStatus>('open');
  const [chosen, setChosen] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (!text.trim()) return setError(t('decisions.writeFirst'));
    // A member's name as typed (or picked from the list) is sent as their id; anything else as a name.
    const member = members.find((m) => m.name.toLowerCase() === owner.trim().toLowerCase());
    setBusy(true);
    setError(null);
    try {
      const decision = await addDecision(mapId, reviewId, {
        text: text.trim(),
        owner: member ? member.id : owner.trim(),
        due: due || undefined,
        status,
        cards: chosen,
      });
      onAdded(decision);
      setText('');
      setOwner('');
      setDue('');
      setStatus('open');
      setChosen([]);
    } catch (caught) {
      setError(messageOf(caught, t('decisions.addFailed')));
    } finally {
      setBusy(false);
    }
  };

  return (
    <details className="review-add">
      <summary className="button button--small">{t('decisions.addOne')}</summary>
      <form className="history-form" onSubmit={(event) => void submit(event)}>
        <div className="field">
          <label className="field__label" htmlFor={`${id}-text`}>
            {t('decisions.decision')}
          </label>
          <textarea
            id={`${id}-text`}
            className="input"
            rows={2}
            maxLength={2000}
            value={text}
            onChange={(event) => setText(event.target.value)}
          />
        </div>
        <div className="field">
          <label className="field__label" htmlFor={`${id}-owner`}>
            {t('decisions.owner')} <span className="muted">{t('decisions.ownerHint')}</span>
          </label>
          <input
            id={`${id}-owner`}
            className="input"
            list={`${id}-members`}
            maxLength={120}
            value={owner}
            onChange={(event) => setOwner(event.target.value)}
          />
          <datalist id={`${id}-members`}>
            {members.map((member) => (
              <option key={member.id} value={member.name} />
            ))}
          </datalist>
        </div>
        <div className="review-form__row">
          <div className="field">
            <label className="field__label" htmlFor={`${id}-due`}>
              {t('decisions.due')}
            </label>
            <input
              id={`${id}-due`}
              className="input"
              type="date"
              value={due}
              onChange={(event) => setDue(event.target.value)}
            />
          </div>
          <div className="field">
            <label className="field__label" htmlFor={`${id}-status`}>
              {t('decisions.statusLabel')}
            </label>
            <select
              id={`${id}-status`}
              className="input"
              value={status}
              onChange={(event) => setStatus(event.target.value as DecisionStatus)}
            >
              {DECISION_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(decisionStatusKey(s))}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="field">
          <label className="field__label" htmlFor={`${id}-cards`}>
            {t('decisions.cards')} <span className="muted">{t('decisions.cardsHint')}</span>
          </label>
          <select
            id={`${id}-cards`}
            className="input review-cards-select"
            multiple
            size={Math.min(6, Math.max(3, cards.length))}
            value={chosen}
            onChange={(event) => setChosen(Array.from(event.target.selectedOptions, (option) => option.value))}
          >
            {cards.map((card) => (
              <option key={card.id} value={card.id}>
                {card.title}
              </option>
            ))}
          </select>
        </div>
        {error && (
          <p className="history-error" role="alert">
            {error}
          </p>
        )}
        <div className="history-form__actions">
          <button type="submit" className="button button--small button--primary" disabled={busy}>
            {t('decisions.add')}
          </button>
        </div>
      </form>
    </details>
  );
}
