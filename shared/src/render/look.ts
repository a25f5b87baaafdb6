import type { NodeKind } from '../model/kinds.ts';
import type { LinkRelation, RagStatus } from '../model/fields.ts';

/**
 * How a map looks, wherever it is drawn: the canvas (CSS and React), the exported pictures,
 * PDFs and documents. One table, so a map looks the same on screen and on paper.
 */

/**
 * One colour per node kind, used by cards, the palette, the outline, the minimap and exports.
 * Chosen to stay apart from each other and readable as text on white (WCAG AA for badge text).
 */
export const KIND_COLORS: Record<NodeKind, string> = {
  impact: '#6d28d9',
  outcome: '#047857',
  output: '#1d4ed8',
  activity: '#c2410c',
  precondition: '#0e7490',
  assumption: '#a16207',
  indicator: '#4338ca',
  evidence: '#3f6212',
  actor: '#be185d',
  risk: '#b91c1c',
  lesson: '#7c2d12',
  group: '#64748b',
  note: '#475569',
};

/** One part of a kind's glyph, on a 16 px grid, stroked 1.5 px in the kind's colour. */
export type GlyphPart =
  | { path: string }
  | { circle: readonly [cx: number, cy: number, r: number]; filled?: boolean }
  | { rect: readonly [x: number, y: number, width: number, height: number, radius: number]; dash: string };

const dot = (cx: number, cy: number, r = 0.95): GlyphPart => ({ circle: [cx, cy, r], filled: true });

/**
 * One glyph per node kind: a target for the impact, a flag for an outcome (a milestone reached),
 * a parcel for an output (something delivered), a bolt for an activity (work done), steps for a
 * precondition (what must be in place first), a question for an assumption, a gauge for an
 * indicator, a magnifier for evidence, a person for an actor, a warning sign for a risk, a
 * mortarboard for a lesson, a dashed frame for a pathway frame and a folded sheet for a note.
 */
export const KIND_GLYPHS: Record<NodeKind, readonly GlyphPart[]> = {
  impact: [{ circle: [8, 8, 6.25] }, { circle: [8, 8, 3.25] }, dot(8, 8, 1.1)],
  outcome: [{ path: 'M3.5 14.5V1.75M3.5 2.5h8.5l-2 3.25 2 3.25H3.5' }],
  output: [{ path: 'M2.25 4.75 8 2l5.75 2.75v6.5L8 14l-5.75-2.75zM2.25 4.75 8 7.5l5.75-2.75M8 7.5V14' }],
  activity: [{ path: 'M9.25 1.5 3.5 9.25h4.25L6.75 14.5l5.75-7.75H8.25z' }],
  precondition: [{ path: 'M1.75 14.25V10.5h4V6.75h4.5V3h4v11.25z' }],
  assumption: [
    { circle: [8, 8, 6.25] },
    { path: 'M6.1 6.2a1.95 1.95 0 1 1 2.7 1.8c-.5.22-.8.62-.8 1.15v.55' },
    dot(8, 11.45),
  ],
  indicator: [{ path: 'M2.25 11.5a5.75 5.75 0 0 1 11.5 0M8 11.5l3-3.5M3.75 13.75h8.5' }, dot(8, 11.5, 1.1)],
  evidence: [{ path: 'M11.5 6.75a4.75 4.75 0 1 1-9.5 0 4.75 4.75 0 0 1 9.5 0ZM10.1 10.1 14.25 14.25' }],
  actor: [{ circle: [8, 5, 2.75] }, { path: 'M2.75 14.25a5.25 5.25 0 0 1 10.5 0' }],
  risk: [{ path: 'M8 1.75 14.75 13.75H1.25z M8 6.25v3.5' }, dot(8, 11.6)],
  lesson: [
    {
      path: 'M1.25 6 8 2.75 14.75 6 8 9.25zM4.25 7.5v3.25c0 .95 1.7 1.85 3.75 1.85s3.75-.9 3.75-1.85V7.5M14.75 6v4.25',
    },
  ],
  group: [{ rect: [1.75, 2.25, 12.5, 11.5, 1.5], dash: '2.4 1.8' }],
  note: [{ path: 'M2.75 2.25h10.5v7.5l-4 4H2.75zM13.25 9.75h-4v4M5.25 5.5h5.5M5.25 8h3.5' }],
};

/** Corner radius of each kind's card (outcomes have a pointed corner on the canvas). */
export const KIND_CORNER: Partial<Record<NodeKind, number>> = { output: 6, activity: 18 };
export const CARD_CORNER = 12;

export const RAG_COLORS: Record<RagStatus, string> = { red: '#d93025', amber: '#f29900', green: '#1e8e3e' };

export interface LinkLook {
  stroke: string;
  width: number;
  /** SVG stroke-dasharray, or null for a solid line. */
  dash: string | null;
  /** How the target end looks: an arrow, or a bar (⊣) for "blocks". */
  end: 'arrow' | 'bar';
  /** Arrows at both ends: relationships that run both ways. */
  mutual: boolean;
}

export const LINK_COLOR = '#8a93a6';
const BASE_LINK: LinkLook = { stroke: LINK_COLOR, width: 1.6, dash: null, end: 'arrow', mutual: false };

/**
 * Each relation its own line: causal links are greys and blues; "blocks" is red and ends in a
 * bar; "feeds back" is a dotted purple loop; relationships between partners are coloured.
 */
export const RELATION_LOOKS: Record<LinkRelation, LinkLook> = {
  'leads-to': BASE_LINK,
  'contributes-to': { ...BASE_LINK, dash: '7 4' },
  enables: { ...BASE_LINK, stroke: '#2563eb' },
  'necessary-for': { ...BASE_LINK, stroke: '#334155', width: 2.6 },
  blocks: { ...BASE_LINK, stroke: '#c62828', dash: '2 3', end: 'bar' },
  'feeds-back': { ...BASE_LINK, stroke: '#7c3aed', dash: '1.5 4', width: 2.2 },
  funds: { ...BASE_LINK, stroke: '#15803d', width: 2.8 },
  'knowledge-exchange': { ...BASE_LINK, stroke: '#0284c7', dash: '8 4', mutual: true },
  'joint-delivery': { ...BASE_LINK, stroke: '#c2410c', width: 2.4, mutual: true },
  mentoring: { ...BASE_LINK, stroke: '#0f766e', dash: '3 3' },
};

export const linkLook = (relation: LinkRelation | null): LinkLook => (relation ? RELATION_LOOKS[relation] : BASE_LINK);

/** Ink of the house: text, secondary text, rules. */
export const INK = { text: '#1f2433', muted: '#5b6478', faint: '#8a93a6', rule: '#d6dae2', paper: '#ffffff' };
