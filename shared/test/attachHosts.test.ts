import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import {
  addNode,
  attachNode,
  connect,
  createOrigin,
  initMap,
  readMapGraph,
  removeNodes,
  type NodeId,
} from '../src/index.ts';

const alice = createOrigin('user', 'alice');

function map(): { doc: Y.Doc; outcome: NodeId; assumption: NodeId; evidence: NodeId } {
  const doc = new Y.Doc();
  initMap(doc, { title: 'Map', kind: 'theory-of-change' }, alice);
  const outcome = addNode(doc, { kind: 'outcome', x: 0, y: 0, label: 'Peers trust each other' }, alice);
  const assumption = addNode(doc, { kind: 'assumption', x: 300, y: 0, label: 'Calls happen monthly' }, alice);
  const evidence = addNode(doc, { kind: 'evidence', x: 600, y: 0, label: 'Survey 2024' }, alice);
  return { doc, outcome, assumption, evidence };
}

describe('attachNode: what may be attached where', () => {
  it('lets a standalone assumption carry evidence', () => {
    const { doc, assumption, evidence } = map();
    expect(attachNode(doc, evidence, assumption, alice)).toEqual({ ok: true });
    expect(readMapGraph(doc).nodeById.get(evidence)?.attachedTo).toBe(assumption);
  });

  it('refuses to attach a card that carries attachments (they would pop back onto the canvas)', () => {
    const { doc, outcome, assumption, evidence } = map();
    attachNode(doc, evidence, assumption, alice);
    expect(attachNode(doc, assumption, outcome, alice)).toEqual({ ok: false, reason: 'has-attachments' });
    const graph = readMapGraph(doc);
    expect(graph.nodeById.get(assumption)?.attachedTo).toBeNull();
    expect(graph.nodeById.get(evidence)?.attachedTo).toBe(assumption);
  });

  it('attaches it once its own attachments are detached, and removing the host removes it', () => {
    const { doc, outcome, assumption, evidence } = map();
    attachNode(doc, evidence, assumption, alice);
    attachNode(doc, evidence, null, alice);
    expect(attachNode(doc, assumption, outcome, alice)).toEqual({ ok: true });
    removeNodes(doc, [outcome], alice);
    const graph = readMapGraph(doc);
    expect(graph.nodeById.has(assumption)).toBe(false);
    expect(graph.nodeById.has(evidence)).toBe(true);
  });

  it('still detaches a card whatever it carries', () => {
    const { doc, assumption, evidence } = map();
    attachNode(doc, evidence, assumption, alice);
    expect(attachNode(doc, assumption, null, alice)).toEqual({ ok: true });
  });
});

describe('attachNode and links', () => {
  it('refuses a card linked to other cards: the links would vanish with it from the canvas', () => {
    const { doc, outcome, assumption } = map();
    const activity = addNode(doc, { kind: 'activity', x: 0, y: 300, label: 'Monthly calls' }, alice);
    connect(doc, { source: activity, target: assumption }, alice);
    expect(attachNode(doc, assumption, outcome, alice)).toEqual({ ok: false, reason: 'has-links' });
    expect(readMapGraph(doc).nodeById.get(assumption)?.attachedTo).toBeNull();
    expect(readMapGraph(doc).edges).toHaveLength(1);
  });

  it('replaces a link between the card and its new host by the attachment, in one change', () => {
    const { doc, outcome, assumption } = map();
    connect(doc, { source: assumption, target: outcome }, alice);
    const undo = new Y.UndoManager([doc.getMap('nodes'), doc.getMap('edges')], { trackedOrigins: new Set([alice]) });
    expect(attachNode(doc, assumption, outcome, alice)).toEqual({ ok: true });
    const graph = readMapGraph(doc);
    expect(graph.edges).toHaveLength(0);
    expect(graph.nodeById.get(assumption)?.attachedTo).toBe(outcome);
    undo.undo();
    expect(readMapGraph(doc).edges).toHaveLength(1);
    expect(readMapGraph(doc).nodeById.get(assumption)?.attachedTo).toBeNull();
  });
});
