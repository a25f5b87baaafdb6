import type { ChangeSummary, HistoryEntryView } from '@loopmap/shared';

/**
 * The server logs every update, so typing a title leaves one entry per pause ("renamed … “Cities
 * adopt the playbo”", "… “playboo”", …). For reading, a run of such edits is shown once: the
 * newest entry stands for the run, with how many edits it covers. Pure, so it is unit-tested.
 */
export interface EntryRun {
  /** The newest entry of the run: its sentence, time and seq are the run's. */
  entry: HistoryEntryView;
  /** How many logged updates the run covers (1: a lone entry). */
  edits: number;
}

const RUN_WINDOW_MS = 5 * 60_000;

/** A summary that only changes fields of one element: the kind of update a run is made of. */
function editedElement(summary: ChangeSummary | null): string | null {
  if (!summary) return null;
  const { added, removed, changed, moved, meta } = summary;
  if (added.length > 0 || removed.length > 0 || moved.length > 0 || meta.length > 0) return null;
  if (changed.length !== 1) return null;
  const [change] = changed;
  return `${change!.id}:${[...change!.fields].sort().join(',')}`;
}

/** Entries newest first in, runs newest first out. */
export function collapseEdits(entries: readonly HistoryEntryView[], windowMs = RUN_WINDOW_MS): EntryRun[] {
  const runs: EntryRun[] = [];
  let key: string | null = null;
  let oldestAt = 0;
  for (const entry of entries) {
    const edited = editedElement(entry.summary);
    const at = Date.parse(entry.at);
    const last = runs[runs.length - 1];
    const sameRun =
      last !== undefined &&
      edited !== null &&
      key === `${entry.author.id}|${edited}` &&
      Number.isFinite(at) &&
      oldestAt - at <= windowMs;
    if (sameRun) {
      last.edits += 1;
      oldestAt = at;
      continue;
    }
    runs.push({ entry, edits: 1 });
    key = edited === null ? null : `${entry.author.id}|${edited}`;
    oldestAt = at;
  }
  return runs;
}
