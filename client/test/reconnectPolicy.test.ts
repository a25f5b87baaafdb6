import { describe, expect, it } from 'vitest';
import { CLOSE_CODES } from '@loopmap/shared';
import { shouldReconnectAfter } from '../src/collab/reconnectPolicy.ts';

describe('shouldReconnectAfter', () => {
  it('stops on the server’s refusals, over budget included, and on a frame too large', () => {
    for (const code of [CLOSE_CODES.overBudget, CLOSE_CODES.badMessage, CLOSE_CODES.forbidden, CLOSE_CODES.tooLarge]) {
      expect(shouldReconnectAfter(code, 0, [])).toBe(false);
    }
    expect(shouldReconnectAfter(CLOSE_CODES.storageFailed, 0, [])).toBe(true);
    expect(shouldReconnectAfter(CLOSE_CODES.goingAway, 0, [])).toBe(true);
  });

  it('retries a missing-dependencies close twice a minute, then stops instead of looping', () => {
    const recent: number[] = [];
    expect(shouldReconnectAfter(CLOSE_CODES.missingDependencies, 0, recent)).toBe(true);
    expect(shouldReconnectAfter(CLOSE_CODES.missingDependencies, 1_000, recent)).toBe(true);
    expect(shouldReconnectAfter(CLOSE_CODES.missingDependencies, 2_000, recent)).toBe(false);
    // A minute later the earlier closes are forgotten.
    expect(shouldReconnectAfter(CLOSE_CODES.missingDependencies, 120_000, recent)).toBe(true);
  });
});
