import { describe, expect, it } from 'vitest';
import {
  buildChangeReport,
  buildReport,
  buildTemplate,
  changeReportMarkdown,
  mapReportMarkdown,
  mdCell,
  mdHeading,
  mdLink,
  mdParagraphs,
  mdText,
  reviewMarkdown,
  type MapJSON,
  type ReviewDocument,
} from '@loopmap/shared';
import { fullMap } from '../../shared/test/fullMap.ts';
import { translatorFor } from '../src/i18n.ts';

/** The documents' words in English, from the catalogue, as the server writes them. */
const t = translatorFor('en', 'exports');

const HOSTILE = '| # <script>alert(1)</script> [x](javascript:alert(1)) `code` **bold** _it_ ~~s~~ & \\';

/** A GFM table row's cells: split on pipes that are not escaped. */
function cells(row: string): string[] {
  return row
    .trim()
    .replace(/^\||\|$/g, '')
    .split(/(?<!\\)\|/)
    .map((cell) => cell.trim());
}

/** What is left of the text once the escapes are read back (as a Markdown reader would). */
const unescape = (text: string): string =>
  text
    .replace(/\\([\\`*_[\]|~#+\-=.)])/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');

describe('Markdown escaping', () => {
  it('turns every markup character of a title into text', () => {
    const text = mdText(HOSTILE);
    expect(text).not.toMatch(/<[a-z/]/i);
    expect(text).not.toMatch(/(?<!\\)[|`*_[\]~]/);
    expect(text.startsWith('\\|')).toBe(true);
    expect(unescape(text)).toBe(HOSTILE);
  });

  it('escapes what starts a block only at the start of a line', () => {
    expect(mdText('# Not a heading')).toBe('\\# Not a heading');
    expect(mdText('- not a list')).toBe('\\- not a list');
    expect(mdText('+ not a list')).toBe('\\+ not a list');
    expect(mdText('1. not a list')).toBe('1\\. not a list');
    expect(mdText('2026) not a list')).toBe('2026\\) not a list');
    expect(mdText('=== not an underline')).toBe('\\=== not an underline');
    expect(mdText('> not a quote')).toBe('&gt; not a quote');
    expect(mdText('Plan B - phase 2. Costs (est.) #1')).toBe('Plan B - phase 2. Costs (est.) #1');
  });

  it('keeps a one-line text on one line and a narrative in its paragraphs', () => {
    expect(mdText('first\n# second\r\nthird')).toBe('first # second third');
    expect(mdParagraphs('One\n- two\n\n# Three')).toBe('One<br>\n\\- two\n\n\\# Three');
  });

  it('keeps a cell in its cell, line breaks as <br>', () => {
    const cell = mdCell('a | b\n<b>c</b>');
    expect(cell).toBe('a \\| b<br>&lt;b&gt;c&lt;/b&gt;');
    expect(cells(`| ${cell} | x |`)).toHaveLength(2);
  });

  it('links only http(s) addresses', () => {
    expect(mdLink('Report', 'https://example.org/a_(b)|c')).toBe('[Report](<https://example.org/a_(b)%7Cc>)');
    expect(mdLink('Report', 'javascript:alert(1)')).toBe('Report');
    expect(mdLink('Report', 'data:text/html,<b>')).toBe('Report');
    expect(mdLink('[x](javascript:y)', null)).toBe('\\[x\\](javascript:y)');
  });

  it('keeps any script as it is', () => {
    for (const text of ['مؤشر التعلم', '社区学习', '🌱 Seeds', 'Écoles rurales']) {
      expect(mdText(text)).toBe(text);
      expect(mdHeading(2, text)).toBe(`## ${text}`);
    }
  });
});

/** The worked example with a hostile title on a card, a link's rationale and a comment. */
function hostileMap(): MapJSON {
  const map = buildTemplate('learning-community', { title: HOSTILE, today: '2026-03-02' });
  const impact = map.nodes.find((node) => node.kind === 'impact')!;
  impact.label = `${HOSTILE}\nsecond line`;
  map.edges[0]!.rationale = '| broken | table';
  return map;
}

