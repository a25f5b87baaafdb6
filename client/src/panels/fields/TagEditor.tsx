import { useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_TAGS, MAX_TAG_LENGTH, normaliseTag, tagKey } from '@loopmap/shared';
import './fields.css';

export interface TagEditorProps {
  tags: readonly string[];
  /** Adds a tag; false when the document refused it (empty, or the card has MAX_TAGS). */
  onAdd: (tag: string) => boolean;
  onRemove: (tag: string) => void;
  label?: string;
}

/**
 * A card's tags as chips. Type and press Enter (or a comma) to add; each chip has a remove
 * button, and Backspace in the empty field removes the last tag. What happened is announced.
 */
export function TagEditor({ tags, onAdd, onRemove, label: givenLabel }: TagEditorProps) {
  const { t } = useTranslation('panels');
  const label = givenLabel ?? t('tags.label');
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [announcement, setAnnouncement] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const add = (): void => {
    const field = input.current;
    if (!field) return;
    const tag = normaliseTag(field.value);
    if (!tag) return;
    if (tags.some((existing) => tagKey(existing) === tagKey(tag))) {
      field.value = '';
      setAnnouncement(t('tags.already', { tag }));
      return;
    }
    if (onAdd(tag)) {
      field.value = '';
      setProblem(null);
      setAnnouncement(t('tags.added', { tag }));
    } else {
      setProblem(t('tags.max', { count: MAX_TAGS }));
    }
  };

  const remove = (tag: string): void => {
    onRemove(tag);
    setProblem(null);
    setAnnouncement(t('tags.removed', { tag }));
    input.current?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.nativeEvent.isComposing) return;
    if (event.key === 'Enter' || event.key === ',') {
      event.preventDefault();
      add();
    } else if (event.key === 'Backspace' && event.currentTarget.value === '' && tags.length > 0) {
      event.preventDefault();
      remove(tags[tags.length - 1]!);
    } else if (event.key === 'Escape') {
      event.currentTarget.blur();
    }
  };

  return (
    <div className="field field-row">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <div className="tag-editor" onClick={() => input.current?.focus()}>
        {tags.length > 0 && (
          <ul className="chips" aria-label={label}>
            {tags.map((tag) => (
              <li key={tagKey(tag)} className="chip">
                <span className="chip__text">{tag}</span>
                <button
                  type="button"
                  className="chip__remove"
                  aria-label={t('tags.remove', { tag })}
                  onClick={(event) => {
                    event.stopPropagation();
                    remove(tag);
                  }}
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
        )}
        <input
          ref={input}
          id={id}
          className="tag-editor__input"
          maxLength={MAX_TAG_LENGTH}
          placeholder={tags.length === 0 ? t('tags.placeholderFirst') : t('tags.placeholder')}
          aria-describedby={problem ? `${id}-error` : undefined}
          onKeyDown={onKeyDown}
        />
      </div>
      {problem && (
        <span className="field__error" id={`${id}-error`} role="alert">
          {problem}
        </span>
      )}
      <span className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </span>
    </div>
  );
}

/** Tags as text (read-only). */
export function StaticTags({ tags }: { tags: readonly string[] }) {
  const { t } = useTranslation('panels');
  if (tags.length === 0) return <span className="static-field__value--empty">{t('tags.none')}</span>;
  return (
    <ul className="chips" aria-label={t('tags.label')}>
      {tags.map((tag) => (
        <li key={tagKey(tag)} className="chip">
          {tag}
        </li>
      ))}
    </ul>
  );
}
