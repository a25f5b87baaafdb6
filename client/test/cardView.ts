import { NODE_FIELD_KEYS, type NodeFields, type NodeView } from '@loopmap/shared';

/** The view readNode gives of a card with only a kind, a title and a position: every v2 detail unset. */
export function cardView(
  base: Pick<NodeView, 'id' | 'kind' | 'label' | 'x' | 'y'>,
  details: Partial<NodeView> = {},
): NodeView {
  return {
    ...base,
    narrative: '',
    tags: [],
    fields: Object.fromEntries(NODE_FIELD_KEYS.map((key) => [key, null])) as NodeFields,
    capabilities: [],
    attachedTo: null,
    width: null,
    height: null,
    reviews: [],
    readings: [],
    health: [],
    ...details,
  };
}
