import type { PointView, ReviewView, Translate } from '@loopmap/shared';
import { momentIn } from './localDates.ts';

/** A resolved point as the API takes it back: its snapshot when it has one, else its seq. */
export function pointParam(point: PointView): string {
  return point.snapshotId ?? String(point.seq);
}

export function pointWords(t: Translate, point: PointView | null): string {
  if (point === null) return t('history:reviews.pointNow');
  if (point.at === null) return t('history:reviews.pointStart');
  return momentIn(point.at);
}

/** The canvas compare of what changed during a review: from its start to its close (or now). */
export function reviewCompare(review: ReviewView, t: Translate) {
  return {
    mode: 'compare' as const,
    from: pointParam(review.from),
    to: review.to ? pointParam(review.to) : 'now',
    label: t('history:reviews.compareLabel', {
      title: review.title,
      from: pointWords(t, review.from),
      to: pointWords(t, review.to),
    }),
  };
}
