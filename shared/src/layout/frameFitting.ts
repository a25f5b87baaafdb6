import type { NodeId } from '../model/ids.ts';
import { MAX_GROUP_SIZE, MIN_GROUP_SIZE } from '../model/fields.ts';
import type { NodeView } from '../doc/layout.ts';
import type { Box } from './stackRanks.ts';

/** Room between a frame's edge and the cards inside it. */
export const FRAME_PADDING = 40;
/** More room at the top, where a frame shows its title. */
export const FRAME_TITLE_SPACE = 64;

export interface FrameBounds {
  id: NodeId;
  x: number;
  y: number;
  width: number;
  height: number;
}

const centreInside = (box: Box, frame: Box): boolean => {
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  return cx >= frame.x && cx <= frame.x + frame.width && cy >= frame.y && cy <= frame.y + frame.height;
};

/**
 * Whole units around [start, end], at least MIN_GROUP_SIZE (grown about the middle) and at most
 * MAX_GROUP_SIZE, as the document would clamp it anyway.
 */
function fitSpan(start: number, end: number): [number, number] {
  const from = Math.floor(start);
  const size = Math.ceil(end) - from;
  if (size < MIN_GROUP_SIZE) return [from - Math.floor((MIN_GROUP_SIZE - size) / 2), MIN_GROUP_SIZE];
  return [from, Math.min(size, MAX_GROUP_SIZE)];
}

/**
 * Pathway frames refitted around the cards whose centres were inside them before the layout,
 * for every frame that held at least one card that moved (the others are left alone). `before`
 * holds every card on the canvas; `after` the new boxes of the cards that moved.
 */
export function refitFrames(
  frames: readonly NodeView[],
  before: ReadonlyMap<string, Box>,
  after: ReadonlyMap<string, Box>,
): FrameBounds[] {
  const out: FrameBounds[] = [];
  for (const frame of frames) {
    const area: Box = { x: frame.x, y: frame.y, width: frame.width ?? 0, height: frame.height ?? 0 };
    const inside = [...before].filter(([, box]) => centreInside(box, area)).map(([id]) => id);
    if (!inside.some((id) => after.has(id))) continue;
    const boxes = inside.map((id) => after.get(id) ?? before.get(id)!);
    const left = Math.min(...boxes.map((box) => box.x)) - FRAME_PADDING;
    const top = Math.min(...boxes.map((box) => box.y)) - FRAME_TITLE_SPACE;
    const right = Math.max(...boxes.map((box) => box.x + box.width)) + FRAME_PADDING;
    const bottom = Math.max(...boxes.map((box) => box.y + box.height)) + FRAME_PADDING;
    const [x, width] = fitSpan(left, right);
    const [y, height] = fitSpan(top, bottom);
    out.push({ id: frame.id, x, y, width, height });
  }
  return out;
}
