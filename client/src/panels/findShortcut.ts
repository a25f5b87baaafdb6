/**
 * Ctrl+F (Cmd+F on Apple devices) focuses the card search, except where the browser's own find
 * is what a person means: in a text field, where they are reading or writing words.
 */

type KeyChord = Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>;

/** True for the platform's find chord. On a Mac, Ctrl+F moves the caret forward, so only Cmd+F. */
export function isFindShortcut(event: KeyChord, apple: boolean): boolean {
  if (event.key.toLowerCase() !== 'f' || event.altKey || event.shiftKey) return false;
  return apple ? event.metaKey && !event.ctrlKey : event.ctrlKey && !event.metaKey;
}

export const isApplePlatform = (platform: string): boolean => /Mac|iPhone|iPad|iPod/i.test(platform);

/** The shortcut as aria-keyshortcuts names it. */
export const findShortcutName = (apple: boolean): string => (apple ? 'Meta+F' : 'Control+F');

// Input types that take typed text (a checkbox or a button does not).
const TEXT_INPUT_TYPES = new Set(['text', 'search', 'email', 'url', 'tel', 'password', 'number', 'date']);

interface MaybeField {
  tagName?: unknown;
  type?: unknown;
  isContentEditable?: unknown;
}

/** True when the event target is somewhere a person types text. */
export function isTextEntry(target: EventTarget | null): boolean {
  if (target === null || typeof target !== 'object') return false;
  const element = target as MaybeField;
  if (element.isContentEditable === true) return true;
  if (element.tagName === 'TEXTAREA') return true;
  return element.tagName === 'INPUT' && typeof element.type === 'string' && TEXT_INPUT_TYPES.has(element.type);
}
