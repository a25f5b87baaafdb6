import * as Y from 'yjs';
import {
  DEFAULT_CARD_SIZE,
  getNodes,
  moveNodes,
  placeNewCard,
  readMeta,
  readNodes,
  standsOnCanvas,
  type NodeId,
  type NodeView,
  type Origin,
  type PlacedCard,
  type Rect,
} from '@loopmap/shared';

/**
 * How long a card this client added is watched for a peer's card landing on it (ms): long enough
 * for a peer whose connection dropped for a moment to come back with the card it added meanwhile.
 */
export const SETTLE_WINDOW_MS = 30_000;
/** A card is moved out of the way at most this often: whatever happens, no ping-pong. */
const MAX_MOVES = 3;

export interface SettlerOptions {
  /** The origin of the move out of the way: not the user's, so Undo does not put the card back on the other. */
  origin: Origin;
  now?: () => number;
  windowMs?: number;
  /** A card's size on the canvas (measured where the canvas has measured it). */
  sizeOf?: (id: string) => { width: number; height: number } | null;
  /** The link label boxes to keep clear of, and the part of the canvas the user sees (its size bounds the first search). */
  scene?: () => { labels: readonly Rect[]; view: Rect | null };
}

interface Watched {
  at: number;
  x: number;
  y: number;
  moves: number;
}

/** The id of the client that created a card (Yjs records who inserted every item). */
const creatorOf = (record: unknown): number | null =>
  record instanceof Y.Map && record._item ? record._item.id.client : null;

/**
 * Two peers adding a card at the same moment compute the same free spot (placement is
 * deterministic and neither has seen the other's card), so their cards land on each other.
 * This watches the cards this client added in the last few seconds: when a change from a peer
 * adds (or moves) a card that overlaps one of them, and the two were created by different clients, the
 * card whose creator has the higher Yjs client id moves to the nearest free spot: one document
 * write, by exactly one of the two clients (both see the same two creator ids), and the other
 * card never moves, so there is no ping-pong. A card someone has moved (dragged, laid out) since
 * it was added is left alone: where it is now was chosen by a person.
 *
 * (A card added later by a peer that had seen ours never lands on it: placement avoided it. So
 * only concurrent adds meet here, and there is no "newer" card to tell them apart: the client
 * id is the tie-break every peer agrees on.)
 */
export class NewCardSettler {
  private readonly watched = new Map<string, Watched>();
  private readonly now: () => number;
  private readonly windowMs: number;

  constructor(
    private readonly doc: Y.Doc,
    private readonly options: SettlerOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.windowMs = options.windowMs ?? SETTLE_WINDOW_MS;
    doc.on('afterTransaction', this.onTransaction);
  }

  destroy(): void {
    this.doc.off('afterTransaction', this.onTransaction);
    this.watched.clear();
  }

  /** Starts watching a card this client just added. */
  track(id: string): void {
    const record = getNodes(this.doc).get(id);
    if (!(record instanceof Y.Map)) return;
    this.watched.set(id, { at: this.now(), x: record.get('x') as number, y: record.get('y') as number, moves: 0 });
  }

  private readonly onTransaction = (transaction: Y.Transaction): void => {
    if (transaction.local || this.watched.size === 0) return;
    // The cards a peer added or moved in this change: only those can have landed on ours.
    const nodes = getNodes(this.doc);
    const arrived = new Set<string>();
    for (const [type, keys] of transaction.changed) {
      if ((type as unknown) === nodes) {
        for (const key of keys) if (key !== null && nodes.has(key)) arrived.add(key);
      } else if ((type.parent as unknown) === nodes && (keys.has('x') || keys.has('y'))) {
        const id = type._item?.parentSub;
        if (id) arrived.add(id);
      }
    }
    if (arrived.size > 0) this.settle(arrived);
  };

  private sizeOf(card: NodeView): { width: number; height: number } {
    const measured = this.options.sizeOf?.(card.id);
    if (measured) return measured;
    return card.width !== null && card.height !== null ? { width: card.width, height: card.height } : DEFAULT_CARD_SIZE;
  }

  private settle(arrived: ReadonlySet<string>): void {
    const nodes = getNodes(this.doc);
    const now = this.now();
    const me = this.doc.clientID;
    const cards = readNodes(this.doc).filter(standsOnCanvas);
    for (const [id, watch] of [...this.watched]) {
      const record = nodes.get(id);
      // Gone, old, or moved by someone since it was placed: no longer ours to move.
      if (
        !(record instanceof Y.Map) ||
        now - watch.at > this.windowMs ||
        record.get('x') !== watch.x ||
        record.get('y') !== watch.y ||
        watch.moves >= MAX_MOVES
      ) {
        this.watched.delete(id);
        continue;
      }
      const self = cards.find((card) => card.id === id);
      if (!self) continue;
      const mine = { x: watch.x, y: watch.y, ...this.sizeOf(self) };
      const landedOn = cards.some((card) => {
        if (card.id === id || !arrived.has(card.id)) return false;
        const creator = creatorOf(nodes.get(card.id));
        if (creator === null || creator === me || creator > me) return false;
        const box = { x: card.x, y: card.y, ...this.sizeOf(card) };
        return (
          mine.x < box.x + box.width &&
          box.x < mine.x + mine.width &&
          mine.y < box.y + box.height &&
          box.y < mine.y + mine.height
        );
      });
      if (!landedOn) continue;
      const others: PlacedCard[] = cards
        .filter((card) => card.id !== id)
        .map((card) => ({
          id: card.id,
          kind: card.kind,
          level: card.fields.level,
          x: card.x,
          y: card.y,
          ...this.sizeOf(card),
        }));
      const meta = readMeta(this.doc);
      const scene = this.options.scene?.();
      const viewSize = scene?.view
        ? { width: scene.view.width, height: scene.view.height }
        : { width: 5 * mine.width, height: 9 * mine.height };
      const spot = placeNewCard({
        kind: self.kind,
        cards: others,
        labels: scene?.labels ?? [],
        lanes: meta.kind === 'theory-of-change' ? meta.lanes : null,
        selected: null,
        // The nearest free spot to where it was: a view of the user's size centred on the card.
        view: {
          x: mine.x + mine.width / 2 - viewSize.width / 2,
          y: mine.y + mine.height / 2 - viewSize.height / 2,
          ...viewSize,
        },
        size: { width: mine.width, height: mine.height },
      });
      moveNodes(this.doc, [{ id: id as NodeId, x: spot.x, y: spot.y }], this.options.origin);
      this.watched.set(id, { ...watch, x: spot.x, y: spot.y, moves: watch.moves + 1 });
    }
  }
}
