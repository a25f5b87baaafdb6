import { describe, expect, it } from 'vitest';
import {
  CAPABILITY_KINDS,
  FIELDS_BY_KIND,
  MAX_FIELD_LENGTH,
  MAX_TAG_LENGTH,
  NODE_FIELDS,
  NODE_FIELD_KEYS,
  NODE_FIELD_LABELS,
  NODE_KINDS,
  isNodeFieldKey,
  localDate,
  normaliseTag,
  parseDate,
  tagKey,
} from '../src/index.ts';
import { isWellFormed } from './replicas.ts';

describe('field parsers', () => {
  it('parseDate accepts real days written YYYY-MM-DD, and nothing else', () => {
    for (const day of ['2025-01-01', '2024-02-29', '2025-12-31', '1999-07-04']) expect(parseDate(day)).toBe(day);
    for (const bad of [
      '2025-02-29',
      '2025-13-01',
      '2025-00-10',
      '2025-04-31',
      '2025-1-1',
      '01/02/2025',
      '2025-01-01T00:00',
      '',
      20250101,
      null,
    ]) {
      expect(parseDate(bad), String(bad)).toBeNull();
    }
  });

  it('a link must be http or https; javascript:, data:, other schemes and credentials are refused', () => {
    const url = NODE_FIELDS.url;
    expect(url.parse('https://example.org/report.pdf')).toBe('https://example.org/report.pdf');
    expect(url.parse('  http://example.org  ')).toBe('http://example.org');
    expect(url.parse('')).toBe('');
    for (const bad of [
      'javascript:alert(1)',
      'JAVASCRIPT:alert(1)',
      ' javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'ftp://example.org',
      'example.org',
      '//example.org',
      'https://user:pass@example.org',
      'https://exa mple.org',
      `https://example.org/${'x'.repeat(2000)}`,
      42,
    ]) {
      expect(url.parse(bad), String(bad)).toBeNull();
    }
  });

  it('a short text is kept on one line and cut to its length', () => {
    expect(NODE_FIELDS.source.parse('Club\r\nregister\tsurvey')).toBe('Club register survey');
    expect(NODE_FIELDS.source.parse('s'.repeat(MAX_FIELD_LENGTH + 1))).toHaveLength(MAX_FIELD_LENGTH);
    expect(NODE_FIELDS.unit.parse(7)).toBeNull();
  });

  it('a short text cut at its length never ends in half an emoji', () => {
    const cut = NODE_FIELDS.unit.parse(`${'a'.repeat(59)}😀`);
    expect(cut).toBe('a'.repeat(59));
    expect(isWellFormed(cut!)).toBe(true);
  });

  it('a choice is one of its values, exactly', () => {
    expect(NODE_FIELDS.status.parse('amber')).toBe('amber');
    expect(NODE_FIELDS.status.parse('Amber')).toBeNull();
    expect(NODE_FIELDS.status.parse(' amber')).toBeNull();
    expect(NODE_FIELDS.status.parse(1)).toBeNull();
  });

  it('every parser keeps what it gives back, so a value read once reads the same again', () => {
    const samples: unknown[] = [
      '  spaced  ',
      'a\nb',
      'x'.repeat(700),
      `${'a'.repeat(59)}😀`,
      'https://a.org',
      'green',
      '2025-01-01',
      '',
    ];
    for (const key of NODE_FIELD_KEYS) {
      for (const sample of samples) {
        const once = NODE_FIELDS[key].parse(sample);
        if (once !== null) expect(NODE_FIELDS[key].parse(once), `${key}: ${String(sample)}`).toBe(once);
      }
    }
  });
});

describe('tags', () => {
  it('normaliseTag folds space, trims, cuts to MAX_TAG_LENGTH, and gives null for an empty tag', () => {
    expect(normaliseTag('  youth \n\t employment  ')).toBe('youth employment');
    expect(normaliseTag('t'.repeat(MAX_TAG_LENGTH + 5))).toBe('t'.repeat(MAX_TAG_LENGTH));
    expect(normaliseTag(`${'t'.repeat(MAX_TAG_LENGTH - 1)} tail`)).toBe('t'.repeat(MAX_TAG_LENGTH - 1));
    expect(normaliseTag(' \n ')).toBeNull();
  });

  it('normaliseTag never ends in half an emoji', () => {
    const tag = normaliseTag(`${'t'.repeat(MAX_TAG_LENGTH - 1)}🌍`);
    expect(tag).toBe('t'.repeat(MAX_TAG_LENGTH - 1));
  });

  it('tagKey makes tags that differ only in case one tag', () => {
    expect(tagKey('Youth')).toBe(tagKey('youth'));
    expect(tagKey('YOUTH EMPLOYMENT')).toBe('youth employment');
    expect(tagKey('café')).not.toBe(tagKey('cafe'));
  });
});

describe('the field tables', () => {
  it('every kind lists its fields, every listed field exists and has a label', () => {
    expect(Object.keys(FIELDS_BY_KIND).sort()).toEqual([...NODE_KINDS].sort());
    for (const kind of NODE_KINDS) {
      for (const key of FIELDS_BY_KIND[kind]) expect(isNodeFieldKey(key), `${kind}.${key}`).toBe(true);
    }
    expect(Object.keys(NODE_FIELD_LABELS).sort()).toEqual([...NODE_FIELD_KEYS].sort());
    expect(isNodeFieldKey('toString')).toBe(false);
    expect(CAPABILITY_KINDS).toEqual(['outcome']);
  });
});

describe('localDate', () => {
  it('gives the local calendar day as YYYY-MM-DD', () => {
    expect(localDate(new Date(2025, 0, 5, 23, 59))).toBe('2025-01-05');
    expect(localDate(new Date(2024, 11, 31, 0, 0))).toBe('2024-12-31');
  });
});
