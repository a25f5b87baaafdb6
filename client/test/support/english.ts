import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createInstance, type TFunction } from 'i18next';

/**
 * English `t` over the real catalogue (shared/src/i18n/locales/en), for unit tests of the text
 * builders that take one: the words the tests read are the catalogue's.
 */
const dir = join(import.meta.dirname, '..', '..', '..', 'shared', 'src', 'i18n', 'locales', 'en');
const resources: Record<string, Record<string, unknown>> = {};
for (const file of readdirSync(dir)) {
  if (file.endsWith('.json')) resources[file.slice(0, -5)] = JSON.parse(readFileSync(join(dir, file), 'utf8'));
}
const instance = createInstance();
void instance.init({
  resources: { en: resources },
  initAsync: false,
  lng: 'en',
  fallbackLng: 'en',
  defaultNS: 'common',
  interpolation: { escapeValue: false },
});

export const englishT: TFunction = instance.getFixedT('en');
