import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  MapStateRecorder,
  addNode,
  connect,
  createOrigin,
  describeChange,
  describeSession,
  initMap,
  moveNodes,
  removeNodes,
  setEdgeLabel,
  setMapTitle,
  type ChangeSummary,
  type EdgeId,
  type NodeId,
  type SummaryElement,
} from '../src/index.ts';
import type { Language, Translate } from '../src/index.ts';

// The server's translator: real i18next over the real catalogue. shared/ itself imports no
// i18next (nor node:), so the module is named at run time and left out of shared's type check.
const serverI18n = '../../server/src/i18n.ts';
const { translatorFor } = (await import(/* @vite-ignore */ serverI18n)) as {
  translatorFor: (language: Language, namespace: string) => Translate;
};
const en = translatorFor('en', 'history');

const ana = createOrigin('user', 'ana');
const ben = createOrigin('user', 'ben');
const n = (id: string): NodeId => id as NodeId;

const EMPTY: ChangeSummary = { added: [], removed: [], changed: [], moved: [], meta: [] };
const summary = (part: Partial<ChangeSummary>): ChangeSummary => ({ ...EMPTY, ...part });

const share: SummaryElement = { id: 'share', kind: 'outcome', label: 'Peers share failures' };
const calls: SummaryElement = { id: 'calls', kind: 'activity', label: 'Run peer calls' };
const safe: SummaryElement = { id: 'safe', kind: 'assumption', label: 'Peers feel safe' };
const link: SummaryElement = { id: 'l1', kind: 'link', label: 'Run peer calls → Peers share failures' };
const card = (i: number, kind: SummaryElement['kind'] = 'outcome'): SummaryElement => ({
  id: `c${i}`,
  kind,
  label: `Card ${i}`,
});

describe('describeChange', () => {
  it('says what was added, removed and changed, by kind and title', () => {
    expect(describeChange(summary({ added: [share] }), 'Ana', en)).toEqual([
      'Ana added the outcome “Peers share failures”',
    ]);
    expect(describeChange(summary({ removed: [safe] }), 'Ana', en)).toEqual([
      'Ana removed the assumption “Peers feel safe”',
    ]);
    expect(describeChange(summary({ changed: [{ ...link, fields: ['rationale'] }] }), 'Ben', en)).toEqual([
      'Ben changed the rationale of “Run peer calls → Peers share failures”',
    ]);
    expect(describeChange(summary({ added: [link] }), 'Ben', en)).toEqual([
      'Ben added the link “Run peer calls → Peers share failures”',
    ]);
  });

  it('names the fields changed as the inspector does, and a new title as a rename', () => {
    expect(describeChange(summary({ changed: [{ ...share, fields: ['label'] }] }), 'Ana', en)).toEqual([
      'Ana renamed the outcome “Peers share failures”',
    ]);
    expect(
      describeChange(summary({ changed: [{ ...share, fields: ['label', 'narrative', 'status'] }] }), 'Ana', en),
    ).toEqual(['Ana changed the title, narrative and status of “Peers share failures”']);
    expect(
      describeChange(
        summary({
          changed: [
            { ...safe, fields: ['reviews'] },
            { ...calls, fields: ['baselineValue', 'health'] },
          ],
        }),
        'Ana',
        en,
      ),
    ).toEqual([
      'Ana changed the assumption reviews of “Peers feel safe”',
      'Ana changed the baseline and health ratings of “Run peer calls”',
    ]);
  });

  it('counts moves, and says what happened to the map itself', () => {
    expect(describeChange(summary({ moved: [share] }), 'Ana', en)).toEqual([
      'Ana moved the outcome “Peers share failures”',
    ]);
    expect(describeChange(summary({ moved: [share, calls, safe] }), 'Ana', en)).toEqual(['Ana moved 3 cards']);
    expect(describeChange(summary({ meta: ['title'] }), 'Ana', en)).toEqual(['Ana renamed the map']);
    expect(describeChange(summary({ meta: ['ceilingY', 'lanes'] }), 'Ana', en)).toEqual([
      'Ana moved the accountability ceiling',
      'Ana redrew the level swimlanes',
    ]);
  });

  it('cuts long lists with "and N more"', () => {
    const added = [...Array.from({ length: 14 }, (_, i) => card(i)), card(20, 'indicator'), card(21, 'evidence')];
    expect(describeChange(summary({ added }), 'Ana', en)).toEqual([
      'Ana added 14 outcomes, an indicator and a piece of evidence: “Card 0”, “Card 1”, “Card 2” and 13 more',
    ]);
    const changed = Array.from({ length: 5 }, (_, i) => ({ ...card(i), fields: ['status'] }));
    expect(describeChange(summary({ changed: [...changed, { ...link, fields: ['relation'] }] }), 'Ben', en)).toEqual([
      'Ben changed 5 cards and a link: “Card 0”, “Card 1”, “Card 2” and 3 more',
    ]);
    expect(
      describeChange(
        summary({ removed: [card(1, 'activity'), card(2, 'activity'), link, card(3, 'group')] }),
        'Ben',
        en,
      ),
    ).toEqual([
      'Ben removed 2 activities, a pathway frame and a link: “Card 1”, “Card 2”, “Run peer calls → Peers share failures” and 1 more',
    ]);
  });

  it('gives nothing for an empty summary', () => {
    expect(describeChange(EMPTY, 'Ana', en)).toEqual([]);
  });
});

