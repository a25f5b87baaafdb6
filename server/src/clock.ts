/** Injected time, so tests control it and nothing reads the wall clock behind their back. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };
