import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';

export interface StampedUser {
  id: string;
  name: string;
  color: string;
}

/**
 * Rewrites an awareness update from a peer before it is applied: each state's `user` becomes
 * the identity the server established, so nobody can appear as someone else, and entries for
 * client ids that belong to another peer are dropped, so nobody can overwrite or remove
 * another's presence. Returns null when nothing is left. Throws on a malformed update.
 */
export function stampAwarenessUpdate(
  update: Uint8Array,
  user: StampedUser,
  mayUse: (clientId: number) => boolean,
): Uint8Array | null {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  const entries: { clientId: number; clock: number; state: string }[] = [];
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const raw = decoding.readVarString(decoder);
    const state: unknown = JSON.parse(raw);
    if (!mayUse(clientId)) continue;
    if (state !== null && typeof state === 'object' && !Array.isArray(state)) {
      entries.push({ clientId, clock, state: JSON.stringify({ ...state, user }) });
    } else {
      entries.push({ clientId, clock, state: 'null' });
    }
  }
  if (entries.length === 0) return null;
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(encoder, entry.clientId);
    encoding.writeVarUint(encoder, entry.clock);
    encoding.writeVarString(encoder, entry.state);
  }
  return encoding.toUint8Array(encoder);
}
