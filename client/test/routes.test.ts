import { describe, expect, it } from 'vitest';
import { mapPath, matchRoute } from '../src/app/routes.ts';
import { shiftCaret } from '../src/canvas/LiveLabelField.tsx';

describe('matchRoute', () => {
  it('maps paths to pages', () => {
    expect(matchRoute('/')).toEqual({ page: 'maps' });
    expect(matchRoute('/maps/abc_-1')).toEqual({ page: 'map', mapId: 'abc_-1' });
    expect(matchRoute('/maps/abc/')).toEqual({ page: 'map', mapId: 'abc' });
    expect(matchRoute('/maps/')).toEqual({ page: 'not-found', path: '/maps/' });
    expect(matchRoute('/elsewhere')).toEqual({ page: 'not-found', path: '/elsewhere' });
    expect(matchRoute('/maps/%E0%A4%A')).toEqual({ page: 'not-found', path: '/maps/%E0%A4%A' });
  });

  it('round-trips ids through mapPath', () => {
    expect(matchRoute(mapPath('a b'))).toEqual({ page: 'map', mapId: 'a b' });
  });
});

describe('shiftCaret', () => {
  it('keeps the caret in place when a peer edits after it, and shifts it for edits before it', () => {
    expect(shiftCaret('hello world', 'hello world!', 5)).toBe(5);
    expect(shiftCaret('hello world', 'oh hello world', 5)).toBe(8);
    expect(shiftCaret('hello world', 'world', 8)).toBe(2);
  });
});
