import { describe, expect, it } from 'vitest';
import { parseReadingNumber, sparklineGeometry } from '../src/panels/fields/sparkline.ts';

const size = { width: 100, height: 50, padding: 5 };

describe('parseReadingNumber', () => {
  it('reads the number a reading starts with, in the ways people write them', () => {
    expect(parseReadingNumber('45')).toBe(45);
    expect(parseReadingNumber('45%')).toBe(45);
    expect(parseReadingNumber('12 people')).toBe(12);
    expect(parseReadingNumber('1,250')).toBe(1250);
    expect(parseReadingNumber('1,250.5')).toBe(1250.5);
    expect(parseReadingNumber('12,5 km')).toBe(12.5);
    expect(parseReadingNumber('1.250,5')).toBe(1250.5);
    expect(parseReadingNumber('€1,200')).toBe(1200);
    expect(parseReadingNumber('-3')).toBe(-3);
    expect(parseReadingNumber('0.75')).toBe(0.75);
  });

  it('gives null for readings that are not numbers', () => {
    expect(parseReadingNumber('most peers')).toBeNull();
    expect(parseReadingNumber('')).toBeNull();
    expect(parseReadingNumber(null)).toBeNull();
    expect(parseReadingNumber('1,2,3')).toBeNull();
  });
});

describe('sparklineGeometry', () => {
  it('puts readings on one scale with the baseline and target, larger values higher', () => {
    const geometry = sparklineGeometry(
      [
        { date: '2025-01-01', value: '20' },
        { date: '2025-07-01', value: '30' },
      ],
      '10',
      '50',
      size,
    )!;
    expect(geometry.min).toBe(10);
    expect(geometry.max).toBe(50);
    // The target is the top of the drawing, the baseline its bottom.
    expect(geometry.targetY).toBe(5);
    expect(geometry.baselineY).toBe(45);
    expect(geometry.points.map((point) => point.y)).toEqual([35, 25]);
    expect(geometry.points.map((point) => point.x)).toEqual([5, 95]);
    expect(geometry.path).toBe('M5 35 L95 25');
  });

  it('spaces readings by date, so a gap in monitoring shows', () => {
    const geometry = sparklineGeometry(
      [
        { date: '2025-01-01', value: '1' },
        { date: '2025-01-11', value: '2' },
        { date: '2025-04-11', value: '3' },
      ],
      null,
      null,
      size,
    )!;
    expect(geometry.points.map((point) => point.x)).toEqual([5, 14, 95]);
  });

  it('spaces same-day readings evenly, centres a single reading, and skips non-numbers', () => {
    const same = sparklineGeometry(
      [
        { date: '2025-01-01', value: '1' },
        { date: '2025-01-01', value: 'n/a' },
        { date: '2025-01-01', value: '2' },
      ],
      null,
      null,
      size,
    )!;
    expect(same.points.map((point) => point.x)).toEqual([5, 95]);
    const one = sparklineGeometry([{ date: '2025-01-01', value: '7' }], null, null, size)!;
    expect(one.points[0]).toMatchObject({ x: 50, y: 25, value: 7 });
  });

  it('draws nothing when no reading is a number', () => {
    expect(sparklineGeometry([], '1', '2', size)).toBeNull();
    expect(sparklineGeometry([{ date: '2025-01-01', value: 'many' }], null, null, size)).toBeNull();
  });
});
