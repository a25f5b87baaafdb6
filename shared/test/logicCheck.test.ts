import { describe, expect, it } from 'vitest';
import {
  FINDING_CODES,
  FINDING_SEVERITY,
  checkMap,
  checksFor,
  setEdgeField,
  createOrigin,
  fromMapJSON,
  buildTemplate,
  readMapGraph,
  type EdgeId,
  type Finding,
  type FindingCode,
  type MapGraph,
  type NodeKind,
} from '../src/index.ts';
import {
  bareGraph,
  cardId,
  link,
  linkId,
  sketchMap,
  templateGraph,
  type CardSketch,
  type LinkSketch,
} from './sketchMap.ts';

const toc = (cards: Record<string, CardSketch>, links: Record<string, LinkSketch> = {}): MapGraph =>
  sketchMap('theory-of-change', cards, links);

/** The findings of one code, as the ids of their targets. */
function targetsOf(graph: MapGraph, code: FindingCode): string[][] {
  return checkMap(graph)
    .filter((finding) => finding.code === code)
    .map((finding) => finding.targets.map((target) => target.id));
}

const codesOf = (findings: readonly Finding[]): FindingCode[] => [...new Set(findings.map((finding) => finding.code))];

/** A small, clean theory of change: activity → output → outcome (with an indicator) → impact. */
const CLEAN_CARDS: Record<string, CardSketch> = {
  act: { kind: 'activity' },
  out: { kind: 'output' },
  oc: { kind: 'outcome' },
  ind: { kind: 'indicator', attachedTo: 'oc', targetValue: '12' },
  imp: { kind: 'impact' },
};
const CLEAN_LINKS: Record<string, LinkSketch> = {
  l1: link('act', 'out'),
  l2: link('out', 'oc'),
  l3: link('oc', 'imp'),
};

describe('checkMap on a clean map', () => {
  it('finds nothing', () => {
    expect(checkMap(toc(CLEAN_CARDS, CLEAN_LINKS))).toEqual([]);
  });

  it('finds nothing on an empty map, of either kind', () => {
    expect(checkMap(toc({}))).toEqual([]);
    expect(checkMap(sketchMap('partnership', {}))).toEqual([]);
  });
});

describe('no-impact', () => {
  it('fires once when a theory of change has pathway cards but no impact, and skips the path check', () => {
    const findings = checkMap(
      toc({ a: { kind: 'activity' }, o: { kind: 'outcome', label: 'x' } }, { l: link('a', 'o') }),
    );
    expect(findings.filter((finding) => finding.code === 'no-impact')).toHaveLength(1);
    expect(findings[0]).toMatchObject({ code: 'no-impact', severity: 'problem', targets: [] });
    expect(codesOf(findings)).not.toContain('no-path-to-impact');
  });

  it('stays silent when there is an impact, or only notes', () => {
    expect(codesOf(checkMap(toc(CLEAN_CARDS, CLEAN_LINKS)))).not.toContain('no-impact');
    expect(checkMap(toc({ n: { kind: 'note' } }))).toEqual([]);
  });
});

describe('no-path-to-impact', () => {
  const graph = toc(
    {
      ...CLEAN_CARDS,
      alone: { kind: 'outcome' },
      dead: { kind: 'activity' },
      end: { kind: 'output' },
      pre: { kind: 'precondition' },
      note: { kind: 'note' },
      risk: { kind: 'risk' },
      // An assumption attached to a card is part of its host, never a step of the pathway.
      ass: {
        kind: 'assumption',
        attachedTo: 'out',
        reviews: [{ id: 'r1', date: '2026-01-01', status: 'holds', note: '', by: '' }],
      },
    },
    { ...CLEAN_LINKS, d: link('dead', 'end'), p: link('pre', 'oc') },
  );

  it('reports each activity, output, outcome and precondition from which no path reaches the impact', () => {
    expect(targetsOf(graph, 'no-path-to-impact').sort()).toEqual([['alone'], ['dead'], ['end']]);
  });

  it('says whether the card has no link onwards or its links lead elsewhere', () => {
    const byId = new Map(checkMap(graph).map((finding) => [finding.targets[0]?.id, finding]));
    expect(byId.get('dead')?.detail).toEqual([{ key: 'finding.no-path-to-impact.leadsOn', values: {} }]);
    expect(byId.get('end')?.detail).toEqual([{ key: 'finding.no-path-to-impact.noLink', values: {} }]);
  });

  it('counts a path through a feedback link', () => {
    const looped = toc(
      { ...CLEAN_CARDS, later: { kind: 'outcome' } },
      { ...CLEAN_LINKS, fb: link('later', 'out', { relation: 'feeds-back' }) },
    );
    expect(targetsOf(looped, 'no-path-to-impact')).toEqual([]);
  });
});

