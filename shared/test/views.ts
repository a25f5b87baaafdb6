import {
  NODE_FIELD_KEYS,
  type EdgeId,
  type EdgeView,
  type NodeFields,
  type NodeId,
  type NodeKind,
  type NodeView,
} from '../src/index.ts';

/** Every scalar field unset, as readNode gives it for a card nobody filled in. */
export function noFields(): NodeFields {
  return Object.fromEntries(NODE_FIELD_KEYS.map((key) => [key, null])) as NodeFields;
}

/**
 * The view readNode gives of a card with only a kind, a title and a position (every schema v2
 * detail unset), with the given details on top.
 */
export function nodeView(
  base: { id: string; kind: NodeKind; label: string; x: number; y: number },
  details: Partial<Omit<NodeView, 'id' | 'kind' | 'label' | 'x' | 'y'>> = {},
): NodeView {
  return {
    ...base,
    id: base.id as NodeId,
    narrative: '',
    tags: [],
    fields: noFields(),
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

/** The view readEdge gives of a link with only its ends and rationale: an unqualified hypothesis. */
export function edgeView(
  base: { id: string; source: string; target: string; label: string },
  details: Partial<Pick<EdgeView, 'relation' | 'confidence' | 'status'>> = {},
): EdgeView {
  return {
    ...base,
    id: base.id as EdgeId,
    source: base.source as NodeId,
    target: base.target as NodeId,
    relation: null,
    confidence: null,
    status: 'hypothesised',
    ...details,
  };
}
