import type { ReactNode } from 'react';
import type { NodeKind } from '@loopmap/shared';

/**
 * One glyph per node kind, on a 16px grid, drawn with currentColor (the kind's colour where it
 * sits): a target for the impact, a flag for an outcome (a milestone reached), a parcel for an
 * output (something delivered), a bolt for an activity (work done), steps for a precondition
 * (what must be in place first), a question for an assumption, a gauge for an indicator, a
 * magnifier for evidence, a person for an actor, a warning sign for a risk, a mortarboard for a
 * lesson, a dashed frame for a pathway frame and a folded sheet for a note.
 */
const dot = (cx: number, cy: number, r = 0.95): ReactNode => (
  <circle cx={cx} cy={cy} r={r} fill="currentColor" stroke="none" />
);

const GLYPHS: Record<NodeKind, ReactNode> = {
  impact: (
    <>
      <circle cx={8} cy={8} r={6.25} />
      <circle cx={8} cy={8} r={3.25} />
      {dot(8, 8, 1.1)}
    </>
  ),
  outcome: <path d="M3.5 14.5V1.75M3.5 2.5h8.5l-2 3.25 2 3.25H3.5" />,
  output: <path d="M2.25 4.75 8 2l5.75 2.75v6.5L8 14l-5.75-2.75zM2.25 4.75 8 7.5l5.75-2.75M8 7.5V14" />,
  activity: <path d="M9.25 1.5 3.5 9.25h4.25L6.75 14.5l5.75-7.75H8.25z" />,
  precondition: <path d="M1.75 14.25V10.5h4V6.75h4.5V3h4v11.25z" />,
  assumption: (
    <>
      <circle cx={8} cy={8} r={6.25} />
      <path d="M6.1 6.2a1.95 1.95 0 1 1 2.7 1.8c-.5.22-.8.62-.8 1.15v.55" />
      {dot(8, 11.45)}
    </>
  ),
  indicator: (
    <>
      <path d="M2.25 11.5a5.75 5.75 0 0 1 11.5 0M8 11.5l3-3.5M3.75 13.75h8.5" />
      {dot(8, 11.5, 1.1)}
    </>
  ),
  evidence: <path d="M11.5 6.75a4.75 4.75 0 1 1-9.5 0 4.75 4.75 0 0 1 9.5 0ZM10.1 10.1 14.25 14.25" />,
  actor: (
    <>
      <circle cx={8} cy={5} r={2.75} />
      <path d="M2.75 14.25a5.25 5.25 0 0 1 10.5 0" />
    </>
  ),
  risk: (
    <>
      <path d="M8 1.75 14.75 13.75H1.25z M8 6.25v3.5" />
      {dot(8, 11.6)}
    </>
  ),
  lesson: (
    <path d="M1.25 6 8 2.75 14.75 6 8 9.25zM4.25 7.5v3.25c0 .95 1.7 1.85 3.75 1.85s3.75-.9 3.75-1.85V7.5M14.75 6v4.25" />
  ),
  group: <rect x={1.75} y={2.25} width={12.5} height={11.5} rx={1.5} strokeDasharray="2.4 1.8" />,
  note: <path d="M2.75 2.25h10.5v7.5l-4 4H2.75zM13.25 9.75h-4v4M5.25 5.5h5.5M5.25 8h3.5" />,
};

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
      {GLYPHS[kind]}
    </svg>
  );
}
