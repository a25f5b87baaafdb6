import * as Y from 'yjs';
import { DEFAULT_GROUP_SIZE, LANE_ORDER, getNodes, type Level, type PlacedCard, type Rect } from '@loopmap/shared';
import { CARD_HEIGHT, CARD_WIDTH, type CardNode, type LinkEdge } from './toFlow.ts';

/**
 * What placeNewCard needs to know about the canvas, read from the flow store, the document and the
 * DOM: the cards' boxes (measured where React Flow has measured them), their levels, and the link
 * labels' boxes.
 *
 * Label boxes are MEASURED from the DOM where labels are drawn, not computed: where a label sits
 * and how big it is belong to the link view (its placement along the link, its ellipsis, its
 * relation line), and measuring keeps placement right whatever that view does. With
 * onlyRenderVisibleElements, React Flow draws only the links whose two cards' box meets the view;
 * for the others (the search may go outside the view) a box is estimated at the middle of the link.
 */

/** The level stored on a card, or null. */
function storedLevel(doc: Y.Doc, id: string): Level | null {
  const record = getNodes(doc).get(id);
  const level = record instanceof Y.Map ? record.get('level') : null;
  return (LANE_ORDER as readonly unknown[]).includes(level) ? (level as Level) : null;
}

export function sizeOf(node: CardNode): { width: number; height: number } {
  const fallback = node.data.kind === 'group' ? DEFAULT_GROUP_SIZE : { width: CARD_WIDTH, height: CARD_HEIGHT };
  return {
    width: node.measured?.width || (node.data.width ?? fallback.width),
    height: node.measured?.height || (node.data.height ?? fallback.height),
  };
}

/** Every card drawn on the canvas (frames too: a new card must not land inside one unasked). */
export function placementCards(nodes: readonly CardNode[], doc: Y.Doc): PlacedCard[] {
  return nodes.map((node) => ({
    id: node.id,
    kind: node.data.kind,
    level: storedLevel(doc, node.id),
    x: node.position.x,
    y: node.position.y,
    ...sizeOf(node),
  }));
}

/** The flow-space boxes of the link labels in the DOM under `root` (React Flow's container). */
export function measuredLabelBoxes(root: HTMLElement, transform: readonly [number, number, number]): Rect[] {
  const [tx, ty, zoom] = transform;
  const origin = root.getBoundingClientRect();
  return Array.from(root.querySelectorAll<HTMLElement>('.link__label')).map((label) => {
    const box = label.getBoundingClientRect();
    return {
      x: (box.left - origin.left - tx) / zoom,
      y: (box.top - origin.top - ty) / zoom,
      width: box.width / zoom,
      height: box.height / zoom,
    };
  });
}

/** The link label styles (canvas.css): 12 px text, at most 200 px wide, 8 px of padding. */
const LABEL_MAX_WIDTH = 200;
const CHAR_WIDTH = 6.5;
const LINE_HEIGHT = 16;
const LABEL_PADDING = 8;

const intersects = (a: Rect, b: Rect): boolean =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/**
 * Estimated boxes for the labels of links React Flow does not draw (the box around their two
 * cards is outside `view`): centred between the two cards, sized from the rationale's length.
 */
export function estimatedLabelBoxes(nodes: readonly CardNode[], edges: readonly LinkEdge[], view: Rect): Rect[] {
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const out: Rect[] = [];
  for (const edge of edges) {
    const source = byId.get(edge.source);
    const target = byId.get(edge.target);
    const data = edge.data;
    if (!source || !target || !data) continue;
    const hasLabel = data.label !== '' || data.relation !== null || data.status !== 'hypothesised' || data.attached;
    if (!hasLabel) continue;
    const a = { ...source.position, ...sizeOf(source) };
    const b = { ...target.position, ...sizeOf(target) };
    const around = {
      x: Math.min(a.x, b.x),
      y: Math.min(a.y, b.y),
      width: Math.max(a.x + a.width, b.x + b.width) - Math.min(a.x, b.x),
      height: Math.max(a.y + a.height, b.y + b.height) - Math.min(a.y, b.y),
    };
    if (intersects(around, view)) continue;
    const textWidth = Math.max(data.label.length, 12) * CHAR_WIDTH;
    const width = Math.min(LABEL_MAX_WIDTH, textWidth + 2 * LABEL_PADDING);
    const lines = Math.max(1, Math.ceil(textWidth / (LABEL_MAX_WIDTH - 2 * LABEL_PADDING))) + (data.relation ? 1 : 0);
    const height = lines * LINE_HEIGHT + LABEL_PADDING;
    const cx = (a.x + a.width / 2 + b.x + b.width / 2) / 2;
    const cy = (a.y + a.height / 2 + b.y + b.height / 2) / 2;
    out.push({ x: cx - width / 2, y: cy - height / 2, width, height });
  }
  return out;
}

/**
 * The size a new card of `kind` will have: kinds are drawn at different widths (an impact is
 * wider than a note), so the largest measured card of the kind, else the usual card size.
 */
export function newCardSize(
  nodes: readonly CardNode[],
  kind: CardNode['data']['kind'],
): { width: number; height: number } {
  if (kind === 'group') return DEFAULT_GROUP_SIZE;
  let width = 0;
  let height = 0;
  for (const node of nodes) {
    if (node.data.kind !== kind || !node.measured?.width || !node.measured.height) continue;
    width = Math.max(width, node.measured.width);
    height = Math.max(height, node.measured.height);
  }
  return width > 0 ? { width, height } : { width: CARD_WIDTH, height: CARD_HEIGHT };
}
