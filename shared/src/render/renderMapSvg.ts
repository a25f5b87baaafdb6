import { mapGraphOf } from '../analysis/mapGraphOf.ts';
import { cardFacts } from '../analysis/cardFacts.ts';
import { standsOnCanvas } from '../analysis/graph.ts';
import type { EdgeView, NodeView } from '../doc/layout.ts';
import { LINK_RELATIONS, type LinkRelation } from '../model/fields.ts';
import { NODE_KINDS, type NodeKind } from '../model/kinds.ts';
import type { Translate } from '../i18n/languages.ts';
import { domainWords, localeOf, type DomainWords } from '../export/documentWords.ts';
import { LANE_ORDER } from '../model/lanes.ts';
import type { MapJSON } from '../model/mapJson.ts';
import { currentAssumptionState } from '../model/entries.ts';
import { CARD_CORNER, INK, KIND_COLORS, KIND_CORNER, KIND_GLYPHS, LINK_COLOR, RAG_COLORS, linkLook } from './look.ts';
import { fitWithEllipsis, wrapText, type ShapedLine, type TextShaper, type TextStyle } from './text.ts';
import { SvgCanvas } from './svgCanvas.ts';
import { escapeXml } from './xml.ts';
import { boundsOf } from '../layout/rects.ts';

export { escapeXml };

/**
 * A map as an SVG picture: every card with its kind's look and icon, links with their relation's
 * line and arrowhead, labels, lanes and the accountability ceiling, pathway frames, a legend of the
 * kinds and relations used, the title and the date. Pure (a shaper is handed in), deterministic
 * (the same map, options and fonts give the same bytes), and the one renderer behind every picture
 * Loopmap makes: SVG, PNG, the PDF's pages and the picture in Word reports.
 *
 * Text is drawn as glyph outlines (defined once, used by reference), shaped by the text engine, so
 * the picture needs no font on the machine that opens it; each card and link carries its full
 * text as an SVG <title>, so the picture stays searchable and readable by screen readers.
 */

export interface RenderOptions {
  shaper: TextShaper;
  /** The picture's words (kinds, legend, title of an untitled map), in the language of `t`. */
  t: Translate;
  /** Under the title: "Live map", a snapshot's name. */
  versionLabel?: string;
  /** Under the title, already written for people (e.g. "4 December 2026"). */
  dateText?: string;
  /** A white page, or nothing behind the map (PNG with transparency). */
  background?: 'white' | 'transparent';
  /** Leave out the title block and the legend (a picture inside a document that has its own). */
  bare?: boolean;
}

export interface RenderedMap {
  svg: string;
  width: number;
  height: number;
}

const CARD_WIDTH = 220;
const IMPACT_WIDTH = 260;
const MIN_CARD_HEIGHT = 84;
const PAD_X = 12;
const TITLE_STYLE: TextStyle = { size: 13.5, weight: 'regular' };
const IMPACT_TITLE_STYLE: TextStyle = { size: 15, weight: 'bold' };
const BADGE_STYLE: TextStyle = { size: 10.5, weight: 'bold' };
const FACTS_STYLE: TextStyle = { size: 11, weight: 'regular' };
const LINK_STYLE: TextStyle = { size: 11, weight: 'regular' };
const RELATION_STYLE: TextStyle = { size: 10, weight: 'bold' };
const LANE_STYLE: TextStyle = { size: 12, weight: 'bold' };
const FRAME_STYLE: TextStyle = { size: 13, weight: 'bold' };
const MAP_TITLE_STYLE: TextStyle = { size: 24, weight: 'bold' };
const SUBTITLE_STYLE: TextStyle = { size: 13, weight: 'regular' };
const LEGEND_STYLE: TextStyle = { size: 12, weight: 'regular' };
const LEGEND_HEAD_STYLE: TextStyle = { size: 12, weight: 'bold' };
const TITLE_LINES = 5;
const LINK_LABEL_WIDTH = 170;
const MARGIN = 40;

const round = (n: number): number => Math.round(n * 100) / 100;

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

