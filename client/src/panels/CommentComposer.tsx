import { useId, useLayoutEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_COMMENT_LENGTH } from '@loopmap/shared';
import { messageOf } from '../api/errorText.ts';
import { insertMention, matchMembers, mentionedIds, mentionQueryAt, type Member } from './mentions.ts';
import { UserAvatar } from './UserAvatar.tsx';

/** From this many characters left, the composer counts down. */
const COUNTDOWN_FROM = 500;

export interface CommentComposerProps {
  /** Names the text field (and the form), e.g. "Reply". */
  label: string;
  /** Keep the label for screen readers only (the context already says it). */
  labelHidden?: boolean;
  placeholder: string;
  submitLabel: string;
  busyLabel: string;
  /** The people one may mention (the map's members, oneself left out). */
  members: readonly Member[];
  initialText?: string;
  /** The mentions of the text being edited, so they survive the edit. */
  initialMentions?: readonly Member[];
  autoFocus?: boolean;
  /**
   * Sends the trimmed text and the ids of the members still mentioned in it. Rejects with a
   * readable message on failure; the text then stays, with the message under it.
   */
  onSubmit: (body: string, mentions: string[]) => Promise<void>;
  /** Shows a Cancel button, also reached with Escape. */
  onCancel?: () => void;
}

/**
 * A comment field with "@" mentions: typing "@" and part of a name lists matching members;
 * Up and Down move, Enter or Tab picks, Escape closes the list. The text keeps "@Name"; the ids
 * go beside it. Ctrl+Enter (⌘+Enter) sends. Nothing typed is lost on failure.
 */
