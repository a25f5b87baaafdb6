import { randomId } from '@loopmap/shared';
import type { PresenceUser } from './presence.ts';

/**
 * Who this browser is to its peers: a stable random id (the `actor` of local transaction
 * origins), a display name the user chose once, and a colour. Kept in localStorage; session
 * state, never part of a map.
 */
export interface LocalIdentity extends PresenceUser {
  id: string;
  /** False until the user has confirmed a name (we then stop asking). */
  named: boolean;
}

const STORAGE_KEY = 'loopmap:identity';

/** Distinct, readable on white, and pleasant next to each other. */
export const PRESENCE_COLORS = [
  '#e4572e',
  '#17a398',
  '#7b61ff',
  '#f29e4c',
  '#3a86ff',
  '#d63384',
  '#2a9d8f',
  '#9c6644',
  '#5f0f40',
  '#0b7a75',
] as const;

const GUEST_NAMES = ['Heron', 'Otter', 'Lynx', 'Wren', 'Marten', 'Ibis', 'Puffin', 'Gecko', 'Kestrel', 'Robin'];

function pick<T>(items: readonly T[]): T {
  const bytes = new Uint32Array(1);
  crypto.getRandomValues(bytes);
  return items[(bytes[0] ?? 0) % items.length] as T;
}

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null; // private modes and sandboxed frames may refuse storage
  }
}

export function loadIdentity(): LocalIdentity {
  const raw = storage()?.getItem(STORAGE_KEY);
  if (raw) {
    try {
      const parsed = JSON.parse(raw) as Partial<LocalIdentity>;
      if (typeof parsed.id === 'string' && typeof parsed.name === 'string' && typeof parsed.color === 'string') {
        return { id: parsed.id, name: parsed.name, color: parsed.color, named: parsed.named === true };
      }
    } catch {
      // fall through to a fresh identity
    }
  }
  const identity: LocalIdentity = {
    id: randomId(),
    name: `Guest ${pick(GUEST_NAMES)}`,
    color: pick(PRESENCE_COLORS),
    named: false,
  };
  saveIdentity(identity);
  return identity;
}

export function saveIdentity(identity: LocalIdentity): void {
  storage()?.setItem(STORAGE_KEY, JSON.stringify(identity));
}