interface CardLayout {
  node: NodeView;
  box: Box;
  titleStyle: TextStyle;
  titleLines: string[];
  facts: string | null;
  attached: string | null;
}

/** How a shape is painted. */
export interface PaintStyle {
  fill?: string;
  stroke?: string;
  strokeWidth?: number;
  dash?: string | null;
  /** Of the whole shape (fill and stroke). */
  opacity?: number;
  round?: boolean;
}

/**
 * Where a picture is drawn: an SVG document (svgCanvas below) or a PDF page (the server's
 * pdfkit canvas). The renderer lays a map out once and paints it through this interface.
 */
export interface PictureCanvas {
  path(d: string, style: PaintStyle): void;
  /** A shaped line, its left edge at `left` and its baseline at `baseline`. */
  text(line: ShapedLine, left: number, baseline: number, size: number, fill: string): void;
  /** Draws in a coordinate system moved to (x, y) and scaled. */
  transformed(x: number, y: number, scale: number, draw: () => void): void;
  /** A card, link or frame: SVG keeps it as a titled group for search and screen readers. */
  group(meta: { className: string; id?: string; kind?: string; title?: string }, draw: () => void): void;
}

class Painter {
  readonly words: DomainWords;
  constructor(
    readonly canvas: PictureCanvas,
    readonly shaper: TextShaper,
    readonly t: Translate,
  ) {
    this.words = domainWords(t);
  }

  path(d: string, style: PaintStyle): void {
    this.canvas.path(d, style);
  }

  /**
   * One line of text, its baseline at y; `x` is its left edge, or its right edge for
   * right-to-left text when `width` is given (text reads from the side it starts on).
   */
  text(
    line: string,
    x: number,
    y: number,
    style: TextStyle,
    fill: string,
    options: { width?: number; align?: 'start' | 'middle' } = {},
  ): number {
    const shaped = this.shaper.shape(line, style);
    if (shaped.glyphs.length === 0) return 0;
    let left = x;
    if (options.align === 'middle') left = x - shaped.width / 2;
    else if (shaped.rtl && options.width !== undefined) left = x + options.width - shaped.width;
    this.canvas.text(shaped, left, y, style.size, fill);
    return shaped.width;
  }
}

const circlePath = (cx: number, cy: number, r: number): string =>
  `M${round(cx - r)} ${round(cy)}a${r} ${r} 0 1 0 ${2 * r} 0a${r} ${r} 0 1 0 ${-2 * r} 0Z`;

/** A kind's icon at (x, y), `size` px square, in `color`. */
function kindIcon(painter: Painter, kind: NodeKind, x: number, y: number, size: number, color: string): void {
  painter.canvas.transformed(x, y, size / 16, () => {
    for (const part of KIND_GLYPHS[kind]) {
      const line: PaintStyle = { stroke: color, strokeWidth: 1.5, round: true };
      if ('path' in part) painter.path(part.path, line);
      else if ('circle' in part) {
        const [cx, cy, r] = part.circle;
        painter.path(circlePath(cx, cy, r), part.filled ? { fill: color } : line);
      } else {
        const [rx, ry, w, h, radius] = part.rect;
        painter.path(roundedRect(rx, ry, w, h, radius, radius), { ...line, dash: part.dash });
      }
    }
  });
}

/** The tint of a kind's colour on white (badges, frames): `share` of the colour. */
function tint(hex: string, share: number): string {
  const channel = (i: number): number => parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16);
  const mix = (i: number): string =>
    Math.round(channel(i) * share + 255 * (1 - share))
      .toString(16)
      .padStart(2, '0');
  return `#${mix(0)}${mix(1)}${mix(2)}`;
}

function attachedSummary(t: Translate, attached: readonly NodeView[]): string | null {
  if (attached.length === 0) return null;
  const counts = new Map<NodeKind, number>();
  for (const node of attached) counts.set(node.kind, (counts.get(node.kind) ?? 0) + 1);
  return [...counts]
    .map(([kind, count]) =>
      t(`exports:picture.attached.${kind}`, { count, defaultValue: `${count} ${domainWords(t).kind(kind)}` }),
    )
    .join(' · ');
}

