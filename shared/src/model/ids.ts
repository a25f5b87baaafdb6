/**
 * Branded ids. Ids are random (126 bits from the platform CSPRNG, base64url), so replicas that
 * create records concurrently and offline never collide, and no id leaks an order or a count.
 */
declare const brand: unique symbol;
export type Brand<T, B extends string> = T & { readonly [brand]: B };

export type MapId = Brand<string, 'MapId'>;
export type NodeId = Brand<string, 'NodeId'>;
export type EdgeId = Brand<string, 'EdgeId'>;

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const ID_LENGTH = 21;

/** The Web Crypto subset shared/ needs; present in browsers and Node 20+ as globalThis.crypto. */
interface RandomSource {
  getRandomValues<T extends Uint8Array>(array: T): T;
}
const randomSource = (globalThis as unknown as { crypto: RandomSource }).crypto;

/** A random 21-character URL-safe id (the same size and alphabet as nanoid). */
export function randomId(): string {
  const bytes = new Uint8Array(ID_LENGTH);
  randomSource.getRandomValues(bytes);
  let id = '';
  for (const b of bytes) id += ALPHABET[b & 63];
  return id;
}

export const newMapId = (): MapId => randomId() as MapId;
export const newNodeId = (): NodeId => randomId() as NodeId;
export const newEdgeId = (): EdgeId => randomId() as EdgeId;

const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** Ids written by third-party clients must be URL-safe and at most 64 characters. */
export function isValidId(value: unknown): value is string {
  return typeof value === 'string' && ID_PATTERN.test(value);
}
