import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LANGUAGES, NAMESPACES } from '@loopmap/shared';
import { CORE_NAMESPACES, namespacesForPath } from '../src/i18n/i18n.ts';

/**
 * Vite's globs must be string literals, so each language's core chunk names its namespaces and
 * i18n.ts names the others: every namespace must be in exactly one of them, or it never loads.
 */
const here = join(import.meta.dirname, '..', 'src', 'i18n');
const braces = (text: string) => /\{([\w,]+)\}\.json/.exec(text)?.[1]?.split(',') ?? [];

describe('the catalogue chunks', () => {
  it('put every namespace in the core chunk or an on-demand chunk, once', () => {
    const onDemand = braces(readFileSync(join(here, 'i18n.ts'), 'utf8'));
    expect([...CORE_NAMESPACES, ...onDemand].sort()).toEqual([...NAMESPACES].sort());
    for (const language of LANGUAGES) {
      const core = braces(readFileSync(join(here, 'locales', `${language}.ts`), 'utf8'));
      expect(core, language).toEqual([...CORE_NAMESPACES]);
    }
  });

  it('fetch the namespaces of the page being opened with the core', () => {
    expect(namespacesForPath('/signin')).toEqual(['auth']);
    expect(namespacesForPath('/')).toEqual(['maps', 'auth']);
    expect(namespacesForPath('/maps/abc')).toEqual([]);
  });
});
