import { describe, expect, it } from 'vitest';
import { CLOSE_CODES } from '@loopmap/shared';
import {
  RESTART_RECONNECT_SPREAD_MS,
  restartReconnectDelay,
  shouldReconnectAfter,
} from '../src/collab/reconnectPolicy.ts';

describe('shouldReconnectAfter', () => {
  it('stops on the server’s refusals, over budget included, and on a frame too large', () => {
    for (const code of [CLOSE_CODES.overBudget, CLOSE_CODES.badMessage, CLOSE_CODES.forbidden, CLOSE_CODES.tooLarge]) {
      expect(shouldReconnectAfter(code, 0, [])).toBe(false);
    }
    expect(shouldReconnectAfter(CLOSE_CODES.storageFailed, 0, [])).toBe(true);
    expect(shouldReconnectAfter(CLOSE_CODES.goingAway, 0, [])).toBe(true);
    expect(shouldReconnectAfter(CLOSE_CODES.serviceRestart, 0, [])).toBe(true);
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

describe('restartReconnectDelay', () => {
  it('reconnects at once after a restart (1012), spread under the provider’s first retry', () => {
    expect(CLOSE_CODES.serviceRestart).toBe(1012);
    expect(restartReconnectDelay(CLOSE_CODES.serviceRestart, true, () => 0)).toBe(0);
    const latest = restartReconnectDelay(CLOSE_CODES.serviceRestart, true, () => 0.999_999)!;
    expect(latest).toBeLessThan(RESTART_RECONNECT_SPREAD_MS);
    expect(RESTART_RECONNECT_SPREAD_MS).toBeLessThanOrEqual(200);
    // A room's tabs do not all come back in the same instant.
    const delays = new Set(Array.from({ length: 20 }, (_, i) => restartReconnectDelay(1012, true, () => i / 20)));
    expect(delays.size).toBe(20);
  });

  it('leaves every other close, and a restart close before the connection synced, to the provider’s backoff', () => {
    // Closed with 1012 before it synced: that socket reached an instance that is itself draining.
    expect(restartReconnectDelay(CLOSE_CODES.serviceRestart, false, () => 0)).toBeNull();
    for (const code of [CLOSE_CODES.goingAway, CLOSE_CODES.storageFailed, CLOSE_CODES.roleChanged, 1006, undefined]) {
      expect(restartReconnectDelay(code, true, () => 0)).toBeNull();
    }
  });
});
