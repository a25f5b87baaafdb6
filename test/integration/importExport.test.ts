import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { strFromU8, unzipSync, zipSync } from 'fflate';
import { XMLParser } from 'fast-xml-parser';
import {
  buildReport,
  EXPORT_API,
  logframeColumns,
  HISTORY_API,
  MAX_IMPORT_BYTES,
  MAX_IMPORT_ROWS,
  type ImportPreview,
  type ImportResult,
  type MapJSON,
} from '@loopmap/shared';
import type { RunningServer } from '@loopmap/server';
import { removeDir, repoRoot, startTestServer, tempDataDir } from './support/servers.ts';
import { browserOrigin, signUp, type Actor, type ApiResponse } from './support/accounts.ts';
import { fetchFile } from './support/readers.ts';
import { translatorFor } from '../../server/src/i18n.ts';

/**
 * Spreadsheets, interchange formats and import (issue 9) over real HTTP, with a real SQLite
 * file: files the project did not write (Kumu-style CSVs and a two-sheet workbook, logframes
 * typed by hand in English and French, broken and hostile files) each give the report line or
 * error a person sees; a dry run creates nothing; an import creates the map its preview showed;
 * the csv, xlsx, opml and mermaid exports are read back with independent readers.
 */

const FIXTURES = join(repoRoot, 'test/fixtures/imports');
const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(join(FIXTURES, name)));

interface Upload {
  name: string;
  bytes: Uint8Array | string;
}

async function postImport(
  actor: Actor,
  files: Upload[],
  options: { dryRun?: boolean; title?: string } = {},
): Promise<ApiResponse> {
  const form = new FormData();
  for (const file of files) form.append('file', new Blob([file.bytes as BlobPart]), file.name);
  if (options.title) form.append('title', options.title);
  const res = await fetch(`${actor.baseUrl}${EXPORT_API.import}${options.dryRun ? '?dryRun=1' : ''}`, {
    method: 'POST',
    headers: { cookie: actor.cookie, ...browserOrigin(actor.baseUrl) },
    body: form,
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null };
}

const preview = async (actor: Actor, files: Upload[], title?: string): Promise<ImportPreview> => {
  const res = await postImport(actor, files, { dryRun: true, title });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as ImportPreview;
};

function download(actor: Actor, mapId: string, format: string, params: Record<string, string> = {}) {
  return fetchFile(actor.baseUrl, EXPORT_API.map(mapId, format as 'csv', params), actor.cookie);
}

const titled = (map: MapJSON, label: string) => map.nodes.find((node) => node.label === label);
const linked = (map: MapJSON, from: string, to: string) =>
  map.edges.find((edge) => edge.source === titled(map, from)?.id && edge.target === titled(map, to)?.id);

/** A workbook typed by hand in Excel, as Kumu's import guide lays it out (built here with exceljs). */
async function kumuWorkbook(): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const elements = workbook.addWorksheet('Elements');
  elements.addRows([
    ['Label', 'Type', 'Description', 'Tags'],
    ['City sports office', 'Organization', 'Runs the municipal pitches', 'public|Leeds'],
    ['Coach network', 'Network', 'Coaches who meet monthly', ''],
    ['More girls coach', 'Outcome', '', 'girls'],
  ]);
  const connections = workbook.addWorksheet('Connections');
  connections.addRows([
    ['From', 'To', 'Type', 'Description'],
    ['City sports office', 'Coach network', 'Funding', 'Pitch time for free'],
    ['Coach network', 'More girls coach', 'Contributes to', ''],
    ['Coach network', '', 'Mentoring', ''],
  ]);
  const notes = workbook.addWorksheet('Notes (ignore)');
  notes.addRow(['Anything here is left alone']);
  return new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}

