import { API, type CreateMapBody, type MapSummary, type UpdateMapBody } from '@loopmap/shared';
import { request } from './request.ts';

/** The maps resource of the REST API (see shared/src/api/maps.ts). */
export async function listMaps(): Promise<MapSummary[]> {
  const { maps } = await request<{ maps: MapSummary[] }>('GET', API.maps);
  return maps;
}

export async function createMap(body: CreateMapBody): Promise<MapSummary> {
  const { map } = await request<{ map: MapSummary }>('POST', API.maps, body);
  return map;
}

export async function getMap(id: string): Promise<MapSummary> {
  const { map } = await request<{ map: MapSummary }>('GET', API.map(id));
  return map;
}

export async function updateMap(id: string, body: UpdateMapBody): Promise<MapSummary> {
  const { map } = await request<{ map: MapSummary }>('PATCH', API.map(id), body);
  return map;
}

export async function deleteMap(id: string): Promise<void> {
  await request<void>('DELETE', API.map(id));
}
