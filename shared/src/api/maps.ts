import { z } from 'zod';
import { MAX_TITLE_LENGTH, mapKindSchema } from '../model/mapJson.ts';
import type { MapKind } from '../model/kinds.ts';
import { TEMPLATE_IDS } from '../model/templates.ts';
import type { Role } from '../auth/roles.ts';

/** REST routes, shared by server and client. */
export const API = {
  health: '/healthz',
  maps: '/api/maps',
  map: (id: string) => `/api/maps/${encodeURIComponent(id)}`,
  mapExport: (id: string, format = 'json') => `/api/maps/${encodeURIComponent(id)}/export?format=${format}`,
  socket: '/ws',
} as const;

const title = z
  .string()
  .trim()
  .min(1, 'title must not be empty')
  .max(MAX_TITLE_LENGTH, `title must be at most ${MAX_TITLE_LENGTH} characters`);

/**
 * A new map: a title, and either a kind (an empty map of that kind: a theory of change starts
 * with its lanes and ceiling) or a template (which decides the kind; naming another is refused).
 */
export const createMapBodySchema = z.object({
  title: title.default('Untitled map'),
  kind: mapKindSchema.optional(),
  template: z.enum(TEMPLATE_IDS).optional(),
  /**
   * The language a template's cards are written in (one of LANGUAGES); the request's
   * Accept-Language when absent or not one of ours.
   */
  language: z.string().max(35).optional(),
});

export const updateMapBodySchema = z
  .object({ title: title.optional(), kind: mapKindSchema.optional() })
  .refine((b) => b.title !== undefined || b.kind !== undefined, 'give a title or a kind to change');

export type CreateMapBody = z.input<typeof createMapBodySchema>;
export type UpdateMapBody = z.infer<typeof updateMapBodySchema>;

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
