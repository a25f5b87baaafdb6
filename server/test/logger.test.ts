import { describe, expect, it } from 'vitest';
import { consoleLogger, jsonLogger } from '../src/logger.ts';

describe('logs', () => {
  it('JSON lines: level, ISO time, message, fields; secrets replaced at the top level and one down', () => {
    const lines: string[] = [];
    const log = jsonLogger({ write: (s: string) => void lines.push(s) });
    log.warn('refused a document update', {
      map: 'map-1',
      password: 'hunter2 hunter2',
      request: { authorization: 'Bearer lm_secret', cookie: 'loopmap_session=abc', path: '/api/maps' },
    });
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(entry.level).toBe('warn');
    expect(entry.msg).toBe('refused a document update');
    expect(Number.isNaN(Date.parse(entry.time as string))).toBe(false);
    expect(entry.map).toBe('map-1');
    expect(entry.password).toBe('[Redacted]');
    expect(entry.request).toEqual({ authorization: '[Redacted]', cookie: '[Redacted]', path: '/api/maps' });
    expect(lines[0]).not.toMatch(/hunter2|lm_secret|abc/);
  });

  it('the readable format redacts top-level secrets too', () => {
    const written: string[] = [];
    const original = console.error;
    console.error = (s: string) => void written.push(s);
    try {
      consoleLogger.info('signed in', { user: 'u1', token: 'lm_secret' });
    } finally {
      console.error = original;
    }
    expect(written[0]).toContain('"user":"u1"');
    expect(written[0]).not.toContain('lm_secret');
  });
});
