/**
 * The geometry of an indicator's trend: its readings as a line over time, with the baseline and
 * the target as horizontal lines, all on one scale. Readings are free text in the document
 * ("45%", "1,200", "12,5 km"), so only those that start with a number are drawn.
 */

/**
 * The number a reading starts with, or null. Understands "1,250" and "1,250.5" (thousands
 * separators), "12,5" (a decimal comma), "1.250,5" (both, the other way round), a leading
 * currency or "~", and anything after the number ("45 %", "12 people").
 */
export function parseReadingNumber(value: string | null): number | null {
  if (value === null) return null;
  const match = /^[^\d+\-−]{0,4}([+\-−]?)(\d[\d.,]*)/.exec(value.trim());
  if (!match) return null;
  const sign = match[1] === '' || match[1] === '+' ? 1 : -1;
  const token = (match[2] ?? '').replace(/[.,]+$/, '');
  let normal: string | null = null;
  if (/^\d+(\.\d+)?$/.test(token)) normal = token;
  else if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(token)) normal = token.replace(/,/g, '');
  else if (/^\d+,\d+$/.test(token)) normal = token.replace(',', '.');
  else if (/^\d{1,3}(\.\d{3})+,\d+$/.test(token) || /^\d{1,3}(\.\d{3}){2,}$/.test(token)) {
    normal = token.replace(/\./g, '').replace(',', '.');
  }
  if (normal === null) return null;
  const number = sign * Number(normal);
  return Number.isFinite(number) ? number : null;
}

export interface SparklineSize {
  width: number;
  height: number;
  /** Room kept around the drawing, so dots at the edges are not cut. */
  padding: number;
}

export interface SparklinePoint {
  x: number;
  y: number;
  value: number;
  date: string;
}

export interface SparklineGeometry {
  points: SparklinePoint[];
  /** The polyline through the points, as an SVG path. */
  path: string;
  baselineY: number | null;
  targetY: number | null;
  /** The scale's ends (values, baseline and target all fit). */
  min: number;
  max: number;
}

const DAY_MS = 86_400_000;
const dayNumber = (date: string): number => Date.parse(`${date}T00:00:00Z`) / DAY_MS;

/**
 * Lays readings (oldest first) out in a box: x by date when they span more than one day (so a
 * gap in monitoring shows as a gap), evenly otherwise; y on a scale that holds every reading, the
 * baseline and the target, larger values higher. Null when no reading is a number.
 */
export function sparklineGeometry(
  readings: readonly { date: string; value: string }[],
  baseline: string | null,
  target: string | null,
  size: SparklineSize,
): SparklineGeometry | null {
  const numeric = readings
    .map((reading) => ({ date: reading.date, value: parseReadingNumber(reading.value) }))
    .filter((reading): reading is { date: string; value: number } => reading.value !== null);
  if (numeric.length === 0) return null;
  const baselineValue = parseReadingNumber(baseline);
  const targetValue = parseReadingNumber(target);
  const scale = [...numeric.map((reading) => reading.value)];
  if (baselineValue !== null) scale.push(baselineValue);
  if (targetValue !== null) scale.push(targetValue);
  let min = Math.min(...scale);
  let max = Math.max(...scale);
  if (min === max) {
    // One value: draw it in the middle rather than divide by zero.
    const spread = Math.abs(min) > 0 ? Math.abs(min) * 0.1 : 1;
    min -= spread;
    max += spread;
  }
  const innerWidth = size.width - 2 * size.padding;
  const innerHeight = size.height - 2 * size.padding;
  const yOf = (value: number): number => size.padding + ((max - value) / (max - min)) * innerHeight;
  const days = numeric.map((reading) => dayNumber(reading.date));
  const first = Math.min(...days);
  const span = Math.max(...days) - first;
  const xOf = (index: number): number => {
    if (numeric.length === 1) return size.padding + innerWidth / 2;
    const share = span > 0 ? (days[index]! - first) / span : index / (numeric.length - 1);
    return size.padding + share * innerWidth;
  };
  const round = (n: number): number => Math.round(n * 100) / 100;
  const points = numeric.map((reading, index) => ({
    x: round(xOf(index)),
    y: round(yOf(reading.value)),
    value: reading.value,
    date: reading.date,
  }));
  return {
    points,
    path: points.map((point, index) => `${index === 0 ? 'M' : 'L'}${point.x} ${point.y}`).join(' '),
    baselineY: baselineValue === null ? null : round(yOf(baselineValue)),
    targetY: targetValue === null ? null : round(yOf(targetValue)),
    min,
    max,
  };
}
