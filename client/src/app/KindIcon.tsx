import { KIND_GLYPHS, type GlyphPart, type NodeKind } from '@loopmap/shared';

/** One part of a kind's glyph (shared/src/render/look.ts: the same glyphs as exported pictures). */
function GlyphPartView({ part }: { part: GlyphPart }) {
  if ('path' in part) return <path d={part.path} />;
  if ('circle' in part) {
    const [cx, cy, r] = part.circle;
    return part.filled ? (
      <circle cx={cx} cy={cy} r={r} fill="currentColor" stroke="none" />
    ) : (
      <circle cx={cx} cy={cy} r={r} />
    );
  }
  const [x, y, width, height, rx] = part.rect;
  return <rect x={x} y={y} width={width} height={height} rx={rx} strokeDasharray={part.dash} />;
}

export interface KindIconProps {
  kind: NodeKind;
  size?: number;
  /** A name for the glyph when it stands alone; without it the glyph is decorative. */
  title?: string;
  className?: string;
}

export function KindIcon({ kind, size = 16, title, className }: KindIconProps) {
  return (
    <svg
      className={className}
      width={size}
      height={size}
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.5}
      strokeLinecap="round"
      strokeLinejoin="round"
      focusable="false"
      {...(title ? { role: 'img', 'aria-label': title } : { 'aria-hidden': true })}
    >
      {KIND_GLYPHS[kind].map((part, index) => (
        <GlyphPartView key={index} part={part} />
      ))}
    </svg>
  );
}
