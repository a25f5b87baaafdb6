/**
 * The canvas benchmark's baseline: bare React Flow 12 drawing the benchmark's cards and links as
 * default nodes (one-line label, the cards' 220×84 size) and default bezier edges, controlled the
 * way React Flow's docs show (useNodesState), with only the visible elements rendered, as the
 * Loopmap canvas does. bench/canvas.ts builds it with Vite into a temporary directory, writes the
 * graph next to it as graph.json and opens it at the Loopmap page's view (?x=&y=&zoom=) in a pane
 * of the Loopmap canvas's size (?w=&h=).
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import {
  Background,
  BackgroundVariant,
  ReactFlow,
  useEdgesState,
  useNodesState,
  type Edge,
  type Node,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import type { BareGraph } from './graph.ts';

const CARD_STYLE = { width: 220, height: 84 };

function BareFlow({ graph, viewport }: { graph: BareGraph; viewport: { x: number; y: number; zoom: number } }) {
  const [nodes, , onNodesChange] = useNodesState<Node>(
    graph.cards.map((card) => ({
      id: card.id,
      position: { x: card.x, y: card.y },
      data: { label: card.label },
      style: CARD_STYLE,
    })),
  );
  const [edges, , onEdgesChange] = useEdgesState<Edge>(
    graph.links.map((link) => ({ id: link.id, source: link.source, target: link.target })),
  );
  return (
    <ReactFlow
      nodes={nodes}
      edges={edges}
      onNodesChange={onNodesChange}
      onEdgesChange={onEdgesChange}
      defaultViewport={viewport}
      minZoom={0.02}
      maxZoom={2.5}
      onlyRenderVisibleElements
    >
      <Background variant={BackgroundVariant.Dots} gap={24} size={1.5} />
    </ReactFlow>
  );
}

const params = new URLSearchParams(location.search);
const viewport = {
  x: Number(params.get('x') ?? 0),
  y: Number(params.get('y') ?? 0),
  zoom: Number(params.get('zoom') ?? 1),
};
const graph = (await (await fetch('./graph.json')).json()) as BareGraph;
const root = document.getElementById('root')!;
root.style.width = `${Number(params.get('w') ?? innerWidth)}px`;
root.style.height = `${Number(params.get('h') ?? innerHeight)}px`;
createRoot(root).render(
  <StrictMode>
    <BareFlow graph={graph} viewport={viewport} />
  </StrictMode>,
);
