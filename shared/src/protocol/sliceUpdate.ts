import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import { MESSAGE_SYNC, SYNC_STEP_1, SYNC_STEP_2, SYNC_UPDATE, encodeSyncMessage } from './messages.ts';

/**
 * Work made offline can be far larger than one WebSocket frame may be (MAX_FRAME_BYTES): 20,000
 * cards are 2.3 MB. Instead of one sync reply, the client sends it in slices, each a valid Yjs
 * update that applies completely once the slices before it have (nothing is ever left pending
 * on the server), so the server stores and acknowledges them one by one and the user sees the
 * progress. A slice ends at a struct boundary; one struct bigger than `maxBytes` is a slice of its
 * own.
 */

/**
 * Messages above this size go in slices: sync replies and live updates alike (a tidy-up of a
 * thousand cards is ~60 KB). Small slices keep each frame's cost on the server to a few
 * milliseconds, so it handles other maps' and peers' frames between them, and stay within each
 * account's budget (server/src/collab/InboundGate.ts).
 */
export const SLICE_THRESHOLD_BYTES = 32 * 1024;
/**
 * The target size of one slice (estimated, so real slices come out smaller). The largest single
 * struct a map holds (a narrative of 20,000 characters, at most 3 bytes each) still fits a frame.
 */
export const MAX_SLICE_BYTES = 24 * 1024;

type Struct = Y.Item | Y.GC | Y.Skip;

/** A cheap upper estimate of a struct's encoded size, so slices need not be encoded twice. */
function estimateSize(struct: Struct): number {
  if (!(struct instanceof Y.Item)) return 8;
  const content = struct.content;
  // Decoded updates name a root type's parent by its key (a string), which the types do not say.
  const parent: unknown = struct.parent;
  let size = 24 + (struct.parentSub?.length ?? 0) + (typeof parent === 'string' ? parent.length : 0);
  if (content instanceof Y.ContentString) size += content.str.length * 3;
  else if (content instanceof Y.ContentAny) size += JSON.stringify(content.arr).length * 3;
  else if (content instanceof Y.ContentJSON) size += JSON.stringify(content.arr).length * 3;
  else if (content instanceof Y.ContentBinary) size += content.content.length;
  else if (content instanceof Y.ContentEmbed) size += JSON.stringify(content.embed).length * 3;
  else if (content instanceof Y.ContentFormat) size += (content.key.length + JSON.stringify(content.value).length) * 3;
  else size += 8;
  return size;
}

/** The IDs a struct needs before it can be integrated. */
function dependencies(struct: Struct): Y.ID[] {
  if (!(struct instanceof Y.Item)) return [];
  const ids: Y.ID[] = [];
  if (struct.origin) ids.push(struct.origin);
  if (struct.rightOrigin) ids.push(struct.rightOrigin);
  if (struct.parent instanceof Y.ID) ids.push(struct.parent);
  return ids;
}

type DeleteRanges = Array<[client: number, ranges: Array<{ clock: number; len: number }>]>;

function writeDeleteSet(encoder: Y.UpdateEncoderV1, ranges: DeleteRanges | null): void {
  if (!ranges) {
    encoding.writeVarUint(encoder.restEncoder, 0);
    return;
  }
  const clients = [...ranges].sort((a, b) => b[0] - a[0]);
  encoding.writeVarUint(encoder.restEncoder, clients.length);
  for (const [client, items] of clients) {
    encoder.resetDsCurVal();
    encoding.writeVarUint(encoder.restEncoder, client);
    encoding.writeVarUint(encoder.restEncoder, items.length);
    for (const item of items) {
      encoder.writeDsClock(item.clock);
      encoder.writeDsLen(item.len);
    }
  }
}

/** An upper estimate of a delete set's encoded size: varints of at most 5 bytes each. */
function estimateDeletes(ranges: DeleteRanges): number {
  let size = 5;
  for (const [, items] of ranges) size += 10 + items.length * 10;
  return size;
}

