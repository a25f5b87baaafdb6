import type { FieldChange } from '@loopmap/shared';

/**
 * How the list of changes words one field's change. Texts and choices are shown before and after
 * (the list strikes the one through and underlines the other); lists are summarised ("2
 * readings added"), since a whole list twice over says less than what changed in it. Pure.
 */
export type FieldChangeText =
  | { kind: 'values'; label: string; before: string | null; after: string | null }
  | { kind: 'summary'; label: string; text: string };

const NOUNS: Record<string, readonly [string, string]> = {
  reviews: ['review', 'reviews'],
  readings: ['reading', 'readings'],
  health: ['health rating', 'health ratings'],
  tags: ['tag', 'tags'],
  capabilities: ['capability', 'capabilities'],
};

const count = (n: number, [one, many]: readonly [string, string]): string => `${n} ${n === 1 ? one : many}`;

const keyOf = (item: unknown): string =>
  typeof item === 'object' && item !== null && 'id' in item ? String((item as { id: unknown }).id) : String(item);

/** A list's change in words: what was added, removed and changed in it. */
export function summariseList(field: string, label: string, before: unknown, after: unknown): string {
  const noun = NOUNS[field] ?? ([label.toLowerCase(), label.toLowerCase()] as const);
  const was = new Map((Array.isArray(before) ? before : []).map((item: unknown) => [keyOf(item), item]));
  const now = new Map((Array.isArray(after) ? after : []).map((item: unknown) => [keyOf(item), item]));
  let added = 0;
  let removed = 0;
  let changed = 0;
  for (const [key, item] of now) {
    if (!was.has(key)) added++;
    else if (JSON.stringify(was.get(key)) !== JSON.stringify(item)) changed++;
  }
  for (const key of was.keys()) if (!now.has(key)) removed++;
  const parts: string[] = [];
  if (added > 0) parts.push(`${count(added, noun)} added`);
  if (removed > 0) parts.push(`${count(removed, noun)} removed`);
  if (changed > 0) parts.push(`${count(changed, noun)} changed`);
  return parts.length > 0 ? parts.join(', ') : `${noun[1]} reordered`;
}

/** A scalar value as the list shows it; null when unset. */
export function valueText(value: unknown): string | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value === 'number') return String(Math.round(value * 100) / 100);
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return JSON.stringify(value);
}

export function describeFieldChange(change: FieldChange): FieldChangeText {
  const { field, label, before, after } = change;
  if (Array.isArray(before) || Array.isArray(after)) {
    return { kind: 'summary', label, text: summariseList(field, label, before, after) };
  }
  const isObject = (value: unknown): boolean => typeof value === 'object' && value !== null;
  if (isObject(before) || isObject(after)) {
    // The lanes: their bounds are numbers nobody reads; say what happened to them.
    const text = before === undefined ? 'added' : after === undefined ? 'removed' : 'moved';
    return { kind: 'summary', label, text };
  }
  return { kind: 'values', label, before: valueText(before), after: valueText(after) };
}
