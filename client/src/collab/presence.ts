/**
 * Presence: what each peer shows the others while connected (never stored). The local state in
 * the awareness protocol has this shape; remote states are read defensively, since any client
 * may write anything there.
 */
export interface XY {
  x: number;
  y: number;
}

export interface PresenceUser {
  name: string;
  color: string;
}

export interface PresenceState {
  user: PresenceUser;
  /** Pointer position in flow coordinates, or null when the pointer is off the canvas. */
  cursor: XY | null;
  /** Ids of the nodes this peer has selected. */
  selection: string[];
  /** Nodes this peer is dragging right now, at their live positions; null when not dragging. */
  dragging: Record<string, XY> | null;
}

export interface Peer {
  clientId: number;
  user: PresenceUser;
  cursor: XY | null;
  selection: readonly string[];
  dragging: ReadonlyMap<string, XY>;
}

const MAX_NAME = 60;
const COLOR_PATTERN = /^#[0-9a-fA-F]{6}$/;
const FALLBACK_COLOR = '#64748b';

function readXY(value: unknown): XY | null {
  if (typeof value !== 'object' || value === null) return null;
  const { x, y } = value as { x?: unknown; y?: unknown };
  if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y)) return null;
  return { x, y };
}

const EMPTY_DRAGGING: ReadonlyMap<string, XY> = new Map();

/** A remote awareness state as a Peer, or null when it carries no user (e.g. a bare client). */
export function readPeer(clientId: number, state: unknown): Peer | null {
  if (typeof state !== 'object' || state === null) return null;
  const raw = state as Record<string, unknown>;
  const user = raw.user as { name?: unknown; color?: unknown } | undefined;
  if (typeof user !== 'object' || user === null) return null;
  const name = typeof user.name === 'string' && user.name.trim() ? user.name.trim().slice(0, MAX_NAME) : 'Anonymous';
  const color = typeof user.color === 'string' && COLOR_PATTERN.test(user.color) ? user.color : FALLBACK_COLOR;
  const selection = Array.isArray(raw.selection)
    ? raw.selection.filter((id): id is string => typeof id === 'string')
    : [];
  let dragging = EMPTY_DRAGGING;
  if (typeof raw.dragging === 'object' && raw.dragging !== null) {
    const map = new Map<string, XY>();
    for (const [id, value] of Object.entries(raw.dragging as Record<string, unknown>)) {
      const xy = readXY(value);
      if (xy) map.set(id, xy);
    }
    if (map.size > 0) dragging = map;
  }
  return { clientId, user: { name, color }, cursor: readXY(raw.cursor), selection, dragging };
}

/** Initials for an avatar: "Ada Lovelace" -> "AL", "bob" -> "B". */
export function initialsOf(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters = parts.length > 1 ? [parts[0], parts[parts.length - 1]] : parts;
  return letters
    .map((part) => (part ? (Array.from(part)[0] ?? '') : ''))
    .join('')
    .toUpperCase();
}
