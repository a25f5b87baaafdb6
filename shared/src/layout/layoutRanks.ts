import type { NodeView } from '../doc/layout.ts';
import { LANE_ORDER } from '../model/lanes.ts';

/**
 * Where each card goes in a theory of change read from the bottom: its rank. Cards of a lower
 * rank end up below every card of a higher rank (ELK's partitions, see elkLayered.ts), so the
 * rank is what puts activities at the bottom, the impact at the top, and outcomes in their
 * level's lane.
 *
 *   with lanes:     activity 0, output 1, individual 2, institutional 3, contextual 4, impact 5
 *   without lanes:  activity 0, output 1, every outcome and precondition 2, impact 5
 *
 * Other cards (risks, lessons, notes, actors, unattached assumptions...) and, in a map with
 * lanes, outcomes and preconditions without a level, are free: they take the rank of what
 * leads to them, or else of what they lead to, so ELK lays them out next to their neighbours
 * (an outcome without a level stays among the lanes, next to the other outcomes; a card linked
 * to nothing goes to the lowest outcome rank).
 */
export type RankScheme = 'lanes' | 'pathway';

const ACTIVITY_RANK = 0;
const OUTPUT_RANK = 1;
const IMPACT_RANK = 5;
/** The ranks of the lanes, top to bottom: contextual 4, institutional 3, individual 2. */
export const LANE_RANKS: readonly number[] = LANE_ORDER.map((_, index) => 4 - index);
const MIDDLE_RANK = 2;
const LOWEST_LANE_RANK = 2;
const HIGHEST_LANE_RANK = 4;

/** A link between two cards that take part, as the layout sees it. */
export interface RankedLink {
  readonly id: string;
  readonly source: string;
  readonly target: string;
  /** `feeds-back` links point down a theory of change on purpose: they are back edges. */
  readonly feedsBack: boolean;
}

interface Range {
  readonly min: number;
  readonly max: number;
}
const ANYWHERE: Range = { min: ACTIVITY_RANK, max: IMPACT_RANK };
const IN_THE_LANES: Range = { min: LOWEST_LANE_RANK, max: HIGHEST_LANE_RANK };

/** A card's fixed rank, or the range a free card's rank must stay in. */
function placement(node: NodeView, scheme: RankScheme): number | Range {
  switch (node.kind) {
    case 'activity':
      return ACTIVITY_RANK;
    case 'output':
      return OUTPUT_RANK;
    case 'impact':
      return IMPACT_RANK;
    case 'outcome':
    case 'precondition': {
      if (scheme === 'pathway') return MIDDLE_RANK;
      const level = node.fields.level;
      return level === null ? IN_THE_LANES : LANE_RANKS[LANE_ORDER.indexOf(level)]!;
    }
    default:
      return ANYWHERE;
  }
}

const clamp = (value: number, range: Range): number => Math.max(range.min, Math.min(range.max, value));

/**
 * The rank of every card. `links` point the way the layout reads them (a `feeds-back` link is
 * read backwards). Deterministic: cards are visited in the order given (by id).
 */
export function rankCards(
  cards: readonly NodeView[],
  links: readonly RankedLink[],
  scheme: RankScheme,
): Map<string, number> {
  const ranks = new Map<string, number>();
  const free = new Map<string, Range>();
  for (const card of cards) {
    const place = placement(card, scheme);
    if (typeof place === 'number') ranks.set(card.id, place);
    else free.set(card.id, place);
  }
  if (free.size === 0) return ranks;

  const below = new Map<string, string[]>();
  const above = new Map<string, string[]>();
  for (const link of links) {
    const [from, to] = link.feedsBack ? [link.target, link.source] : [link.source, link.target];
    (below.get(to) ?? below.set(to, []).get(to)!).push(from);
    (above.get(from) ?? above.set(from, []).get(from)!).push(to);
  }

  // A free card's lowest rank: the highest rank among the fixed cards that lead to it through
  // free cards only. Found by relaxation, which only ever raises a value up to IMPACT_RANK, so
  // it ends even when free cards form cycles.
  const lowest = bound(free, below, ranks, Math.max);
  const highest = bound(free, above, ranks, Math.min);
  for (const [id, range] of free) {
    const low = lowest.get(id);
    const high = highest.get(id);
    const rank = low ?? high ?? (range === IN_THE_LANES ? LOWEST_LANE_RANK : MIDDLE_RANK);
    ranks.set(id, clamp(rank, range));
  }
  return ranks;
}