function layoutCard(shaper: TextShaper, t: Translate, node: NodeView, attached: readonly NodeView[]): CardLayout {
  const width = node.kind === 'impact' ? IMPACT_WIDTH : CARD_WIDTH;
  const titleStyle = node.kind === 'impact' ? IMPACT_TITLE_STYLE : TITLE_STYLE;
  const inner = width - 2 * PAD_X;
  const label = node.label.trim() === '' ? t('exports:picture.noTitle') : node.label;
  const titleLines = wrapText(shaper, label, titleStyle, inner, TITLE_LINES);
  const state = node.kind === 'assumption' ? currentAssumptionState(node.reviews) : null;
  const factsText = [state ? domainWords(t).assumptionState(state.status) : null, cardFacts(node, t) || null]
    .filter((part): part is string => part !== null)
    .join(' · ');
  const facts = factsText ? fitWithEllipsis(shaper, factsText, FACTS_STYLE, inner) : null;
  const summary = attachedSummary(t, attached);
  const attachedLine = summary ? fitWithEllipsis(shaper, summary, FACTS_STYLE, inner) : null;
  const lineHeight = titleStyle.size * 1.4;
  const top = node.kind === 'impact' ? 6 : 4;
  const height = Math.max(
    MIN_CARD_HEIGHT,
    top + 8 + 20 + 6 + titleLines.length * lineHeight + (facts ? 16 : 0) + (attachedLine ? 16 : 0) + 10,
  );
  return {
    node,
    box: { x: node.x, y: node.y, width, height },
    titleStyle,
    titleLines,
    facts,
    attached: attachedLine,
  };
}

function drawCard(painter: Painter, card: CardLayout): void {
  const { node, box } = card;
  const color = KIND_COLORS[node.kind];
  const radius = KIND_CORNER[node.kind] ?? CARD_CORNER;
  const top = node.kind === 'impact' ? 6 : 4;
  const kind = painter.words.kind(node.kind);
  const title = `${kind}: ${node.label}`;
  painter.canvas.group({ className: 'card', kind: node.kind, id: node.id, title }, () => {
    const outline = roundedRect(box.x, box.y, box.width, box.height, radius, radius);
    painter.path(roundedRect(box.x, box.y + 2, box.width, box.height, radius, radius), {
      fill: '#101828',
      opacity: 0.06,
    });
    // The kind's colour shows as the card's top edge: a coloured card, its paper laid over it.
    const paper = node.kind === 'impact' ? tint(color, 0.07) : INK.paper;
    painter.path(outline, { fill: color });
    painter.path(
      roundedRect(box.x + 1, box.y + top, box.width - 2, box.height - top - 1, Math.max(radius - top, 1), radius - 1),
      { fill: paper },
    );
    painter.path(outline, { stroke: tint(color, 0.3), strokeWidth: 1 });
    // The badge: icon and kind, in a tinted pill.
    const badgeText = kind.toLocaleUpperCase(localeOf(painter.t));
    const badgeTextWidth = painter.shaper.shape(badgeText, BADGE_STYLE).width;
    const badgeY = box.y + top + 7;
    const badgeWidth = 5 + 12 + 4 + badgeTextWidth + 7;
    painter.path(roundedRect(box.x + PAD_X - 2, badgeY, badgeWidth, 18, 9, 9), { fill: tint(color, 0.12) });
    kindIcon(painter, node.kind, box.x + PAD_X + 3, badgeY + 3, 12, color);
    painter.text(badgeText, box.x + PAD_X + 19, badgeY + 13, BADGE_STYLE, color);
    if (node.fields.status) {
      const status = node.fields.status;
      painter.canvas.group(
        { className: 'status', title: painter.t('exports:picture.status', { status: painter.words.rag(status) }) },
        () =>
          painter.path(circlePath(box.x + box.width - PAD_X - 5, badgeY + 9, 5.5), {
            fill: RAG_COLORS[status],
            stroke: '#ffffff',
            strokeWidth: 2,
          }),
      );
    }
    const lineHeight = card.titleStyle.size * 1.4;
    let y = badgeY + 18 + 6 + card.titleStyle.size * 1.05;
    const inner = box.width - 2 * PAD_X;
    const ink = node.label.trim() === '' ? INK.faint : INK.text;
    for (const line of card.titleLines) {
      painter.text(line, box.x + PAD_X, y, card.titleStyle, ink, { width: inner });
      y += lineHeight;
    }
    y += 16 - lineHeight + 2;
    if (card.facts) {
      y += 2;
      painter.text(card.facts, box.x + PAD_X, y, FACTS_STYLE, INK.muted, { width: inner });
      y += 16;
    }
    if (card.attached) {
      painter.text(card.attached, box.x + PAD_X, y + (card.facts ? 0 : 2), FACTS_STYLE, INK.muted, { width: inner });
    }
  });
}

