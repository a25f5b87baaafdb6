import type { AssumptionState, RagStatus } from '@loopmap/shared';
import './fields.css';

/** An assumption's state drawn as the status it amounts to. */
export const ASSUMPTION_STATE_TONES: Record<AssumptionState, RagStatus> = {
  holds: 'green',
  'at-risk': 'amber',
  broken: 'red',
};

/**
 * A red / amber / green mark. Each status has its own shape as well as its colour (green a disc,
 * amber a diamond, red a square), so the marks stay apart for people who do not see the colours.
 * Decorative: the words are always next to it or in its container's label.
 */
export function RagMark({ status, size = 10 }: { status: RagStatus | null; size?: number }) {
  const half = size / 2;
  return (
    <svg
      className={`rag-mark rag-mark--${status ?? 'none'}`}
      width={size}
      height={size}
      viewBox={`0 0 ${size} ${size}`}
      aria-hidden="true"
      focusable="false"
    >
      {status === 'green' && <circle cx={half} cy={half} r={half - 0.5} />}
      {status === 'amber' && <path d={`M${half} 0.3 L${size - 0.3} ${half} L${half} ${size - 0.3} L0.3 ${half}Z`} />}
      {status === 'red' && <rect x={0.8} y={0.8} width={size - 1.6} height={size - 1.6} rx={1} />}
      {status === null && <circle cx={half} cy={half} r={half - 1} fill="none" strokeWidth={1.2} />}
    </svg>
  );
}