describe('cycle', () => {
  const ring = (relation?: 'feeds-back'): MapGraph =>
    toc(
      {
        ...CLEAN_CARDS,
        a: { kind: 'outcome', label: 'Alpha' },
        b: { kind: 'outcome', label: 'Beta' },
        c: { kind: 'outcome', label: 'Gamma' },
      },
      {
        ...CLEAN_LINKS,
        ab: link('a', 'b'),
        bc: link('b', 'c'),
        ca: link('c', 'a', relation ? { relation } : {}),
        ci: link('c', 'imp'),
      },
    );

  it('reports a loop once, with its cards and the links inside it as targets', () => {
    const loops = checkMap(ring()).filter((finding) => finding.code === 'cycle');
    expect(loops).toHaveLength(1);
    expect(loops[0]!.targets).toEqual([
      { kind: 'node', id: 'a' },
      { kind: 'node', id: 'b' },
      { kind: 'node', id: 'c' },
      { kind: 'link', id: 'ab' },
      { kind: 'link', id: 'bc' },
      { kind: 'link', id: 'ca' },
    ]);
    expect(loops[0]!.title).toEqual({ key: 'finding.cycle.title', values: { count: 3 } });
    expect(loops[0]!.detail).toEqual([
      { key: 'finding.cycle.detail', values: { loop: '“Alpha” → “Beta” → “Gamma” → “Alpha”' } },
    ]);
  });

  it('allows a loop when one of its links is marked as feeding back', () => {
    expect(targetsOf(ring('feeds-back'), 'cycle')).toEqual([]);
  });

  it('reports separate loops separately, and a card linked to itself', () => {
    const graph = toc(
      { ...CLEAN_CARDS, a: { kind: 'outcome' }, b: { kind: 'outcome' }, s: { kind: 'outcome', label: 'Self' } },
      { ...CLEAN_LINKS, ab: link('a', 'b'), ba: link('b', 'a'), ss: link('s', 's'), oa: link('oc', 'a') },
    );
    expect(targetsOf(graph, 'cycle').sort()).toEqual([
      ['a', 'b', 'ab', 'ba'],
      ['s', 'ss'],
    ]);
    expect(checkMap(graph).find((finding) => finding.targets[0]?.id === 's')?.title).toEqual({
      key: 'finding.cycle.titleSelf',
      values: { kind: 'outcome', title: 'Self' },
    });
  });

  it('never reports loops on a partnership map (relationships run both ways)', () => {
    const graph = sketchMap(
      'partnership',
      { a: { kind: 'actor', health: [] }, b: { kind: 'actor' } },
      { ab: link('a', 'b', { relation: 'mentoring' }), ba: link('b', 'a', { relation: 'mentoring' }) },
    );
    expect(targetsOf(graph, 'cycle')).toEqual([]);
  });
});

