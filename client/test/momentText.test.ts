import { describe, expect, it } from 'vitest';
import { momentText } from '../src/pages/momentText.ts';

describe('momentText', () => {
  it('writes a moment as the version bar shows it', () => {
    expect(momentText('2026-03-12T14:05:00Z', 'UTC')).toBe('12 March 2026, 14:05');
    expect(momentText(Date.parse('2026-03-12T09:07:00Z'), 'UTC')).toBe('12 March 2026, 09:07');
    expect(momentText('not a date')).toBe('');
  });
});
