import {
  HEALTH_DIMENSIONS,
  RAG_STATUSES,
  type CatchUpResponse,
  type HealthDimension,
  type HealthTrendResponse,
  type PersonView,
  type RagStatus,
  type Translate,
} from '@loopmap/shared';
import { dayText } from '../../app/dates.ts';
import { healthDimensionLabel } from '../../i18n/domainText.ts';

/**
 * The words of a map's memory, pure so they are unit-tested: dates, durations, lists of people,
 * the catch-up sentence, the local datetime fields a selective restore takes, and the rows of the
 * partnership health trend. `now` is always passed in (never read here); the words come from the
 * catalogue through `t` (keys written whole, `history:…`), dates through Intl in `locale`.
 */

const DAY_MS = 24 * 3600 * 1000;

/** "45 min", "1 h 20 min", "3 h"; under a minute reads "under a minute". */
export function durationText(t: Translate, fromIso: string, toIso: string): string {
  const minutes = Math.round((Date.parse(toIso) - Date.parse(fromIso)) / 60_000);
  if (!Number.isFinite(minutes) || minutes < 1) return t('history:duration.underAMinute');
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return t('history:duration.minutes', { minutes: rest });
  return rest === 0
    ? t('history:duration.hours', { hours })
    : t('history:duration.hoursMinutes', { hours, minutes: rest });
}

/** "a", "a and b", "a, b and c", as the language joins a list. */
export function joinList(t: Translate, items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return t('history:change.listLast', {
    rest: items.slice(0, -1).join(t('history:change.listSeparator')),
    last: items[items.length - 1],
  });
}

/** "Ana", "Ana and Ben", "Ana, Ben and Chloé", "Ana, Ben and 3 others". */
export function peopleList(t: Translate, names: readonly string[], max = 3): string {
  if (names.length === 0) return t('history:people.nobody');
  if (names.length === 1) return names[0]!;
  if (names.length <= max) return joinList(t, names);
  const separator = t('history:change.listSeparator');
  const shown = names.slice(0, max - 1);
  const others = names.length - shown.length;
  return t('history:session.others', { names: shown.join(separator), count: others });
}

/**
 * How long ago, in the words people use for "since": "since 10:30" (today), "since yesterday",
 * "since Tuesday" (this past week), then the day ("since 03/12/2026").
 */
export function sinceWords(t: Translate, iso: string, now: number, locale?: string): string {
  const at = Date.parse(iso);
  if (!Number.isFinite(at)) return t('history:since.lastVisit');
  const startOfToday = new Date(now);
  startOfToday.setHours(0, 0, 0, 0);
  const today = startOfToday.getTime();
  if (at >= today) {
    return t('history:since.time', { time: new Intl.DateTimeFormat(locale, { timeStyle: 'short' }).format(at) });
  }
  if (at >= today - DAY_MS) return t('history:since.yesterday');
  if (at >= today - 6 * DAY_MS)
    return t('history:since.weekday', { day: new Intl.DateTimeFormat(locale, { weekday: 'long' }).format(at) });
  return t('history:since.day', { day: dayText(at, locale) });
}

/** "14 changes by Ana and Ben since Tuesday"; null when there is nothing to catch up on. */
export function catchUpSentence(t: Translate, catchUp: CatchUpResponse, now: number, locale?: string): string | null {
  if (catchUp.changes <= 0 || catchUp.since === null) return null;
  const since = sinceWords(t, catchUp.since, now, locale);
  const count = catchUp.changes;
  if (catchUp.authors.length === 0) return t('history:catchUp.changes', { count, since });
  const people = peopleList(
    t,
    catchUp.authors.map((a) => a.name),
  );
  return t('history:catchUp.changesBy', { count, people, since });
}

/** When an unnamed automatic snapshot goes: "Deleted in 12 days unless named". */
export function expiryText(t: Translate, expiresAt: string | null, now: number): string | null {
  if (expiresAt === null) return null;
  const days = Math.ceil((Date.parse(expiresAt) - now) / DAY_MS);
  if (!Number.isFinite(days)) return null;
  if (days <= 0) return t('history:expiry.soon');
  return t('history:expiry.inDays', { count: days });
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
export function personName(t: Translate, person: PersonView | null): string {
  return person?.name ?? t('history:people.someone');
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