/**
 * A delete set cut into pieces of about `maxBytes` (a mass deletion can be larger than a frame).
 * Deletions apply in any order once the deleted structs are there, so these go after all structs.
 */
function splitDeletes(ranges: DeleteRanges, maxBytes: number): DeleteRanges[] {
  const pieces: DeleteRanges[] = [];
  let piece: DeleteRanges = [];
  let size = 5;
  for (const [client, items] of ranges) {
    for (let i = 0; i < items.length;) {
      const room = Math.max(1, Math.floor((maxBytes - size - 10) / 10));
      const take = items.slice(i, i + room);
      piece.push([client, take]);
      size += 10 + take.length * 10;
      i += take.length;
      if (size >= maxBytes - 20) {
        pieces.push(piece);
        piece = [];
        size = 5;
      }
    }
  }
  if (piece.length > 0) pieces.push(piece);
  return pieces;
}

function encodeSlice(slice: Map<number, Struct[]>, ds: DeleteRanges | null): Uint8Array {
  const encoder = new Y.UpdateEncoderV1();
  const clients = [...slice.entries()].filter(([, list]) => list.length > 0).sort((a, b) => b[0] - a[0]);
  encoding.writeVarUint(encoder.restEncoder, clients.length);
  for (const [client, list] of clients) {
    encoding.writeVarUint(encoder.restEncoder, list.length);
    encoder.writeClient(client);
    encoding.writeVarUint(encoder.restEncoder, list[0]!.id.clock);
    for (const struct of list) struct.write(encoder, 0);
  }
  writeDeleteSet(encoder, ds);
  return encoder.toUint8Array();
}

/**
 * Cuts a V1 update into updates of about `maxBytes` that apply completely, in order, wherever the
 * whole update would: what the update's structs need from outside it, the receiver already has.
 * Returns `[update]` when it is small enough or cannot be cut safely (it has gaps).
 */
export function sliceUpdate(update: Uint8Array, maxBytes = MAX_SLICE_BYTES): Uint8Array[] {
  if (update.length <= maxBytes) return [update];
  const { structs, ds } = Y.decodeUpdate(update);
  if (structs.some((s) => s instanceof Y.Skip)) return [update];
  const deletes: DeleteRanges = [...ds.clients.entries()];
  const queues = new Map<number, Struct[]>();
  for (const struct of structs) {
    let queue = queues.get(struct.id.client);
    if (!queue) queues.set(struct.id.client, (queue = []));
    queue.push(struct);
  }
  const next = new Map<number, number>(); // index of the first struct not yet sliced, per client
  // Per client in the update, the first clock the receiver will not have yet; below its first
  // struct the receiver has everything, and clients not in the update are wholly outside it.
  const known = new Map<number, number>();
  for (const [client, queue] of queues) {
    next.set(client, 0);
    known.set(client, queue[0]!.id.clock);
  }
  const has = (id: Y.ID): boolean => {
    const end = known.get(id.client);
    return end === undefined || id.clock < end;
  };

  const slices: Uint8Array[] = [];
  let remaining = structs.length;
  while (remaining > 0) {
    const slice = new Map<number, Struct[]>();
    let size = 0;
    let full = false;
    let progressed = true;
    while (!full && progressed) {
      progressed = false;
      for (const [client, queue] of queues) {
        let index = next.get(client)!;
        while (index < queue.length) {
          const struct = queue[index]!;
          if (!dependencies(struct).every(has)) break;
          const cost = estimateSize(struct);
          if (size > 0 && size + cost > maxBytes) {
            full = true;
            break;
          }
          let list = slice.get(client);
          if (!list) slice.set(client, (list = []));
          list.push(struct);
          size += cost;
          index++;
          remaining--;
          progressed = true;
          known.set(client, struct.id.clock + struct.length);
        }
        next.set(client, index);
        if (full) break;
      }
    }
    if (slice.size === 0) {
      // Dependencies we cannot order (never produced by a real document): send it whole.
      return [update];
    }
    if (remaining > 0) {
      slices.push(encodeSlice(slice, null));
      continue;
    }
    // The last structs carry the delete set when it fits with them; otherwise it follows alone.
    if (deletes.length === 0 || size + estimateDeletes(deletes) <= maxBytes) {
      slices.push(encodeSlice(slice, deletes));
    } else {
      slices.push(encodeSlice(slice, null));
      for (const piece of splitDeletes(deletes, maxBytes)) slices.push(encodeSlice(new Map(), piece));
    }
  }
  if (structs.length === 0) {
    for (const piece of splitDeletes(deletes, maxBytes)) slices.push(encodeSlice(new Map(), piece));
  }
  return slices;
}

