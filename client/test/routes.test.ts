import { describe, expect, it } from 'vitest';
import { authPath, mapPath, matchRoute, safeNext } from '../src/app/routes.ts';
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

  it('maps the account pages and invite links', () => {
    expect(matchRoute('/signin')).toEqual({ page: 'signin' });
    expect(matchRoute('/signup/')).toEqual({ page: 'signup' });
    expect(matchRoute('/account')).toEqual({ page: 'account' });
    expect(matchRoute('/invite/abc123')).toEqual({ page: 'invite', token: 'abc123' });
    expect(matchRoute('/invite/')).toEqual({ page: 'not-found', path: '/invite/' });
  });

  it('maps the shared-forward digest of a map', () => {
    expect(matchRoute('/maps/abc/digest')).toEqual({ page: 'digest', mapId: 'abc' });
    expect(matchRoute('/maps/a%20b/digest/')).toEqual({ page: 'digest', mapId: 'a b' });
    expect(matchRoute('/maps/abc/other')).toEqual({ page: 'not-found', path: '/maps/abc/other' });
  });

  it('round-trips ids through mapPath', () => {
    expect(matchRoute(mapPath('a b'))).toEqual({ page: 'map', mapId: 'a b' });
  });
});

describe('safeNext and authPath', () => {
  it('only ever sends back to a path on this site, never to the sign-in pages', () => {
    expect(safeNext('/maps/abc?x=1')).toBe('/maps/abc?x=1');
    expect(safeNext('/invite/tok')).toBe('/invite/tok');
    expect(safeNext(null)).toBe('/');
    expect(safeNext('https://evil.example/')).toBe('/');
    expect(safeNext('//evil.example/maps')).toBe('/');
    expect(safeNext('/\\evil.example')).toBe('/');
    expect(safeNext('/signin?next=/maps/a')).toBe('/');
  });

  it('carries next only when there is somewhere to return to', () => {
    expect(authPath('signin', '/maps/a b')).toBe('/signin?next=%2Fmaps%2Fa%20b');
    expect(authPath('signup', '/')).toBe('/signup');
    expect(authPath('signin', null)).toBe('/signin');
  });
});

describe('shiftCaret', () => {
  it('keeps the caret in place when a peer edits after it, and shifts it for edits before it', () => {
    expect(shiftCaret('hello world', 'hello world!', 5)).toBe(5);
    expect(shiftCaret('hello world', 'oh hello world', 5)).toBe(8);
    expect(shiftCaret('hello world', 'world', 8)).toBe(2);
  });
});
