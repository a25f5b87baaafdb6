import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';

export interface StampedUser {
  id: string;
  name: string;
  color: string;
}

/** One presence entry of an awareness update: a client id, its clock and its state (JSON). */
export interface PresenceEntry {
  clientId: number;
  clock: number;
  state: string;
}

/**
 * What a peer may do with a client id: `own` it (it announced it, or may announce it now),
 * `skip` it silently (another peer's, or an echo older than what the room knows: honest clients
 * echo others' presence back), or `refuse` it (it would exceed the peer's share).
 */
export type PresenceClaim = 'own' | 'skip' | 'refuse';

export interface StampResult {
  entries: PresenceEntry[];
  /** Entries refused: beyond the peer's share of ids, or a state over the size limit. */
  refused: number;
}

/**
 * Rewrites an awareness update from a peer before it is applied: each state's `user` becomes
 * the identity the server established, so nobody can appear as someone else; entries for client
 * ids that belong to another peer are dropped, so nobody can overwrite or remove another's
 * presence; entries beyond the peer's share of ids or over `maxStateBytes` are refused and
 * counted. Throws on a malformed update.
 */
export function stampAwarenessUpdate(
  update: Uint8Array,
  user: StampedUser,
  claim: (clientId: number, clock: number) => PresenceClaim,
  maxStateBytes = Infinity,
): StampResult {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  const entries: PresenceEntry[] = [];
  let refused = 0;
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const raw = decoding.readVarString(decoder);
    if (raw.length > maxStateBytes) {
      refused++;
      continue;
    }
    const state: unknown = JSON.parse(raw);
    const verdict = claim(clientId, clock);
    if (verdict === 'skip') continue;
    if (verdict === 'refuse') {
      refused++;
      continue;
    }
    if (state !== null && typeof state === 'object' && !Array.isArray(state)) {
      entries.push({ clientId, clock, state: JSON.stringify({ ...state, user }) });
    } else {
      entries.push({ clientId, clock, state: 'null' });
    }
  }
  return { entries, refused };
}

/** Encodes entries as an awareness update (y-protocols' wire format). */
export function encodePresenceEntries(entries: Iterable<PresenceEntry>): Uint8Array {
  const list = [...entries];
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, list.length);
  for (const entry of list) {
    encoding.writeVarUint(encoder, entry.clientId);
    encoding.writeVarUint(encoder, entry.clock);
    encoding.writeVarString(encoder, entry.state);
  }
  return encoding.toUint8Array(encoder);
}