describe('impact-has-outgoing-links', () => {
  it('reports a link from the impact back to a step of the pathway', () => {
    const graph = toc({ ...CLEAN_CARDS, late: { kind: 'outcome' } }, { ...CLEAN_LINKS, back: link('imp', 'late') });
    expect(targetsOf(graph, 'impact-has-outgoing-links')).toEqual([['back']]);
  });

  it('stays silent for feedback, for links to notes, and for a loop (reported as a loop)', () => {
    const graph = toc(
      { ...CLEAN_CARDS, note: { kind: 'note' } },
      {
        ...CLEAN_LINKS,
        fb: link('imp', 'act', { relation: 'feeds-back' }),
        n: link('imp', 'note'),
        loop: link('imp', 'oc'),
      },
    );
    expect(targetsOf(graph, 'impact-has-outgoing-links')).toEqual([]);
    expect(targetsOf(graph, 'cycle')).toEqual([['imp', 'oc', 'l3', 'loop']]);
  });
});

describe('outcome-without-indicator', () => {
  it('reports an outcome with no indicator attached or linked', () => {
    const graph = toc({ ...CLEAN_CARDS, bare: { kind: 'outcome' } }, { ...CLEAN_LINKS, b: link('bare', 'imp') });
    expect(targetsOf(graph, 'outcome-without-indicator')).toEqual([['bare']]);
  });

  it('counts an indicator linked to or from the outcome, as well as one attached', () => {
    const graph = toc(
      {
        ...CLEAN_CARDS,
        o1: { kind: 'outcome' },
        o2: { kind: 'outcome' },
        i1: { kind: 'indicator', targetValue: '3' },
        i2: { kind: 'indicator', targetValue: '4' },
      },
      { ...CLEAN_LINKS, a: link('o1', 'imp'), b: link('o2', 'imp'), c: link('i1', 'o1'), d: link('o2', 'i2') },
    );
    expect(targetsOf(graph, 'outcome-without-indicator')).toEqual([]);
  });

  it('does not count evidence, nor an indicator on a link into the outcome', () => {
    const graph = toc(
      {
        act: { kind: 'activity' },
        oc: { kind: 'outcome' },
        imp: { kind: 'impact' },
        ev: { kind: 'evidence', attachedTo: 'oc' },
        ind: { kind: 'indicator', attachedTo: 'l1', targetValue: '1' },
      },
      { l1: link('act', 'oc'), l2: link('oc', 'imp') },
    );
    expect(targetsOf(graph, 'outcome-without-indicator')).toEqual([['oc']]);
  });
});

describe('link-without-rationale', () => {
  it('reports links whose rationale is empty or blank', () => {
    const graph = toc(CLEAN_CARDS, {
      l1: link('act', 'out', { rationale: '' }),
      l2: link('out', 'oc', { rationale: '  \n ' }),
      l3: link('oc', 'imp'),
    });
    expect(targetsOf(graph, 'link-without-rationale')).toEqual([['l1'], ['l2']]);
  });

  it('does not ask notes and frames for a rationale, nor partnership maps', () => {
    const graph = toc(
      { ...CLEAN_CARDS, note: { kind: 'note' }, frame: { kind: 'group' } },
      { ...CLEAN_LINKS, n: link('note', 'oc', { rationale: '' }), f: link('frame', 'oc', { rationale: '' }) },
    );
    expect(targetsOf(graph, 'link-without-rationale')).toEqual([]);
    const partnership = sketchMap(
      'partnership',
      { a: { kind: 'actor' }, b: { kind: 'actor' } },
      { ab: link('a', 'b', { rationale: '' }) },
    );
    expect(targetsOf(partnership, 'link-without-rationale')).toEqual([]);
  });
});

