/**
 * When the history index stores a checkpoint of a map's JSON records (server/src/history/
 * MapHistory.ts). Reaching a point costs one checkpoint plus the patches after it; storing
 * checkpoints costs space. The spacing between checkpoints grows with the history: every
 * `minSpacing` updates at first, then every `seq / growth` updates, so a long history keeps a
 * number of checkpoints that grows with the logarithm of its length (about 24 at 100,000
 * updates) while no point is more than 1/growth of the history from one. Patches heavy enough to
 * cost more to read than `heavyTail` checkpoints (long texts pasted) bring the next one forward,
 * never sooner than `minUpdates` after the last. Figures: docs/benchmarks.md, "History".
 */
export interface CheckpointPolicy {
  minUpdates: number;
  minSpacing: number;
  growth: number;
  heavyTail: number;
}

export const DEFAULT_CHECKPOINT_POLICY: CheckpointPolicy = {
  minUpdates: 200,
  minSpacing: 2_000,
  growth: 8,
  heavyTail: 4,
};

export interface TailSinceCheckpoint {
  /** The seq a checkpoint would be taken at. */
  seq: number;
  /** Updates logged after the last checkpoint (or since the start). */
  updates: number;
  /** Bytes of their patches. */
  patchBytes: number;
}

/** The spacing wanted at a point of the history. */
export function checkpointSpacing(seq: number, policy: CheckpointPolicy = DEFAULT_CHECKPOINT_POLICY): number {
  return Math.max(policy.minSpacing, Math.floor(seq / policy.growth));
}

/**
 * Whether a checkpoint may be due, before paying for serialising the state: by spacing, or by
 * the weight of the tail against the last known size of the state (unknown: spacing only).
 */
export function mayCheckpoint(
  tail: TailSinceCheckpoint,
  stateBytesEstimate: number | null,
  policy: CheckpointPolicy = DEFAULT_CHECKPOINT_POLICY,
): boolean {
  if (tail.updates < policy.minUpdates) return false;
  if (tail.updates >= checkpointSpacing(tail.seq, policy)) return true;
  return stateBytesEstimate !== null && tail.patchBytes >= policy.heavyTail * stateBytesEstimate;
}

/** Whether to store a checkpoint now, given the serialised size of the state it would store. */
export function shouldCheckpoint(
  tail: TailSinceCheckpoint,
  stateBytes: number,
  policy: CheckpointPolicy = DEFAULT_CHECKPOINT_POLICY,
): boolean {
  if (tail.updates < policy.minUpdates) return false;
  return tail.updates >= checkpointSpacing(tail.seq, policy) || tail.patchBytes >= policy.heavyTail * stateBytes;
}
