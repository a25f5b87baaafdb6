/** The benchmark's cards and links, as bench/canvas.ts writes them for the bare React Flow page. */
export interface BareGraph {
  cards: { id: string; label: string; x: number; y: number }[];
  links: { id: string; source: string; target: string }[];
}