/** A logframe typed by hand: a title row, merged level cells, several indicators in one cell. */
async function handTypedLogframe(): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Logframe 2026-2028');
  sheet.addRows([
    ['Logical framework: Girls in sport, Leeds 2026-2028'],
    [],
    ['Level', 'Narrative summary', 'Indicators', 'Baseline', 'Target', 'Means of Verification (MoV)', 'Assumptions'],
    [
      'Goal',
      'More girls lead active lives in Leeds',
      '% of girls aged 11-16 active 3+ days a week',
      '28%',
      '40%',
      'Active Lives survey',
      '',
    ],
    [
      'Purpose',
      'Girls stay in club sport after age 14',
      '• Drop-out rate at 14-16\n• Girls registered in leagues',
      '35%\n120',
      '20%\n300',
      'Club registers\nLeague records',
      'Schools keep their PE slots',
    ],
    ['OUTPUTS'],
    [
      'Output 1.1',
      '40 coaches trained in inclusive coaching',
      'Coaches certified',
      0,
      40,
      'Training records',
      'Coaches stay in post',
    ],
    ['Output 1.2', 'Weekly girls-only sessions in 10 clubs', 'Sessions held', 0, 400, 'Club logs', ''],
    ['Activities', 'Run four coach training weekends'],
    ['', 'Recruit girl ambassadors in schools'],
    ['', '', 'Ambassadors recruited', 0, 30, 'School lists', ''],
    ['Inputs', 'Staff time, venues, kit'],
    ['Milestone', 'Mid-term review'],
  ]);
  sheet.mergeCells('A9:A10');
  return new Uint8Array((await workbook.xlsx.writeBuffer()) as ArrayBuffer);
}

