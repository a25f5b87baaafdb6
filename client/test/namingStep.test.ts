import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createOrigin, getEdges, getMeta, getNodes, readNodes } from '@loopmap/shared';
import { MapEditor } from '../src/collab/MapEditor.ts';

const me = createOrigin('user', 'me');
const CAPTURE_MS = 40;
const pause = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, CAPTURE_MS * 3));

function setUp(): { doc: Y.Doc; undo: Y.UndoManager; editor: MapEditor } {
  const doc = new Y.Doc();
  const undo = new Y.UndoManager([getMeta(doc), getNodes(doc), getEdges(doc)], {
    trackedOrigins: new Set([me]),
    // Short, so real pauses can exceed it (yjs reads the clock through lib0, not a fakeable Date).
    captureTimeout: CAPTURE_MS,
  });
  return { doc, undo, editor: new MapEditor(doc, me, undo) };
}

describe('adding a card and typing its title are one undo step', () => {
  it('however long the pause before the first keystroke', async () => {
    const { doc, undo, editor } = setUp();
    const id = editor.addCardToName({ kind: 'impact', x: 0, y: 0, label: '' });
    await pause();
    editor.setCardLabel(id, 'D');
    await pause();
    editor.setCardLabel(id, 'Decent work');
    editor.endNaming(id);
    expect(undo.undoStack).toHaveLength(1);
    undo.undo();
    expect(readNodes(doc)).toHaveLength(0);
    undo.redo();
    expect(readNodes(doc)[0]).toMatchObject({ id, label: 'Decent work' });
  });

  it('a later retitle, or one after another change, is a step of its own', async () => {
    const { doc, undo, editor } = setUp();
    const id = editor.addCardToName({ kind: 'outcome', x: 0, y: 0, label: '' });
    editor.setCardLabel(id, 'Peers trust each other');
    editor.endNaming(id);
    await pause();
    editor.setCardLabel(id, 'Peers trust each other and share failures');
    expect(undo.undoStack).toHaveLength(2);

    await pause();
    const other = editor.addCardToName({ kind: 'output', x: 300, y: 0, label: '' });
    await pause();
    editor.moveCards([{ id, x: 40, y: 40 }]);
    await pause();
    editor.setCardLabel(other, 'Calls held');
    expect(undo.undoStack).toHaveLength(5);
    undo.undo();
    expect(readNodes(doc).find((node) => node.id === other)?.label).toBe('');
  });
});

describe('Tidy up is an undo step of its own', () => {
  it('even right after another edit, within the capture timeout', () => {
    const { doc, undo, editor } = setUp();
    const id = editor.addCardToName({ kind: 'outcome', x: 0, y: 0, label: 'Parents value schooling' });
    editor.endNaming(id);
    undo.stopCapturing();
    editor.setCardLabel(id, 'Parents value girls’ schooling');
    // At once (well within the capture timeout), as a click on Tidy up can follow an edit.
    editor.applyLayout({ positions: [{ id, x: 400, y: 300, height: 84 }], lanes: null, frames: [], ceilingY: null });
    expect(readNodes(doc)[0]).toMatchObject({ x: 400, y: 300 });
    undo.undo();
    // Only the layout is undone; the edit before it stays.
    expect(readNodes(doc)[0]).toMatchObject({ x: 0, y: 0, label: 'Parents value girls’ schooling' });
  });
});
