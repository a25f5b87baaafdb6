import type { NodeKind } from '@loopmap/shared';

/**
 * One glyph per node kind, drawn on a 16-unit grid with a stroke (so it takes the colour of the
 * text around it): a target for the impact, a flag for an outcome, a box for an output, a play
 * arrow for an activity, a key for a precondition, a question for an assumption, a gauge for an
 * indicator, a page for evidence, a person for an actor, a warning sign for a risk, a bulb for
 * a lesson, a dashed frame for a pathway frame, a folded note for a note.
 */
const PATHS: Record<NodeKind, string> = {
  impact:
    'M8 1.8a6.2 6.2 0 1 0 0 12.4A6.2 6.2 0 0 0 8 1.8Zm0 3a3.2 3.2 0 1 0 0 6.4 3.2 3.2 0 0 0 0-6.4Zm0 2.4a.8.8 0 1 0 0 1.6.8.8 0 0 0 0-1.6Z',
  outcome: 'M3.5 14.5v-13M3.5 2.2h8.7l-1.9 3 1.9 3H3.5',
  output: 'M2.5 5 8 2.2 13.5 5v6L8 13.8 2.5 11ZM2.5 5 8 7.8 13.5 5M8 7.8v6',
  activity: 'M8 1.8a6.2 6.2 0 1 0 0 12.4A6.2 6.2 0 0 0 8 1.8ZM6.5 5.4v5.2L10.6 8Z',
  precondition: 'M5.5 10.5a3 3 0 1 1 2.4-4.8M7.9 5.7h6.1M11.5 5.7v2.3M13.6 5.7v1.8M5.5 7.5v0',
  assumption:
    'M5.8 6a2.3 2.3 0 1 1 3.4 2c-.8.4-1.2.9-1.2 1.8v.4M8 12.6v.2M8 1.8a6.2 6.2 0 1 0 0 12.4A6.2 6.2 0 0 0 8 1.8Z',
  indicator: 'M2.2 11.5a5.8 5.8 0 1 1 11.6 0M8 11.5l3-4M2.2 11.5h11.6',
  evidence: 'M4 1.8h5.5L12.5 4.8v9.4H4ZM9.5 1.8v3h3M6 8h4.5M6 10.5h4.5',
  actor: 'M8 2.2a2.7 2.7 0 1 0 0 5.4 2.7 2.7 0 0 0 0-5.4ZM3 14c.4-2.7 2.4-4.3 5-4.3s4.6 1.6 5 4.3',
  risk: 'M8 2 14.5 13.5h-13ZM8 6.4v3.4M8 11.6v.2',
  lesson: 'M5.6 10.6a4.3 4.3 0 1 1 4.8 0c-.5.4-.8.9-.8 1.5H6.4c0-.6-.3-1.1-.8-1.5ZM6.4 14h3.2',
  group: 'M2 4.5V2h2.5M11.5 2H14v2.5M14 11.5V14h-2.5M4.5 14H2v-2.5M7 2h2M7 14h2M2 7v2M14 7v2',
  note: 'M2.5 2.5h11v7l-4 4h-7ZM13.5 9.5h-4v4',
};

export interface KindIconProps {
  kind: NodeKind;
  size?: number;
  className?: string;
}

export function KindIcon({ kind, size = 14, className }: KindIconProps) {
  return (
    <svg
      className={className}
      width={size}
      height={size}
      viewBox="0 0 16 16"
      aria-hidden="true"
      focusable="false"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.5"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      <path d={PATHS[kind]} />
    </svg>
  );
}
