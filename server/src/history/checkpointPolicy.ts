/**
 * When the history index stores a checkpoint of a map's JSON records (server/src/history/
 * MapHistory.ts). Reaching a point costs one checkpoint plus the patches after it, so a
 * checkpoint is due when that tail would cost about as much to read as a checkpoint itself,
 * and in any case every `maxUpdates` updates so no point is more than that many patches away.
 * Never more often than every `minUpdates`, so a map edited with large patches (long texts
 * pasted) does not store a checkpoint per edit. Storage: checkpoints stay within the bytes of
 * the patches they save reading, plus one checkpoint per `maxUpdates` updates.
 */
export interface CheckpointPolicy {
  minUpdates: number;
  maxUpdates: number;
}

export const DEFAULT_CHECKPOINT_POLICY: CheckpointPolicy = { minUpdates: 200, maxUpdates: 2_000 };

export interface TailSinceCheckpoint {
  /** Updates logged after the last checkpoint (or since the start). */
  updates: number;
  /** Bytes of their patches. */
  patchBytes: number;
}

/** Whether the tail is worth a cheap look at the state's size (the caller then serialises it). */
export function mayCheckpoint(
  tail: TailSinceCheckpoint,
  policy: CheckpointPolicy = DEFAULT_CHECKPOINT_POLICY,
): boolean {
  return tail.updates >= policy.minUpdates;
}

/** Whether to store a checkpoint now, given the serialised size of the state it would store. */
export function shouldCheckpoint(
  tail: TailSinceCheckpoint,
  stateBytes: number,
  policy: CheckpointPolicy = DEFAULT_CHECKPOINT_POLICY,
): boolean {
  if (!mayCheckpoint(tail, policy)) return false;
  return tail.updates >= policy.maxUpdates || tail.patchBytes >= stateBytes;
}
