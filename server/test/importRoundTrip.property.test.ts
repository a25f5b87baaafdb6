import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { MapJSON, MapNodeJSON } from '@loopmap/shared';
import { mapJsonArbitrary } from '../../shared/test/mapJsonArbitrary.ts';
import { translatorFor } from '../src/i18n.ts';
import { MAP_FORMATS } from '../src/export/formats.ts';
import type { MapExportJob } from '../src/export/jobs.ts';
import { runImportJob } from '../src/import/runImport.ts';
import type { UploadedFile } from '../src/import/readFiles.ts';

/**
 * Export then import gives the map back (issue 9), over generated maps:
 * - json: the same MapJSON, every key (meta, lanes, ceiling, histories included);
 * - csv (elements + connections files) and xlsx (its Elements and Connections sheets): the same
 *   cards and links, ids, positions and every field included, except what those tables do not
 *   carry: the cards' dated histories (reviews, readings, health) and the map's lanes and
 *   ceiling. The title is the one typed with the upload, and the kind is read from the cards.
 */

const job = (map: MapJSON, format: string, params: Record<string, string> = {}): MapExportJob => ({
  kind: 'map',
  format,
  map,
  version: { label: 'Live map', at: null, snapshotId: null, seq: 0 },
  generatedAt: '2026-01-02T03:04:05.000Z',
  params,
  comments: null,
});

async function exported(
  map: MapJSON,
  format: string,
  name: string,
  params?: Record<string, string>,
): Promise<UploadedFile> {
  const { body } = await MAP_FORMATS[format]!.run(job(map, format, params), translatorFor('en', 'exports'));
  return { name, bytes: typeof body === 'string' ? new TextEncoder().encode(body) : body };
}

async function imported(files: UploadedFile[], title: string | null): Promise<MapJSON> {
  const outcome = await runImportJob({ kind: 'import', files, title, ownerId: null });
  if (!outcome.ok) throw new Error(outcome.message);
  if (!outcome.preview) throw new Error('a dry run answers the preview');
  return outcome.preview;
}

/** What the element and connection tables carry of a card. */
function tableFields(node: MapNodeJSON): MapNodeJSON {
  const { reviews: _reviews, readings: _readings, health: _health, ...carried } = node;
  return carried;
}

const byId = (a: { id: string }, b: { id: string }): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
/** The map as the JSON form gives it: cards and links sorted by id. */
const canonical = (map: MapJSON): MapJSON => ({
  ...map,
  nodes: [...map.nodes].sort(byId),
  edges: [...map.edges].sort(byId),
});

const nonEmpty = mapJsonArbitrary.filter((map) => map.nodes.length > 0);

describe('export then import gives the map back', () => {
  it('json: the same map, every key', async () => {
    await fc.assert(
      fc.asyncProperty(mapJsonArbitrary, async (map) => {
        const back = await imported([await exported(map, 'json', 'map.loopmap.json')], null);
        expect(back).toEqual(canonical(map));
      }),
      { numRuns: 150 },
    );
  }, 120_000);

  it('csv: the same cards and links, on the fields the tables carry', async () => {
    await fc.assert(
      fc.asyncProperty(nonEmpty, async (map) => {
        const files = [
          await exported(map, 'csv', 'map.elements.csv', { table: 'elements' }),
          await exported(map, 'csv', 'map.connections.csv', { table: 'connections' }),
        ];
        const back = await imported(files, 'Round trip');
        expect(back.meta.title).toBe('Round trip');
        expect(back.nodes).toEqual(canonical(map).nodes.map(tableFields));
        expect(back.edges).toEqual(canonical(map).edges);
      }),
      { numRuns: 150 },
    );
  }, 120_000);

  it('xlsx: the same cards and links, on the fields the tables carry', async () => {
    await fc.assert(
      fc.asyncProperty(nonEmpty, async (map) => {
        const back = await imported([await exported(map, 'xlsx', 'map.xlsx')], 'Round trip');
        expect(back.nodes).toEqual(canonical(map).nodes.map(tableFields));
        expect(back.edges).toEqual(canonical(map).edges);
      }),
      { numRuns: 60 },
    );
  }, 120_000);
});
