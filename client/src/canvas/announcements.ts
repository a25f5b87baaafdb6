/**
 * What other people did, in words for a screen reader's polite live region: collected as it
 * arrives and spoken at most once per interval, so that a burst of edits is one sentence
 * ("Ana made 12 changes"), not a stream that drowns out the user's own work.
 */

/** One thing someone else did. `who` is null when the change cannot be traced to a person. */
export type RemoteChange =
  | { type: 'joined'; who: string }
  | { type: 'left'; who: string }
  | { type: 'added'; who: string | null; id: string }
  | { type: 'removed'; who: string | null; id: string }
  | { type: 'linked'; who: string | null; id: string }
  | { type: 'edited'; who: string | null; id: string };

/** Turns what happened into sentences (the catalogue's words; see useRemoteAnnouncements). */
export interface AnnouncementWords {
  joined(who: string): string;
  left(who: string): string;
  /** A card that is still there, as "Outcome “title”". */
  added(who: string | null, id: string): string;
  removed(who: string | null, id: string): string;
  linked(who: string | null, id: string): string;
  edited(who: string | null, id: string): string;
  /** Several changes by one person (or by someone unknown). */
  many(who: string | null, count: number): string;
}

export const ANNOUNCE_INTERVAL_MS = 2000;

type Scheduler = {
  now: () => number;
  setTimeout: (run: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
};

const realTimers: Scheduler = {
  now: () => Date.now(),
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** The sentence for one batch of changes: arrivals first, then each person's changes. */
export function describeBatch(changes: readonly RemoteChange[], words: AnnouncementWords): string {
  const sentences: string[] = [];
  for (const change of changes) {
    if (change.type === 'joined') sentences.push(words.joined(change.who));
    if (change.type === 'left') sentences.push(words.left(change.who));
  }
  // Per person, each element once: typing a title is many updates but one change, and a card
  // added then titled is one addition.
  const byPerson = new Map<string | null, Map<string, RemoteChange>>();
  for (const change of changes) {
    if (change.type === 'joined' || change.type === 'left') continue;
    let mine = byPerson.get(change.who);
    if (!mine) byPerson.set(change.who, (mine = new Map()));
    const earlier = mine.get(change.id);
    if (change.type === 'edited' && earlier) continue;
    if (change.type === 'removed' && earlier?.type === 'added') {
      mine.delete(change.id);
      continue;
    }
    mine.set(change.id, change);
  }
  for (const [who, mine] of byPerson) {
    const list = [...mine.values()];
    if (list.length === 0) continue;
    if (list.length > 1) {
      sentences.push(words.many(who, list.length));
      continue;
    }
    const only = list[0]!;
    if (only.type === 'added') sentences.push(words.added(who, only.id));
    if (only.type === 'removed') sentences.push(words.removed(who, only.id));
    if (only.type === 'linked') sentences.push(words.linked(who, only.id));
    if (only.type === 'edited') sentences.push(words.edited(who, only.id));
  }
  return sentences.join(' ');
}

/**
 * Collects changes and speaks them through `speak`, never more often than once per interval:
 * the first change of a quiet spell waits the interval (so what follows it joins the sentence),
 * and a change soon after an announcement waits for the interval since that one to pass.
 */
export class Announcer {
  private pending: RemoteChange[] = [];
  private timer: unknown = null;
  private lastSpoken = -Infinity;

  constructor(
    private readonly words: AnnouncementWords,
    private readonly speak: (text: string) => void,
    private readonly interval = ANNOUNCE_INTERVAL_MS,
    private readonly clock: Scheduler = realTimers,
  ) {}

  add(change: RemoteChange): void {
    this.pending.push(change);
    if (this.timer !== null) return;
    const now = this.clock.now();
    const wait = Math.max(this.interval, this.lastSpoken + this.interval - now);
    this.timer = this.clock.setTimeout(() => this.flush(), wait);
  }

  private flush(): void {
    this.timer = null;
    const batch = this.pending;
    this.pending = [];
    const text = describeBatch(batch, this.words);
    if (!text) return;
    this.lastSpoken = this.clock.now();
    this.speak(text);
  }

  dispose(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
    this.pending = [];
  }
}