function drawFrame(painter: Painter, node: NodeView): void {
  const width = node.width ?? 560;
  const height = node.height ?? 360;
  const color = KIND_COLORS.group;
  const frameTitle = painter.t('exports:picture.frame', { title: node.label });
  painter.canvas.group({ className: 'frame', id: node.id, title: frameTitle }, () => {
    painter.path(roundedRect(node.x, node.y, width, height, 14, 14), {
      fill: tint(color, 0.05),
      stroke: color,
      strokeWidth: 1.5,
      dash: '8 6',
    });
    const label = fitWithEllipsis(
      painter.shaper,
      node.label || painter.t('exports:picture.pathway'),
      FRAME_STYLE,
      width - 28,
    );
    painter.text(label, node.x + 14, node.y + 24, FRAME_STYLE, color, { width: width - 28 });
  });
}

/** A rectangle's outline with one radius for the top corners and another for the bottom ones. */
function roundedRect(x: number, y: number, w: number, h: number, top: number, bottom: number): string {
  const t = Math.min(top, w / 2, h / 2);
  const b = Math.min(bottom, w / 2, h / 2);
  return (
    `M${round(x + t)} ${round(y)}H${round(x + w - t)}A${t} ${t} 0 0 1 ${round(x + w)} ${round(y + t)}` +
    `V${round(y + h - b)}A${b} ${b} 0 0 1 ${round(x + w - b)} ${round(y + h)}H${round(x + b)}` +
    `A${b} ${b} 0 0 1 ${round(x)} ${round(y + h - b)}V${round(y + t)}A${t} ${t} 0 0 1 ${round(x + t)} ${round(y)}Z`
  );
}

interface Point {
  x: number;
  y: number;
}
type Side = 'left' | 'right' | 'top' | 'bottom';
const NORMAL: Record<Side, Point> = {
  left: { x: -1, y: 0 },
  right: { x: 1, y: 0 },
  top: { x: 0, y: -1 },
  bottom: { x: 0, y: 1 },
};

const centre = (box: Box): Point => ({ x: box.x + box.width / 2, y: box.y + box.height / 2 });

/** Where the line from a box's centre towards `towards` leaves the box, and on which side. */
function borderPoint(box: Box, towards: Point): { point: Point; side: Side } {
  const c = centre(box);
  const dx = towards.x - c.x;
  const dy = towards.y - c.y;
  if (dx === 0 && dy === 0) return { point: { x: box.x + box.width, y: c.y }, side: 'right' };
  const sx = dx === 0 ? Infinity : box.width / 2 / Math.abs(dx);
  const sy = dy === 0 ? Infinity : box.height / 2 / Math.abs(dy);
  const s = Math.min(sx, sy);
  const point = { x: c.x + dx * s, y: c.y + dy * s };
  const side: Side = sx < sy ? (dx > 0 ? 'right' : 'left') : dy > 0 ? 'bottom' : 'top';
  return { point, side };
}

/** How far a link's curve leaves its card before bending (as React Flow's bezier links do). */
function controlOffset(distance: number): number {
  return distance >= 0 ? 0.5 * distance : 0.25 * 25 * Math.sqrt(-distance);
}

