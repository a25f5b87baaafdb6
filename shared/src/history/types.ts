import type { MapEdgeJSON, MapJSON, MapMetaJSON, MapNodeJSON } from '../model/mapJson.ts';
import type { NodeKind } from '../model/kinds.ts';

/**
 * The vocabulary of a map's memory: what changed between two versions (MapDiff, from diffMaps)
 * and what one logged update did (ChangeSummary, computed once when the server appends it).
 */

/** One field of a card, a link or the map's meta, before and after. */
export interface FieldChange {
  /**
   * The MapJSON key: `label`, `narrative`, `x`… for cards; `rationale`, `relation`… for links;
   * `title`, `lanes`, `ceilingY`… for meta. Lists (tags, capabilities, reviews, readings,
   * health) are compared whole: `before` and `after` are the whole lists.
   */
  field: string;
  /** The field's name as people read it ("Rationale", "Baseline value"). */
  label: string;
  /** The value in the earlier version; undefined when unset there. */
  before: unknown;
  /** The value in the later version; undefined when unset there. */
  after: unknown;
}

export type ElementChangeState = 'added' | 'removed' | 'changed';

export interface CardDiff {
  id: string;
  state: ElementChangeState;
  kind: NodeKind;
  /** The card's title in the later version (the earlier one when removed). */
  label: string;
  /** The whole card in each version (null where it does not exist). */
  before: MapNodeJSON | null;
  after: MapNodeJSON | null;
  /** Its position changed (x or y; for frames, size changes count as fields). */
  moved: boolean;
  /** Field-level changes other than the position (empty for added and removed cards). */
  fields: FieldChange[];
}

export interface LinkDiff {
  id: string;
  state: ElementChangeState;
  source: string;
  target: string;
  before: MapEdgeJSON | null;
  after: MapEdgeJSON | null;
  fields: FieldChange[];
}

export interface MapDiff {
  /** Title, kind, lanes, ceiling. */
  meta: FieldChange[];
  /** Cards that differ, sorted by id; unchanged cards are left out. */
  cards: CardDiff[];
  links: LinkDiff[];
  counts: { added: number; removed: number; changed: number; moved: number };
}

/** A card or link as a summary names it. */
export interface SummaryElement {
  id: string;
  /** A card's kind, or 'link'. */
  kind: NodeKind | 'link';
  /** The card's title, or for a link "Source title → Target title". */
  label: string;
}

export interface SummaryChange extends SummaryElement {
  /** The MapJSON keys that changed (`label`, `rationale`, `reviews`…), without x/y. */
  fields: string[];
}

/** What one logged update did, in the map's words. */
export interface ChangeSummary {
  added: SummaryElement[];
  removed: SummaryElement[];
  changed: SummaryChange[];
  /** Cards whose position changed (and nothing else). */
  moved: SummaryElement[];
  /** Meta keys that changed (`title`, `kind`, `lanes`, `ceilingY`). */
  meta: string[];
}

export type { MapJSON, MapMetaJSON };
