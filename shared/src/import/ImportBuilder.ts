import { isValidId } from '../model/ids.ts';
import {
  MAP_JSON_FORMAT,
  MAX_LABEL_LENGTH,
  MAX_TITLE_LENGTH,
  SCHEMA_VERSION,
  type MapEdgeJSON,
  type MapJSON,
  type MapNodeJSON,
} from '../model/mapJson.ts';
import { mapJsonSchema } from '../model/mapJsonSchema.ts';
import { PATHWAY_KINDS, isAttachableKind, type NodeKind } from '../model/kinds.ts';
import type { ImportLayout, ImportProblem, ImportReport, ImportSourceFormat } from '../api/exports.ts';
import { foldWords } from './headers.ts';

/** What a file gave: the map (laid out later when it has no positions) and the report. */
export interface TablesRead {
  map: MapJSON;
  report: ImportReport;
  /** True when every card has its position from the file; otherwise the map is laid out. */
  positioned: boolean;
}

/** A text cut to at most `max` UTF-16 units, never inside a surrogate pair. */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  const code = text.charCodeAt(max - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}

/** A partnership map when actors outnumber the cards of a pathway. */
export function mapKindOf(nodes: readonly MapNodeJSON[]): MapJSON['meta']['kind'] {
  const actors = nodes.filter((node) => node.kind === 'actor').length;
  const pathway = nodes.filter((node) => PATHWAY_KINDS.includes(node.kind)).length;
  return actors > pathway ? 'partnership' : 'theory-of-change';
}

/** A title as the map takes it: one line, at most MAX_TITLE_LENGTH. */
export function importTitle(title: string): string {
  const line = title.replace(/\s+/g, ' ').trim();
  return line.slice(0, MAX_TITLE_LENGTH) || 'Imported map';
}

function assembleMap(title: string, nodes: MapNodeJSON[], edges: MapEdgeJSON[]): MapJSON {
  return mapJsonSchema.parse({
    format: MAP_JSON_FORMAT,
    schemaVersion: SCHEMA_VERSION,
    meta: { title: importTitle(title), kind: mapKindOf(nodes) },
    nodes,
    edges,
  });
}

/** Where a card came from, to resolve its attachment and report on it. */
export interface ElementSource {
  /** The ID cell as written ('' when the table has none). */
  key: string;
  label: string;
  sheet: string;
  row: number;
  /** The Attached to cell as written (an element's or a connection's ID), or ''. */
  attachedTo?: string;
  attachedColumn?: string | null;
  positioned: boolean;
}

export interface ConnectionSource {
  key: string;
  sheet: string;
  row: number;
  idColumn: string | null;
  /** Which of the links of one row (a To cell naming several ends). */
  index: number;
}

interface PendingAttachment {
  node: MapNodeJSON;
  host: string;
  sheet: string;
  row: number;
  column: string | null;
}

/**
 * Collects the cards, links and problems of an import as the tables are read, and gives them
 * ids: the file's own where they are valid Loopmap ids and unused, otherwise `card-1`, `link-1`…
 * (deterministic, so a preview and the map created from the same file are the same).
 */
export class ImportBuilder {
  private readonly nodes: MapNodeJSON[] = [];
  private readonly edges: MapEdgeJSON[] = [];
  private readonly problems: ImportProblem[] = [];
  private readonly used = new Set<string>();
  private readonly elementByKey = new Map<string, string>();
  private readonly elementByLabel = new Map<string, string>();
  private readonly elementByFoldedLabel = new Map<string, string>();
  private readonly connectionByKey = new Map<string, string>();
  private readonly attachments: PendingAttachment[] = [];
  private skipped = 0;
  private readonly counters = { card: 0, link: 0 };
  private allPositioned = true;

  problem(sheet: string, row: number | null, column: string | null, reason: string): void {
    this.problems.push({ sheet, row, column, reason });
  }

  skipRow(): void {
    this.skipped += 1;
  }

  hasElementKey(key: string): boolean {
    return this.elementByKey.has(key);
  }

  hasElementLabel(label: string): boolean {
    return this.elementByLabel.has(label);
  }

  /** A label as a card or link takes it: at most MAX_LABEL_LENGTH, without half a character. */
  cutLabel(text: string, onCut: () => void): string {
    if (text.length <= MAX_LABEL_LENGTH) return text;
    onCut();
    return cutText(text, MAX_LABEL_LENGTH);
  }