export function CommentComposer({
  label,
  labelHidden = false,
  placeholder,
  submitLabel,
  busyLabel,
  members,
  initialText = '',
  initialMentions = [],
  autoFocus = false,
  onSubmit,
  onCancel,
}: CommentComposerProps) {
  const { t } = useTranslation('collab');
  const id = useId();
  const field = useRef<HTMLTextAreaElement>(null);
  const [text, setText] = useState(initialText);
  const [caret, setCaret] = useState(initialText.length);
  const [picked, setPicked] = useState<readonly Member[]>(initialMentions);
  const [active, setActive] = useState(0);
  const [focused, setFocused] = useState(false);
  /** Where the "@" was whose list the user closed with Escape: it stays closed for that mention. */
  const [dismissedAt, setDismissedAt] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  /** Where to put the caret after React has rendered an inserted mention. */
  const caretAfterRender = useRef<number | null>(null);

  useLayoutEffect(() => {
    const at = caretAfterRender.current;
    if (at === null || !field.current) return;
    caretAfterRender.current = null;
    field.current.focus();
    field.current.setSelectionRange(at, at);
  });

  const query = mentionQueryAt(text, caret);
  const suggestions = query && query.start !== dismissedAt ? matchMembers(members, query.query) : [];
  const open = focused && !busy && suggestions.length > 0;
  const activeIndex = Math.min(active, suggestions.length - 1);
  const listId = `${id}-mentions`;
  const optionId = (i: number) => `${id}-mention-${i}`;

  const left = MAX_COMMENT_LENGTH - text.trim().length;
  const empty = text.trim().length === 0;

  const pick = (member: Member): void => {
    if (!query) return;
    const next = insertMention(text, query.start, caret, member);
    setText(next.text);
    setCaret(next.caret);
    setPicked((current) => (current.some((m) => m.id === member.id) ? current : [...current, member]));
    setActive(0);
    caretAfterRender.current = next.caret;
  };

  const submit = async (event?: FormEvent): Promise<void> => {
    event?.preventDefault();
    if (busy) return;
    if (empty) {
      setError(t('composer.empty'));
      return;
    }
    if (left < 0) {
      setError(t('composer.tooLong', { max: MAX_COMMENT_LENGTH }));
      return;
    }
    setBusy(true);
    setError(null);
    const body = text.trim();
    try {
      await onSubmit(body, mentionedIds(body, picked));
      setText('');
      setCaret(0);
      setPicked([]);
      setDismissedAt(null);
    } catch (err) {
      setError(messageOf(err, t('composer.sendFailed')));
    } finally {
      setBusy(false);
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>): void => {
    if (open) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        const step = event.key === 'ArrowDown' ? 1 : -1;
        setActive((activeIndex + step + suggestions.length) % suggestions.length);
        return;
      }
      if (event.key === 'Enter' || event.key === 'Tab') {
        event.preventDefault();
        const member = suggestions[activeIndex];
        if (member) pick(member);
        return;
      }
      if (event.key === 'Escape') {
        event.preventDefault();
        event.stopPropagation();
        setDismissedAt(query?.start ?? null);
        return;
      }
    }
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void submit();
    } else if (event.key === 'Escape' && onCancel) {
      event.preventDefault();
      event.stopPropagation();
      onCancel();
    }
  };

  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <form className="comment-composer" onSubmit={submit} noValidate aria-label={label} data-testid="comment-composer">
      <label className={labelHidden ? 'visually-hidden' : 'field__label'} htmlFor={`${id}-text`}>
        {label}
      </label>
      <div className="comment-composer__field">
        <textarea
          ref={field}
          id={`${id}-text`}
          className="input comment-composer__text"
          rows={text.includes('\n') || text.length > 60 ? 4 : 2}
          placeholder={placeholder}
          value={text}
          autoFocus={autoFocus}
          aria-autocomplete="list"
          aria-controls={open ? listId : undefined}
          aria-activedescendant={open ? optionId(activeIndex) : undefined}
          aria-describedby={error ? `${errorId} ${hintId}` : hintId}
          aria-invalid={error ? true : undefined}
          onChange={(event) => {
            setText(event.target.value);
            setCaret(event.target.selectionStart);
            setActive(0);
            if (error) setError(null);
          }}
          onSelect={(event) => setCaret(event.currentTarget.selectionStart)}
          onKeyDown={onKeyDown}
          onFocus={() => setFocused(true)}
          onBlur={() => setFocused(false)}
        />
        {open && (
          <ul className="mention-list" id={listId} role="listbox" aria-label={t('composer.mentionList')}>
            {suggestions.map((member, i) => (
              <li
                key={member.id}
                id={optionId(i)}
                role="option"
                aria-selected={i === activeIndex}
                className={
                  i === activeIndex ? 'mention-list__option mention-list__option--active' : 'mention-list__option'
                }
                // mousedown, not click: the field keeps focus, so the caret is where it was.
                onMouseDown={(event) => {
                  event.preventDefault();
                  pick(member);
                }}
                onMouseEnter={() => setActive(i)}
              >
                <UserAvatar user={member} size={22} />
                <span>{member.name}</span>
              </li>
            ))}
          </ul>
        )}
      </div>
      <p className="visually-hidden" role="status">
        {open ? t('composer.mentionCount', { count: suggestions.length }) : ''}
      </p>
      {error && (
        <p className="form-error comment-composer__error" id={errorId} role="alert">
          {error}
        </p>
      )}
      <div className="comment-composer__footer">
        <span className="comment-composer__hint" id={hintId}>
          {left < COUNTDOWN_FROM ? (
            <span className={left < 0 ? 'comment-composer__count--over' : undefined}>
              {left < 0 ? t('composer.tooMany', { count: -left }) : t('composer.left', { count: left })}
            </span>
          ) : (
            t('composer.hint')
          )}
        </span>
        <span className="comment-composer__buttons">
          {onCancel && (
            <button type="button" className="button button--quiet" onClick={onCancel} disabled={busy}>
              {t('common:action.cancel')}
            </button>
          )}
          <button type="submit" className="button button--primary" disabled={busy || empty}>
            {busy ? busyLabel : submitLabel}
          </button>
        </span>
      </div>
    </form>
  );
}