describe('assumptions', () => {
  const review = (date: string, status: 'holds' | 'at-risk' | 'broken', note = '') => ({
    id: `r${date.replaceAll('-', '')}`,
    date,
    status,
    note,
    by: 'Amina',
  });
  const graph = toc(
    {
      ...CLEAN_CARDS,
      never: { kind: 'assumption', attachedTo: 'l2', label: 'Never' },
      risky: {
        kind: 'assumption',
        reviews: [review('2026-01-10', 'holds'), review('2026-02-10', 'at-risk', 'Funding is late')],
      },
      broke: { kind: 'assumption', attachedTo: 'oc', reviews: [review('2026-02-01', 'broken', 'It did not hold')] },
      mended: { kind: 'assumption', reviews: [review('2026-01-01', 'broken'), review('2026-03-01', 'holds')] },
    },
    CLEAN_LINKS,
  );
  const findings = checkMap(graph);
  const find = (code: FindingCode): Finding[] => findings.filter((finding) => finding.code === code);

  it('judges an assumption by its latest review', () => {
    expect(find('assumption-broken').map((finding) => finding.targets[0]!.id)).toEqual(['broke']);
    expect(find('assumption-at-risk').map((finding) => finding.targets[0]!.id)).toEqual(['risky']);
    expect(find('assumption-never-reviewed').map((finding) => finding.targets[0]!.id)).toEqual(['never']);
  });

  it('quotes the latest review and says what the assumption supports', () => {
    expect(find('assumption-broken')[0]!.detail).toEqual([
      { key: 'finding.review.byNote', values: { date: '2026-02-01', by: 'Amina', note: 'It did not hold.' } },
      { key: 'finding.host.supportsCard', values: { kind: 'outcome', title: 'Card oc' } },
    ]);
    expect(find('assumption-at-risk')[0]!.detail).toEqual([
      { key: 'finding.review.byNote', values: { date: '2026-02-10', by: 'Amina', note: 'Funding is late.' } },
    ]);
    expect(find('assumption-never-reviewed')[0]!.detail).toEqual([
      { key: 'finding.host.supportsLink', values: { link: '“Card out” → “Card oc”' } },
    ]);
    expect(find('assumption-never-reviewed')[0]!.title).toEqual({
      key: 'finding.assumption-never-reviewed.title',
      values: { title: 'Never' },
    });
  });

  it('checks assumptions on partnership maps too', () => {
    const partnership = sketchMap('partnership', { a: { kind: 'assumption' } });
    expect(targetsOf(partnership, 'assumption-never-reviewed')).toEqual([['a']]);
  });
});

describe('indicator-without-target and empty-title', () => {
  it('reports an indicator without a target value', () => {
    const graph = toc({ ...CLEAN_CARDS, ind: { kind: 'indicator', attachedTo: 'oc' } }, CLEAN_LINKS);
    expect(targetsOf(graph, 'indicator-without-target')).toEqual([['ind']]);
  });

  it('reports cards without a title, but not frames', () => {
    const graph = toc(
      { ...CLEAN_CARDS, act: { kind: 'activity', label: '  ' }, frame: { kind: 'group', label: '' } },
      CLEAN_LINKS,
    );
    expect(targetsOf(graph, 'empty-title')).toEqual([['act']]);
    expect(checkMap(graph).find((finding) => finding.code === 'empty-title')?.title).toEqual({
      key: 'finding.empty-title.title',
      values: { kind: 'activity' },
    });
  });
});

describe('partnership checks', () => {
  const rating = { id: 'h1', date: '2026-02-01', dimension: 'trust', rating: 'green', note: '', by: '' } as const;

  it('reports an actor without a relationship; a link to a note is not one', () => {
    const graph = sketchMap(
      'partnership',
      { a: { kind: 'actor' }, b: { kind: 'actor' }, c: { kind: 'actor' }, n: { kind: 'note' } },
      { ab: link('a', 'b', { relation: 'funds' }), cn: link('c', 'n') },
    );
    expect(targetsOf(graph, 'actor-without-relationship')).toEqual([['c']]);
  });

  it('reminds once when no partner’s health has been rated, then names the partners left', () => {
    const none = sketchMap('partnership', { a: { kind: 'actor' }, b: { kind: 'actor' } }, { ab: link('a', 'b') });
    expect(targetsOf(none, 'partner-health-not-rated')).toEqual([['a', 'b']]);
    const some = sketchMap(
      'partnership',
      { a: { kind: 'actor', health: [rating] }, b: { kind: 'actor' }, c: { kind: 'actor' } },
      { ab: link('a', 'b'), bc: link('b', 'c') },
    );
    expect(targetsOf(some, 'partner-health-not-rated')).toEqual([['b'], ['c']]);
  });

  it('runs no theory-of-change check on a partnership map, and no partnership check on a theory of change', () => {
    const partnership = sketchMap(
      'partnership',
      { o: { kind: 'outcome' }, act: { kind: 'activity' } },
      { l: link('act', 'o', { rationale: '' }) },
    );
    expect(checkMap(partnership)).toEqual([]);
    const theory = toc({ ...CLEAN_CARDS, actor: { kind: 'actor' } }, { ...CLEAN_LINKS, a: link('actor', 'act') });
    expect(checkMap(theory)).toEqual([]);
  });
});

