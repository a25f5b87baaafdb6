import { afterEach, describe, expect, it } from 'vitest';
import { addNode, createOrigin, HISTORY_API, type NodeKind } from '@loopmap/shared';
import { connectPeer, type TestPeer } from './support/peers.ts';
import { useTestServer } from './support/servers.ts';
import { addMember, signUp, type Actor } from './support/accounts.ts';
import { fetchFile, parseXml, readPdf, readPng, textsOf } from './support/readers.ts';

/**
 * Pictures and PDFs of a map (issue 9), read back with independent readers: the SVG parsed as
 * XML, the PNG's header decoded, the PDF's pages and text extracted by PDF.js. Titles in Arabic,
 * Chinese and with emoji must survive in each.
 */

const ARABIC = 'مؤشر التعلم يرتفع في المدارس';
const CHINESE = '社区学习中心';
const EMOJI = '🌱 Seeds of change';

const context = useTestServer();
const peers: TestPeer[] = [];
afterEach(() => {
  for (const peer of peers.splice(0)) peer.destroy();
});

function download(actor: Actor, path: string) {
  return fetchFile(actor.baseUrl, path, actor.cookie);
}

const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

/** The file name a browser saves under (RFC 5987 filename*). */
function savedName(headers: Headers): string {
  const match = /filename\*=UTF-8''([^;]+)/.exec(headers.get('content-disposition') ?? '');
  return match ? decodeURIComponent(match[1]!) : '';
}

/** The worked example, plus cards titled in Arabic, Chinese and with an emoji. */
async function workedExample(owner: Actor, title = 'Youth employment — التعلم'): Promise<string> {
  const created = await owner.api('POST', '/api/maps', { title, template: 'learning-community' });
  expect(created.status).toBe(201);
  const mapId = created.body.map.id as string;
  const peer = connectPeer(context.server.url, mapId, owner.name, owner);
  peers.push(peer);
  await peer.whenSynced();
  const add = (kind: NodeKind, label: string, x: number): void => {
    addNode(peer.doc, { kind, label, x, y: 1400 }, createOrigin('user', owner.userId));
  };
  add('outcome', ARABIC, 900);
  add('output', CHINESE, 1200);
  add('activity', EMOJI, 1500);
  await peer.whenSaved();
  return mapId;
}

