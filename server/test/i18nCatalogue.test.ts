import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LANGUAGES, NAMESPACES, type Language } from '@loopmap/shared';

/**
 * The catalogue's own check (issue 13): every key of every namespace exists in every language,
 * with each plural category that language needs (CLDR, through Intl.PluralRules: Arabic has six),
 * no language has keys English lacks, no value is empty or left in English by mistake, every
 * `{{placeholder}}` of English appears in each translation, and every key is used somewhere in
 * the code (literally, or under a prefix the code builds keys from with a template literal).
 */
const root = join(import.meta.dirname, '..', '..');
const localeDir = join(root, 'shared', 'src', 'i18n', 'locales');

type Flat = Map<string, string>;

function flatten(value: unknown, prefix: string, out: Flat): Flat {
  if (typeof value === 'string') out.set(prefix, value);
  else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) flatten(child, prefix ? `${prefix}.${key}` : key, out);
  } else throw new Error(`${prefix}: a catalogue value must be a string or an object`);
  return out;
}

function load(language: Language, namespace: string): Flat {
  const text = readFileSync(join(localeDir, language, `${namespace}.json`), 'utf8');
  return flatten(JSON.parse(text), '', new Map());
}

const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

/** `key_one`, `key_other` → `key`; the plural categories each base key has. */
function pluralBases(keys: Iterable<string>): Map<string, Set<string>> {
  const bases = new Map<string, Set<string>>();
  for (const key of keys) {
    const match = PLURAL_SUFFIX.exec(key);
    if (!match) continue;
    const base = key.slice(0, -match[0].length);
    const set = bases.get(base) ?? new Set();
    set.add(match[1]!);
    bases.set(base, set);
  }
  return bases;
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*([\w.]+)/g)].map((m) => m[1]!).sort();
}

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist' || name === 'locales') continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) sourceFiles(path, out);
    else if (/\.(ts|tsx|mjs)$/.test(name) && !name.endsWith('.test.ts')) out.push(path);
  }
  return out;
}

const english = new Map(NAMESPACES.map((ns) => [ns, load('en', ns)]));

describe('the catalogue', () => {
  for (const language of LANGUAGES.filter((l) => l !== 'en')) {
    it(`has every key in ${language}, with ${language}'s plural forms, and nothing extra`, () => {
      const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
      const problems: string[] = [];
      for (const namespace of NAMESPACES) {
        const source = english.get(namespace)!;
        const target = load(language, namespace);
        const sourcePlurals = pluralBases(source.keys());
        const targetPlurals = pluralBases(target.keys());
        for (const [key, text] of source) {
          const plural = PLURAL_SUFFIX.exec(key);
          if (plural && sourcePlurals.has(key.slice(0, -plural[0].length))) continue;
          const translated = target.get(key);
          if (translated === undefined) problems.push(`${namespace}:${key} missing`);
          else if (!translated.trim()) problems.push(`${namespace}:${key} is empty`);
          else if (translated === text && /\b\p{Ll}{3,} \p{Ll}{3,}\b/u.test(text))
            problems.push(`${namespace}:${key} is still in English: "${text}"`);
          else if (placeholders(translated).join() !== placeholders(text).join())
            problems.push(`${namespace}:${key} placeholders ${placeholders(translated)} ≠ ${placeholders(text)}`);
        }
        for (const base of sourcePlurals.keys()) {
          const have = targetPlurals.get(base) ?? new Set();
          for (const category of categories) {
            if (!have.has(category)) problems.push(`${namespace}:${base}_${category} missing (plural)`);
          }
        }
        for (const key of target.keys()) {
          const plural = PLURAL_SUFFIX.exec(key);
          const base = plural ? key.slice(0, -plural[0].length) : null;
          if (!source.has(key) && !(base && sourcePlurals.has(base)))
            problems.push(`${namespace}:${key} is not in English`);
          if (base && sourcePlurals.has(base) && !categories.includes(plural![1] as Intl.LDMLPluralRule))
            problems.push(`${namespace}:${key}: ${language} has no plural category ${plural![1]}`);
        }
      }
      expect(problems).toEqual([]);
    });
  }

  it('has English values, with one and other for every plural', () => {
    const problems: string[] = [];
    for (const [namespace, source] of english) {
      for (const [key, text] of source) if (!text.trim()) problems.push(`${namespace}:${key} is empty`);
      for (const [base, forms] of pluralBases(source.keys())) {
        if (!forms.has('one') || !forms.has('other')) problems.push(`${namespace}:${base} needs _one and _other`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('uses every key somewhere in the code', () => {
    const files = ['client/src', 'server/src', 'shared/src'].flatMap((dir) => sourceFiles(join(root, dir)));
    const code = files.map((file) => readFileSync(file, 'utf8')).join('\n');
    // Keys the code builds: `kind.${kind}` counts every key under `kind.` as used.
    const prefixes = [...code.matchAll(/`(?:[\w-]+:)?([\w.-]*\.)\$\{/g)].map((m) => m[1]!);
    const unused: string[] = [];
    for (const [namespace, source] of english) {
      for (const key of source.keys()) {
        const base = key.replace(PLURAL_SUFFIX, '');
        const quoted = new RegExp(`['"\`](?:${namespace}:)?${base.replace(/[.$]/g, '\\$&')}['"\`]`);
        if (quoted.test(code)) continue;
        if (prefixes.some((prefix) => base.startsWith(prefix))) continue;
        unused.push(`${namespace}:${key}`);
      }
    }
    expect(unused).toEqual([]);
  });

  it('has every key the code names with its namespace, in English', () => {
    const files = ['client/src', 'server/src', 'shared/src'].flatMap((dir) => sourceFiles(join(root, dir)));
    const namespaces = new Set<string>(NAMESPACES);
    const missing: string[] = [];
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/\bt\(\s*['"]([a-zA-Z]+):([\w.-]+)['"]/g)) {
        const [, namespace, key] = match as unknown as [string, string, string];
        if (!namespaces.has(namespace)) continue;
        const source = english.get(namespace as (typeof NAMESPACES)[number])!;
        if (source.has(key) || source.has(`${key}_one`) || source.has(`${key}_other`)) continue;
        missing.push(`${file.slice(root.length + 1)}: ${namespace}:${key}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