function arrowHead(tip: Point, side: Side, length = 10, halfWidth = 5): string {
  const n = NORMAL[side];
  // Travel arrives against the side's outward normal.
  const base = { x: tip.x + n.x * length, y: tip.y + n.y * length };
  const p = { x: -n.y * halfWidth, y: n.x * halfWidth };
  return `M${round(tip.x)} ${round(tip.y)}L${round(base.x + p.x)} ${round(base.y + p.y)}L${round(base.x - p.x)} ${round(base.y - p.y)}Z`;
}

function barHead(tip: Point, side: Side): string {
  const n = NORMAL[side];
  const at = { x: tip.x + n.x * 3, y: tip.y + n.y * 3 };
  return n.x !== 0
    ? `M${round(at.x)} ${round(at.y - 7)}L${round(at.x)} ${round(at.y + 7)}`
    : `M${round(at.x - 7)} ${round(at.y)}L${round(at.x + 7)} ${round(at.y)}`;
}

interface LinkLayout {
  edge: EdgeView;
  path: string;
  source: { point: Point; side: Side };
  target: { point: Point; side: Side };
  label: Point;
}

function layoutLink(edge: EdgeView, from: Box, to: Box, twin: boolean): LinkLayout {
  const source = borderPoint(from, centre(to));
  const target = borderPoint(to, centre(from));
  if (twin) {
    // A link with a twin running the other way moves to its own right, so the two stand apart.
    const dx = target.point.x - source.point.x;
    const dy = target.point.y - source.point.y;
    const length = Math.hypot(dx, dy) || 1;
    const shift = { x: (-dy / length) * 10, y: (dx / length) * 10 };
    for (const end of [source, target]) end.point = { x: end.point.x + shift.x, y: end.point.y + shift.y };
  }
  const s = source.point;
  const t = target.point;
  const ns = NORMAL[source.side];
  const nt = NORMAL[target.side];
  const cs = controlOffset((t.x - s.x) * ns.x + (t.y - s.y) * ns.y);
  const ct = controlOffset((s.x - t.x) * nt.x + (s.y - t.y) * nt.y);
  const c1 = { x: s.x + ns.x * cs, y: s.y + ns.y * cs };
  const c2 = { x: t.x + nt.x * ct, y: t.y + nt.y * ct };
  // Twin links' labels would sit side by side at the middle: each moves towards its own target.
  const along = twin ? 0.2 : 0;
  const label = {
    x: (s.x + 3 * c1.x + 3 * c2.x + t.x) / 8 + (t.x - s.x) * along,
    y: (s.y + 3 * c1.y + 3 * c2.y + t.y) / 8 + (t.y - s.y) * along,
  };
  const path = `M${round(s.x)} ${round(s.y)}C${round(c1.x)} ${round(c1.y)} ${round(c2.x)} ${round(c2.y)} ${round(t.x)} ${round(t.y)}`;
  return { edge, path, source, target, label };
}

function drawLink(painter: Painter, link: LinkLayout): void {
  const { edge } = link;
  const look = linkLook(edge.relation);
  const width = edge.status === 'confirmed' ? Math.max(look.width, 2.6) : look.width;
  const opacity = edge.status === 'refuted' ? 0.45 : undefined;
  const title = [
    edge.relation ? painter.words.relation(edge.relation) : null,
    edge.status !== 'hypothesised' ? painter.words.linkStatus(edge.status) : null,
    edge.label || null,
  ]
    .filter(Boolean)
    .join(' — ');
  painter.canvas.group({ className: 'link', id: edge.id, title: title || undefined }, () => {
    painter.path(link.path, { stroke: look.stroke, strokeWidth: width, dash: look.dash, opacity, round: true });
    if (look.end === 'bar') {
      painter.path(barHead(link.target.point, link.target.side), { stroke: look.stroke, strokeWidth: 3, round: true });
    } else {
      painter.path(arrowHead(link.target.point, link.target.side), {
        fill: look.stroke,
        stroke: look.stroke,
        round: true,
      });
    }
    if (look.mutual) {
      painter.path(arrowHead(link.source.point, link.source.side), {
        fill: look.stroke,
        stroke: look.stroke,
        round: true,
      });
    }
  });
}

