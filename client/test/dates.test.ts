import { describe, expect, it } from 'vitest';
import { dayText, momentText } from '../src/app/dates.ts';

describe('one way of writing dates', () => {
  it('writes a day as the locale’s date inputs do', () => {
    expect(dayText('2025-03-03', 'en-US')).toBe('03/03/2025');
    expect(dayText('2024-12-31', 'en-US')).toBe('12/31/2024');
    expect(dayText('2024-12-31', 'en-GB')).toBe('31/12/2024');
    expect(dayText('2024-12-31', 'de-DE')).toBe('31.12.2024');
  });

  it('keeps a stored calendar day on its day in every time zone', () => {
    expect(dayText('2024-12-31', 'en-GB', 'Pacific/Kiritimati')).toBe('31/12/2024');
    expect(dayText('2024-12-31', 'en-GB', 'America/Los_Angeles')).toBe('31/12/2024');
  });

  it('writes a moment’s day where the reader is, with the time', () => {
    const at = '2026-03-12T23:30:00Z';
    expect(dayText(at, 'en-GB', 'UTC')).toBe('12/03/2026');
    expect(dayText(at, 'en-GB', 'Asia/Tokyo')).toBe('13/03/2026');
    expect(momentText(at, 'en-GB', 'UTC')).toBe('12/03/2026, 23:30');
    expect(momentText(Date.parse('2026-03-12T09:07:00Z'), 'en-US', 'UTC')).toBe('03/12/2026, 9:07 AM');
  });

  it('leaves what is not a date as it is', () => {
    expect(dayText('not a day', 'en-GB')).toBe('not a day');
    expect(momentText('not a date')).toBe('');
  });
});
