import { z } from 'zod';
import { MAX_TITLE_LENGTH } from '../model/mapJson.ts';
import { mapKindSchema } from '../model/mapJsonSchema.ts';
import { TEMPLATE_IDS } from '../model/templates.ts';

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
   * The language a template's cards are written in (one of LANGUAGES); when absent or not one
   * of ours, the account's language, then the request's Accept-Language.
   */
  language: z.string().max(35).optional(),
});

export const updateMapBodySchema = z
  .object({ title: title.optional(), kind: mapKindSchema.optional() })
  .refine((b) => b.title !== undefined || b.kind !== undefined, 'give a title or a kind to change');

export type CreateMapBody = z.input<typeof createMapBodySchema>;
export type UpdateMapBody = z.infer<typeof updateMapBodySchema>;
