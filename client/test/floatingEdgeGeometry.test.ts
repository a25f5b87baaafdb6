import { describe, expect, it } from 'vitest';
import { Position } from '@xyflow/react';
import { borderPoint, floatingEnds } from '../src/canvas/floatingEdgeGeometry.ts';

const box = (x: number, y: number) => ({ x, y, width: 200, height: 80 });

describe('floating link ends', () => {
  it('leaves a card on the side facing the other card', () => {
    expect(floatingEnds(box(0, 0), box(400, 0))).toMatchObject({
      sourceX: 200,
      sourceY: 40,
      sourcePosition: Position.Right,
      targetX: 400,
      targetY: 40,
      targetPosition: Position.Left,
    });
    expect(floatingEnds(box(0, 300), box(0, 0))).toMatchObject({
      sourceX: 100,
      sourceY: 300,
      sourcePosition: Position.Top,
      targetPosition: Position.Bottom,
    });
  });

  it('stays on the border for diagonal neighbours, and is defined for overlapping centres', () => {
    const point = borderPoint(box(0, 0), box(300, 300));
    expect(point.y).toBe(80);
    expect(point.x).toBeGreaterThan(100);
    expect(point.x).toBeLessThanOrEqual(200);
    expect(borderPoint(box(0, 0), box(0, 0))).toEqual({ x: 100, y: 40 });
  });
});