function drawLinkLabel(painter: Painter, link: LinkLayout): void {
  const { edge } = link;
  const relation = [
    edge.relation ? painter.words.relation(edge.relation) : null,
    edge.status !== 'hypothesised' ? painter.words.linkStatus(edge.status) : null,
  ]
    .filter(Boolean)
    .join(' · ');
  const lines = edge.label.trim() ? wrapText(painter.shaper, edge.label, LINK_STYLE, LINK_LABEL_WIDTH, 2) : [];
  if (!relation && lines.length === 0) return;
  const shaper = painter.shaper;
  const relationText = relation
    ? fitWithEllipsis(shaper, relation.toLocaleUpperCase(localeOf(painter.t)), RELATION_STYLE, LINK_LABEL_WIDTH)
    : '';
  const widths = [
    relationText ? shaper.shape(relationText, RELATION_STYLE).width : 0,
    ...lines.map((line) => shaper.shape(line, LINK_STYLE).width),
  ];
  const width = Math.max(...widths) + 14;
  const height = (relationText ? 14 : 0) + lines.length * 15 + 8;
  const x = link.label.x - width / 2;
  const y = link.label.y - height / 2;
  const look = linkLook(edge.relation);
  painter.path(roundedRect(x, y, width, height, 7, 7), { fill: '#ffffff', stroke: INK.rule, strokeWidth: 1 });
  let baseline = y + 4;
  if (relationText) {
    baseline += 11;
    painter.text(
      relationText,
      link.label.x,
      baseline,
      RELATION_STYLE,
      edge.relation ? (look.stroke === LINK_COLOR ? INK.muted : look.stroke) : INK.muted,
      { align: 'middle' },
    );
    baseline += 3;
  }
  for (const line of lines) {
    baseline += 13;
    painter.text(line, link.label.x, baseline, LINK_STYLE, INK.text, { align: 'middle' });
    baseline += 2;
  }
}

interface LegendItem {
  kind?: NodeKind;
  relation?: LinkRelation | null;
  label: string;
}

/** The legend's rows laid out to `width`: kinds used, then relations used. Returns its height. */
function drawLegend(
  painter: Painter,
  kinds: readonly NodeKind[],
  relations: readonly (LinkRelation | null)[],
  x: number,
  y: number,
  width: number,
): number {
  const rows: { head: string; items: LegendItem[] }[] = [];
  if (kinds.length > 0)
    rows.push({
      head: painter.t('exports:picture.legendCards'),
      items: kinds.map((kind) => ({ kind, label: painter.words.kind(kind) })),
    });
  if (relations.length > 0) {
    rows.push({
      head: painter.t('exports:picture.legendLinks'),
      items: relations.map((relation) => ({
        relation,
        label: relation ? painter.words.relation(relation) : painter.t('exports:picture.link'),
      })),
    });
  }
  let cursorY = y;
  for (const row of rows) {
    const headWidth = painter.text(row.head, x, cursorY + 14, LEGEND_HEAD_STYLE, INK.text) + 16;
    let cursorX = x + Math.max(headWidth, 56);
    for (const item of row.items) {
      const textWidth = painter.shaper.shape(item.label, LEGEND_STYLE).width;
      const itemWidth = (item.kind ? 20 : 40) + textWidth + 22;
      if (cursorX + itemWidth > x + width && cursorX > x + 56) {
        cursorX = x + 56;
        cursorY += 24;
      }
      if (item.kind) {
        kindIcon(painter, item.kind, cursorX, cursorY + 2, 14, KIND_COLORS[item.kind]);
        painter.text(item.label, cursorX + 20, cursorY + 14, LEGEND_STYLE, INK.text);
      } else {
        const look = linkLook(item.relation ?? null);
        const ly = cursorY + 10;
        painter.path(`M${round(cursorX)} ${round(ly)}h30`, {
          stroke: look.stroke,
          strokeWidth: look.width,
          dash: look.dash,
          round: true,
        });
        if (look.end === 'bar') {
          painter.path(barHead({ x: cursorX + 34, y: ly }, 'left'), {
            stroke: look.stroke,
            strokeWidth: 3,
            round: true,
          });
        } else {
          painter.path(arrowHead({ x: cursorX + 36, y: ly }, 'left', 8, 4), { fill: look.stroke });
        }
        painter.text(item.label, cursorX + 42, cursorY + 14, LEGEND_STYLE, INK.text);
      }
      cursorX += itemWidth;
    }
    cursorY += 30;
  }
  return cursorY - y;
}