describe('checkMap order and vocabulary', () => {
  it('orders findings by severity, then by code, then by the title of their first target', () => {
    const graph = toc({
      z: { kind: 'outcome', label: 'Zebra' },
      a: { kind: 'outcome', label: 'aardvark' },
      m: { kind: 'assumption', label: 'Middle' },
      t: { kind: 'activity', label: '' },
    });
    expect(checkMap(graph).map((finding) => [finding.severity, finding.code, finding.targets[0]?.id ?? ''])).toEqual([
      ['problem', 'no-impact', ''],
      ['warning', 'outcome-without-indicator', 'a'],
      ['warning', 'outcome-without-indicator', 'z'],
      ['suggestion', 'assumption-never-reviewed', 'm'],
      ['suggestion', 'empty-title', 't'],
    ]);
  });

  it('labels every code and runs every code on one kind of map or the other', () => {
    const run = new Set([...checksFor('theory-of-change'), ...checksFor('partnership')]);
    expect([...run].sort()).toEqual([...FINDING_CODES].sort());
    expect(FINDING_SEVERITY['assumption-broken']).toBe('problem');
  });

  it('checks a 20,000-card loop without running out of stack', () => {
    const cards: [string, NodeKind][] = [['imp', 'impact']];
    const ends: [string, string][] = [['c0', 'imp']];
    for (let i = 0; i < 20_000; i++) {
      cards.push([`c${i}`, 'activity']);
      ends.push([`c${i}`, `c${(i + 1) % 20_000}`]);
    }
    const loops = targetsOf(bareGraph('theory-of-change', cards, ends), 'cycle');
    expect(loops).toHaveLength(1);
    expect(loops[0]).toHaveLength(40_000);
  });
});

describe('checkMap on the worked example', () => {
  const graph = templateGraph('learning-community');
  const findings = checkMap(graph);

  it('finds what the example leaves open, and no false alarm', () => {
    expect(findings.map((finding) => [finding.code, finding.targets.map((target) => target.id)])).toEqual([
      ['outcome-without-indicator', [cardId(graph, 'Leaders make room')]],
      ['outcome-without-indicator', [cardId(graph, 'Youth services')]],
      ['assumption-at-risk', [cardId(graph, 'Peers have time')]],
      ['assumption-never-reviewed', [cardId(graph, 'Organisation leaders back')]],
    ]);
  });

  it('reports the success → trust loop once its link is no longer marked as feeding back', () => {
    const doc = fromMapJSON(buildTemplate('learning-community', { title: 'Worked', today: '2026-03-02' }));
    const before = readMapGraph(doc);
    const loop = linkId(before, 'Member organisations adopt', 'Peers trust');
    setEdgeField(doc, loop as EdgeId, 'relation', 'leads-to', createOrigin('user', 'test'));
    const after = readMapGraph(doc);
    expect(targetsOf(after, 'cycle')).toEqual([
      [
        cardId(after, 'Member organisations adopt'),
        cardId(after, 'Peers trust'),
        ...[loop, linkId(after, 'Peers trust', 'Member organisations adopt')].sort(),
      ],
    ]);
  });

  it('finds only what a fresh logic model or partnership map still needs', () => {
    expect(codesOf(checkMap(templateGraph('logic-model')))).toEqual([
      'outcome-without-indicator',
      'link-without-rationale',
    ]);
    expect(codesOf(checkMap(templateGraph('partnership')))).toEqual(['partner-health-not-rated']);
    expect(checkMap(templateGraph('blank-toc'))).toEqual([]);
  });
});
