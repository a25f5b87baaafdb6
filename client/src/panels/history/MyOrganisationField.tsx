import { useId, useState, type FormEvent } from 'react';
import { MAX_ORGANISATION_LENGTH } from '@loopmap/shared';
import { messageOf } from '../../api/errorText.ts';
import { setMyOrganisation } from '../../api/reviewsApi.ts';
import { useMapPage } from '../../pages/MapPageContext.ts';
import { useHistoryTranslate } from './useHistoryTranslate.ts';

/**
 * "My organisation on this map": the home organisation the shared-forward digest groups one's
 * decisions and lessons under. `known` is what the reviews say of the user (the API has no read
 * of it of its own), so the field starts empty for someone who never took part in one.
 */
export function MyOrganisationField({ known }: { known: string | null }) {
  const { mapId } = useMapPage();
  const t = useHistoryTranslate();
  const id = useId();
  const [value, setValue] = useState(known ?? '');
  const [saved, setSaved] = useState(known ?? '');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setBusy(true);
    setMessage(null);
    try {
      const result = await setMyOrganisation(mapId, value.trim());
      const next = result?.organisation ?? value.trim();
      setSaved(next);
      setValue(next);
      setMessage({ error: false, text: next ? t('organisation.saved') : t('organisation.cleared') });
    } catch (caught) {
      setMessage({ error: true, text: messageOf(caught, t('organisation.saveFailed')) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="history-section history-form" onSubmit={(event) => void submit(event)}>
      <label className="panel-heading" htmlFor={id}>
        {t('organisation.label')}
      </label>
      <p className="review-loop__hint">{t('organisation.hint')}</p>
      <div className="review-org">
        <input
          id={id}
          className="input"
          maxLength={MAX_ORGANISATION_LENGTH}
          placeholder={t('organisation.placeholder')}
          value={value}
          onChange={(event) => setValue(event.target.value)}
        />
        <button type="submit" className="button button--small" disabled={busy || value.trim() === saved}>
          {t('organisation.save')}
        </button>
      </div>
      <p className={message?.error ? 'history-error' : 'review-notes__state'} role="status">
        {message?.text ?? ''}
      </p>
    </form>
  );
}