describe('import', () => {
  let dir: string;
  let server: RunningServer;
  let ana: Actor;

  beforeAll(async () => {
    dir = tempDataDir();
    server = await startTestServer(dir);
    ana = await signUp(server.url, 'Ana');
  });
  afterAll(async () => {
    await server.close();
    removeDir(dir);
  });

  it('reads Kumu CSVs (elements and connections), with a report line for what it had to guess', async () => {
    const { preview: map, report } = await preview(ana, [
      { name: 'kumu-elements.csv', bytes: fixture('kumu-elements.csv') },
      { name: 'kumu-connections.csv', bytes: fixture('kumu-connections.csv') },
    ]);
    expect(report.source).toEqual({ format: 'csv', layout: 'kumu' });
    expect(report.cards).toBe(7);
    expect(report.links).toBe(6);
    expect(report.problems).toEqual([
      {
        sheet: 'kumu-elements.csv',
        row: 7,
        column: 'Type',
        reason: '"Factor" is not a kind of card in Loopmap: read as an outcome, tagged "Factor"',
      },
      {
        sheet: 'kumu-connections.csv',
        row: 1,
        column: 'Strength',
        reason: 'this column is not read: Loopmap has no field for it',
      },
      {
        sheet: 'kumu-connections.csv',
        row: 6,
        column: 'To',
        reason: 'no element "Parents\' council" in the element table: a card was made for it',
      },
    ]);
    expect(map.meta).toMatchObject({ title: 'kumu', kind: 'theory-of-change' });
    expect(titled(map, 'Youth Sports Trust')).toMatchObject({
      kind: 'actor',
      actorType: 'organisation',
      tags: ['funder', 'UK'],
    });
    expect(titled(map, 'Amina Yusuf')).toMatchObject({ kind: 'actor', actorType: 'person' });
    expect(titled(map, 'Weekly league')?.kind).toBe('activity');
    expect(titled(map, 'Café Olé — رياضة للجميع 🏃')).toMatchObject({ kind: 'outcome', tags: ['Factor'] });
    expect(titled(map, 'Girls stay in sport after age 14')?.narrative).toBe('Drop-out falls, as club registers show');
    expect(linked(map, 'Youth Sports Trust', 'Amina Yusuf')).toMatchObject({
      relation: 'funds',
      rationale: 'Pays for her coaching course',
    });
    // "A|B" in a To cell draws a link to each, as Kumu does.
    expect(linked(map, 'Coaches trained in safeguarding', 'Girls stay in sport after age 14')?.relation).toBe(
      'contributes-to',
    );
    expect(linked(map, 'Coaches trained in safeguarding', 'Weekly league')?.relation).toBe('contributes-to');
    // Laid out: the cards no longer sit on one point.
    expect(new Set(map.nodes.map((node) => `${node.x},${node.y}`)).size).toBe(map.nodes.length);
  });

  it("matches Kumu connections to elements by Kumu's own IDs, whatever they look like", async () => {
    const { preview: map, report } = await preview(ana, [
      {
        name: 'elements.csv',
        bytes: 'ID,Label,Type\nelem 1,Coach network,Network\nelem 2,City sports office,Organization\n',
      },
      { name: 'connections.csv', bytes: 'ID,From,To,Type\nconn 1,elem 2,elem 1,Funding\n' },
    ]);
    expect(report.problems).toEqual([]);
    expect(linked(map, 'City sports office', 'Coach network')?.relation).toBe('funds');
  });

  it('reads a connections-only CSV: its ends become cards', async () => {
    const { preview: map, report } = await preview(ana, [
      { name: 'partners.csv', bytes: fixture('kumu-connections.csv') },
    ]);
    expect(report.cards).toBe(6);
    expect(report.links).toBe(6);
    expect(titled(map, "Parents' council")?.kind).toBe('actor');
  });

  it('reads a Kumu-style two-sheet workbook, leaving "(ignore)" sheets alone', async () => {
    const { preview: map, report } = await preview(ana, [{ name: 'network.xlsx', bytes: await kumuWorkbook() }]);
    expect(report.source).toEqual({ format: 'xlsx', layout: 'kumu' });
    expect(report.cards).toBe(3);
    expect(report.links).toBe(2);
    expect(report.skippedRows).toBe(1);
    expect(report.problems).toEqual([
      { sheet: 'Connections', row: 4, column: 'To', reason: 'no To: a link needs the card it goes to' },
    ]);
    expect(titled(map, 'Coach network')).toMatchObject({ kind: 'actor', actorType: 'team' });
    expect(linked(map, 'City sports office', 'Coach network')).toMatchObject({
      relation: 'funds',
      rationale: 'Pitch time for free',
    });
  });

  it('reads a logframe typed by hand: levels in order, indicators and assumptions attached', async () => {
    const { preview: map, report } = await preview(ana, [
      { name: 'Girls in sport logframe.xlsx', bytes: await handTypedLogframe() },
    ]);
    expect(report.source).toEqual({ format: 'xlsx', layout: 'logframe' });
    expect(report.problems).toEqual([
      {
        sheet: 'Logframe 2026-2028',
        row: 13,
        column: 'Level',
        reason: '"Milestone" is not a level: write Impact, Outcome, Output or Activity',
      },
    ]);
    expect(report.skippedRows).toBe(1);
    const kinds = (kind: string) =>
      map.nodes
        .filter((node) => node.kind === kind)
        .map((node) => node.label)
        .sort();
    expect(kinds('impact')).toEqual(['More girls lead active lives in Leeds']);
    expect(kinds('outcome')).toEqual(['Girls stay in club sport after age 14']);
    expect(kinds('output')).toEqual([
      '40 coaches trained in inclusive coaching',
      'Weekly girls-only sessions in 10 clubs',
    ]);
    expect(kinds('activity')).toEqual(['Recruit girl ambassadors in schools', 'Run four coach training weekends']);
    expect(kinds('assumption')).toEqual(['Coaches stay in post', 'Schools keep their PE slots']);
    expect(map.edges).toHaveLength(5);
    expect(linked(map, 'Girls stay in club sport after age 14', 'More girls lead active lives in Leeds')).toBeDefined();
    expect(
      linked(map, '40 coaches trained in inclusive coaching', 'Girls stay in club sport after age 14'),
    ).toBeDefined();
    // Each activity serves the output above it in the sheet.
    expect(linked(map, 'Run four coach training weekends', 'Weekly girls-only sessions in 10 clubs')).toBeDefined();
    expect(linked(map, 'Recruit girl ambassadors in schools', 'Weekly girls-only sessions in 10 clubs')).toBeDefined();
    // Two indicators in one cell, each with the baseline and target of its own line.
    const purpose = titled(map, 'Girls stay in club sport after age 14')!;
    expect(titled(map, 'Drop-out rate at 14-16')).toMatchObject({
      attachedTo: purpose.id,
      baselineValue: '35%',
      targetValue: '20%',
      verification: 'Club registers',
    });
    expect(titled(map, 'Girls registered in leagues')).toMatchObject({ baselineValue: '120', targetValue: '300' });
    // A row with only an indicator continues the card above it.
    expect(titled(map, 'Ambassadors recruited')).toMatchObject({
      attachedTo: titled(map, 'Recruit girl ambassadors in schools')!.id,
      baselineValue: '0',
      targetValue: '30',
    });
  });

  it('reads a French logframe saved as CSV by Excel (semicolons)', async () => {
    const { preview: map, report } = await preview(ana, [
      { name: 'cadre-logique.csv', bytes: fixture('cadre-logique.csv') },
    ]);
    expect(report.source.layout).toBe('logframe');
    expect(report.problems).toEqual([]);
    expect(titled(map, 'Plus de filles pratiquent un sport à Dakar')?.kind).toBe('impact');
    expect(titled(map, 'Les filles restent dans les clubs après 14 ans')?.kind).toBe('outcome');
    expect(titled(map, 'Vingt entraîneuses formées')?.kind).toBe('output');
    expect(titled(map, 'Organiser quatre week-ends de formation')?.kind).toBe('activity');
    expect(titled(map, "Taux d'abandon à 14-16 ans")).toMatchObject({
      kind: 'indicator',
      baselineValue: '40 %',
      targetValue: '25 %',
    });
    expect(titled(map, 'Les écoles gardent les créneaux de sport')?.kind).toBe('assumption');
  });

  it('a dry run creates nothing; the import creates the map its preview showed', async () => {
    const files = [
      { name: 'kumu-elements.csv', bytes: fixture('kumu-elements.csv') },
      { name: 'kumu-connections.csv', bytes: fixture('kumu-connections.csv') },
    ];
    const before = (await ana.api('GET', '/api/maps')).body.maps.length;
    const dry = await preview(ana, files, 'Leeds sport 🏃 رياضة 体育');
    expect((await ana.api('GET', '/api/maps')).body.maps).toHaveLength(before);

    const created = await postImport(ana, files, { title: 'Leeds sport 🏃 رياضة 体育' });
    expect(created.status).toBe(201);
    const result = created.body as ImportResult;
    expect(result.map.title).toBe('Leeds sport 🏃 رياضة 体育');
    expect(result.report).toEqual(dry.report);
    const maps = (await ana.api('GET', '/api/maps')).body.maps;
    expect(maps).toHaveLength(before + 1);
    expect(maps.find((m: { id: string }) => m.id === result.map.id)).toMatchObject({
      role: 'owner',
      kind: 'theory-of-change',
    });
    const exported = await download(ana, result.map.id, 'json');
    expect(JSON.parse(new TextDecoder().decode(exported.bytes))).toEqual(dry.preview);
  });

  it('a Loopmap JSON export imports as the same map', async () => {
    const made = await ana.api('POST', '/api/maps', { title: 'Peer learning', template: 'learning-community' });
    const original = (await ana.api('GET', HISTORY_API.state(made.body.map.id, 'now'))).body.map as MapJSON;
    const file = await download(ana, made.body.map.id, 'json');
    const created = await postImport(ana, [{ name: 'Peer learning.loopmap.json', bytes: file.bytes }]);
    expect(created.status).toBe(201);
    const copy = await download(ana, created.body.map.id, 'json');
    expect(JSON.parse(new TextDecoder().decode(copy.bytes))).toEqual(original);
  });

  it('refuses broken and hostile files with a 4xx that says why, and creates nothing', async () => {
    const before = (await ana.api('GET', '/api/maps')).body.maps.length;
    const refused = async (files: Upload[], status: number, message: string | RegExp) => {
      const res = await postImport(ana, files);
      expect(res.status, JSON.stringify(res.body)).toBe(status);
      if (typeof message === 'string') expect(res.body.error.message).toBe(message);
      else expect(res.body.error.message).toMatch(message);
    };
    await refused(
      [{ name: 'bad-quoting.csv', bytes: fixture('bad-quoting.csv') }],
      400,
      '"bad-quoting.csv" is not valid CSV (row 2): a quoted cell is never closed (a " is missing)',
    );
    await refused(
      [{ name: 'not-really.xlsx', bytes: fixture('not-really.xlsx') }],
      400,
      '"not-really.xlsx" is not an Excel workbook: its content is not an .xlsx file (perhaps text renamed to .xlsx)',
    );
    await refused(
      [{ name: 'password-protected.xlsx', bytes: fixture('password-protected.xlsx') }],
      400,
      '"password-protected.xlsx" is a password-protected workbook (or an old .xls file): remove the password, save it as .xlsx and import it again',
    );
    // 60 MiB of one sheet's XML zips to a few kilobytes.
    const bomb = zipSync({
      '[Content_Types].xml': new Uint8Array(10),
      'xl/worksheets/sheet1.xml': new Uint8Array(60 * 1024 * 1024),
    });
    expect(bomb.length).toBeLessThan(MAX_IMPORT_BYTES);
    await refused(
      [{ name: 'bomb.xlsx', bytes: bomb }],
      400,
      '"bomb.xlsx" would unpack to more than 50 MiB: it is refused as a zip bomb',
    );
    const rows = ['Label,Type', ...Array.from({ length: MAX_IMPORT_ROWS + 1 }, (_, i) => `Card ${i + 1},Outcome`)].join(
      '\n',
    );
    await refused(
      [{ name: 'big.csv', bytes: rows }],
      422,
      'the file has 5,001 rows; an import takes at most 5,000: split it into smaller files',
    );
    await refused(
      [{ name: 'huge.csv', bytes: new Uint8Array(11 * 1024 * 1024).fill(0x41) }],
      413,
      'a file to import is at most 10 MiB',
    );
    await refused(
      [{ name: 'broken.json', bytes: '{"format": "loopmap.map", ' }],
      400,
      /^"broken\.json": the file is not valid JSON/,
    );
    await refused(
      [{ name: 'other.json', bytes: '{"nodes": []}' }],
      400,
      '"other.json": the file is JSON but not a Loopmap map (its "format" is not "loopmap.map")',
    );
    await refused(
      [{ name: 'picture.png', bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47]) }],
      415,
      /^"picture\.png" cannot be imported/,
    );
    await refused(
      [{ name: 'empty.csv', bytes: 'Label,Type\n,Outcome\n' }],
      422,
      /^no card could be read from the file/,
    );
    const notForm = await ana.api('POST', EXPORT_API.import, { file: 'x' });
    expect(notForm.status).toBe(415);
    expect(notForm.body.error.code).toBe('unsupported_format');
    expect((await ana.api('GET', '/api/maps')).body.maps).toHaveLength(before);
  });

  it("takes files beyond the API's 1 MiB body limit, up to 10 MiB", async () => {
    const long = 'x'.repeat(600);
    const rows = ['Label,Type,Description', ...Array.from({ length: 4000 }, (_, i) => `Card ${i},Outcome,${long}`)];
    const bytes = rows.join('\n');
    expect(bytes.length).toBeGreaterThan(2 * 1024 * 1024);
    const res = await postImport(ana, [{ name: 'wide.csv', bytes }], { dryRun: true });
    expect(res.status, JSON.stringify(res.body).slice(0, 200)).toBe(200);
    expect(res.body.report.cards).toBe(4000);
    expect(res.body.report.problems).toEqual([
      {
        sheet: 'wide.csv',
        row: null,
        column: null,
        reason:
          'more than 500 cards: they are set out in rows by kind; select a part of the map and use Tidy up to lay it out',
      },
    ]);
  });

  it('needs a signed-in user', async () => {
    const form = new FormData();
    form.append('file', new Blob(['Label\nA\n']), 'a.csv');
    const res = await fetch(`${server.url}${EXPORT_API.import}`, { method: 'POST', body: form });
    expect(res.status).toBe(401);
  });
});