describe('describeSession', () => {
  it('sums a session up in one paragraph', () => {
    const links = Array.from({ length: 5 }, (_, i) => ({ id: `l${i}`, kind: 'link' as const, label: `A → B${i}` }));
    const moved = Array.from({ length: 12 }, (_, i) => card(100 + i));
    const summaries: ChangeSummary[] = [
      summary({ added: [card(1), card(2)] }),
      summary({ added: [card(3), card(4, 'indicator')] }),
      summary({ changed: links.map((l) => ({ ...l, fields: ['rationale'] })) }),
      summary({ removed: [{ id: 'gone', kind: 'link', label: 'X → Y' }] }),
      summary({ moved }),
    ];
    // Padding up to 42 logged updates: typing in a card added in the session is part of adding it.
    while (summaries.length < 42) summaries.push(summary({ changed: [{ ...card(1), fields: ['label'] }] }));
    expect(describeSession(summaries, ['Ana', 'Ben'], en)).toBe(
      'Ana and Ben made 42 changes: added 3 outcomes and an indicator, changed 5 rationales, removed a link and moved 12 cards.',
    );
  });

  it('counts what the changes came to: added then removed is nothing, moved and edited is changed', () => {
    const summaries = [
      summary({ added: [card(1)] }),
      summary({ removed: [card(1)] }),
      summary({ moved: [share] }),
      summary({ changed: [{ ...share, fields: ['tags'] }] }),
      summary({ changed: [{ ...calls, fields: ['tags'] }] }),
      summary({ meta: ['title'] }),
    ];
    expect(describeSession(summaries, ['Ana'], en)).toBe(
      'Ana made 6 changes: changed the tags of 2 cards and renamed the map.',
    );
    expect(describeSession(summaries.slice(0, 2), ['Ana', 'Ben', 'Carla'], en)).toBe(
      'Ana, Ben and Carla made 2 changes, which left the map as it was.',
    );
    expect(describeSession([], ['Ana'], en)).toBe('Ana made no changes.');
    expect(describeSession([summary({ added: [share] })], ['A', 'B', 'C', 'D', 'E'], en)).toBe(
      'A, B, C and 2 others made one change: added an outcome.',
    );
  });
});

