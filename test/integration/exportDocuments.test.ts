import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unzipSync, strFromU8 } from 'fflate';
import { XMLParser } from 'fast-xml-parser';
import {
  COMMENTS_API,
  EXPORT_API,
  HISTORY_API,
  addNode,
  connect,
  createOrigin,
  setNodeField,
  type MapJSON,
  type NodeId,
} from '@loopmap/shared';
import type { RunningServer } from '@loopmap/server';
import { connectPeer } from './support/peers.ts';
import { removeDir, startTestServer, tempDataDir } from './support/servers.ts';
import { addMember, signUp, type Actor } from './support/accounts.ts';
import { fetchFile, type FetchedFile } from './support/readers.ts';

/**
 * The documents a map leaves in (Markdown and Word reports, the change report between two
 * versions, a review), downloaded over real HTTP from a real server and read back with
 * independent readers: the .docx unzipped with fflate and its XML parsed with fast-xml-parser.
 */

const ARABIC = 'مؤشر التعلم';
const CHINESE = '社区学习';
const EMOJI = '🌱 Seeds';
const HOSTILE = '| # <script>alert(1)</script> [click](javascript:alert(1)) `x`';
const PATHWAY_KINDS = new Set(['impact', 'outcome', 'output', 'activity', 'precondition']);
const LOGFRAME_HEADER = [
  'Ref',
  'Level',
  'Statement',
  'Indicators',
  'Baseline',
  'Target',
  'Means of verification',
  'Assumptions',
];

function download(actor: Actor | null, path: string): Promise<FetchedFile> {
  return fetchFile(actor?.baseUrl ?? baseUrl, path, actor?.cookie);
}

// ── Reading a .docx ──────────────────────────────────────────────────────────────────────────

type XmlNode = Record<string, unknown> & { ':@'?: Record<string, string> };

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  trimValues: false,
  parseTagValue: false,
});

const tagOf = (node: XmlNode): string => Object.keys(node).find((key) => key !== ':@')!;
const childrenOf = (node: XmlNode): XmlNode[] => {
  const value = node[tagOf(node)];
  return Array.isArray(value) ? (value as XmlNode[]) : [];
};

function findAll(nodes: readonly XmlNode[], tag: string, within = true): XmlNode[] {
  const out: XmlNode[] = [];
  for (const node of nodes) {
    if (tagOf(node) === tag) {
      out.push(node);
      if (!within) continue;
    }
    out.push(...findAll(childrenOf(node), tag, within));
  }
  return out;
}

function textOf(node: XmlNode): string {
  if (tagOf(node) === '#text') return String(node['#text']);
  if (tagOf(node) === 'w:br') return '\n';
  return childrenOf(node).map(textOf).join('');
}

interface DocxParagraph {
  style: string | null;
  bidi: boolean;
  text: string;
}

interface Docx {
  files: Record<string, Uint8Array>;
  paragraphs: DocxParagraph[];
  tables: { headerRepeats: boolean; rows: string[][] }[];
  /** Tables of the body, not nested ones. */
  body: XmlNode[];
  core: string;
}

function readDocx(bytes: Uint8Array): Docx {
  const files = unzipSync(bytes);
  const xml = parser.parse(strFromU8(files['word/document.xml']!)) as XmlNode[];
  const body = findAll(xml, 'w:body')[0]!;
  const paragraphs = findAll([body], 'w:p').map((p) => {
    const pPr = childrenOf(p).find((child) => tagOf(child) === 'w:pPr');
    const style = pPr ? (findAll([pPr], 'w:pStyle')[0]?.[':@']?.['w:val'] ?? null) : null;
    return { style, bidi: pPr ? findAll([pPr], 'w:bidi').length > 0 : false, text: textOf(p) };
  });
  const tables = findAll([body], 'w:tbl', false).map((tbl) => {
    const rows = childrenOf(tbl).filter((child) => tagOf(child) === 'w:tr');
    const firstRowProps = rows[0] ? childrenOf(rows[0]).find((child) => tagOf(child) === 'w:trPr') : undefined;
    return {
      headerRepeats: firstRowProps ? findAll([firstRowProps], 'w:tblHeader').length > 0 : false,
      rows: rows.map((row) =>
        childrenOf(row)
          .filter((child) => tagOf(child) === 'w:tc')
          .map((cell) => findAll([cell], 'w:p').map(textOf).join('\n')),
      ),
    };
  });
  return { files, paragraphs, tables, body: [body], core: strFromU8(files['docProps/core.xml']!) };
}