describe('exports read back by independent readers', () => {
  let dir: string;
  let server: RunningServer;
  let ana: Actor;
  let mapId: string;
  let map: MapJSON;
  const TITLE = 'تعلم الأقران 同伴学习 🌱 Café';

  beforeAll(async () => {
    dir = tempDataDir();
    server = await startTestServer(dir);
    ana = await signUp(server.url, 'Ana');
    // A map with hostile and many-scripted text, made through the import of a JSON file.
    const hostile: MapJSON = {
      format: 'loopmap.map',
      schemaVersion: 2,
      meta: { title: TITLE, kind: 'theory-of-change' },
      nodes: [
        { id: 'impact', kind: 'impact', label: 'الفتيات يبقين في الرياضة', x: 0, y: 0 },
        {
          id: 'outcome',
          kind: 'outcome',
          label: '=HYPERLINK("http://evil.example","click")',
          x: 0,
          y: 200,
          tags: ['girls'],
        },
        { id: 'output', kind: 'output', label: '教练培训 "quoted" [x] <b>#1</b> 🏃', x: 0, y: 400 },
        { id: 'activity', kind: 'activity', label: '+SUM(A1:A9)', x: 0, y: 600, narrative: '-2 more\nlines' },
        {
          id: 'indicator',
          kind: 'indicator',
          label: '@risky indicator',
          x: 0,
          y: 0,
          attachedTo: 'outcome',
          baselineValue: '45',
          baselineDate: '2026-01-15',
          targetValue: '-3.5',
          targetDate: '2027-12-31',
        },
      ],
      edges: [
        {
          id: 'e1',
          source: 'outcome',
          target: 'impact',
          rationale: 'why',
          relation: 'contributes-to',
          status: 'confirmed',
        },
        { id: 'e2', source: 'output', target: 'outcome', rationale: '', relation: 'leads-to' },
        { id: 'e3', source: 'activity', target: 'output', rationale: '=1+1', status: 'refuted' },
      ],
    };
    const created = await postImport(ana, [{ name: 'hostile.json', bytes: JSON.stringify(hostile) }]);
    expect(created.status).toBe(201);
    mapId = created.body.map.id;
    map = (await ana.api('GET', HISTORY_API.state(mapId, 'now'))).body.map;
  });
  afterAll(async () => {
    await server.close();
    removeDir(dir);
  });

  it('csv: UTF-8 with BOM, CRLF, Kumu headers first, formulas neutralised', async () => {
    const elements = await download(ana, mapId, 'csv');
    expect(elements.status).toBe(200);
    expect(elements.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(elements.headers.get('content-disposition')).toContain(encodeURIComponent(`${TITLE}.elements.csv`));
    expect([...elements.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(elements.bytes);
    expect(text).toContain('\r\n');
    // TextDecoder drops the byte order mark, as spreadsheets do.
    const rows = Papa.parse<string[]>(text, { skipEmptyLines: true }).data;
    expect(rows[0]!.slice(0, 5)).toEqual(['ID', 'Label', 'Type', 'Description', 'Tags']);
    const label = (id: string) => rows.find((row) => row[0] === id)?.[1];
    expect(label('impact')).toBe('الفتيات يبقين في الرياضة');
    expect(label('outcome')).toBe('\'=HYPERLINK("http://evil.example","click")');
    expect(label('activity')).toBe("'+SUM(A1:A9)");
    expect(label('indicator')).toBe("'@risky indicator");
    expect(label('output')).toBe('教练培训 "quoted" [x] <b>#1</b> 🏃');
    expect(rows.find((row) => row[0] === 'activity')?.[3]).toBe("'-2 more\nlines");
    expect(rows).toHaveLength(map.nodes.length + 1);

    const connections = Papa.parse<string[]>(
      new TextDecoder().decode((await download(ana, mapId, 'csv', { table: 'connections' })).bytes),
      { skipEmptyLines: true },
    ).data;
    expect(connections[0]!.slice(0, 3)).toEqual(['ID', 'From', 'To']);
    expect(connections.find((row) => row[0] === 'e3')).toEqual([
      'e3',
      'activity',
      'output',
      '',
      "'=1+1",
      'directed',
      '',
      'Refuted',
    ]);
    expect((await download(ana, mapId, 'csv', { table: 'nodes' })).status).toBe(400);
  });

  it('xlsx: named sheets, frozen bold headers with filters, typed dates and numbers, no formulas', async () => {
    const file = await download(ana, mapId, 'xlsx');
    expect(file.status).toBe(200);
    const zip = unzipSync(file.bytes);
    const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' });
    const workbook = xml.parse(strFromU8(zip['xl/workbook.xml']!));
    const names = [workbook.workbook.sheets.sheet].flat().map((sheet: { name: string }) => sheet.name);
    expect(strFromU8(zip['docProps/core.xml']!)).toContain(`<dc:title>${TITLE}</dc:title>`);
    expect(names).toEqual(['Logframe', 'Assumptions', 'Indicators', 'Partners', 'Risks', 'Elements', 'Connections']);
    const sheetXml = strFromU8(zip[`xl/worksheets/sheet${names.indexOf('Elements') + 1}.xml`]!);
    const sheet = xml.parse(sheetXml).worksheet;
    expect(sheet.sheetViews.sheetView.pane).toMatchObject({ ySplit: '1', state: 'frozen', topLeftCell: 'A2' });
    expect(sheet.autoFilter.ref).toMatch(/^A1:/);
    expect(
      Object.keys(zip).some((name) => name.startsWith('xl/worksheets/') && strFromU8(zip[name]!).includes('<f>')),
    ).toBe(false);

    // The same file through exceljs: headers, typed cells, every title as written.
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.bytes.buffer as ArrayBuffer);
    const elements = book.getWorksheet('Elements')!;
    const headers = (elements.getRow(1).values as unknown[]).slice(1);
    expect(headers.slice(0, 5)).toEqual(['ID', 'Label', 'Type', 'Description', 'Tags']);
    expect(elements.getRow(1).font?.bold).toBe(true);
    const column = (name: string) => headers.indexOf(name) + 1;
    const rowOf = (id: string) => {
      let found: ExcelJS.Row | undefined;
      elements.eachRow((row) => {
        if (row.getCell(1).value === id) found = row;
      });
      return found!;
    };
    const indicator = rowOf('indicator');
    expect(indicator.getCell(column('Baseline date')).value).toEqual(new Date('2026-01-15T00:00:00Z'));
    expect(indicator.getCell(column('Baseline')).value).toBe(45);
    expect(indicator.getCell(column('Target')).value).toBe(-3.5);
    expect(rowOf('outcome').getCell(column('Label')).value).toBe('=HYPERLINK("http://evil.example","click")');
    expect(rowOf('outcome').getCell(column('Label')).type).toBe(ExcelJS.ValueType.String);
    expect(rowOf('impact').getCell(column('Label')).value).toBe('الفتيات يبقين في الرياضة');
    expect(rowOf('output').getCell(column('Label')).value).toBe('教练培训 "quoted" [x] <b>#1</b> 🏃');
  });

  it('xlsx of the worked example: the logframe and the registers, one row per entry, dates typed', async () => {
    const made = await ana.api('POST', '/api/maps', { title: 'Peer learning', template: 'learning-community' });
    const example = (await ana.api('GET', HISTORY_API.state(made.body.map.id, 'now'))).body.map as MapJSON;
    const report = buildReport(example);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await download(ana, made.body.map.id, 'xlsx')).bytes.buffer as ArrayBuffer);
    const values = (sheet: ExcelJS.Worksheet, row: number) => (sheet.getRow(row).values as unknown[]).slice(1);

    const logframe = book.getWorksheet('Logframe')!;
    expect(values(logframe, 1)).toEqual(logframeColumns(translatorFor('en', 'exports')));
    expect(logframe.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(logframe.actualRowCount).toBe(report.logframe.length + 1);
    expect(report.logframe.length).toBeGreaterThanOrEqual(4);
    report.logframe.forEach((row, i) => {
      expect(logframe.getRow(i + 2).getCell(3).value).toBe(row.statement);
      expect(logframe.getRow(i + 2).getCell(4).value ?? '').toBe(row.indicators.map((ind) => ind.title).join('\n'));
    });
    for (const level of ['Impact', 'Outcome', 'Output', 'Activity']) {
      expect(
        report.logframe.some((row) => logframe.getRow(report.logframe.indexOf(row) + 2).getCell(2).value === level),
      ).toBe(true);
    }

    const assumptions = book.getWorksheet('Assumptions')!;
    const reviewRows = report.assumptions.reduce((sum, a) => sum + Math.max(1, a.reviews.length), 0);
    expect(assumptions.actualRowCount).toBe(reviewRows + 1);
    const reviewed = report.assumptions.find((a) => a.reviews.length > 0)!;
    let reviewDate: unknown;
    assumptions.eachRow((row) => {
      if (row.getCell(1).value === reviewed.title && reviewDate === undefined) reviewDate = row.getCell(6).value;
    });
    expect(reviewDate).toEqual(new Date(`${reviewed.reviews[0]!.date}T00:00:00Z`));

    const indicators = book.getWorksheet('Indicators')!;
    expect(indicators.actualRowCount).toBe(
      report.indicators.reduce((sum, i) => sum + Math.max(1, i.readings.length), 0) + 1,
    );
    expect(values(book.getWorksheet('Partners')!, 1)).toEqual(
      expect.arrayContaining(['Partner', 'Trust', 'Trust rated on']),
    );
    expect(book.getWorksheet('Risks')!.actualRowCount).toBe(report.risks.length + 1);
    // Every card of the map is a row of Elements.
    expect(book.getWorksheet('Elements')!.actualRowCount).toBe(example.nodes.length + 1);
  });

  it('opml: an outline from the impact down, text escaped', async () => {
    const file = await download(ana, mapId, 'opml');
    expect(file.status).toBe(200);
    const text = new TextDecoder().decode(file.bytes);
    const opml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', htmlEntities: true }).parse(
      text,
    ).opml;
    expect(opml.head.title).toBe(TITLE);
    const impact = opml.body.outline;
    expect(impact).toMatchObject({ text: 'الفتيات يبقين في الرياضة', kind: 'Impact' });
    const outcome = impact.outline;
    expect(outcome.text).toBe('=HYPERLINK("http://evil.example","click")');
    const children = [outcome.outline].flat();
    expect(children.map((child: { text: string }) => child.text)).toEqual([
      '教练培训 "quoted" [x] <b>#1</b> 🏃',
      '@risky indicator',
    ]);
    expect(children[1]).toMatchObject({ kind: 'Indicator', baselineValue: '45', baselineDate: '2026-01-15' });
    expect(children[0].outline).toMatchObject({ text: '+SUM(A1:A9)', kind: 'Activity', _note: '-2 more\nlines' });
  });

  it('mermaid: a flowchart whose every link joins declared nodes, labels escaped', async () => {
    const file = await download(ana, mapId, 'mermaid');
    expect(file.status).toBe(200);
    const text = new TextDecoder().decode(file.bytes);
    const lines = text.trim().split('\n');
    expect(lines.slice(0, 4)).toEqual(['---', `title: ${JSON.stringify(TITLE)}`, '---', 'flowchart BT']);
    const declared = new Map<string, string>();
    const links: string[][] = [];
    for (const line of lines.slice(4).map((l) => l.trim())) {
      const node = /^(n\d+)\["([^"]*)"\]:::kind_([a-z]+)$/.exec(line);
      const link = /^(n\d+) (-->|-\.->)(?:\|"([^"]*)"\|)? (n\d+)$/.exec(line);
      if (node) declared.set(node[1]!, node[2]!);
      else if (link) links.push([link[1]!, link[2]!, link[3] ?? '', link[4]!]);
      else expect(line).toMatch(/^classDef kind_[a-z]+ fill:#[0-9a-f]{6},stroke:#[0-9a-f]{6},color:#ffffff$/);
    }
    // The attached indicator is not drawn; the four cards are.
    expect(declared.size).toBe(4);
    for (const [from, , , to] of links) {
      expect(declared.has(from!)).toBe(true);
      expect(declared.has(to!)).toBe(true);
    }
    expect([...declared.values()]).toContain('教练培训 #quot;quoted#quot; [x] #60;b#62;#35;1#60;/b#62; 🏃');
    expect(links.map(([, arrow, label]) => `${arrow} ${label}`).sort()).toEqual([
      '--> contributes to',
      '-.-> ',
      '-.-> leads to',
    ]);
    for (const line of lines) {
      const opens = [...line].filter((c) => c === '[').length;
      expect(opens, line).toBe([...line].filter((c) => c === ']').length);
    }
  });
});