/** A map laid out for drawing: its size, where it sits, and how to paint it on a canvas. */
export interface MapPicture {
  width: number;
  height: number;
  /** The top-left corner of the picture in the map's own coordinates. */
  originX: number;
  originY: number;
  paint(canvas: PictureCanvas): void;
}

/** A canvas that draws nothing: to measure what a drawing would take. */
const NOWHERE: PictureCanvas = {
  path: () => {},
  text: () => {},
  transformed: (_x, _y, _scale, draw) => draw(),
  group: (_meta, draw) => draw(),
};

/** Lays a map (live or any version) out as a picture. */
export function layoutMapPicture(map: MapJSON, options: RenderOptions): MapPicture {
  const { shaper } = options;
  const graph = mapGraphOf(map);
  const attachedTo = new Map<string, NodeView[]>();
  for (const node of graph.nodes) {
    if (node.attachedTo === null) continue;
    const list = attachedTo.get(node.attachedTo) ?? [];
    list.push(node);
    attachedTo.set(node.attachedTo, list);
  }
  const frames = graph.nodes.filter((node) => node.kind === 'group');
  const cards = graph.nodes
    .filter((node) => node.kind !== 'group' && standsOnCanvas(node))
    .map((node) => layoutCard(shaper, options.t, node, attachedTo.get(node.id) ?? []));
  const cardById = new Map(cards.map((card) => [card.node.id, card]));
  const pairs = new Set(graph.edges.map((edge) => `${edge.source}>${edge.target}`));
  const links = graph.edges.flatMap((edge) => {
    const from = cardById.get(edge.source);
    const to = cardById.get(edge.target);
    if (!from || !to || edge.source === edge.target) return [];
    return [layoutLink(edge, from.box, to.box, pairs.has(`${edge.target}>${edge.source}`))];
  });

  const frameBoxes = frames.map((node) => ({
    x: node.x,
    y: node.y,
    width: node.width ?? 560,
    height: node.height ?? 360,
  }));
  const content = boundsOf([...cards.map((card) => card.box), ...frameBoxes]) ?? {
    x: 0,
    y: 0,
    width: 400,
    height: 200,
  };
  const lanes = map.meta.kind === 'theory-of-change' ? map.meta.lanes : undefined;
  const ceilingY = map.meta.kind === 'theory-of-change' ? map.meta.ceilingY : undefined;
  let area: Box = { ...content };
  if (lanes) {
    const top = Math.min(area.y, lanes.bounds[0]);
    const bottom = Math.max(area.y + area.height, lanes.bounds[3]);
    area = { x: area.x - 130, y: top, width: area.width + 160, height: bottom - top };
  }
  if (ceilingY !== undefined) {
    const top = Math.min(area.y, ceilingY - 30);
    area = { ...area, y: top, height: Math.max(area.y + area.height, ceilingY + 10) - top };
  }

  const headerHeight = options.bare ? 0 : 84;
  const width = Math.max(Math.ceil(area.width + 2 * MARGIN), options.bare ? 0 : 640);
  const originX = area.x - MARGIN - (width - (area.width + 2 * MARGIN)) / 2;
  const originY = area.y - MARGIN - headerHeight;

  const mapHeight = Math.ceil(area.height + 2 * MARGIN + headerHeight);
  const kindsUsed = NODE_KINDS.filter((kind) => graph.nodes.some((node) => node.kind === kind));
  const relationsUsed = [null, ...LINK_RELATIONS].filter((relation) =>
    links.some((link) => link.edge.relation === relation),
  );
  const legendHeight = options.bare
    ? 0
    : drawLegend(new Painter(NOWHERE, shaper, options.t), kindsUsed, relationsUsed, 0, 0, width - 2 * MARGIN) + 16;
  const height = mapHeight + legendHeight;

  return {
    width,
    height,
    originX,
    originY,
    paint(canvas: PictureCanvas): void {
      const painter = new Painter(canvas, shaper, options.t);
      if (options.background !== 'transparent') {
        painter.path(roundedRect(originX, originY, width, height, 0, 0), { fill: '#ffffff' });
      }
      // Lanes and ceiling, under everything.
      if (lanes) {
        for (const [index, level] of LANE_ORDER.entries()) {
          const top = lanes.bounds[index]!;
          const bottom = lanes.bounds[index + 1]!;
          painter.path(roundedRect(area.x, top, area.width, bottom - top, 0, 0), {
            fill: index % 2 === 0 ? '#f6f7fb' : '#eef1f7',
          });
          painter.text(
            painter.words.level(level).toLocaleUpperCase(localeOf(options.t)),
            area.x + 14,
            top + 22,
            LANE_STYLE,
            INK.muted,
          );
        }
      }
      if (ceilingY !== undefined) {
        painter.path(`M${round(area.x)} ${round(ceilingY)}h${round(area.width)}`, {
          stroke: '#b45309',
          strokeWidth: 2,
          dash: '10 6',
        });
        const label = options.t('exports:picture.ceiling').toLocaleUpperCase(localeOf(options.t));
        const labelWidth = shaper.shape(label, LANE_STYLE).width;
        painter.text(label, area.x + area.width - labelWidth - 14, ceilingY - 8, LANE_STYLE, '#b45309');
      }
      for (const frame of frames) drawFrame(painter, frame);
      for (const link of links) drawLink(painter, link);
      for (const card of cards) drawCard(painter, card);
      for (const link of links) drawLinkLabel(painter, link);

      if (!options.bare) {
        const left = originX + MARGIN;
        painter.text(
          fitWithEllipsis(
            shaper,
            map.meta.title || options.t('exports:untitledMap'),
            MAP_TITLE_STYLE,
            width - 2 * MARGIN,
          ),
          left,
          originY + MARGIN + 18,
          MAP_TITLE_STYLE,
          INK.text,
          { width: width - 2 * MARGIN },
        );
        const subtitle = [domainWords(options.t).mapKind(map.meta.kind), options.versionLabel, options.dateText]
          .filter(Boolean)
          .join(' · ');
        painter.text(
          fitWithEllipsis(shaper, subtitle, SUBTITLE_STYLE, width - 2 * MARGIN),
          left,
          originY + MARGIN + 42,
          SUBTITLE_STYLE,
          INK.muted,
          { width: width - 2 * MARGIN },
        );
        const legendY = originY + mapHeight - MARGIN + 16;
        painter.path(`M${round(left)} ${round(legendY - 8)}h${round(width - 2 * MARGIN)}`, {
          stroke: INK.rule,
          strokeWidth: 1,
        });
        drawLegend(painter, kindsUsed, relationsUsed, left, legendY, width - 2 * MARGIN);
      }
    },
  };
}

/** Renders a map (live or any version) as a standalone SVG document. */
export function renderMapSvg(map: MapJSON, options: RenderOptions): RenderedMap {
  const picture = layoutMapPicture(map, options);
  const canvas = new SvgCanvas(options.shaper);
  picture.paint(canvas);
  const title = escapeXml(map.meta.title || options.t('exports:untitledMap'));
  const description = [domainWords(options.t).mapKind(map.meta.kind), options.versionLabel, options.dateText]
    .filter(Boolean)
    .join(' · ');
  const { width, height, originX, originY } = picture;
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="${round(originX)} ${round(originY)} ${width} ${height}" role="img" aria-label="${title}">` +
    `<title>${title}</title><desc>${escapeXml(description)}</desc>${canvas.toString()}</svg>`;
  return { svg, width, height };
}
