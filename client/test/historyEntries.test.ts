import { describe, expect, it } from 'vitest';
import type { ChangeSummary, HistoryEntryView } from '@loopmap/shared';
import { collapseEdits } from '../src/panels/history/historyEntries.ts';

const none: ChangeSummary = { added: [], removed: [], changed: [], moved: [], meta: [] };
const rename = (label: string): ChangeSummary => ({
  ...none,
  changed: [{ id: 'c1', kind: 'outcome', label, fields: ['label'] }],
});
let seq = 100;
function entry(author: string, minute: number, summary: ChangeSummary | null): HistoryEntryView {
  return {
    seq: seq--,
    at: new Date(Date.UTC(2026, 2, 12, 10, minute)).toISOString(),
    author: { id: author, name: author },
    summary,
    ids: ['c1'],
  };
}

describe('collapseEdits', () => {
  it('shows a run of one person editing the same field of one card once, newest first', () => {
    const entries = [
      entry('ana', 9, rename('Cities adopt the playbook')),
      entry('ana', 8, rename('Cities adopt the play')),
      entry('ana', 6, rename('Cities adopt')),
    ];
    const runs = collapseEdits(entries);
    expect(runs).toHaveLength(1);
    expect(runs[0]!.entry).toBe(entries[0]);
    expect(runs[0]!.edits).toBe(3);
  });

  it('keeps apart other people, other fields, other cards, additions and long pauses', () => {
    const other: ChangeSummary = {
      ...none,
      changed: [{ id: 'c1', kind: 'outcome', label: 'x', fields: ['narrative'] }],
    };
    const added: ChangeSummary = { ...none, added: [{ id: 'c2', kind: 'outcome', label: 'y' }] };
    const entries = [
      entry('ana', 50, rename('d')),
      entry('ana', 30, rename('c')), // 20 minutes earlier: a new run
      entry('ben', 29, rename('b')),
      entry('ben', 28, other),
      entry('ben', 27, added),
      entry('ben', 26, null),
      entry('ben', 25, null),
    ];
    expect(collapseEdits(entries).map((run) => run.edits)).toEqual([1, 1, 1, 1, 1, 1, 1]);
  });
});
