import { beforeAll, describe, expect, it } from 'vitest';
import { exactDay, relativeWhen } from '../src/panels/commentTime.ts';
import { translator, useCatalogue } from './catalogue.ts';

beforeAll(() => useCatalogue('en'));

const now = Date.parse('2026-12-05T12:00:00Z');
const ago = (seconds: number): string => new Date(now - seconds * 1000).toISOString();

describe('relativeWhen', () => {
  it('says how long ago in English, as the comments always did', () => {
    const t = translator('en', 'collab');
    expect(relativeWhen(ago(10), now, 'en', t)).toBe('just now');
    expect(relativeWhen(ago(5 * 60), now, 'en', t)).toBe('5 minutes ago');
    expect(relativeWhen(ago(26 * 3600), now, 'en', t)).toBe('yesterday');
    expect(relativeWhen(new Date(now + 7 * 86400_000).toISOString(), now, 'en', t)).toBe('next week');
    expect(relativeWhen('not a date', now, 'en', t)).toBe('unknown');
  });

  it('says it in the interface language, whatever the browser’s', () => {
    expect(relativeWhen(ago(10), now, 'fr', translator('fr', 'collab'))).toBe('à l’instant');
    expect(relativeWhen(ago(5 * 60), now, 'fr', translator('fr', 'collab'))).toBe('il y a 5 minutes');
    expect(relativeWhen(ago(3 * 3600), now, 'es', translator('es', 'collab'))).toBe('hace 3 horas');
    expect(relativeWhen(ago(2 * 86400), now, 'pt', translator('pt', 'collab'))).toBe('anteontem');
    expect(relativeWhen(ago(10), now, 'ar', translator('ar', 'collab'))).toBe('الآن');
    expect(relativeWhen(ago(5 * 60), now, 'ar', translator('ar', 'collab'))).toMatch(/^قبل /);
  });

  it('writes the day as the language does', () => {
    expect(exactDay('2026-12-05', 'fr')).toBe('05/12/2026');
    expect(exactDay('2026-12-05', 'en')).toBe('12/05/2026');
  });
});