/**
 * The reply to a sync step 1 (the server's state vector), as frames to send in order: one sync
 * step 2 when it is small, otherwise slices (the first a step 2, the rest updates).
 */
export function syncReplyFrames(doc: Y.Doc, stateVector: Uint8Array, threshold = SLICE_THRESHOLD_BYTES): Uint8Array[] {
  const diff = Y.encodeStateAsUpdate(doc, stateVector);
  if (diff.length <= threshold) return [encodeSyncMessage(SYNC_STEP_2, diff)];
  const slices = sliceUpdate(diff, Math.min(MAX_SLICE_BYTES, threshold));
  return slices.map((slice, i) => encodeSyncMessage(i === 0 ? SYNC_STEP_2 : SYNC_UPDATE, slice));
}

type UpdateHandler = (update: Uint8Array, origin: unknown) => void;

/** The structural part of y-websocket's provider that slicing needs. */
export interface SlicingProvider {
  doc: Y.Doc;
  ws: { send(data: Uint8Array): void } | null;
  wsconnected: boolean;
  /** y-websocket's listener that sends each local update (replaced by one that slices). */
  _updateHandler: UpdateHandler;
  messageHandlers: Array<
    (encoder: encoding.Encoder, decoder: decoding.Decoder, provider: never, emitSynced: boolean, type: number) => void
  >;
}

/**
 * Makes a y-websocket provider send large messages in slices: its answer to the server's sync
 * step 1 (work made offline) and its live updates. `onSlices(n)` is told how many document
 * messages a sliced message put on the wire, so the caller can show progress as the server
 * acknowledges them.
 */
export function installSlicedSync(
  provider: SlicingProvider,
  onSlices: (count: number) => void = () => {},
  threshold = SLICE_THRESHOLD_BYTES,
): void {
  const original = provider.messageHandlers[MESSAGE_SYNC]!;
  provider.messageHandlers[MESSAGE_SYNC] = (encoder, decoder, p, emitSynced, type) => {
    const probe = decoding.clone(decoder);
    if (decoding.readVarUint(probe) === SYNC_STEP_1 && provider.ws) {
      const stateVector = decoding.readVarUint8Array(probe);
      const frames = syncReplyFrames(provider.doc, stateVector, threshold);
      if (frames.length > 1) {
        decoder.pos = probe.pos;
        for (const frame of frames) provider.ws.send(frame);
        onSlices(frames.length);
        return;
      }
    }
    original(encoder, decoder, p, emitSynced, type);
  };

  const sendUpdate = provider._updateHandler;
  const sendSliced: UpdateHandler = (update, origin) => {
    if (update.length <= threshold) return sendUpdate(update, origin);
    const slices = sliceUpdate(update, Math.min(MAX_SLICE_BYTES, threshold));
    for (const slice of slices) sendUpdate(slice, origin);
    if (slices.length > 1 && provider.wsconnected && origin !== provider) onSlices(slices.length);
  };
  provider.doc.off('update', sendUpdate);
  provider._updateHandler = sendSliced;
  provider.doc.on('update', sendSliced);
}
