import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp, createMapServices, SqliteStore, silentLogger, type MapServices } from '@loopmap/server';
import { mapJsonSchema, type MapJSON } from '@loopmap/shared';
import { browserOrigin, sessionCookieFrom } from './support/accounts.ts';

/**
 * A map made from a template is written in the language of whoever makes it: the body's
 * `language` when it names one of ours, else the account's language, else the request's
 * Accept-Language (issue 13).
 */
describe('creating a map from a template, in the requester’s language (real SQLite in memory)', () => {
  let store: SqliteStore;
  let services: MapServices;
  let app: ReturnType<typeof createApp>;
  let cookie: string;
  const clock = { now: () => Date.parse('2026-03-01T09:00:00Z') };

  beforeEach(async () => {
    store = new SqliteStore({ filename: ':memory:' });
    services = createMapServices(store, clock, silentLogger);
    app = createApp({ store, ...services, clock, log: silentLogger });
    const res = await app.request('/api/auth/signup', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'ines@example.org', password: 'a long passphrase', name: 'Inês' }),
    });
    cookie = sessionCookieFrom(res.headers)!;
  });
  afterEach(async () => {
    await services.shutdown();
    await store.close();
  });

  async function create(body: Record<string, unknown>, acceptLanguage?: string): Promise<MapJSON> {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      cookie,
      ...browserOrigin('http://localhost', 'POST'),
      ...(acceptLanguage ? { 'accept-language': acceptLanguage } : {}),
    };
    const created = await app.request('/api/maps', { method: 'POST', headers, body: JSON.stringify(body) });
    expect(created.status).toBe(201);
    const { map } = (await created.json()) as { map: { id: string } };
    const exported = await app.request(`/api/maps/${map.id}/export?format=json`, { headers: { cookie } });
    return mapJsonSchema.parse(await exported.json());
  }

  const titled = (map: MapJSON, kind: string): string[] =>
    map.nodes
      .filter((node) => node.kind === kind)
      .map((node) => node.label)
      .sort();

  it('writes the worked example in Portuguese for Accept-Language: pt-BR, with the English structure', async () => {
    const portuguese = await create(
      { title: 'Aprendizagem', template: 'learning-community' },
      'pt-BR,pt;q=0.9,en;q=0.5',
    );
    const english = await create({ title: 'Learning', template: 'learning-community' });

    expect(titled(portuguese, 'impact')).toEqual(['Os jovens das cidades-membro encontram trabalho decente']);
    expect(titled(english, 'impact')).toEqual(['Young people in member cities find decent work']);
    expect(titled(portuguese, 'outcome')).toContain(
      'Os pares confiam uns nos outros e compartilham abertamente seus fracassos',
    );
    expect(portuguese.edges.map((edge) => edge.rationale)).toContain(
      'Encontrar-se regularmente em um espaço seguro gera confiança',
    );
    const indicator = portuguese.nodes.find((node) => node.label === 'Práticas adotadas pelas organizações-membro');
    expect(indicator).toMatchObject({ unit: 'práticas', source: 'Pesquisa anual com os membros', frequency: 'yearly' });
    expect(indicator?.readings?.[0]).toMatchObject({
      note: 'Três novas desde a revisão de primavera.',
      by: 'Facilitador',
    });
    // The title is the one given; no English card title is left.
    expect(portuguese.meta.title).toBe('Aprendizagem');
    const englishWords = new Set(english.nodes.map((node) => node.label));
    expect(portuguese.nodes.filter((node) => englishWords.has(node.label))).toEqual([]);

    // The same map in another language: kinds, places, choices and links are identical.
    const shape = (map: MapJSON) => {
      const cards = new Map(
        map.nodes.map(({ id, kind, x, y, status, term, level, sphere, capabilities }) => [
          id,
          JSON.stringify({ kind, x, y, status, term, level, sphere, capabilities }),
        ]),
      );
      return {
        nodes: [...cards.values()].sort(),
        edges: map.edges.map((edge) => `${cards.get(edge.source)} ${edge.relation} ${cards.get(edge.target)}`).sort(),
        lanes: map.meta.lanes,
        ceilingY: map.meta.ceilingY,
      };
    };
    expect(shape(portuguese)).toEqual(shape(english));
  });

  it('follows the account’s language before the browser’s, in the map and in its exports', async () => {
    const chosen = await app.request('/api/auth/account', {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', cookie, ...browserOrigin('http://localhost', 'PATCH') },
      body: JSON.stringify({ language: 'fr' }),
    });
    expect(chosen.status).toBe(200);

    const french = await create({ title: 'Modèle', template: 'logic-model' }, 'pt-BR');
    expect(titled(french, 'outcome')).toContain('Effet à court terme');
    // The body's language still wins over the account's.
    const spanish = await create({ title: 'Modelo', template: 'logic-model', language: 'es' }, 'pt-BR');
    expect(titled(spanish, 'outcome')).not.toContain('Effet à court terme');

    const created = await app.request('/api/maps', {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, ...browserOrigin('http://localhost', 'POST') },
      body: JSON.stringify({ title: 'Rapport', template: 'logic-model' }),
    });
    const { map } = (await created.json()) as { map: { id: string } };
    const report = await app.request(`/api/maps/${map.id}/export?format=md`, {
      headers: { cookie, 'accept-language': 'es-ES, es;q=0.9' },
    });
    expect(report.status).toBe(200);
    const md = await report.text();
    expect(md).toContain('Exporté de Loopmap le');
    expect(md).not.toContain('Exportado de Loopmap');
  });

  it('prefers the body’s language to the header, and ignores a language that is not ours', async () => {
    const arabic = await create({ title: 'شراكة', template: 'partnership', language: 'ar' }, 'pt');
    expect(titled(arabic, 'actor')).toContain('أمانة الشبكة');
    expect(arabic.nodes.find((node) => node.health?.length)?.health?.[0]?.by).toBe('الأمانة');

    const unknown = await create({ title: 'Rede', template: 'partnership', language: 'xx' }, 'pt');
    expect(titled(unknown, 'actor')).toContain('Secretaria da rede');

    const french = await create({ title: 'Modèle', template: 'logic-model' }, 'fr-CA');
    expect(titled(french, 'outcome')).toEqual([
      'Effet à court terme',
      'Effet à court terme',
      'Effet à long terme',
      'Effet à moyen terme',
    ]);
  });
});
