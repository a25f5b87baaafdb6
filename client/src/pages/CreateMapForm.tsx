import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MAP_TEMPLATES, MAX_TITLE_LENGTH, type MapSummary, type TemplateId } from '@loopmap/shared';
import { createMap } from '../api/mapsApi.ts';
import { errorText } from '../api/errorText.ts';
import { KindIcon } from '../app/KindIcon.tsx';
import { currentLanguage } from '../i18n/i18n.ts';

/** What a new map starts from: one of the shared templates, or an empty partnership map. */
type Start = TemplateId | 'blank-partnership';

interface StartOption {
  value: Start;
  /** A template's own name and description, or null: the maps catalogue's (blank partnership). */
  name: string | null;
  description: string | null;
  icon: 'impact' | 'outcome' | 'actor' | 'lesson' | 'group';
}

const ICONS: Record<TemplateId, StartOption['icon']> = {
  'blank-toc': 'impact',
  'logic-model': 'outcome',
  partnership: 'actor',
  'learning-community': 'lesson',
};

const START_OPTIONS: readonly StartOption[] = [
  ...MAP_TEMPLATES.map((template) => ({
    value: template.id,
    name: template.name,
    description: template.description,
    icon: ICONS[template.id],
  })),
  {
    value: 'blank-partnership',
    name: null,
    description: null,
    icon: 'group',
  },
];

/** Title and starting point of a new map; calls onCreated with the server's summary. */
export function CreateMapForm({ onCreated }: { onCreated: (map: MapSummary) => void }) {
  const { t } = useTranslation('maps');
  const [title, setTitle] = useState('');
  const [start, setStart] = useState<Start>('blank-toc');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const name = title.trim() || t('create.untitled');
      const map = await createMap(
        start === 'blank-partnership'
          ? { title: name, kind: 'partnership' }
          : { title: name, template: start, language: currentLanguage() },
      );
      setTitle('');
      onCreated(map);
    } catch (err) {
      setError(errorText(err, t, t('create.failed')));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="create-form card-panel" onSubmit={submit} aria-labelledby="create-title">
      <h2 id="create-title" className="section-title">
        {t('create.title')}
      </h2>
      <div className="create-form__fields">
        <label className="field create-form__title">
          <span className="field__label">{t('create.mapTitle')}</span>
          <input
            className="input"
            value={title}
            placeholder={t('create.placeholder')}
            maxLength={MAX_TITLE_LENGTH}
            onChange={(event) => setTitle(event.target.value)}
          />
        </label>
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? t('create.busy') : t('create.submit')}
        </button>
      </div>
      <fieldset className="template-choice">
        <legend className="field__label">{t('create.startFrom')}</legend>
        <div className="template-choice__options">
          {START_OPTIONS.map((option) => (
            <label key={option.value} className="template-choice__option" data-value={option.value}>
              <input
                type="radio"
                name="start"
                value={option.value}
                checked={start === option.value}
                onChange={() => setStart(option.value)}
              />
              <span className="template-choice__icon" aria-hidden="true">
                <KindIcon kind={option.icon} size={18} />
              </span>
              <span className="template-choice__text">
                <span className="template-choice__name">{option.name ?? t('create.blankPartnership.name')}</span>
                <span className="template-choice__description">
                  {option.description ?? t('create.blankPartnership.description')}
                </span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
