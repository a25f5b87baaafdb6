import type { FieldChange, Translate } from '@loopmap/shared';

/**
 * How the list of changes words one field's change. Texts and choices are shown before and after
 * (the list strikes the one through and underlines the other); lists are summarised ("2
 * readings added"), since a whole list twice over says less than what changed in it. Pure; the
 * words come from the catalogue through `t` (keys written whole).
 */
export type FieldChangeText =
  | { kind: 'values'; label: string; before: string | null; after: string | null }
  | { kind: 'summary'; label: string; text: string };

/** Where a changed field belongs: a card, a link, or the map's own settings. */
export type FieldScope = 'card' | 'link' | 'meta';

/** Card keys the compare list names itself; the kind-specific fields are the domain's (`domain:field.`). */
const CARD_KEYS = new Set([
  'kind',
  'label',
  'narrative',
  'tags',
  'capabilities',
  'attachedTo',
  'width',
  'height',
  'reviews',
  'readings',
  'health',
  'x',
  'y',
]);

/** The field's name as the inspector gives it, in the reader's language. */
export function fieldLabel(t: Translate, scope: FieldScope, change: Pick<FieldChange, 'field' | 'label'>): string {
  const { field, label } = change;
  if (scope === 'link') return t(`history:compare.linkField.${field}`, { defaultValue: label });
  if (scope === 'meta') return t(`history:compare.metaField.${field}`, { defaultValue: label });
  if (CARD_KEYS.has(field)) return t(`history:compare.cardField.${field}`, { defaultValue: label });
  return t(`domain:field.${field}`, { defaultValue: label });
}

/** Lists the compare list counts the items of, by name. */
const LIST_NOUNS = new Set(['reviews', 'readings', 'health', 'tags', 'capabilities']);

const keyOf = (item: unknown): string =>
  typeof item === 'object' && item !== null && 'id' in item ? String((item as { id: unknown }).id) : String(item);

/** A list's change in words: what was added, removed and changed in it. */
export function summariseList(t: Translate, field: string, label: string, before: unknown, after: unknown): string {
  const count = (n: number): string =>
    LIST_NOUNS.has(field)
      ? t(`history:compare.list.${field}`, { count: n })
      : t('history:compare.list.items', { count: n, label });
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
  if (added > 0) parts.push(t('history:compare.list.added', { what: count(added) }));
  if (removed > 0) parts.push(t('history:compare.list.removed', { what: count(removed) }));
  if (changed > 0) parts.push(t('history:compare.list.changed', { what: count(changed) }));
  if (parts.length > 0) return parts.join(t('history:change.listSeparator'));
  const what = LIST_NOUNS.has(field) ? t(`history:compare.listName.${field}`) : label.toLocaleLowerCase();
  return t('history:compare.list.reordered', { what });
}

/** A scalar value as the list shows it; null when unset. Numbers in the reader's language. */
export function valueText(t: Translate, value: unknown): string | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value === 'number') return t('history:compare.number', { value: Math.round(value * 100) / 100 });
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? t('history:compare.yes') : t('history:compare.no');
  return JSON.stringify(value);
}

export function describeFieldChange(change: FieldChange, t: Translate, scope: FieldScope = 'card'): FieldChangeText {
  const { field, before, after } = change;
  const label = fieldLabel(t, scope, change);
  if (Array.isArray(before) || Array.isArray(after)) {
    return { kind: 'summary', label, text: summariseList(t, field, label, before, after) };
  }
  const isObject = (value: unknown): boolean => typeof value === 'object' && value !== null;
  if (isObject(before) || isObject(after)) {
    // The lanes: their bounds are numbers nobody reads; say what happened to them.
    const text =
      before === undefined
        ? t('history:compare.whole.added')
        : after === undefined
          ? t('history:compare.whole.removed')
          : t('history:compare.whole.moved');
    return { kind: 'summary', label, text };
  }
  return { kind: 'values', label, before: valueText(t, before), after: valueText(t, after) };
}
