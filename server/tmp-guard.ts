import * as Y from 'yjs';
import { addNode, createOrigin } from '@loopmap/shared';
import { guardUpdate, decodeUpdate, missingDependencies, checkBudgets } from './src/collab/updateGuard.ts';
const origin = createOrigin('user', 'x');
function big(cards: number, round: number) { const doc = new Y.Doc(); let last!: Uint8Array; doc.on('update', (u: Uint8Array) => (last = u));
  doc.transact(() => { for (let i = 0; i < cards; i++) addNode(doc, { kind: 'activity', label: `Attack ${round}.${i}`, x: i, y: round }, origin); }, origin); return last; }
const t = (name: string, f: () => unknown, n = 50) => { f(); const s = performance.now(); for (let i = 0; i < n; i++) f(); console.log(name, ((performance.now() - s) / n).toFixed(2), 'ms'); };
const u = big(400, 1);
const target = new Y.Doc(); for (let r = 2; r < 8; r++) Y.applyUpdate(target, big(1600, r));
const budget = { bytes: 0, records: 0, budgets: { maxRecords: 1e6, maxDocumentBytes: 1e9 } } as any;
const d = decodeUpdate(u);
t('decode', () => decodeUpdate(u)); t('missing', () => missingDependencies(target, d)); t('budgets', () => checkBudgets(target, d, u.length, budget));
for (let i = 0; i < 300; i++) guardUpdate(target, u, budget);
import { sliceUpdate } from '@loopmap/shared';
t('slice 12k', () => sliceUpdate(u, 12 * 1024));
t('apply whole into big doc', () => { const d = new Y.Doc(); Y.applyUpdate(d, u); });
const sl = sliceUpdate(u, 12 * 1024); console.log('slices', sl.length);
t('apply slice', () => { const d = new Y.Doc(); Y.applyUpdate(d, sl[0]!); });
t('encodeState', () => Y.encodeStateAsUpdate(target), 10);
