import { describe, expect, it } from 'vitest';
import { isValidId, newEdgeId, newMapId, newNodeId, randomId } from '../src/index.ts';

describe('randomId', () => {
  it('gives 21 URL-safe characters that isValidId accepts', () => {
    for (const make of [randomId, newMapId, newNodeId, newEdgeId]) {
      const id = make();
      expect(id).toMatch(/^[A-Za-z0-9_-]{21}$/);
      expect(isValidId(id)).toBe(true);
    }
  });

  it('does not repeat over many draws', () => {
    const ids = new Set(Array.from({ length: 10_000 }, () => randomId()));
    expect(ids.size).toBe(10_000);
  });

  it('uses the whole 64-character alphabet', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 2_000; i++) for (const ch of randomId()) seen.add(ch);
    expect(seen.size).toBe(64);
  });
});

describe('isValidId', () => {
  it('accepts 1 to 64 URL-safe characters', () => {
    expect(isValidId('a')).toBe(true);
    expect(isValidId('A-z_09')).toBe(true);
    expect(isValidId('x'.repeat(64))).toBe(true);
  });

  it('rejects everything else', () => {
    for (const value of ['', 'x'.repeat(65), 'has space', 'slash/', 'dot.', 'é', '😀', 42, null, undefined, {}]) {
      expect(isValidId(value), String(value)).toBe(false);
    }
  });
});