describe('describeChange on what MapStateRecorder saw', () => {
  it('reads real updates as a facilitator would say them', () => {
    const doc = new Y.Doc();
    initMap(doc, { title: 'Peer learning', kind: 'theory-of-change' }, ana);
    addNode(doc, { id: n('calls'), kind: 'activity', label: 'Run peer calls', x: 0, y: 0 }, ana);
    addNode(doc, { id: n('safe'), kind: 'assumption', label: 'Peers feel safe', x: 0, y: 0 }, ana);
    addNode(doc, { id: n('city'), kind: 'actor', label: 'City of Braga', x: 0, y: 0 }, ana);
    const recorder = new MapStateRecorder(doc);
    const said: string[] = [];
    let author = 'Ana';
    doc.on('update', () => {
      const taken = recorder.take();
      if (taken) said.push(...describeChange(taken.summary, author, en));
    });
    addNode(doc, { id: n('share'), kind: 'outcome', label: 'Peers share failures', x: 0, y: -200 }, ana);
    connect(doc, { id: 'l1' as EdgeId, source: n('calls'), target: n('share') }, ana);
    author = 'Ben';
    setEdgeLabel(doc, 'l1' as EdgeId, 'Calls build trust', ben);
    author = 'Ana';
    moveNodes(
      doc,
      ['calls', 'safe', 'city'].map((id, i) => ({ id: n(id), x: 10 * i, y: 50 })),
      ana,
    );
    removeNodes(doc, [n('safe')], ana);
    setMapTitle(doc, 'Peer learning 2026', ana);
    recorder.destroy();
    expect(said).toEqual([
      'Ana added the outcome “Peers share failures”',
      'Ana added the link “Run peer calls → Peers share failures”',
      'Ben changed the rationale of “Run peer calls → Peers share failures”',
      'Ana moved 3 cards',
      'Ana removed the assumption “Peers feel safe”',
      'Ana renamed the map',
    ]);
  });
});

describe('describeChange in the reader’s language', () => {
  const fr = translatorFor('fr', 'history');
  const ar = translatorFor('ar', 'history');

  it('says what was added, renamed and moved in French, with French articles and quotation marks', () => {
    expect(describeChange(summary({ added: [share] }), 'Ana', fr)).toEqual([
      'Ana a ajouté l’effet « Peers share failures »',
    ]);
    expect(describeChange(summary({ changed: [{ ...calls, fields: ['label'] }] }), 'Ana', fr)).toEqual([
      'Ana a renommé l’activité « Run peer calls »',
    ]);
    expect(describeChange(summary({ moved: [share, calls, safe] }), 'Ben', fr)).toEqual(['Ben a déplacé 3 fiches']);
    expect(describeChange(summary({ meta: ['title'] }), 'Ben', fr)).toEqual(['Ben a renommé la carte']);
  });

  it('names the fields changed in French, each with its article, joined as French joins a list', () => {
    expect(
      describeChange(summary({ changed: [{ ...share, fields: ['label', 'narrative', 'status'] }] }), 'Ana', fr),
    ).toEqual(['Ana a modifié le titre, le récit et le statut de « Peers share failures »']);
    expect(describeChange(summary({ changed: [{ ...link, fields: ['rationale'] }] }), 'Ben', fr)).toEqual([
      'Ben a modifié la justification de « Run peer calls → Peers share failures »',
    ]);
  });

  it('counts kinds with French plurals and cuts long lists with « et N autres »', () => {
    const added = [...Array.from({ length: 14 }, (_, i) => card(i)), card(20, 'indicator'), card(21, 'evidence')];
    expect(describeChange(summary({ added }), 'Ana', fr)).toEqual([
      'Ana a ajouté 14 effets, un indicateur et une donnée probante : « Card 0 », « Card 1 », « Card 2 » et 13 autres',
    ]);
  });

  it('uses the Arabic dual and the plural category each count needs', () => {
    expect(describeChange(summary({ removed: [card(1), card(2), card(3), card(4)] }), 'آنا', ar)).toEqual([
      'حذف آنا 4 نتائج: «Card 1»، «Card 2»، «Card 3» وعنصر آخر',
    ]);
    expect(describeChange(summary({ moved: [share, calls] }), 'آنا', ar)).toEqual(['نقل آنا بطاقتين']);
  });

  it('writes a live session’s paragraph in French', () => {
    expect(describeSession([summary({ added: [share] }), summary({ meta: ['title'] })], ['Ana', 'Ben'], fr)).toBe(
      '2 modifications par Ana et Ben — ajouts : un effet et carte renommée.',
    );
  });
});
