import {
  HEALTH_DIMENSIONS,
  RAG_STATUSES,
  type CatchUpResponse,
  type HealthDimension,
  type HealthTrendResponse,
  type PersonView,
  type RagStatus,
  type SnapshotReason,
} from '@loopmap/shared';
import { dayText } from '../../app/dates.ts';
import { healthDimensionLabel } from '../../i18n/domainText.ts';

/**
 * The words of a map's memory, pure so they are unit-tested: snapshot reasons, dates, durations,
 * lists of people, the catch-up sentence, the local datetime fields a selective restore takes,
 * and the rows of the partnership health trend. `now` is always passed in (never read here).
 */

export const SNAPSHOT_REASON_LABELS: Record<SnapshotReason, string> = {
  session: 'after live session',
  restore: 'before restore',
  daily: 'daily',
  review: 'review',
};

const DAY_MS = 24 * 3600 * 1000;

/** "45 min", "1 h 20 min", "3 h"; under a minute reads "under a minute". */
export function durationText(fromIso: string, toIso: string): string {
  const minutes = Math.round((Date.parse(toIso) - Date.parse(fromIso)) / 60_000);
  if (!Number.isFinite(minutes) || minutes < 1) return 'under a minute';
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `${rest} min`;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

/** "Ana", "Ana and Ben", "Ana, Ben and Chloé", "Ana, Ben and 3 others". */
export function peopleList(names: readonly string[], max = 3): string {
  if (names.length === 0) return 'nobody';
  if (names.length === 1) return names[0]!;
  if (names.length <= max) return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  const shown = names.slice(0, max - 1);
  const others = names.length - shown.length;
  return `${shown.join(', ')} and ${others} others`;
}

/**
 * How long ago, in the words people use for "since": "since 10:30" (today), "since yesterday",
 * "since Tuesday" (this past week), then the day ("since 03/12/2026").
 */
export function sinceWords(iso: string, now: number, locale?: string): string {
  const at = Date.parse(iso);
  if (!Number.isFinite(at)) return 'since your last visit';
  const startOfToday = new Date(now);
  startOfToday.setHours(0, 0, 0, 0);
  const today = startOfToday.getTime();
  if (at >= today) {
    return `since ${new Intl.DateTimeFormat(locale, { timeStyle: 'short' }).format(at)}`;
  }
  if (at >= today - DAY_MS) return 'since yesterday';
  if (at >= today - 6 * DAY_MS) return `since ${new Intl.DateTimeFormat(locale, { weekday: 'long' }).format(at)}`;
  return `since ${dayText(at, locale)}`;
}

/** "14 changes by Ana and Ben since Tuesday"; null when there is nothing to catch up on. */
export function catchUpSentence(catchUp: CatchUpResponse, now: number, locale?: string): string | null {
  if (catchUp.changes <= 0 || catchUp.since === null) return null;
  const changes = catchUp.changes === 1 ? '1 change' : `${catchUp.changes} changes`;
  const by = catchUp.authors.length > 0 ? ` by ${peopleList(catchUp.authors.map((a) => a.name))}` : '';
  return `${changes}${by} ${sinceWords(catchUp.since, now, locale)}`;
}

/** When an unnamed automatic snapshot goes: "Deleted in 12 days unless named". */
export function expiryText(expiresAt: string | null, now: number): string | null {
  if (expiresAt === null) return null;
  const days = Math.ceil((Date.parse(expiresAt) - now) / DAY_MS);
  if (!Number.isFinite(days)) return null;
  if (days <= 0) return 'Deleted soon unless named';
  return `Deleted in ${days === 1 ? '1 day' : `${days} days`} unless named`;
}

/** A `<input type="datetime-local">` value ("2026-03-12T10:00", local time) as an ISO point. */
export function localInputToIso(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)) return null;
  const at = new Date(value).getTime();
  return Number.isFinite(at) ? new Date(at).toISOString() : null;
}

/** An instant as a `datetime-local` value in the reader's time zone. */
export function isoToLocalInput(at: number): string {
  const d = new Date(at);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Whoever a person is, as a sentence's subject. */
export function personName(person: PersonView | null): string {
  return person?.name ?? 'Someone';
}

// ── Partnership health trend ─────────────────────────────────────────────────────────────────

export interface HealthTrendRow {
  dimension: string;
  label: string;
  /** One per point, oldest first; null: not rated yet at that point. */
  marks: (RagStatus | null)[];
}

export interface HealthTrendPartner {
  id: string;
  label: string;
  rows: HealthTrendRow[];
}

export function isRag(value: unknown): value is RagStatus {
  return typeof value === 'string' && (RAG_STATUSES as readonly string[]).includes(value);
}

/**
 * The trend as rows to draw: per partner, one row per dimension in the usual order (known
 * dimensions first, anything else the server sends after them), never rated rows left out.
 * Values that are not red/amber/green read as "not rated" rather than as a guess.
 */
export function healthTrendRows(trend: HealthTrendResponse): HealthTrendPartner[] {
  const width = trend.points.length;
  return trend.partners.map((partner) => {
    const known = HEALTH_DIMENSIONS.filter((d) => d in partner.series);
    const other = Object.keys(partner.series)
      .filter((d) => !(HEALTH_DIMENSIONS as readonly string[]).includes(d))
      .sort();
    const rows = [...known, ...other]
      .map((dimension): HealthTrendRow => {
        const series = partner.series[dimension] ?? [];
        const marks = Array.from({ length: width }, (_, i) => {
          const value = series[i];
          return isRag(value) ? value : null;
        });
        const label = (HEALTH_DIMENSIONS as readonly string[]).includes(dimension)
          ? healthDimensionLabel(dimension as HealthDimension)
          : dimension;
        return { dimension, label, marks };
      })
      .filter((row) => row.marks.some((mark) => mark !== null));
    return { id: partner.id, label: partner.label, rows };
  });
}
