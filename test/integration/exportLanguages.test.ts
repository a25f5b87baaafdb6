import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { strFromU8, unzipSync } from 'fflate';
import { EXPORT_API } from '@loopmap/shared';
import type { RunningServer } from '@loopmap/server';
import { removeDir, startTestServer, tempDataDir } from './support/servers.ts';
import { signUp, type Actor } from './support/accounts.ts';

/**
 * Exports in the language asked for (issue 13), over real HTTP from a real server: `lang=` picks
 * the documents' language, else the requester's Accept-Language; a language Loopmap does not
 * speak is a 400 that says which it does.
 */

describe('export languages', () => {
  let dir: string;
  let server: RunningServer;
  let owner: Actor;
  let mapId: string;

  beforeAll(async () => {
    dir = tempDataDir();
    server = await startTestServer(dir);
    owner = await signUp(server.url, 'Olu');
    const created = await owner.api('POST', '/api/maps', {
      title: 'Learning community',
      template: 'learning-community',
    });
    mapId = created.body.map.id;
  });
  afterAll(async () => {
    await server.close();
    removeDir(dir);
  });

  const get = async (path: string, headers: Record<string, string> = {}) => {
    const res = await fetch(`${server.url}${path}`, { headers: { cookie: owner.cookie, ...headers } });
    return { status: res.status, headers: res.headers, bytes: new Uint8Array(await res.arrayBuffer()) };
  };
  const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

  it('writes the Markdown report in French with lang=fr, whatever the browser speaks', async () => {
    const res = await get(EXPORT_API.map(mapId, 'md', { lang: 'fr' }), { 'Accept-Language': 'es-ES, es;q=0.9' });
    expect(res.status).toBe(200);
    const md = text(res.bytes);
    expect(md).toContain('## Cadre logique');
    expect(md).toContain('| Réf. | Niveau | Énoncé |');
    expect(md).toContain('Exporté de Loopmap le');
    expect(md).not.toContain('## Logframe');
  });

  it('writes it in Spanish for a browser that asks for Spanish, when no lang is given', async () => {
    const res = await get(EXPORT_API.map(mapId, 'md'), { 'Accept-Language': 'es-ES, es;q=0.9, en;q=0.5' });
    expect(res.status).toBe(200);
    const md = text(res.bytes);
    expect(md).toContain('## Marco lógico');
    expect(md).toContain('Exportado de Loopmap el');
    expect(md).not.toContain('Exported from Loopmap');
  });

  it('stays in English without lang or Accept-Language', async () => {
    const md = text((await get(EXPORT_API.map(mapId, 'md'))).bytes);
    expect(md).toContain('## Logframe');
    expect(md).toContain('Exported from Loopmap on');
  });

  it('refuses a language Loopmap does not speak with a 400 that names the ones it does', async () => {
    for (const path of [
      EXPORT_API.map(mapId, 'md', { lang: 'xx' }),
      EXPORT_API.map(mapId, 'docx', { lang: 'EN' }),
      `${EXPORT_API.changes(mapId, '0', 'now', 'md')}&lang=klingon`,
    ]) {
      const res = await get(path);
      expect(res.status, path).toBe(400);
      const body = JSON.parse(text(res.bytes)) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('bad_request');
      expect(body.error.message).toContain('en, fr, es, pt, ar');
    }
  });

  it('writes the Word report in Arabic right to left: Arabic headings, bidi paragraphs, tables read from the right', async () => {
    const res = await get(EXPORT_API.map(mapId, 'docx', { lang: 'ar' }));
    expect(res.status).toBe(200);
    const xml = strFromU8(unzipSync(res.bytes)['word/document.xml']!);
    expect(xml).toContain('الإطار المنطقي');
    expect(xml).toContain('<w:bidi/>');
    expect(xml).toContain('<w:bidiVisual/>');
    expect(xml).not.toContain('>Logframe<');
  });

  it('names the change report file in the language asked for', async () => {
    const res = await get(`${EXPORT_API.changes(mapId, '0', 'now', 'md')}&lang=pt`);
    expect(res.status).toBe(200);
    expect(decodeURIComponent(res.headers.get('content-disposition') ?? '')).toContain('alterações');
    expect(text(res.bytes)).toContain('Alterações a Learning community');
  });
});
