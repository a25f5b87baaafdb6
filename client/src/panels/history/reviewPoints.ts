import type { PointView, ReviewView } from '@loopmap/shared';
import { momentText } from '../../app/dates.ts';

/** A resolved point as the API takes it back: its snapshot when it has one, else its seq. */
export function pointParam(point: PointView): string {
  return point.snapshotId ?? String(point.seq);
}

export function pointWords(point: PointView | null): string {
  if (point === null) return 'now';
  if (point.at === null) return 'the start';
  return momentText(point.at);
}

/** The canvas compare of what changed during a review: from its start to its close (or now). */
export function reviewCompare(review: ReviewView) {
  return {
    mode: 'compare' as const,
    from: pointParam(review.from),
    to: review.to ? pointParam(review.to) : 'now',
    label: `Review “${review.title}”: ${pointWords(review.from)} → ${pointWords(review.to)}`,
  };
}
