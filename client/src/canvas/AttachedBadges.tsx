import { KindIcon } from '../app/KindIcon.tsx';
import { assumptionStateLabel } from '../i18n/domainText.ts';
import type { AttachedSummary } from './toFlow.ts';

const plural = (count: number, one: string, many: string): string => `${count} ${count === 1 ? one : many}`;

/** Spoken and tooltip text for what is attached to a card or link. */
export function describeAttached(attached: AttachedSummary | null, comments: number): string {
  const parts: string[] = [];
  if (attached?.assumptions) {
    const worst =
      attached.worst === 'unreviewed'
        ? 'not all reviewed'
        : attached.worst
          ? `worst: ${assumptionStateLabel(attached.worst).toLowerCase()}`
          : '';
    parts.push(`${plural(attached.assumptions, 'assumption', 'assumptions')}${worst ? ` (${worst})` : ''}`);
  }
  if (attached?.indicators) parts.push(plural(attached.indicators, 'indicator', 'indicators'));
  if (attached?.evidence) parts.push(plural(attached.evidence, 'piece of evidence', 'pieces of evidence'));
  if (comments > 0) parts.push(plural(comments, 'open comment thread', 'open comment threads'));
  return parts.join(', ');
}

/**
 * Small counts of what hangs off a card or link without cluttering the canvas: assumptions
 * (coloured by the worst state among them), indicators, evidence, open comment threads.
 */
export function AttachedBadges({ attached, comments }: { attached: AttachedSummary | null; comments: number }) {
  if (!attached && comments === 0) return null;
  return (
    <span className="attached" title={describeAttached(attached, comments)}>
      <span className="visually-hidden">{describeAttached(attached, comments)}</span>
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
