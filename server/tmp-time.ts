import * as Y from 'yjs';
import { addNode, createOrigin } from '@loopmap/shared';
import { sliceUpdate } from '@loopmap/shared';
import { guardUpdate, decodeUpdate } from './src/collab/updateGuard.ts';
const origin = createOrigin('user', 'x');
function big(cards: number, round: number) { const doc = new Y.Doc(); let last!: Uint8Array; doc.on('update', (u: Uint8Array) => (last = u));
  doc.transact(() => { for (let i = 0; i < cards; i++) addNode(doc, { kind: 'activity', label: `Attack ${round}.${i}`, x: i, y: round }, origin); }, origin); return last; }
const t = (name: string, f: () => unknown, n = 5) => { f(); const s = performance.now(); for (let i = 0; i < n; i++) f(); console.log(name, ((performance.now() - s) / n).toFixed(2), 'ms'); };
for (const cards of [100, 400, 1600]) {
  const u = big(cards, 1); console.log(cards, 'cards', u.length, 'bytes');
  const target = new Y.Doc(); for (let r = 2; r < 8; r++) Y.applyUpdate(target, big(1600, r));
  const budget = { bytes: 0, records: 0, budgets: { maxRecords: 1e6, maxDocumentBytes: 1e9 }, checkRoom: () => null } as any;
  t('decode', () => decodeUpdate(u)); t('guard', () => guardUpdate(target, u, budget)); t('slice12k', () => sliceUpdate(u, 12 * 1024));
  t('apply fresh', () => { const d = new Y.Doc(); Y.applyUpdate(d, u); });
  t('encodeState 9600-card doc', () => Y.encodeStateAsUpdate(target), 3);
  t('mergeUpdates', () => Y.mergeUpdates([Y.encodeStateAsUpdate(target), u]), 3);
}
