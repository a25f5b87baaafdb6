import type { MapKind } from '../model/kinds.ts';
import type { Role } from '../auth/roles.ts';

export type { CreateMapBody, UpdateMapBody } from './mapsSchemas.ts';

/** REST routes, shared by server and client. */
export const API = {
  health: '/healthz',
  maps: '/api/maps',
  map: (id: string) => `/api/maps/${encodeURIComponent(id)}`,
  mapExport: (id: string, format = 'json') => `/api/maps/${encodeURIComponent(id)}/export?format=${format}`,
  socket: '/ws',
} as const;

export interface MapSummary {
  id: string;
  title: string;
  kind: MapKind;
  createdAt: string;
  updatedAt: string;
  /** The caller's role on this map. */
  role: Role;
}

export interface ApiErrorBody {
  error: { code: string; message: string };
}

/** Error codes the API returns in `{ error: { code, message } }`. */
export type ApiErrorCode =
  | 'bad_request'
  | 'invalid_json'
  | 'validation_failed'
  | 'not_found'
  | 'unauthorized'
  | 'forbidden'
  | 'conflict'
  | 'weak_password'
  | 'email_taken'
  | 'invalid_credentials'
  | 'rate_limited'
  | 'csrf'
  | 'unsupported_media_type'
  | 'unsupported_format'
  | 'payload_too_large'
  /** The map is at its budget (records or stored bytes): it takes no more. */
  | 'map_too_large'
  | 'busy'
  /** The server's storage failed (full or read-only disk): nothing was saved; retry later (503). */
  | 'storage_unavailable'
  /** /readyz: this instance should not get traffic now (storage unreachable, shutting down). */
  | 'not_ready'
  | 'internal';
