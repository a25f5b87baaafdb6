import type { Capability, DecisionView, ReviewView, Translate } from '@loopmap/shared';

/**
 * The pure parts of the reviews panel, unit-tested: the order reviews are listed in, where a new
 * review starts from, the digest's address, and the debounced saving of a review's notes.
 */

/**
 * Who may write a review's loop notes. The notes are how editors contribute to the questions, so
 * they follow 'reviews.contribute' like decisions and lessons; title and closing are
 * 'reviews.run'. (An assumption about the server: it accepts a notes-only PATCH from editors.)
 */
export const NOTES_CAPABILITY: Capability = 'reviews.contribute';

/** Open reviews first, then the rest; newest first within each. */
export function sortReviews(reviews: readonly ReviewView[]): ReviewView[] {
  return [...reviews].sort((a, b) => {
    if (a.status !== b.status) return a.status === 'open' ? -1 : 1;
    return Date.parse(b.createdAt) - Date.parse(a.createdAt);
  });
}

/**
 * Where a new review starts by default: the closing snapshot of the last closed review (what was
 * agreed then), as a point the API takes; undefined lets the server choose (the map's first
 * version when there was no review).
 */
export function defaultReviewStart(
  reviews: readonly ReviewView[],
  t: Translate,
): { point: string; label: string } | undefined {
  const closed = reviews
    .filter((review) => review.status === 'closed' && review.to !== null)
    .sort((a, b) => Date.parse(b.closedAt ?? b.createdAt) - Date.parse(a.closedAt ?? a.createdAt));
  const last = closed[0];
  if (!last?.to) return undefined;
  return {
    point: last.to.snapshotId ?? String(last.to.seq),
    label: t('history:reviews.closeOf', { title: last.title }),
  };
}

/** The printable shared-forward digest of some reviews. */
export function digestPath(mapId: string, reviewIds: readonly string[]): string {
  const query = reviewIds.length > 0 ? `?reviews=${reviewIds.map(encodeURIComponent).join(',')}` : '';
  return `/maps/${encodeURIComponent(mapId)}/digest${query}`;
}

/** Reads `?reviews=a,b` back: ids in order, no blanks, no repeats. */
export function parseReviewIds(value: string | null): string[] {
  if (!value) return [];
  return [
    ...new Set(
      value
        .split(',')
        .map((id) => id.trim())
        .filter(Boolean),
    ),
  ];
}

/** A decision's status in words: `history:decisions.status.<status>` in the catalogue. */
export const decisionStatusKey = (status: DecisionView['status']): string => `history:decisions.status.${status}`;

/** How a decision's owner reads. */
export function ownerName(decision: Pick<DecisionView, 'owner'>, t: Translate): string {
  return decision.owner?.name.trim() ? decision.owner.name : t('history:decisions.noOwner');
}

export type SaveState = 'idle' | 'pending' | 'saving' | 'saved' | 'failed';

export interface Timers {
  set: (run: () => void, ms: number) => unknown;
  clear: (handle: unknown) => void;
}

/**
 * Saves a text some time after the typing pauses (and at the latest `maxWait` after the first
 * unsaved keystroke), one request at a time; what was typed during a save is saved after it.
 * Timers are injected so tests never wait on the clock.
 */
export class DebouncedSaver {
  private state: SaveState = 'idle';
  private error: string | null = null;
  private pendingValue: string | null = null;
  private timer: unknown = null;
  private firstPendingAt: number | null = null;
  private inFlight = false;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly save: (value: string) => Promise<void>,
    private readonly timers: Timers,
    private readonly now: () => number,
    private readonly wait = 800,
    private readonly maxWait = 5000,
  ) {}

  getState = (): SaveState => this.state;
  getError = (): string | null => this.error;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** A new value was typed. */
  change(value: string): void {
    this.pendingValue = value;
    this.firstPendingAt ??= this.now();
    this.set('pending');
    if (this.timer !== null) this.timers.clear(this.timer);
    const waited = this.now() - this.firstPendingAt;
    const delay = Math.max(0, Math.min(this.wait, this.maxWait - waited));
    this.timer = this.timers.set(() => {
      this.timer = null;
      void this.flush();
    }, delay);
  }

  /** Saves now what is pending (leaving the page, closing the review). */
  async flush(): Promise<void> {
    if (this.timer !== null) {
      this.timers.clear(this.timer);
      this.timer = null;
    }
    if (this.inFlight || this.pendingValue === null) return;
    const value = this.pendingValue;
    this.pendingValue = null;
    this.firstPendingAt = null;
    this.inFlight = true;
    this.set('saving');
    try {
      await this.save(value);
      this.error = null;
      this.inFlight = false;
      // Typed meanwhile: its own timer saves it; without one (it fired during the save), now.
      if (this.pendingValue !== null) return this.timer === null ? this.flush() : this.set('pending');
      this.set('saved');
    } catch (error) {
      this.inFlight = false;
      // Keep the text to save again on the next keystroke (or flush), unless newer text came.
      this.pendingValue ??= value;
      this.error = error instanceof Error && error.message ? error.message : null;
      this.set('failed');
    }
  }

  dispose(): void {
    if (this.timer !== null) this.timers.clear(this.timer);
    this.timer = null;
    this.listeners.clear();
  }

  private set(state: SaveState): void {
    this.state = state;
    for (const listener of this.listeners) listener();
  }
}
