/** Presence colours: distinct, and readable as white initials and as a cursor on the canvas. */
export const PRESENCE_COLORS = [
  '#e11d48',
  '#0ea5e9',
  '#16a34a',
  '#d97706',
  '#7c3aed',
  '#db2777',
  '#0891b2',
  '#65a30d',
  '#ea580c',
  '#4f46e5',
] as const;

/**
 * A user's presence colour, stable for their account. The server stamps it into every awareness
 * state (nobody picks another's); the client computes the same one to draw itself.
 */
export function presenceColorFor(userId: string): string {
  let h = 0;
  for (let i = 0; i < userId.length; i++) h = (h * 31 + userId.charCodeAt(i)) >>> 0;
  return PRESENCE_COLORS[h % PRESENCE_COLORS.length]!;
}
