import * as Y from 'yjs';
import { MAX_GROUP_SIZE, MIN_GROUP_SIZE } from '../model/fields.ts';
import { MAX_COORDINATE, MAX_LABEL_LENGTH } from '../model/mapJson.ts';
import { truncateText } from './layout.ts';
import type { Origin } from './origin.ts';

/** The small writes every operation builds on: clamped numbers and minimal text edits. */

export function clampCoordinate(value: number): number {
  if (!Number.isFinite(value)) return 0;
  return Math.max(-MAX_COORDINATE, Math.min(MAX_COORDINATE, Math.round(value * 100) / 100));
}

const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff;

/**
 * Replace the content of a Y.Text with `next` by editing only the changed middle, so that a
 * concurrent edit elsewhere in the same text survives the merge. The edited range never splits a
 * surrogate pair: Yjs replaces both halves of a split pair with U+FFFD (so 😀 -> 😁 would turn
 * into two replacement characters, and the local and remote texts would differ).
 */
export function applyTextDiff(text: Y.Text, next: string): void {
  const prev = text.toString();
  if (prev === next) return;
  let start = 0;
  const minLength = Math.min(prev.length, next.length);
  while (start < minLength && prev.charCodeAt(start) === next.charCodeAt(start)) start++;
  if (start > 0 && isHighSurrogate(prev.charCodeAt(start - 1))) start--;
  let endPrev = prev.length;
  let endNext = next.length;
  while (endPrev > start && endNext > start && prev.charCodeAt(endPrev - 1) === next.charCodeAt(endNext - 1)) {
    endPrev--;
    endNext--;
  }
  if (endPrev < prev.length && isLowSurrogate(prev.charCodeAt(endPrev))) {
    endPrev++;
    endNext++;
  }
  if (endPrev > start) text.delete(start, endPrev - start);
  if (endNext > start) text.insert(start, next.slice(start, endNext));
}

/** A new collaborative text holding `value`, cut to `max` characters. */
export function makeText(value: string, max: number = MAX_LABEL_LENGTH): Y.Text {
  return new Y.Text(truncateText(value, max));
}

export function clampSize(value: number): number {
  if (!Number.isFinite(value)) return MIN_GROUP_SIZE;
  return Math.max(MIN_GROUP_SIZE, Math.min(MAX_GROUP_SIZE, Math.round(value)));
}

/**
 * Sets a record's collaborative text field with a minimal edit (so a concurrent edit elsewhere in
 * the text survives). Returns false when the record does not exist.
 */
export function setRecordText(
  doc: Y.Doc,
  record: unknown,
  key: string,
  value: string,
  origin: Origin,
  max: number = MAX_LABEL_LENGTH,
): boolean {
  if (!(record instanceof Y.Map)) return false;
  const next = truncateText(value, max);
  doc.transact(() => {
    const text = record.get(key);
    if (text instanceof Y.Text) applyTextDiff(text, next);
    else record.set(key, makeText(next, max));
  }, origin);
  return true;
}
