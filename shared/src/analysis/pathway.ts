import type { EdgeView } from '../doc/layout.ts';
import type { MapGraph } from './graph.ts';
import { attachedCards, canvasIndexOf, linksIn, linksOut, type CanvasIndex } from './canvasIndex.ts';

/**
 * The pathway through a card or a link: everything that leads to it and everything it leads to.
 * The canvas lights these and dims the rest.
 */
export interface Pathway {
  /** The card or link the pathway runs through. */
  focus: string;
  /** Cards with a directed path to the focus (for a link: its source and what leads to it). */
  upstream: ReadonlySet<string>;
  /** Cards the focus leads to (for a link: its target and what it leads to). */
  downstream: ReadonlySet<string>;
  /** Links that lie on those paths (not every link among those cards), and a focused link. */
  links: ReadonlySet<string>;
  /** Cards attached to the focus or to any highlighted card or link (shown on their hosts). */
  attachments: ReadonlySet<string>;
}

/**
 * A link marked "feeds back" returns to an earlier step of the pathway: following it would make
 * everything around a loop both upstream and downstream of everything else in it, and on most
 * maps light up nearly the whole canvas. So walks do not follow such links; a feedback link is
 * lit when it closes a loop between two lit cards, which is when it belongs to the picture.
 */
const isFeedback = (link: EdgeView): boolean => link.relation === 'feeds-back';

/**
 * Walks from `starts` along links (backwards or forwards), collecting the cards reached and the
 * links used. Each card is expanded once, so this is linear in the size of the map and ends on
 * cycles. The starts themselves are not added to `reached` unless a walk comes back to them.
 */
function walk(
  index: CanvasIndex,
  starts: readonly string[],
  direction: 'up' | 'down',
  reached: Set<string>,
  links: Set<string>,
): void {
  const expanded = new Set<string>(starts);
  const stack = [...starts];
  while (stack.length > 0) {
    const id = stack.pop()!;
    const next = direction === 'up' ? linksIn(index, id) : linksOut(index, id);
    for (const link of next) {
      if (isFeedback(link)) continue;
      links.add(link.id);
      const other = direction === 'up' ? link.source : link.target;
      reached.add(other);
      if (!expanded.has(other)) {
        expanded.add(other);
        stack.push(other);
      }
    }
  }
}

const onCanvas = (graph: MapGraph, id: string): boolean => graph.nodeById.get(id)?.attachedTo === null;

/**
 * The pathway through a card or a link, or null when `focus` is neither a card on the canvas nor
 * a link between two such cards. An attached card (an indicator on an outcome, an assumption on
 * a link) has its host's pathway: it is drawn as part of its host, so `focus` then names the host.
 */
export function findPathway(graph: MapGraph, focus: string): Pathway | null {
  const index = canvasIndexOf(graph);
  const node = graph.nodeById.get(focus);
  const id = node?.attachedTo ?? focus;

  const upstream = new Set<string>();
  const downstream = new Set<string>();
  const links = new Set<string>();
  const lit = new Set<string>();

  const link = graph.edgeById.get(id);
  if (link) {
    if (!onCanvas(graph, link.source) || !onCanvas(graph, link.target)) return null;
    upstream.add(link.source);
    downstream.add(link.target);
    links.add(link.id);
    walk(index, [link.source], 'up', upstream, links);
    walk(index, [link.target], 'down', downstream, links);
  } else {
    if (!onCanvas(graph, id)) return null;
    walk(index, [id], 'up', upstream, links);
    walk(index, [id], 'down', downstream, links);
    // On a loop the focus reaches itself; it is the focus, not its own neighbour.
    upstream.delete(id);
    downstream.delete(id);
    lit.add(id);
  }
  for (const card of upstream) lit.add(card);
  for (const card of downstream) lit.add(card);
  for (const candidate of index.links) {
    if (isFeedback(candidate) && lit.has(candidate.source) && lit.has(candidate.target)) links.add(candidate.id);
  }

  const attachments = new Set<string>();
  for (const host of [...lit, ...links])
    for (const attached of attachedCards(index, host)) attachments.add(attached.id);
  return { focus: id, upstream, downstream, links, attachments };
}

/** True when the pathway lights `id` (a card, link or attached card): the focus or on its paths. */
export function pathwayIncludes(pathway: Pathway, id: string): boolean {
  return (
    id === pathway.focus ||
    pathway.upstream.has(id) ||
    pathway.downstream.has(id) ||
    pathway.links.has(id) ||
    pathway.attachments.has(id)
  );
}
