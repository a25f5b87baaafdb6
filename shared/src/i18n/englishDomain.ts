import english from './locales/en/domain.json' with { type: 'json' };
import type { Translate } from './languages.ts';

/**
 * The `domain` namespace's English straight from the catalogue (en/domain.json), for shared code
 * whose caller passes no Translate (tests, a layout warm-up, documents that are English anyway):
 * a key's value with its `{{placeholders}}` filled in. Keys with plurals are not looked up here.
 */
export const inEnglish: Translate = (key, values = {}) => {
  let node: unknown = english;
  for (const part of key.replace(/^domain:/, '').split('.')) {
    node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[part] : undefined;
  }
  if (typeof node !== 'string') return key;
  return node.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) =>
    values[name] === undefined ? whole : String(values[name]),
  );
};
