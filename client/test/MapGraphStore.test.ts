import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { addNode, createOrigin, initMap, setNodeLabel, type NodeId } from '@loopmap/shared';
import { MapGraphStore } from '../src/collab/useMapGraph.ts';

const alice = createOrigin('user', 'alice');

describe('MapGraphStore', () => {
  let frames: (() => void)[] = [];
  beforeEach(() => {
    frames = [];
    vi.stubGlobal('requestAnimationFrame', (run: () => void) => frames.push(run));
    vi.stubGlobal('cancelAnimationFrame', () => undefined);
  });
  afterEach(() => vi.unstubAllGlobals());

  const flush = (): void => {
    const due = frames;
    frames = [];
    for (const run of due) run();
  };

  function mapWithOneCard(): { doc: Y.Doc; id: NodeId } {
    const doc = new Y.Doc();
    initMap(doc, { title: 'Map', kind: 'theory-of-change' }, alice);
    const id = addNode(doc, { kind: 'outcome', label: 'Before', x: 0, y: 0 }, alice);
    return { doc, id };
  }

  it('keeps one graph while nothing changes, and tells listeners once a frame after a change', () => {
    const { doc, id } = mapWithOneCard();
    const store = new MapGraphStore(doc);
    const listener = vi.fn();
    store.subscribe(listener);
    const first = store.getGraph();
    expect(store.getGraph()).toBe(first);
    setNodeLabel(doc, id, 'After', alice);
    setNodeLabel(doc, id, 'After again', alice);
    expect(listener).not.toHaveBeenCalled();
    flush();
    expect(listener).toHaveBeenCalledTimes(1);
    expect(store.getGraph().nodeById.get(id)?.label).toBe('After again');
  });

  it('does not hand a panel opened later the graph from before changes made while no panel was open', () => {
    const { doc, id } = mapWithOneCard();
    const store = new MapGraphStore(doc);
    const unsubscribe = store.subscribe(() => undefined);
    expect(store.getGraph().nodeById.get(id)?.label).toBe('Before');
    unsubscribe();
    setNodeLabel(doc, id, 'Edited with the panel closed', alice);
    expect(store.getGraph().nodeById.get(id)?.label).toBe('Edited with the panel closed');
  });
});
