import { describe, expect, it } from 'vitest';
import {
  DEFAULT_CHECKPOINT_POLICY,
  checkpointSpacing,
  mayCheckpoint,
  shouldCheckpoint,
} from '../src/history/checkpointPolicy.ts';

/** Where a stream of `total` updates of `patchBytes` each would get checkpoints. */
function checkpointsOf(total: number, patchBytes: number, stateBytes: number): number[] {
  const taken: number[] = [];
  let tail = { updates: 0, patchBytes: 0 };
  for (let seq = 1; seq <= total; seq++) {
    tail = { updates: tail.updates + 1, patchBytes: tail.patchBytes + patchBytes };
    const since = { seq, ...tail };
    if (mayCheckpoint(since, stateBytes) && shouldCheckpoint(since, stateBytes)) {
      taken.push(seq);
      tail = { updates: 0, patchBytes: 0 };
    }
  }
  return taken;
}

describe('checkpoint selection', () => {
  it('spaces checkpoints every 2,000 updates at first, then by an eighth of the history', () => {
    expect(checkpointSpacing(1_000)).toBe(2_000);
    expect(checkpointSpacing(16_000)).toBe(2_000);
    expect(checkpointSpacing(80_000)).toBe(10_000);
  });

  it('keeps the count logarithmic: 5 at 10,000 updates, about two dozen at 100,000', () => {
    // Moves: small patches that never outweigh a 360 KB state.
    expect(checkpointsOf(10_000, 40, 360_000)).toEqual([2_000, 4_000, 6_000, 8_000, 10_000]);
    const long = checkpointsOf(100_000, 40, 360_000);
    expect(long.length).toBeGreaterThanOrEqual(20);
    expect(long.length).toBeLessThanOrEqual(26);
    // No point is further from its checkpoint than an eighth of the history (plus the minimum).
    let previous = 0;
    for (const seq of long) {
      expect(seq - previous).toBeLessThanOrEqual(Math.max(2_000, seq / 8) + 1);
      previous = seq;
    }
  });

  it('brings a checkpoint forward when the tail weighs more than four states, never before 200 updates', () => {
    // 50 KB per update (a long text pasted each time) on a 100 KB state.
    expect(checkpointsOf(1_000, 50_000, 100_000)).toEqual([200, 400, 600, 800, 1_000]);
    expect(mayCheckpoint({ seq: 150, updates: 150, patchBytes: 10_000_000 }, 100_000)).toBe(false);
    // Without a known state size, only the spacing decides whether to look.
    expect(mayCheckpoint({ seq: 900, updates: 900, patchBytes: 10_000_000 }, null)).toBe(false);
    expect(shouldCheckpoint({ seq: 900, updates: 900, patchBytes: 400_001 }, 100_000)).toBe(true);
    expect(DEFAULT_CHECKPOINT_POLICY.minUpdates).toBe(200);
  });
});
