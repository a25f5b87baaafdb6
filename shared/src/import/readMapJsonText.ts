import { parseMapJSON } from '../doc/validMapJson.ts';
import { MAP_JSON_FORMAT } from '../model/mapJson.ts';
import type { TablesRead } from './ImportBuilder.ts';

/**
 * A Loopmap JSON file (schema version 1 or 2): read whole or refused whole, since it is the
 * lossless form. The title given with the upload, if any, replaces the file's.
 */
export function readMapJsonText(
  text: string,
  title: string | null,
): { ok: true; read: TablesRead } | { ok: false; message: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: `the file is not valid JSON (${(error as Error).message})` };
  }
  if (typeof raw !== 'object' || raw === null || (raw as { format?: unknown }).format !== MAP_JSON_FORMAT) {
    return { ok: false, message: `the file is JSON but not a Loopmap map (its "format" is not "${MAP_JSON_FORMAT}")` };
  }
  const parsed = parseMapJSON(raw);
  if (!parsed.ok) return { ok: false, message: `the map in the file is not valid: ${parsed.message}` };
  const map = title === null ? parsed.map : { ...parsed.map, meta: { ...parsed.map.meta, title } };
  return {
    ok: true,
    read: {
      map,
      positioned: true,
      report: {
        source: { format: 'json', layout: 'loopmap' },
        cards: map.nodes.length,
        links: map.edges.length,
        skippedRows: 0,
        problems: [],
      },
    },
  };
}