/**
 * For each free card, the best (by `better`) rank among the fixed cards reached from it along
 * `next` through free cards only (a free card passes on its own bound, kept in its range).
 */
function bound(
  free: ReadonlyMap<string, Range>,
  next: ReadonlyMap<string, readonly string[]>,
  fixed: ReadonlyMap<string, number>,
  better: (a: number, b: number) => number,
): Map<string, number> {
  const found = new Map<string, number>();
  for (let changed = true, rounds = 0; changed && rounds <= free.size + 1; rounds++) {
    changed = false;
    for (const id of free.keys()) {
      let value = found.get(id);
      for (const other of next.get(id) ?? []) {
        const otherFree = free.get(other);
        const candidate = otherFree ? found.get(other) : fixed.get(other);
        if (candidate === undefined) continue;
        const kept = otherFree ? clamp(candidate, otherFree) : candidate;
        value = value === undefined ? kept : better(value, kept);
      }
      if (value !== undefined && value !== found.get(id)) {
        found.set(id, value);
        changed = true;
      }
    }
  }
  return found;
}

/** A link as it is handed to ELK: pointing up the map, and never closing a cycle. */
export interface OrientedLink {
  readonly id: string;
  readonly source: string;
  readonly target: string;
}

/**
 * Turns links so that the graph ELK sees is acyclic and every link between ranks points up:
 * `feeds-back` links and links from a higher rank to a lower one are reversed, and among cards
 * of one rank, a depth-first search in id order reverses the links that close a cycle. ELK then
 * has no cycle left to break, so which links count as "back" is ours to say, deterministically,
 * and a map with cycles still lays out with activities low and the impact high. (Only the
 * layering reads directions: the canvas draws links itself, so a reversed link looks the same.)
 */
export function orientLinks(
  cards: readonly { id: string }[],
  links: readonly RankedLink[],
  ranks: ReadonlyMap<string, number>,
): OrientedLink[] {
  const rankOf = (id: string): number => ranks.get(id) ?? 0;
  const upward = links.map((link) => {
    const reversed = link.feedsBack
      ? rankOf(link.source) >= rankOf(link.target)
      : rankOf(link.source) > rankOf(link.target);
    return reversed ? { id: link.id, source: link.target, target: link.source } : link;
  });

  // Depth-first search over links within one rank; a link to a card still on the stack closes a
  // cycle and is reversed.
  const within = new Map<string, { index: number; target: string }[]>();
  upward.forEach((link, index) => {
    if (rankOf(link.source) !== rankOf(link.target)) return;
    (within.get(link.source) ?? within.set(link.source, []).get(link.source)!).push({ index, target: link.target });
  });
  const reverse = new Set<number>();
  const state = new Map<string, 'open' | 'done'>();
  for (const card of cards) {
    if (state.has(card.id)) continue;
    // Iterative, so a long chain cannot overflow the stack.
    const stack: { id: string; next: number }[] = [{ id: card.id, next: 0 }];
    state.set(card.id, 'open');
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const out = within.get(top.id) ?? [];
      if (top.next >= out.length) {
        state.set(top.id, 'done');
        stack.pop();
        continue;
      }
      const { index, target } = out[top.next++]!;
      const seen = state.get(target);
      if (seen === 'open') reverse.add(index);
      else if (seen === undefined) {
        state.set(target, 'open');
        stack.push({ id: target, next: 0 });
      }
    }
  }
  return upward.map((link, index) =>
    reverse.has(index) ? { id: link.id, source: link.target, target: link.source } : link,
  );
}