describe('pictures of a map', () => {
  it('exports an SVG that parses as XML, with every card titled and the Unicode intact', async () => {
    const owner = await signUp(context.server.url, 'Amal');
    const mapId = await workedExample(owner);
    const json = (await owner.api('GET', `/api/maps/${mapId}/export?format=json`)).body;
    const res = await download(owner, `/api/maps/${mapId}/export?format=svg`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('image/svg+xml');
    expect(res.headers.get('content-disposition')).toContain('.svg');
    expect(res.headers.get('content-disposition')).toContain(encodeURIComponent('التعلم'));
    const svg = parseXml(text(res.bytes));
    const titles = textsOf(svg, 'title');
    for (const node of json.nodes as { label: string; attachedTo?: string; kind: string }[]) {
      if (node.attachedTo || node.kind === 'group') continue;
      expect(
        titles.some((title) => title.endsWith(node.label)),
        node.label,
      ).toBe(true);
    }
    expect(titles.some((title) => title.includes(ARABIC))).toBe(true);
    expect(titles.some((title) => title.includes(CHINESE))).toBe(true);
    expect(titles.some((title) => title.includes(EMOJI))).toBe(true);
  });

  it('escapes markup in titles: a card cannot inject into the SVG', async () => {
    const owner = await signUp(context.server.url, 'Bo');
    const created = await owner.api('POST', '/api/maps', { title: '<script>alert(1)</script>' });
    const mapId = created.body.map.id as string;
    const peer = connectPeer(context.server.url, mapId, owner.name, owner);
    peers.push(peer);
    await peer.whenSynced();
    addNode(
      peer.doc,
      { kind: 'note', label: '"/><script>alert(2)</script><x a="', x: 0, y: 0 },
      createOrigin('user', owner.userId),
    );
    await peer.whenSaved();
    const res = await download(owner, `/api/maps/${mapId}/export?format=svg`);
    const body = text(res.bytes);
    expect(body).not.toContain('<script');
    parseXml(body);
    expect(textsOf(parseXml(body), 'title')).toContain('Note: "/><script>alert(2)</script><x a="');
  });

  it('exports PNGs at 1×, 2× and 3×, white or transparent, and fitted to a 16:9 slide', async () => {
    const owner = await signUp(context.server.url, 'Chen');
    const mapId = await workedExample(owner);
    const one = readPng((await download(owner, `/api/maps/${mapId}/export?format=png&scale=1`)).bytes);
    const two = readPng((await download(owner, `/api/maps/${mapId}/export?format=png&scale=2`)).bytes);
    expect(two.width).toBe(one.width * 2);
    expect(two.height).toBe(one.height * 2);
    const slide = readPng((await download(owner, `/api/maps/${mapId}/export?format=png&size=slide`)).bytes);
    expect([slide.width, slide.height]).toEqual([1920, 1080]);
    const slide3 = readPng((await download(owner, `/api/maps/${mapId}/export?format=png&size=slide&scale=3`)).bytes);
    expect([slide3.width, slide3.height]).toEqual([5760, 3240]);
    const clear = await download(owner, `/api/maps/${mapId}/export?format=png&background=transparent`);
    expect(readPng(clear.bytes).colorType).toBe(6);
    const bad = await owner.api('GET', `/api/maps/${mapId}/export?format=png&scale=9`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('scale must be one of 1, 2, 3');
  });

  it('exports a vector PDF: the map on one page, then the tables, with searchable Unicode text', async () => {
    const owner = await signUp(context.server.url, 'Dina');
    const mapId = await workedExample(owner);
    const res = await download(owner, `/api/maps/${mapId}/export?format=pdf`);
    expect(res.status).toBe(200);
    expect(text(res.bytes.subarray(0, 5))).toBe('%PDF-');
    const pdf = await readPdf(res.bytes);
    expect(pdf.title).toBe('Youth employment — التعلم');
    // A4 landscape: 842 × 595 points.
    expect(pdf.pages[0]).toMatchObject({ width: 842, height: 595 });
    const tables = pdf.pages
      .slice(1)
      .map((page) => page.text)
      .join(' ');
    expect(tables).toContain('Young people in member cities find decent work');
    expect(tables).toContain(CHINESE);
    expect(tables).toContain('🌱');
    // PDF.js gives right-to-left text back in reading order, word by word.
    for (const word of ARABIC.split(' ')) expect(tables).toContain(word);

    const letter = await readPdf(
      (await download(owner, `/api/maps/${mapId}/export?format=pdf&page=letter&orientation=portrait`)).bytes,
    );
    expect(letter.pages[0]).toMatchObject({ width: 612, height: 792 });
    const tiled = await readPdf((await download(owner, `/api/maps/${mapId}/export?format=pdf&layout=tile`)).bytes);
    const mapPages = tiled.pages.filter((page) => page.text.includes('of the map'));
    expect(mapPages.length).toBeGreaterThan(1);
    expect(mapPages[0]!.text).toContain(`Page 1 of ${mapPages.length} of the map`);
  });

  it('exports a snapshot as it was, to viewers too, and refuses strangers and unknown formats', async () => {
    const owner = await signUp(context.server.url, 'Eli');
    const viewer = await signUp(context.server.url, 'Fatima');
    const stranger = await signUp(context.server.url, 'Gus');
    const mapId = await workedExample(owner);
    await addMember(owner, mapId, viewer, 'viewer');
    const snapshot = await owner.api('POST', HISTORY_API.snapshots(mapId), { name: 'Before the review' });
    expect(snapshot.status).toBe(201);
    const peer = peers[0]!;
    addNode(
      peer.doc,
      { kind: 'note', label: 'Added after the snapshot', x: 0, y: 2000 },
      createOrigin('user', owner.userId),
    );
    await peer.whenSaved();

    const live = text((await download(viewer, `/api/maps/${mapId}/export?format=svg`)).bytes);
    expect(live).toContain('Added after the snapshot');
    const then = await download(viewer, `/api/maps/${mapId}/export?format=svg&snapshot=${snapshot.body.snapshot.id}`);
    expect(then.status).toBe(200);
    expect(text(then.bytes)).not.toContain('Added after the snapshot');
    expect(text(then.bytes)).toContain('Before the review');
    expect(savedName(then.headers)).toBe('Youth employment — التعلم (Before the review).svg');

    expect((await stranger.api('GET', `/api/maps/${mapId}/export?format=svg`)).status).toBe(403);
    const unknown = await owner.api('GET', `/api/maps/${mapId}/export?format=bmp`);
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.code).toBe('unsupported_format');
    const badSnapshot = await owner.api('GET', `/api/maps/${mapId}/export?format=svg&snapshot=snap_nope`);
    expect(badSnapshot.status).toBe(404);
  });
});
