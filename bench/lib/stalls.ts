/**
 * A cheap event-loop stall recorder: a 20 ms timer that notes, with wall-clock time, every time
 * it fired 10 ms or more late. Runs identically in every server harness and in the load
 * generator, so a latency spike can be pinned on the process that stalled.
 */
export interface Stall {
  /** Date.now() when the stall ended. */
  at: number;
  /** How late the timer fired (ms): the stall's length, give or take the 20 ms period. */
  ms: number;
}

const MAX_STALLS = 10_000;

export function startStallRecorder(periodMs = 20, thresholdMs = 10): { stalls: Stall[]; stop: () => void } {
  const stalls: Stall[] = [];
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    const late = now - last - periodMs;
    last = now;
    if (late >= thresholdMs && stalls.length < MAX_STALLS) stalls.push({ at: Date.now(), ms: Math.round(late) });
  }, periodMs);
  timer.unref();
  return { stalls, stop: () => clearInterval(timer) };
}
