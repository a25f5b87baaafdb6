import * as Y from 'yjs';

/** Sends `from` everything `to` has not seen yet, as a network peer would. */
export function syncOnce(from: Y.Doc, to: Y.Doc): void {
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
}

/** Brings every replica up to date: one transfer per ordered pair reaches every replica directly. */
export function syncAll(replicas: readonly Y.Doc[]): void {
  for (const from of replicas) for (const to of replicas) if (from !== to) syncOnce(from, to);
}

/** A fresh replica that starts from `source`'s current state. */
export function cloneDoc(source: Y.Doc): Y.Doc {
  const doc = new Y.Doc();
  syncOnce(source, doc);
  return doc;
}

export interface TransactionRecord {
  origin: unknown;
  /** True when the transaction wrote or deleted anything. */
  changed: boolean;
}

/** Records every transaction on `doc`, and every update it emits, with their origins. */
export function recordTransactions(doc: Y.Doc): {
  transactions: TransactionRecord[];
  updates: { origin: unknown; update: Uint8Array }[];
} {
  const transactions: TransactionRecord[] = [];
  const updates: { origin: unknown; update: Uint8Array }[] = [];
  doc.on('afterTransaction', (tr: Y.Transaction) => {
    transactions.push({ origin: tr.origin, changed: tr.changed.size > 0 || tr.deleteSet.clients.size > 0 });
  });
  doc.on('update', (update: Uint8Array, origin: unknown) => updates.push({ origin, update }));
  return { transactions, updates };
}

/** True when the string has no unpaired UTF-16 surrogate (what Yjs can carry unchanged). */
export function isWellFormed(value: string): boolean {
  return !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(value);
}
