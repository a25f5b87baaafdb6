import { describe, expect, it } from 'vitest';
import { LruCache } from '../src/history/LruCache.ts';

describe('LruCache', () => {
  it('drops the least recently used entries past its capacity', () => {
    const cache = new LruCache<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1); // a is now the most recent
    cache.set('c', 3);
    expect(cache.get('b')).toBeUndefined();
    expect([...cache.entries()].map(([k]) => k)).toEqual(['a', 'c']);
  });

  it('drops the oldest entries past its total weight, but keeps the newest even when it alone is heavier', () => {
    const cache = new LruCache<string, number[]>(48, (v) => v.length, 10);
    cache.set('small1', [1, 2, 3]);
    cache.set('small2', [1, 2, 3]);
    cache.set('small3', [1, 2, 3]);
    expect(cache.weight).toBe(9);
    cache.set('big', new Array(8).fill(0));
    // 9 + 8 > 10: the three small ones go, oldest first, until it fits or only `big` is left.
    expect([...cache.entries()].map(([k]) => k)).toEqual(['big']);
    expect(cache.weight).toBe(8);
    cache.set('huge', new Array(30).fill(0));
    expect([...cache.entries()].map(([k]) => k)).toEqual(['huge']);
    // Replacing a key does not count it twice.
    cache.set('huge', [1]);
    expect(cache.weight).toBe(1);
  });
});
