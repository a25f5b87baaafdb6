import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_NARRATIVE_LENGTH } from '@loopmap/shared';
import { LiveTextInput } from './LiveTextInput.tsx';
import { MarkdownPreview } from './MarkdownPreview.tsx';

export interface NarrativeEditorProps {
  value: string;
  onInput: (next: string) => void;
  readOnly?: boolean;
  label?: string;
  rows?: number;
}

/**
 * The story behind a card, in Markdown, edited collaboratively (every keystroke is a minimal
 * edit of the shared text). "Preview" shows it rendered; read-only members only see that.
 */
export function NarrativeEditor({
  value,
  onInput,
  readOnly = false,
  label: givenLabel,
  rows = 5,
}: NarrativeEditorProps) {
  const { t } = useTranslation('panels');
  const label = givenLabel ?? t('narrative.label');
  const id = useId();
  const [preview, setPreview] = useState(false);
  if (readOnly) {
    return (
      <div className="field field-row">
        <span className="field__label">{label}</span>
        <MarkdownPreview source={value} empty={t('narrative.empty')} />
      </div>
    );
  }
  return (
    <div className="field field-row">
      <div className="field-row__head">
        <label className="field__label" htmlFor={id} id={`${id}-label`}>
          {label}
        </label>
        <button
          type="button"
          className="link-button narrative__toggle"
          aria-pressed={preview}
          aria-describedby={`${id}-label`}
          onClick={() => setPreview(!preview)}
        >
          {t('narrative.preview')}
        </button>
      </div>
      {preview ? (
        <MarkdownPreview source={value} empty={t('narrative.empty')} className="narrative__preview" />
      ) : (
        <>
          <LiveTextInput
            id={id}
            multiline
            rows={rows}
            value={value}
            maxLength={MAX_NARRATIVE_LENGTH}
            ariaDescribedBy={`${id}-hint`}
            placeholder={t('narrative.placeholder')}
            onInput={onInput}
          />
          <span className="field__hint" id={`${id}-hint`}>
            {t('narrative.hint')}
          </span>
        </>
      )}
    </div>
  );
}