describe('mapReportMarkdown', () => {
  const version = { label: 'Live map', at: '2026-03-02T10:15:00.000Z' };
  const generatedAt = '2026-03-02T10:16:00.000Z';

  it('writes the title, version, pathways, logframe and registers of the worked example', () => {
    const map = buildTemplate('learning-community', { title: 'Learning community', today: '2026-03-02' });
    const md = mapReportMarkdown({ report: buildReport(map), version, generatedAt, comments: null }, t);
    expect(md.startsWith('# Learning community\n\nTheory of change · Live map · 2026-03-02 10:15 UTC\n')).toBe(true);
    for (const heading of ['## Pathways', '## Logframe', '## Assumptions', '## Indicators', '## Risks', '## Lessons']) {
      expect(md).toContain(`\n${heading}\n`);
    }
    expect(md).not.toContain('## Partners');
    expect(md).not.toContain('Appendix');
    for (const node of map.nodes.filter((n) => n.kind !== 'group')) expect(md).toContain(node.label);
    expect(md).toContain('      - **1.1.1.1** Outcome: Peers trust each other and share failures openly');
    expect(md).toContain(
      '    - **1.2.1** Outcome: Member organisations adopt practices learned from peers (see 1.1.1)',
    );

    const lines = md.split('\n');
    const header = lines.findIndex((line) => line.startsWith('| Ref |'));
    expect(cells(lines[header]!)).toEqual([
      'Ref',
      'Level',
      'Statement',
      'Indicators',
      'Baseline',
      'Target',
      'Means of verification',
      'Assumptions',
    ]);
    const rows = lines.slice(header + 2).filter((_, i, all) => all.slice(0, i + 1).every((l) => l.startsWith('|')));
    expect(rows).toHaveLength(11);
    for (const row of rows) expect(cells(row)).toHaveLength(8);
    expect(cells(rows[2]!)).toEqual([
      '1.1.1',
      'Outcome',
      'Member organisations adopt practices learned from peers',
      'Practices adopted by member organisations',
      '2 practices on 2025-01-15',
      '12 practices by 2027-12-31',
      'Procedures or budgets that name the practice',
      '–',
    ]);
  });

  it('writes partners with their latest health for a map that has them', () => {
    const md = mapReportMarkdown({ report: buildReport(fullMap()), version, generatedAt, comments: null }, t);
    expect(md).toContain(
      '| City sports department | Organisation | Sponsor / funder | City of Braga | Communication: Green (2025-09-01)<br>Resources: Red (2025-09-01) |',
    );
    expect(md).toContain('[Exchange evaluation 2024](<https://example.org/evaluation.pdf>)');
  });

  it('escapes hostile text everywhere and keeps every table row whole', () => {
    const comments = [
      {
        target: { kind: 'node' as const, title: HOSTILE },
        comments: [{ author: '<img src=x>', body: `${HOSTILE}\n# heading`, createdAt: generatedAt }],
      },
    ];
    const md = mapReportMarkdown({ report: buildReport(hostileMap()), version, generatedAt, comments }, t);
    expect(md).not.toMatch(/<(?!br>|https:\/\/)/);
    expect(md).not.toMatch(/^#+ (?!\\)[^A-Z]/m);
    expect(md).not.toMatch(/(?<!\\)\]\((?!<https?:)/);
    expect(md).toContain(`# ${mdText(HOSTILE)}`);
    expect(md).toContain('## Appendix: open comments');
    expect(md).toContain(`### On ${mdText(HOSTILE)}`);
    const tables = md.split('\n\n').filter((block) => block.startsWith('| '));
    expect(tables.length).toBeGreaterThan(5);
    const widths = new Set<number>();
    for (const table of tables) {
      const rows = table.split('\n').map(cells);
      for (const row of rows) expect(row).toHaveLength(rows[0]!.length);
      widths.add(rows[0]!.length);
    }
    expect(widths.size).toBeGreaterThan(1);
  });

  it('says there are no open comments when asked and there are none', () => {
    const md = mapReportMarkdown({ report: buildReport(fullMap()), version, generatedAt, comments: [] }, t);
    expect(md).toContain('## Appendix: open comments\n\nNo open comments.');
  });
});

describe('changeReportMarkdown', () => {
  it('says what was added, removed and changed, field by field, and by whom', () => {
    const before = fullMap();
    const after = fullMap();
    after.meta.title = 'Sport network';
    after.nodes = after.nodes.filter((node) => node.id !== 'risk');
    after.edges = after.edges.filter((edge) => edge.id !== 'link-risk');
    const outcome = after.nodes.find((node) => node.id === 'outcome')!;
    outcome.label = 'Coaches trust | each other';
    outcome.term = 'long';
    after.nodes.find((node) => node.id === 'activity')!.x += 50;
    after.nodes.push({ id: 'new', kind: 'output', label: '社区学习', x: 0, y: 0 });
    const report = buildChangeReport({
      before,
      after,
      from: { label: 'Before the retreat', at: '2026-03-01T09:00:00.000Z', seq: 3 },
      to: { label: 'Live map', at: '2026-03-02T09:00:00.000Z', seq: 9 },
      changedBy: { outcome: ['Ana', 'Rui'], new: ['Rui'], risk: ['Ana'] },
      authors: ['Ana', 'Rui'],
      t,
    });
    expect(report.added.map((e) => e.title)).toEqual(['社区学习']);
    expect(report.removed.map((e) => [e.kind, e.title])).toEqual([
      ['risk', 'Coach turnover'],
      // Cards are named as the later version names them.
      ['link', 'Coach turnover → Coaches trust | each other'],
    ]);
    expect(report.changed).toHaveLength(1);
    expect(report.changed[0]!.fields).toEqual([
      { field: 'label', label: 'Title', before: 'Coaches trust each other', after: 'Coaches trust | each other' },
      { field: 'term', label: 'Term', before: 'Short term', after: 'Long term' },
    ]);
    expect(report.moved.map((e) => e.title)).toEqual(['Coach exchanges between clubs']);
    const md = changeReportMarkdown(report, '2026-03-02T10:00:00.000Z', t);
    expect(md).toContain('# Changes to Sport network');
    expect(md).toContain(
      'From **Before the retreat** (version 3, 2026-03-01 09:00 UTC) to **Live map** (version 9, 2026-03-02 09:00 UTC).',
    );
    expect(md).toContain('Changed by Ana, Rui.');
    expect(md).toContain('| Map title | Sport for development network | Sport network |');
    expect(md).toContain('| Output | 社区学习 | Rui |');
    expect(md).toContain('### Outcome: Coaches trust \\| each other\n\nBy Ana, Rui.');
    expect(md).toContain('| Term | Short term | Long term |');
    expect(md).toContain('## Moved (1)');
  });

  it('says when nothing differs', () => {
    const map = fullMap();
    const point = { label: 'Live map', at: null, seq: 4 };
    const md = changeReportMarkdown(
      buildChangeReport({ before: map, after: map, from: point, to: point, changedBy: {}, authors: [], t }),
      '2026-03-02T10:00:00.000Z',
      t,
    );
    expect(md).toContain('Nothing differs between these versions.');
    expect(md).toContain('No one changed the map between these versions.');
  });
});

describe('reviewMarkdown', () => {
  const person = (name: string) => ({ id: name.toLowerCase(), name });
  const doc: ReviewDocument = {
    mapTitle: 'Learning community',
    review: {
      id: 'rev_1',
      title: 'Spring review',
      status: 'closed',
      from: { seq: 1, at: '2026-03-01T09:00:00.000Z' },
      to: { seq: 9, at: '2026-03-09T09:00:00.000Z', snapshotId: 'snap_1' },
      notes: { single: 'Calls start late.\n- fix the agenda', double: '', triple: '<b>Who</b> decides?' },
      participants: [
        { ...person('Ana'), organisation: 'City of Lisbon' },
        { ...person('Rui'), organisation: null },
      ],
      decisions: [
        {
          id: 'dec_1',
          text: 'Move budget to | study visits',
          owner: { id: 'ana', name: 'Ana' },
          due: '2026-06-30',
          status: 'in-progress',
          cards: ['card-1', 'gone'],
          createdAt: '2026-03-09T09:00:00.000Z',
          createdBy: person('Ana'),
        },
      ],
      lessons: [
        {
          id: 'les_1',
          loop: 'double',
          text: 'Visits beat calls',
          cardId: 'card-2',
          createdAt: '2026-03-09T09:00:00.000Z',
          createdBy: person('Rui'),
        },
      ],
      ratings: [
        {
          id: 'rat_1',
          assumptionId: 'a',
          assumptionLabel: 'Peers have time',
          status: 'broken',
          note: 'Staff cuts',
          createdAt: '2026-03-09T09:00:00.000Z',
          createdBy: person('Ana'),
        },
      ],
      createdAt: '2026-03-01T09:00:00.000Z',
      createdBy: person('Ana'),
      closedAt: '2026-03-09T09:00:00.000Z',
    },
    digest: [],
    cardTitles: { 'card-1': 'Monthly calls' },
    version: { label: 'Review: Spring review', at: '2026-03-09T09:00:00.000Z' },
    generatedAt: '2026-03-10T09:00:00.000Z',
  };

  it('writes the dates, participants, loop notes, ratings, decisions, lessons and digest', () => {
    const md = reviewMarkdown(
      {
        ...doc,
        digest: [
          {
            organisation: 'City of Lisbon',
            people: [person('Ana')],
            decisions: [{ ...doc.review.decisions[0]!, reviewId: 'rev_1' }],
            lessons: [{ ...doc.review.lessons[0]!, reviewId: 'rev_1' }],
          },
        ],
      },
      t,
    );
    expect(md).toContain('# Review: Spring review');
    expect(md).toContain('Learning community · Closed · 2026-03-01 to 2026-03-09 · started by Ana');
    expect(md).toContain('- Ana (City of Lisbon)\n- Rui');
    expect(md).toContain('### Single loop: are we doing things right?\n\nCalls start late.<br>\n\\- fix the agenda');
    expect(md).toContain('### Double loop: are we doing the right things?\n\n*No notes.*');
    expect(md).toContain('&lt;b&gt;Who&lt;/b&gt; decides?');
    expect(md).toContain('| Peers have time | Broken | Staff cuts | Ana | 2026-03-09 |');
    expect(md).toContain(
      '| Move budget to \\| study visits | Ana | 2026-06-30 | In progress | Monthly calls<br>a card since removed |',
    );
    expect(md).toContain('| Visits beat calls | Double loop: are we doing the right things? | Rui |');
    expect(md).toContain('## Shared forward');
    expect(md).toContain('### City of Lisbon');
    expect(md).toContain('- Visits beat calls (Double loop)');
  });
});