  private idFor(key: string, prefix: 'card' | 'link'): string {
    let id = key;
    if (!isValidId(id) || this.used.has(id)) {
      do id = `${prefix}-${++this.counters[prefix]}`;
      while (this.used.has(id));
    }
    this.used.add(id);
    return id;
  }

  /** Adds a card (its id is replaced); returns the id it got. */
  addElement(node: MapNodeJSON, source: ElementSource): string {
    node.id = this.idFor(source.key, 'card');
    this.nodes.push(node);
    if (source.key !== '') this.elementByKey.set(source.key, node.id);
    if (!this.elementByLabel.has(source.label)) this.elementByLabel.set(source.label, node.id);
    const folded = foldWords(source.label);
    if (!this.elementByFoldedLabel.has(folded)) this.elementByFoldedLabel.set(folded, node.id);
    if (!source.positioned) this.allPositioned = false;
    if (source.attachedTo) {
      this.attachments.push({
        node,
        host: source.attachedTo,
        sheet: source.sheet,
        row: source.row,
        column: source.attachedColumn ?? null,
      });
    }
    return node.id;
  }

  /** A card named by a link's end: by ID, by its exact label, then by its label in any case. */
  findElement(name: string): string | undefined {
    return (
      this.elementByKey.get(name) ?? this.elementByLabel.get(name) ?? this.elementByFoldedLabel.get(foldWords(name))
    );
  }

  /** A card for a link's end that no element row names. */
  addElementFromLink(name: string, kind: NodeKind): string {
    const node: MapNodeJSON = { id: '', kind, label: this.cutLabel(name, () => {}), x: 0, y: 0 };
    return this.addElement(node, { key: '', label: name, sheet: '', row: 0, positioned: false });
  }

  /** Attaches a card read from a logframe to its host card (both added here). */
  attach(node: MapNodeJSON, hostId: string): void {
    if (isAttachableKind(node.kind)) node.attachedTo = hostId;
  }

  addConnection(edge: Omit<MapEdgeJSON, 'id'>, source: ConnectionSource): string {
    const id = this.idFor(source.key, 'link');
    this.edges.push({ id, ...edge });
    if (source.key !== '') this.connectionByKey.set(source.key, id);
    return id;
  }

  /**
   * Resolves the Attached to cells, keeping only attachments the map's schema takes (an
   * assumption, indicator or evidence, on a card that stands on the canvas or on a link).
   */
  private resolveAttachments(): void {
    const nodeById = new Map(this.nodes.map((node) => [node.id, node]));
    const edgeIds = new Set(this.edges.map((edge) => edge.id));
    const attached = new Set(this.attachments.map((pending) => pending.node.id));
    for (const pending of this.attachments) {
      const { node } = pending;
      const host = this.elementByKey.get(pending.host) ?? this.connectionByKey.get(pending.host);
      const hostNode = host === undefined ? undefined : nodeById.get(host);
      const reason = !isAttachableKind(node.kind)
        ? 'only assumptions, indicators and evidence can be attached: the card stands on the map instead'
        : host === undefined
          ? `no card or link has the ID "${pending.host}": the card stands on the map instead`
          : host === node.id
            ? 'a card cannot be attached to itself: it stands on the map instead'
            : hostNode?.kind === 'group'
              ? 'a card cannot be attached to a pathway frame: it stands on the map instead'
              : hostNode && attached.has(hostNode.id) && isAttachableKind(hostNode.kind)
                ? 'its host is itself attached to another card: it stands on the map instead'
                : null;
      if (reason) this.problem(pending.sheet, pending.row, pending.column, reason);
      else if (host !== undefined && (hostNode || edgeIds.has(host))) node.attachedTo = host;
    }
  }

  finish(source: { format: ImportSourceFormat; layout: ImportLayout }, title: string): TablesRead {
    this.resolveAttachments();
    const map = assembleMap(title, this.nodes, this.edges);
    return {
      map,
      report: {
        source,
        cards: map.nodes.length,
        links: map.edges.length,
        skippedRows: this.skipped,
        problems: this.problems,
      },
      positioned: this.nodes.length > 0 && this.allPositioned,
    };
  }
}
