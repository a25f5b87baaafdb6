/**
 * Edits to a theory-of-change map as people make them in a call, one logged update each, written
 * only through the named operations of @loopmap/shared: mostly cards dropped somewhere else,
 * titles, link rationales and narratives typed (a word arrives as two or three updates, as a
 * client that writes every ~300 ms sends it), fields changed, readings and reviews added, tags,
 * and now and then a card added (with its link), removed, or a link drawn or deleted.
 * Same seed, same edits.
 */
import type * as Y from 'yjs';
import {
  addEntry,
  addNode,
  addNodeTag,
  connect,
  createOrigin,
  disconnect,
  getEdges,
  getNodes,
  moveNodes,
  readEdge,
  readNode,
  removeNodes,
  setEdgeField,
  setEdgeLabel,
  setNodeField,
  setNodeLabel,
  setNodeNarrative,
  type EdgeId,
  type NodeId,
  type Origin,
} from '@loopmap/shared';
import { prng } from './maps.ts';

const WORDS = (
  'peers share failures openly trust grows between partners youth groups lead local campaigns ' +
  'district offices budget for outreach teachers adopt the new curriculum families report safer ' +
  'routes clinics keep records evidence reaches decision makers women join savings groups'
).split(' ');

/** The mix of actions; an action is one or more updates (typing a word is two or three). */
const ACTIONS = [
  ['move', 34],
  ['moveGroup', 4],
  ['typeTitle', 20],
  ['typeRationale', 10],
  ['typeNarrative', 6],
  ['field', 9],
  ['reading', 5],
  ['review', 3],
  ['tag', 2],
  ['addCard', 2],
  ['removeCard', 1],
  ['connect', 3],
  ['disconnect', 1],
] as const;
type Action = (typeof ACTIONS)[number][0];
const ACTION_TOTAL = ACTIONS.reduce((sum, [, weight]) => sum + weight, 0);

export type Edit = (doc: Y.Doc) => void;

/**
 * An endless stream of edits by `authors` (one origin each), for a room's document. `next(doc)`
 * returns the next one-update edit; it reads the document to choose what to edit, so it must be
 * called with the document it will be applied to.
 */
export class MapEditor {
  private readonly random: () => number;
  private readonly origins: Origin[];
  private queue: Edit[] = [];
  private cards: NodeId[] = [];
  private indicators: NodeId[] = [];
  private assumptions: NodeId[] = [];
  private links: EdgeId[] = [];
  private stale = true;
  /** The day entries are dated (YYYY-MM-DD), set by the caller's clock. */
  today = '2026-01-01';
  readonly counts: Record<Action, number> = Object.fromEntries(ACTIONS.map(([a]) => [a, 0])) as Record<Action, number>;

