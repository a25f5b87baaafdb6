import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { KindIcon } from '../app/KindIcon.tsx';
import { assumptionStateLabel } from '../i18n/domainText.ts';
import type { AttachedSummary } from './toFlow.ts';

/** Spoken and tooltip text for what is attached to a card or link. */
export function describeAttached(t: TFunction, attached: AttachedSummary | null, comments: number): string {
  const parts: string[] = [];
  if (attached?.assumptions) {
    const count = attached.assumptions;
    parts.push(
      attached.worst === 'unreviewed'
        ? t('attached.assumptionsUnreviewed', { count })
        : attached.worst
          ? t('attached.assumptionsWorst', { count, state: assumptionStateLabel(attached.worst, t).toLowerCase() })
          : t('attached.assumptions', { count }),
    );
  }
  if (attached?.indicators) parts.push(t('attached.indicators', { count: attached.indicators }));
  if (attached?.evidence) parts.push(t('attached.evidence', { count: attached.evidence }));
  if (comments > 0) parts.push(t('attached.comments', { count: comments }));
  return parts.join(t('attached.separator'));
}

/**
 * Small counts of what hangs off a card or link without cluttering the canvas: assumptions
 * (coloured by the worst state among them), indicators, evidence, open comment threads.
 */
export function AttachedBadges({ attached, comments }: { attached: AttachedSummary | null; comments: number }) {
  const { t } = useTranslation('canvas');
  if (!attached && comments === 0) return null;
  const text = describeAttached(t, attached, comments);
  return (
    <span className="attached" title={text}>
      <span className="visually-hidden">{text}</span>
      {attached?.assumptions ? (
        <span className="attached__item" data-worst={attached.worst ?? undefined} aria-hidden="true">
          <KindIcon kind="assumption" size={11} />
          {attached.assumptions}
        </span>
      ) : null}
      {attached?.indicators ? (
        <span className="attached__item" aria-hidden="true">
          <KindIcon kind="indicator" size={11} />
          {attached.indicators}
        </span>
      ) : null}
      {attached?.evidence ? (
        <span className="attached__item" aria-hidden="true">
          <KindIcon kind="evidence" size={11} />
          {attached.evidence}
        </span>
      ) : null}
      {comments > 0 && (
        <span className="attached__item attached__item--comments" aria-hidden="true">
          <svg width="11" height="11" viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth="1.6">
            <path d="M2.5 3h11v7.5h-6l-3.5 3v-3H2.5Z" strokeLinejoin="round" />
          </svg>
          {comments}
        </span>
      )}
    </span>
  );
}
