import { Handle, Position } from '@xyflow/react';

/** React Flow's id for this canvas (its `id` prop); handle elements carry it in data-id. */
export const FLOW_ID = 'loopmap';

export interface CardHandleProps {
  nodeId: string;
  type: 'source' | 'target';
  /** A live React Flow handle (the card is hovered, focused or selected) or a stand-in. */
  live: boolean;
}

const POSITION = { source: Position.Right, target: Position.Left } as const;

/**
 * A card's link handle. A live <Handle> subscribes to React Flow's store twice, and a thousand
 * cards have two thousand handles: each drag frame then spent more time asking them whether they
 * changed than doing anything else. So only the cards the pointer or focus is on get live
 * handles (a link always starts from one of those); the others render a stand-in with the same
 * element contract, which is all React Flow needs to measure a handle and to accept it as the
 * end of a link (classes `react-flow__handle source|target connectable connectableend`,
 * data-nodeid, data-handlepos, and data-id `${flowId}-${nodeId}-null-${type}`).
 */
export function CardHandle({ nodeId, type, live }: CardHandleProps) {
  const position = POSITION[type];
  if (live) return <Handle type={type} position={position} className="card__handle" />;
  return (
    <div
      className={`react-flow__handle react-flow__handle-${position} nodrag nopan card__handle ${type} connectable connectablestart connectableend connectionindicator`}
      data-handlepos={position}
      data-nodeid={nodeId}
      data-id={`${FLOW_ID}-${nodeId}-null-${type}`}
    />
  );
}