  constructor(authors: readonly string[], seed = 7) {
    this.random = prng(seed);
    this.origins = authors.map((author) => createOrigin('user', author));
  }

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)]!;
  }

  private refresh(doc: Y.Doc): void {
    this.cards = [];
    this.indicators = [];
    this.assumptions = [];
    getNodes(doc).forEach((record, id) => {
      const node = readNode(id, record);
      if (!node) return;
      if (node.kind === 'indicator') this.indicators.push(node.id);
      else if (node.kind === 'assumption') this.assumptions.push(node.id);
      else if (node.attachedTo === null) this.cards.push(node.id);
    });
    this.links = [...getEdges(doc).keys()] as EdgeId[];
    this.stale = false;
  }

  next(doc: Y.Doc): Edit {
    if (this.stale) this.refresh(doc);
    while (this.queue.length === 0) this.plan(doc);
    return this.queue.shift()!;
  }

  /** A word typed at the end of a text, in two or three updates; long texts lose a word first. */
  private typing(current: string, max: number, write: (text: string) => void): Edit[] {
    const edits: Edit[] = [];
    let text = current;
    if (text.length > max) {
      text = text.slice(0, Math.max(0, text.lastIndexOf(' ')));
      const cut = text;
      edits.push(() => write(cut));
    }
    const word = `${text.length > 0 ? ' ' : ''}${this.pick(WORDS)}`;
    const parts = word.length > 6 ? 3 : 2;
    const size = Math.ceil(word.length / parts);
    for (let i = size; i < word.length + size; i += size) {
      const typed = text + word.slice(0, Math.min(i, word.length));
      edits.push(() => write(typed));
    }
    return edits;
  }

  private plan(doc: Y.Doc): void {
    let roll = this.random() * ACTION_TOTAL;
    let action: Action = 'move';
    for (const [name, weight] of ACTIONS) {
      if ((roll -= weight) < 0) {
        action = name;
        break;
      }
    }
    const origin = this.pick(this.origins);
    const nodes = getNodes(doc);
    const edges = getEdges(doc);
    const drop = (id: NodeId) => {
      const node = readNode(id, nodes.get(id));
      return {
        id,
        x: (node?.x ?? 0) + Math.round((this.random() - 0.5) * 600),
        y: (node?.y ?? 0) + Math.round((this.random() - 0.5) * 300),
      };
    };
    this.counts[action]++;
    switch (action) {
      case 'move': {
        const id = this.pick(this.cards);
        this.queue.push((d) => void moveNodes(d, [drop(id)], origin));
        break;
      }
      case 'moveGroup': {
        const ids = Array.from({ length: 5 }, () => this.pick(this.cards));
        this.queue.push((d) => void moveNodes(d, [...new Set(ids)].map(drop), origin));
        break;
      }
      case 'typeTitle': {
        const id = this.pick(this.cards);
        const label = readNode(id, nodes.get(id))?.label ?? '';
        this.queue.push(...this.typing(label, 90, (text) => void setNodeLabel(doc, id, text, origin)));
        break;
      }
      case 'typeRationale': {
        const id = this.pick(this.links);
        const label = readEdge(id, edges.get(id))?.label ?? '';
        this.queue.push(...this.typing(label, 160, (text) => void setEdgeLabel(doc, id, text, origin)));
        break;
      }
      case 'typeNarrative': {
        const id = this.pick(this.cards);
        const narrative = readNode(id, nodes.get(id))?.narrative ?? '';
        this.queue.push(...this.typing(narrative, 400, (text) => void setNodeNarrative(doc, id, text, origin)));
        break;
      }
      case 'field': {
        if (this.random() < 0.6) {
          const id = this.pick(this.cards);
          this.queue.push(
            (d) => void setNodeField(d, id, 'status', this.pick(['red', 'amber', 'green'] as const), origin),
          );
        } else {
          const id = this.pick(this.links);
          this.queue.push(
            (d) => void setEdgeField(d, id, 'confidence', this.pick(['low', 'medium', 'high'] as const), origin),
          );
        }
        break;
      }
      case 'reading': {
        if (this.indicators.length === 0) break;
        const id = this.pick(this.indicators);
        const value = `${Math.round(this.random() * 100)}%`;
        this.queue.push(
          (d) =>
            void addEntry(
              d,
              id,
              'readings',
              { date: this.today, note: 'from the quarterly survey', by: 'Ana', value },
              origin,
            ),
        );
        break;
      }
      case 'review': {
        if (this.assumptions.length === 0) break;
        const id = this.pick(this.assumptions);
        const status = this.pick(['holds', 'at-risk', 'broken'] as const);
        this.queue.push(
          (d) =>
            void addEntry(
              d,
              id,
              'reviews',
              { date: this.today, note: 'discussed in the call', by: 'Ben', status },
              origin,
            ),
        );
        break;
      }
      case 'tag': {
        const id = this.pick(this.cards);
        const tag = this.pick(['youth', 'gender', 'policy', 'health', 'education']);
        this.queue.push((d) => void addNodeTag(d, id, tag, origin));
        break;
      }
      case 'addCard': {
        const near = this.pick(this.cards);
        const at = drop(near);
        this.queue.push((d) => {
          const id = addNode(d, { kind: 'outcome', label: 'New outcome', x: at.x, y: at.y }, origin);
          this.cards.push(id);
          const result = connect(d, { source: id, target: near }, origin);
          if (result.ok) this.links.push(result.id);
        });
        break;
      }
      case 'removeCard': {
        const id = this.pick(this.cards);
        this.queue.push((d) => {
          removeNodes(d, [id], origin);
          this.stale = true;
        });
        break;
      }
      case 'connect': {
        const source = this.pick(this.cards);
        const target = this.pick(this.cards);
        this.queue.push((d) => {
          const result = connect(d, { source, target, relation: 'contributes-to' }, origin);
          if (result.ok) this.links.push(result.id);
        });
        break;
      }
      case 'disconnect': {
        const id = this.pick(this.links);
        this.queue.push((d) => {
          disconnect(d, [id], origin);
          this.stale = true;
        });
        break;
      }
    }
  }
}
