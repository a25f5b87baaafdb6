import * as Y from 'yjs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyTextDiff } from '../src/index.ts';
import { isWellFormed, syncAll } from './replicas.ts';

/** A Y.Text holding `value`, in a document of its own. */
function textDoc(value: string): { doc: Y.Doc; text: Y.Text } {
  const doc = new Y.Doc();
  const text = doc.getText('t');
  text.insert(0, value);
  return { doc, text };
}

function replicaOf(source: Y.Doc): { doc: Y.Doc; text: Y.Text } {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(source));
  return { doc, text: doc.getText('t') };
}

// Strings mixing one-unit characters with surrogate pairs and multi-code-point graphemes: the
// cases where an edit computed on UTF-16 units could cut a character in half.
const piece = fc.constantFrom('a', 'b', ' ', 'é', '中', '😀', '😁', '👍🏽', '🏳️‍🌈');
const richText = fc.array(piece, { maxLength: 12 }).map((parts) => parts.join(''));

describe('applyTextDiff (property)', () => {
  it('leaves exactly the new text, locally and on a replica that receives the edit', () => {
    fc.assert(
      fc.property(richText, richText, (before, after) => {
        const local = textDoc(before);
        const remote = replicaOf(local.doc);
        applyTextDiff(local.text, after);
        Y.applyUpdate(remote.doc, Y.encodeStateAsUpdate(local.doc, Y.encodeStateVector(remote.doc)));
        expect(local.text.toString()).toBe(after);
        expect(remote.text.toString()).toBe(after);
      }),
      { numRuns: 500 },
    );
  });

  it('keeps both of two concurrent edits made on either side of a separator', () => {
    // The separator never appears in the edited parts, so each edit stays on its own side.
    fc.assert(
      fc.property(richText, richText, richText, richText, (left, right, newLeft, newRight) => {
        const a = textDoc(`${left}|${right}`);
        const b = replicaOf(a.doc);
        applyTextDiff(a.text, `${newLeft}|${right}`);
        applyTextDiff(b.text, `${left}|${newRight}`);
        syncAll([a.doc, b.doc]);
        const merged = `${newLeft}|${newRight}`;
        expect(a.text.toString()).toBe(merged);
        expect(b.text.toString()).toBe(merged);
        expect(isWellFormed(merged)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('does not write when the text is unchanged', () => {
    const { doc, text } = textDoc('same 😀');
    let updates = 0;
    doc.on('update', () => updates++);
    applyTextDiff(text, 'same 😀');
    expect(updates).toBe(0);
  });
});
