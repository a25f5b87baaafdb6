/**
 * Transaction origins. Every write to a map carries one, so observers can tell a local user's
 * change (undoable, to be sent) from a remote one (already sent) or a system one (cleanup,
 * import). The UndoManager tracks exactly one LocalOrigin object: the local user's.
 */
export type OriginSource = 'user' | 'server' | 'import' | 'cleanup';

export interface Origin {
  readonly source: OriginSource;
  /** Who made the change, when known (a user id or display name). */
  readonly actor?: string;
}

export function createOrigin(source: OriginSource, actor?: string): Origin {
  return Object.freeze(actor === undefined ? { source } : { source, actor });
}

export const SERVER_ORIGIN: Origin = createOrigin('server');
export const CLEANUP_ORIGIN: Origin = createOrigin('cleanup');
export const IMPORT_ORIGIN: Origin = createOrigin('import');
