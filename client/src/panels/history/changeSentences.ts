import {
  NODE_FIELD_LABELS,
  NODE_KIND_LABELS,
  isNodeFieldKey,
  type ChangeSummary,
  type SummaryElement,
} from '@loopmap/shared';

/**
 * STAND-IN for shared's `describeChange(summary, author)` (branch shared-history), with the same
 * signature: one sentence per thing an update did. Delete this file and import describeChange
 * from @loopmap/shared once that branch is merged.
 */

const META_LABELS: Record<string, string> = {
  title: 'the title',
  kind: 'the kind of map',
  lanes: 'the lanes',
  ceilingY: 'the accountability ceiling',
};

const FIELD_WORDS: Record<string, string> = {
  label: 'title',
  narrative: 'narrative',
  tags: 'tags',
  capabilities: 'capabilities',
  reviews: 'reviews',
  readings: 'readings',
  health: 'health ratings',
  relation: 'relation',
  rationale: 'rationale',
  attachedTo: 'attachment',
  kind: 'kind',
};

function what(element: SummaryElement): string {
  if (element.kind === 'link') return `the link ${element.label}`;
  return `the ${NODE_KIND_LABELS[element.kind].toLowerCase()} “${element.label}”`;
}

function fieldWords(field: string): string {
  if (FIELD_WORDS[field]) return FIELD_WORDS[field];
  return isNodeFieldKey(field) ? NODE_FIELD_LABELS[field].toLowerCase() : field;
}

function list(words: string[]): string {
  if (words.length <= 1) return words[0] ?? '';
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

export function describeChange(summary: ChangeSummary, author: string): string[] {
  const lines: string[] = [];
  for (const element of summary.added) lines.push(`${author} added ${what(element)}`);
  for (const element of summary.removed) lines.push(`${author} removed ${what(element)}`);
  for (const change of summary.changed) {
    const fields = change.fields.map(fieldWords);
    lines.push(
      fields.length > 0
        ? `${author} changed the ${list(fields)} of ${what(change)}`
        : `${author} changed ${what(change)}`,
    );
  }
  if (summary.moved.length === 1) lines.push(`${author} moved ${what(summary.moved[0]!)}`);
  else if (summary.moved.length > 1) lines.push(`${author} moved ${summary.moved.length} cards`);
  if (summary.meta.length > 0) {
    lines.push(`${author} changed ${list(summary.meta.map((key) => META_LABELS[key] ?? key))}`);
  }
  return lines;
}