const headings = (docx: Docx, level: number): string[] =>
  docx.paragraphs.filter((p) => p.style === `Heading${level}`).map((p) => p.text);

const pngs = (docx: Docx): Uint8Array[] =>
  Object.entries(docx.files)
    .filter(([name]) => /^word\/media\/[^/]+\.png$/.test(name))
    .map(([, data]) => data);

const isPng = (data: Uint8Array): boolean =>
  [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((byte, i) => data[i] === byte);

function logframeTable(docx: Docx): Docx['tables'][number] {
  const found = docx.tables.filter((t) => JSON.stringify(t.rows[0]) === JSON.stringify(LOGFRAME_HEADER));
  expect(found).toHaveLength(1);
  return found[0]!;
}

// ── The server and the map ───────────────────────────────────────────────────────────────────

let baseUrl = '';

describe('document exports', () => {
  let dir: string;
  let server: RunningServer;
  let owner: Actor;
  let viewer: Actor;
  let stranger: Actor;
  let mapId: string;
  let snapshotId: string;
  let snapshotSeq: number;
  /** The live map, read back after the cards were added. */
  let live: MapJSON;

  beforeAll(async () => {
    dir = tempDataDir();
    server = await startTestServer(dir);
    baseUrl = server.url;
    owner = await signUp(server.url, 'Olu');
    viewer = await signUp(server.url, 'Vic');
    stranger = await signUp(server.url, 'Sam');
    const created = await owner.api('POST', '/api/maps', {
      title: 'Learning 🌱 community',
      template: 'learning-community',
    });
    mapId = created.body.map.id;
    await addMember(owner, mapId, viewer, 'viewer');

    const snapshot = await owner.api('POST', HISTORY_API.snapshots(mapId), { name: 'Before the seeds' });
    expect(snapshot.status).toBe(201);
    snapshotId = snapshot.body.snapshot.id;
    snapshotSeq = snapshot.body.snapshot.seq;

    // Cards in three scripts and a hostile title, on a pathway to the impact.
    const template = (await owner.api('GET', HISTORY_API.state(mapId, 'now'))).body.map as MapJSON;
    const impact = template.nodes.find((n) => n.kind === 'impact')!.id as NodeId;
    const peer = connectPeer(server.url, mapId, 'Olu', { cookie: owner.cookie }, { saved: true });
    await peer.whenSynced();
    const origin = createOrigin('user');
    const arabic = addNode(peer.doc, { kind: 'outcome', label: ARABIC, x: 900, y: -400 }, origin);
    const chinese = addNode(peer.doc, { kind: 'output', label: CHINESE, x: 900, y: 300 }, origin);
    const seeds = addNode(peer.doc, { kind: 'activity', label: EMOJI, x: 900, y: 560 }, origin);
    const hostile = addNode(peer.doc, { kind: 'outcome', label: HOSTILE, x: 1200, y: -400 }, origin);
    connect(peer.doc, { source: seeds, target: chinese, label: 'Seed swaps', relation: 'leads-to' }, origin);
    connect(peer.doc, { source: chinese, target: arabic, relation: 'contributes-to' }, origin);
    connect(peer.doc, { source: arabic, target: impact, relation: 'contributes-to' }, origin);
    connect(peer.doc, { source: hostile, target: impact, label: '| a | b |' }, origin);
    await peer.whenSaved();
    peer.destroy();

    const thread = await owner.api('POST', COMMENTS_API.threads(mapId), {
      target: { kind: 'node', id: arabic },
      body: 'Check the baseline <b>twice</b>',
    });
    expect(thread.status).toBe(201);
    live = (await owner.api('GET', HISTORY_API.state(mapId, 'now'))).body.map;
  });
  afterAll(async () => {
    await server.close();
    removeDir(dir);
  });

  const cardTitles = (map: MapJSON): string[] => map.nodes.filter((n) => n.kind !== 'group').map((n) => n.label);

  describe('Word report', () => {
    let docx: Docx;
    let response: FetchedFile;
    beforeAll(async () => {
      response = await download(viewer, EXPORT_API.map(mapId, 'docx'));
      docx = readDocx(response.bytes);
    });

    it('downloads as a .docx named after the map', () => {
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe(
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      );
      expect(response.headers.get('content-disposition')).toContain(
        `filename*=UTF-8''${encodeURIComponent('Learning 🌱 community.docx')}`,
      );
      expect(docx.core).toContain('<dc:title>Learning 🌱 community</dc:title>');
      expect(docx.core).toContain('<dc:creator>Loopmap</dc:creator>');
    });

    it('holds every card title, in every script, as text', () => {
      const text = docx.paragraphs.map((p) => p.text).join('\n');
      const titles = cardTitles(live);
      expect(titles).toEqual(expect.arrayContaining([ARABIC, CHINESE, EMOJI, HOSTILE]));
      for (const title of titles) expect(text).toContain(title);
    });

    it('has a title page and real Word headings', () => {
      expect(docx.paragraphs.find((p) => p.style === 'Title')?.text).toBe('Learning 🌱 community');
      expect(headings(docx, 1)).toEqual(
        expect.arrayContaining(['The map', 'Pathways', 'Logframe', 'Assumptions', 'Indicators', 'Risks', 'Lessons']),
      );
      expect(headings(docx, 2)).toEqual(
        expect.arrayContaining([
          'Pathway 1: Young people in member cities find decent work',
          'Review history',
          'Readings',
        ]),
      );
      expect(headings(docx, 1)).not.toContain('Partners');
    });

    it('has a logframe table with its columns, a repeating header and one row per pathway card', () => {
      const table = logframeTable(docx);
      expect(table.headerRepeats).toBe(true);
      const pathwayCards = live.nodes.filter((n) => PATHWAY_KINDS.has(n.kind));
      expect(table.rows.length - 1).toBe(pathwayCards.length);
      expect(
        table.rows
          .slice(1)
          .map((row) => row[2])
          .sort(),
      ).toEqual(pathwayCards.map((n) => n.label).sort());
      for (const row of table.rows) expect(row).toHaveLength(8);
      const adopt = table.rows.find((row) => row[2] === 'Member organisations adopt practices learned from peers')!;
      expect(adopt.slice(3, 7)).toEqual([
        'Practices adopted by member organisations',
        '2 practices on 2025-01-15',
        '12 practices by 2027-12-31',
        'Procedures or budgets that name the practice',
      ]);
      expect(table.rows.find((row) => row[2] === EMOJI)![1]).toBe('Activity');
    });

    it('writes the assumptions register with its review history, and the indicator readings', () => {
      const history = docx.tables.find((t) => t.rows[0]!.join('|') === 'Assumption|Date|Status|Note|By')!;
      expect(history.headerRepeats).toBe(true);
      expect(history.rows[1]).toEqual([
        'Peers have time to take part between calls',
        expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        'At risk',
        'Two cities cut staff hours this year.',
        'Facilitator',
      ]);
      const readings = docx.tables.find((t) => t.rows[0]!.join('|') === 'Indicator|Date|Value|Note|By')!;
      expect(readings.rows[1]![0]).toBe('Practices adopted by member organisations');
      expect(readings.rows[1]![2]).toBe('5');
    });

    it('embeds the map as a PNG picture', () => {
      const images = pngs(docx);
      expect(images).toHaveLength(1);
      expect(isPng(images[0]!)).toBe(true);
      expect(findAll(docx.body, 'w:drawing')).toHaveLength(1);
    });

    it('runs a paragraph of Arabic right to left, and Latin ones left to right', () => {
      const arabic = docx.paragraphs.filter((p) => p.text === ARABIC);
      expect(arabic.length).toBeGreaterThan(0);
      for (const p of arabic) expect(p.bidi).toBe(true);
      expect(docx.paragraphs.find((p) => p.text === CHINESE)?.bidi).toBe(false);
    });

    it('adds the open comments as an appendix only when asked', async () => {
      expect(headings(docx, 1)).not.toContain('Appendix: open comments');
      const withComments = readDocx((await download(viewer, EXPORT_API.map(mapId, 'docx', { comments: '1' }))).bytes);
      expect(headings(withComments, 1)).toContain('Appendix: open comments');
      expect(headings(withComments, 2)).toContain(`On ${ARABIC}`);
      expect(withComments.paragraphs.map((p) => p.text)).toContain('Check the baseline <b>twice</b>');
    });

    it('shows a snapshot as it was, not the live map', async () => {
      const old = readDocx((await download(viewer, EXPORT_API.map(mapId, 'docx', { snapshot: snapshotId }))).bytes);
      const text = old.paragraphs.map((p) => p.text).join('\n');
      expect(text).toContain('Before the seeds');
      for (const title of [ARABIC, CHINESE, EMOJI]) expect(text).not.toContain(title);
      expect(logframeTable(old).rows.length - 1).toBe(live.nodes.filter((n) => PATHWAY_KINDS.has(n.kind)).length - 4);
    });
  });

  describe('Markdown report', () => {
    it('holds every card title, the logframe table and the registers', async () => {
      const md = await download(owner, EXPORT_API.map(mapId, 'md'));
      expect(md.status).toBe(200);
      expect(md.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
      expect(md.text.startsWith('# Learning 🌱 community\n')).toBe(true);
      for (const title of cardTitles(live).filter((t) => t !== HOSTILE)) expect(md.text).toContain(title);
      expect(md.text).toContain(`| ${LOGFRAME_HEADER.join(' | ')} |`);
      for (const heading of ['## Pathways', '## Logframe', '## Assumptions', '## Indicators', '## Risks']) {
        expect(md.text).toContain(`\n${heading}\n`);
      }
      expect(md.text).not.toContain('Appendix');
    });

    it('escapes a hostile title into text', async () => {
      const md = (await download(owner, EXPORT_API.map(mapId, 'md', { comments: '1' }))).text;
      expect(md).not.toContain('<script');
      expect(md).not.toContain('<b>');
      expect(md).not.toMatch(/(?<!\\)\]\(javascript/);
      expect(md).toContain('\\| # &lt;script&gt;alert(1)&lt;/script&gt; \\[click\\](javascript:alert(1)) \\`x\\`');
      expect(md).toContain('Check the baseline &lt;b&gt;twice&lt;/b&gt;');
      const row = md.split('\n').find((line) => line.startsWith('| ') && line.includes('&lt;script&gt;'))!;
      expect(row.split(/(?<!\\)\|/).length - 2).toBe(8);
    });

    it('shows a snapshot as it was', async () => {
      const md = (await download(viewer, EXPORT_API.map(mapId, 'md', { snapshot: snapshotId }))).text;
      expect(md).toContain('Before the seeds');
      for (const title of [ARABIC, CHINESE, EMOJI]) expect(md).not.toContain(title);
    });
  });

  describe('who may export', () => {
    it('lets viewers export and refuses strangers and the signed out, as the map’s other routes do', async () => {
      for (const format of ['md', 'docx'] as const) {
        expect((await download(viewer, EXPORT_API.map(mapId, format))).status).toBe(200);
        expect((await download(stranger, EXPORT_API.map(mapId, format))).status).toBe(403);
        expect((await download(null, EXPORT_API.map(mapId, format))).status).toBe(401);
      }
      const changes = EXPORT_API.changes(mapId, snapshotId, 'now', 'md');
      expect((await download(viewer, changes)).status).toBe(200);
      expect((await download(stranger, changes)).status).toBe(403);
      expect((await download(stranger, EXPORT_API.changes('no-such-map', '1', 'now', 'md'))).status).toBe(404);
    });
  });

  describe('change report', () => {
    it('says in Markdown what was added since a snapshot, and by whom', async () => {
      const res = await download(viewer, EXPORT_API.changes(mapId, snapshotId, 'now', 'md'));
      expect(res.status).toBe(200);
      const md = res.text;
      expect(md).toContain('# Changes to Learning 🌱 community');
      expect(md).toMatch(/From \*\*Before the seeds\*\* \(version \d+, .+\) to \*\*Live map\*\*/);
      expect(md).toContain('Changed by Olu.');
      expect(md).toContain('## Added (8)');
      expect(md).toContain(`| Activity | ${EMOJI} | Olu |`);
      expect(md).toContain(`| Output | ${CHINESE} | Olu |`);
      expect(md).toContain(`| Link | ${EMOJI} → ${CHINESE} | Olu |`);
      expect(md).not.toContain('<script');
    });

    it('shows field-level changes between two seqs', async () => {
      const peer = connectPeer(server.url, mapId, 'Olu', { cookie: owner.cookie }, { saved: true });
      await peer.whenSynced();
      const before = (await owner.api('GET', HISTORY_API.state(mapId, 'now'))).body.point.seq as number;
      const chinese = live.nodes.find((n) => n.label === CHINESE)!.id;
      setNodeField(peer.doc, chinese as NodeId, 'status', 'red', createOrigin('user'));
      await peer.whenSaved();
      peer.destroy();
      const md = (await download(owner, EXPORT_API.changes(mapId, String(before), 'now', 'md'))).text;
      expect(md).toContain(`### Output: ${CHINESE}\n\nBy Olu.`);
      expect(md).toContain('| Status | – | Red |');
    });

    it('sets the two versions side by side in Word', async () => {
      const res = await download(owner, EXPORT_API.changes(mapId, snapshotId, 'now', 'docx'));
      expect(res.status).toBe(200);
      const docx = readDocx(res.bytes);
      expect(docx.paragraphs.find((p) => p.style === 'Title')?.text).toBe('Changes to Learning 🌱 community');
      const sideBySide = docx.tables.find((t) => t.rows.length === 1 && t.rows[0]!.length === 2)!;
      expect(sideBySide.rows[0]![0]).toContain('Before: Before the seeds');
      expect(sideBySide.rows[0]![1]).toContain('After: Live map');
      expect(pngs(docx).filter(isPng)).toHaveLength(2);
      expect(findAll(docx.body, 'w:drawing')).toHaveLength(2);
      const added = docx.tables.find((t) => t.rows[0]!.join('|') === 'Kind|Title|By')!;
      expect(added.rows).toContainEqual(['Activity', EMOJI, 'Olu']);
      expect(headings(docx, 2)).toContain('Added (8)');
    });

    it('refuses points it cannot read with a 400 that says why', async () => {
      const cases: [string, string, string][] = [
        ['yesterday', 'now', 'is not a point of the history'],
        ['1', '999999', 'past the end'],
        ['now', String(snapshotSeq), 'from is later than to'],
        ['', 'now', 'give from'],
      ];
      for (const [from, to, message] of cases) {
        const res = await owner.api('GET', EXPORT_API.changes(mapId, from, to, 'md'));
        expect(res.status, `${from}..${to}`).toBe(400);
        expect(res.body.error.message).toContain(message);
      }
      const pdf = await owner.api('GET', `/api/maps/${mapId}/export/changes?from=1&to=now&format=pdf`);
      expect(pdf.status).toBe(400);
      expect(pdf.body.error.code).toBe('unsupported_format');
    });
  });

  describe('review export', () => {
    let rid: string;
    beforeAll(async () => {
      const assumption = live.nodes.find((n) => n.label === 'Peers have time to take part between calls')!;
      const outcome = live.nodes.find((n) => n.label === ARABIC)!;
      await owner.api('PATCH', HISTORY_API.myMembership(mapId), { organisation: 'City of Lisbon' });
      rid = (await owner.api('POST', HISTORY_API.reviews(mapId), { title: 'Spring | review' })).body.review.id;
      await owner.api('PATCH', HISTORY_API.review(mapId, rid), {
        notes: { single: 'Calls start late', double: 'Visits beat calls', triple: '<i>Who</i> decides the agenda?' },
      });
      await owner.api('POST', HISTORY_API.ratings(mapId, rid), {
        assumption: assumption.id,
        status: 'broken',
        note: 'Staff cuts',
      });
      await owner.api('POST', HISTORY_API.decisions(mapId, rid), {
        text: 'Pair each new peer with a buddy',
        owner: owner.userId,
        due: '2026-06-30',
        cards: [outcome.id],
      });
      await owner.api('POST', HISTORY_API.lessons(mapId, rid), { loop: 'double', text: 'Trust comes first' });
      expect((await owner.api('PATCH', HISTORY_API.review(mapId, rid), { status: 'closed' })).status).toBe(200);
    });

    it('writes the review in Markdown: notes, ratings, decisions, lessons and what goes forward', async () => {
      const res = await download(viewer, EXPORT_API.review(mapId, rid, 'md'));
      expect(res.status).toBe(200);
      const md = res.text;
      expect(md).toContain('# Review: Spring \\| review');
      expect(md).toMatch(/Closed · \d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2} · started by Olu/);
      expect(md).toContain('- Olu (City of Lisbon)');
      expect(md).toContain('Calls start late');
      expect(md).toContain('&lt;i&gt;Who&lt;/i&gt; decides the agenda?');
      expect(md).toContain('| Peers have time to take part between calls | Broken | Staff cuts | Olu |');
      expect(md).toContain(`| Pair each new peer with a buddy | Olu | 2026-06-30 | Open | ${ARABIC} |`);
      expect(md).toContain('| Trust comes first | Double loop: are we doing the right things? | Olu |');
      expect(md).toContain('## Shared forward');
      expect(md).toContain('### City of Lisbon');
    });

    it('writes it in Word with the map as the review left it', async () => {
      const res = await download(viewer, EXPORT_API.review(mapId, rid, 'docx'));
      expect(res.status).toBe(200);
      const docx = readDocx(res.bytes);
      expect(docx.paragraphs.find((p) => p.style === 'Title')?.text).toBe('Review: Spring | review');
      expect(headings(docx, 1)).toEqual(
        expect.arrayContaining([
          'Participants',
          'The map',
          'What we learned',
          'Assumptions re-rated',
          'Decisions',
          'Lessons',
          'Shared forward',
        ]),
      );
      expect(headings(docx, 2)).toEqual(
        expect.arrayContaining(['Single loop: are we doing things right?', 'City of Lisbon']),
      );
      const decisions = docx.tables.find((t) => t.rows[0]!.join('|') === 'Decision|Owner|Due|Status|Cards')!;
      expect(decisions.headerRepeats).toBe(true);
      expect(decisions.rows[1]).toEqual(['Pair each new peer with a buddy', 'Olu', '2026-06-30', 'Open', ARABIC]);
      expect(pngs(docx).filter(isPng)).toHaveLength(1);
    });

    it('pictures an open review’s map as it is now', async () => {
      const open = (await owner.api('POST', HISTORY_API.reviews(mapId), { title: 'Summer review' })).body.review.id;
      const md = (await download(viewer, EXPORT_API.review(mapId, open, 'md'))).text;
      expect(md).toContain('# Review: Summer review');
      expect(md).toMatch(/Open · open since \d{4}-\d{2}-\d{2} · started by Olu/);
      expect(md).toContain('The map as of Live map');
      expect(md).toContain('### Double loop: are we doing the right things?\n\n*No notes.*');
    });

    it('is read as the review is: strangers refused, unknown reviews 404, bad formats 400', async () => {
      expect((await download(stranger, EXPORT_API.review(mapId, rid, 'md'))).status).toBe(403);
      expect((await download(null, EXPORT_API.review(mapId, rid, 'md'))).status).toBe(401);
      expect((await download(viewer, EXPORT_API.review(mapId, 'rev_nope', 'md'))).status).toBe(404);
      const bad = await viewer.api('GET', `/api/maps/${mapId}/reviews/${rid}/export?format=xlsx`);
      expect(bad.status).toBe(400);
      expect(bad.body.error.code).toBe('unsupported_format');
    });
  });
});
