import type { CommentUserView } from '@loopmap/shared';

/**
 * "@Name" mentions in comment text: finding what is being typed, suggesting members, inserting
 * the pick, and finding the picks again in the text. Pure: the composer and the tests use it.
 *
 * The text keeps the name as written ("@Amina Diallo"); the ids travel beside it, and only for
 * the picks whose "@Name" is still in the text when it is sent.
 */
export type Member = CommentUserView;

/** Longer than any name a member can have (80) plus room: past this, nobody is being mentioned. */
const MAX_QUERY = 82;
const OPENS_MENTION = /[\s([{"'“‘]/u;
const WORD_CHAR = /[\p{L}\p{N}_]/u;

/** Case- and accent-insensitive form for matching ("Zoë" matches "zoe"). */
export function foldForMatch(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * The mention being typed just before the caret: an "@" at the start of the text or after a
 * space or an opening bracket or quote, and what follows it up to the caret (spaces allowed,
 * since names have them; a line break or another "@" ends it). Null when there is none.
 */
export function mentionQueryAt(text: string, caret: number): { start: number; query: string } | null {
  const from = Math.max(0, caret - MAX_QUERY - 1);
  for (let i = caret - 1; i >= from; i--) {
    const ch = text[i]!;
    if (ch === '\n') return null;
    if (ch !== '@') continue;
    if (i > 0 && !OPENS_MENTION.test(text[i - 1]!)) return null;
    const query = text.slice(i + 1, caret);
    if (/^\s/u.test(query)) return null;
    return { start: i, query };
  }
  return null;
}

/**
 * Members whose name starts with the query, then those with a later word that does; each group
 * by name. An empty query lists everyone (by name). At most `limit`.
 */
export function matchMembers(members: readonly Member[], query: string, limit = 6): Member[] {
  const q = foldForMatch(query);
  const scored: { member: Member; score: number }[] = [];
  for (const member of members) {
    const name = foldForMatch(member.name);
    let score = -1;
    if (name.startsWith(q)) score = 0;
    else if (name.split(/[\s-]+/u).some((word) => word.startsWith(q))) score = 1;
    if (score >= 0) scored.push({ member, score });
  }
  return scored
    .sort((a, b) => a.score - b.score || a.member.name.localeCompare(b.member.name))
    .slice(0, limit)
    .map((s) => s.member);
}

/** Replaces the "@query" at [start, caret) with "@Name " and says where the caret goes. */
export function insertMention(
  text: string,
  start: number,
  caret: number,
  member: Member,
): { text: string; caret: number } {
  const after = text.slice(caret);
  // One space after the name, whether it was there already or not; the caret goes past it.
  const spaced = /^\s/u.test(after);
  const insert = `@${member.name}${spaced ? '' : ' '}`;
  return { text: text.slice(0, start) + insert + after, caret: start + insert.length + (spaced ? 1 : 0) };
}

/** Where "@Name" occurs in text as a whole mention (not followed by more of a word). */
function mentionAt(text: string, index: number, name: string): boolean {
  if (text[index] !== '@' || !text.startsWith(name, index + 1)) return false;
  const next = text[index + 1 + name.length];
  return next === undefined || !WORD_CHAR.test(next);
}

/** The ids of the picked members whose "@Name" is still in the text, once each, in text order. */
export function mentionedIds(text: string, picked: readonly Member[]): string[] {
  const found: { id: string; at: number }[] = [];
  const seen = new Set<string>();
  for (const member of picked) {
    if (seen.has(member.id) || member.name.length === 0) continue;
    for (let at = text.indexOf(`@${member.name}`); at !== -1; at = text.indexOf(`@${member.name}`, at + 1)) {
      if (mentionAt(text, at, member.name)) {
        found.push({ id: member.id, at });
        seen.add(member.id);
        break;
      }
    }
  }
  return found.sort((a, b) => a.at - b.at).map((f) => f.id);
}

export type BodyPart = { kind: 'text'; text: string } | { kind: 'mention'; text: string; member: Member };

/**
 * A comment's body cut into plain text and its mentions, to show the mentions apart. The
 * longest names are tried first, so "@Ana Lucia" is not read as "@Ana" followed by " Lucia".
 */
export function splitMentions(body: string, mentions: readonly Member[]): BodyPart[] {
  const byLength = [...mentions].filter((m) => m.name.length > 0).sort((a, b) => b.name.length - a.name.length);
  const parts: BodyPart[] = [];
  let plainFrom = 0;
  for (let i = body.indexOf('@'); i !== -1 && byLength.length > 0; i = body.indexOf('@', i + 1)) {
    const member = byLength.find((m) => mentionAt(body, i, m.name));
    if (!member) continue;
    if (i > plainFrom) parts.push({ kind: 'text', text: body.slice(plainFrom, i) });
    const end = i + 1 + member.name.length;
    parts.push({ kind: 'mention', text: body.slice(i, end), member });
    plainFrom = end;
    i = end - 1;
  }
  if (plainFrom < body.length) parts.push({ kind: 'text', text: body.slice(plainFrom) });
  return parts;
}
