import { describe, expect, it } from 'vitest';
import { findPathway, pathwayIncludes, type MapGraph, type Pathway } from '../src/index.ts';
import { bareGraph, cardId, link, linkId, sketchMap, templateGraph } from './sketchMap.ts';

const sorted = (set: ReadonlySet<string>): string[] => [...set].sort();

function pathway(graph: MapGraph, focus: string): Pathway {
  const found = findPathway(graph, focus);
  if (!found) throw new Error(`no pathway through ${focus}`);
  return found;
}

describe('findPathway through a card', () => {
  //   a → b → c → d
  //   e ──────↗   ↘ f
  //   a ───────────→ d   (a shortcut that bypasses c)
  //   b → x              (a side branch that does not reach c)
  const graph = sketchMap(
    'theory-of-change',
    {
      a: { kind: 'activity' },
      b: { kind: 'output' },
      c: { kind: 'outcome' },
      d: { kind: 'outcome' },
      e: { kind: 'activity' },
      f: { kind: 'impact' },
      x: { kind: 'outcome' },
      lonely: { kind: 'outcome' },
    },
    {
      ab: link('a', 'b'),
      bc: link('b', 'c'),
      cd: link('c', 'd'),
      ec: link('e', 'c'),
      cf: link('c', 'f'),
      ad: link('a', 'd'),
      bx: link('b', 'x'),
    },
  );

  it('lights everything that leads to the focus and everything it leads to', () => {
    const found = pathway(graph, 'c');
    expect(found.focus).toBe('c');
    expect(sorted(found.upstream)).toEqual(['a', 'b', 'e']);
    expect(sorted(found.downstream)).toEqual(['d', 'f']);
  });

  it('lights only the links on those paths, not a shortcut or a side branch between lit cards', () => {
    const found = pathway(graph, 'c');
    expect(sorted(found.links)).toEqual(['ab', 'bc', 'cd', 'cf', 'ec']);
    expect(pathwayIncludes(found, 'ad')).toBe(false);
    expect(pathwayIncludes(found, 'x')).toBe(false);
    expect(pathwayIncludes(found, 'lonely')).toBe(false);
  });

  it('gives a card without links a pathway of its own', () => {
    const found = pathway(graph, 'lonely');
    expect(found.upstream.size + found.downstream.size + found.links.size).toBe(0);
    expect(pathwayIncludes(found, 'lonely')).toBe(true);
  });

  it('ends on loops, and does not list the focus as its own neighbour', () => {
    const loop = sketchMap(
      'theory-of-change',
      { a: { kind: 'outcome' }, b: { kind: 'outcome' }, c: { kind: 'outcome' }, d: { kind: 'impact' } },
      { ab: link('a', 'b'), bc: link('b', 'c'), ca: link('c', 'a'), cd: link('c', 'd') },
    );
    const found = pathway(loop, 'a');
    expect(sorted(found.upstream)).toEqual(['b', 'c']);
    expect(sorted(found.downstream)).toEqual(['b', 'c', 'd']);
    expect(sorted(found.links)).toEqual(['ab', 'bc', 'ca', 'cd']);
  });

  it('returns null for an id that is neither a card nor a link', () => {
    expect(findPathway(graph, 'nope')).toBeNull();
  });
});

describe('findPathway through a link', () => {
  const graph = sketchMap(
    'theory-of-change',
    {
      a: { kind: 'activity' },
      b: { kind: 'output' },
      c: { kind: 'outcome' },
      d: { kind: 'impact' },
      other: { kind: 'activity' },
    },
    { ab: link('a', 'b'), bc: link('b', 'c'), cd: link('c', 'd'), oc: link('other', 'c') },
  );

  it('lights what leads to its source and what its target leads to, and the link itself', () => {
    const found = pathway(graph, 'bc');
    expect(found.focus).toBe('bc');
    expect(sorted(found.upstream)).toEqual(['a', 'b']);
    expect(sorted(found.downstream)).toEqual(['c', 'd']);
    expect(sorted(found.links)).toEqual(['ab', 'bc', 'cd']);
    // "other" also leads to c, but not through this link.
    expect(pathwayIncludes(found, 'other')).toBe(false);
    expect(pathwayIncludes(found, 'oc')).toBe(false);
  });
});

describe('findPathway on the worked example', () => {
  const graph = templateGraph('learning-community');
  const id = (start: string): string => cardId(graph, start);

  it('does not follow a feedback link, but lights it when it closes a loop on the pathway', () => {
    const found = pathway(graph, id('Peers trust'));
    expect(sorted(found.upstream)).toEqual([id('Monthly peer-learning'), id('Facilitate peer')].sort());
    expect(sorted(found.downstream)).toEqual(
      [id('Member organisations adopt'), id('City policies'), id('Youth services'), id('Young people')].sort(),
    );
    // adopt → trust "feeds back": followed, it would make leaders, skills and the risk upstream of trust.
    expect(pathwayIncludes(found, id('Leaders make room'))).toBe(false);
    expect(pathwayIncludes(found, id('Practitioners gain'))).toBe(false);
    expect(pathwayIncludes(found, id('Staff turnover'))).toBe(false);
    expect(found.links.has(linkId(graph, 'Member organisations adopt', 'Peers trust'))).toBe(true);
  });

  it('lights the cards attached to lit cards and links, so their hosts can show them', () => {
    const found = pathway(graph, id('Member organisations adopt'));
    expect(sorted(found.attachments)).toEqual(
      [
        id('Practices adopted'), // on adopt, the focus
        id('Peers who say'), // on trust, upstream
        id('Peers have time'), // on calls → trust, a link upstream
        id('Organisation leaders back'), // on trust → adopt
        id('Peer exchange evaluation'), // on trust → adopt
        id('Practitioners who tried'), // on skills, upstream
        id('Member cities with a budget line'), // on policy, downstream
      ].sort(),
    );
  });

  it('gives an attached card its host’s pathway', () => {
    const viaIndicator = pathway(graph, id('Practices adopted'));
    expect(viaIndicator).toEqual(pathway(graph, id('Member organisations adopt')));
    const viaAssumption = pathway(graph, id('Peers have time'));
    expect(viaAssumption.focus).toBe(linkId(graph, 'Monthly peer-learning', 'Peers trust'));
  });
});

describe('findPathway and cards that are not on the canvas', () => {
  it('returns null for a link to an attached card (nobody sees it), and does not walk through it', () => {
    const graph = sketchMap(
      'theory-of-change',
      {
        o: { kind: 'outcome' },
        i: { kind: 'indicator', attachedTo: 'o' },
        a: { kind: 'activity' },
      },
      { ai: link('a', 'i'), ao: link('a', 'o') },
    );
    expect(findPathway(graph, 'ai')).toBeNull();
    const found = pathway(graph, 'a');
    expect(sorted(found.downstream)).toEqual(['o']);
    expect(sorted(found.links)).toEqual(['ao']);
    expect(sorted(found.attachments)).toEqual(['i']);
  });
});

describe('findPathway on large maps', () => {
  const bigGraph = (ids: readonly string[], ends: readonly [string, string][]): MapGraph =>
    bareGraph(
      'theory-of-change',
      ids.map((id) => [id, 'outcome']),
      ends,
    );

  it('walks a 20,000-card chain without running out of stack', () => {
    const ids = Array.from({ length: 20_000 }, (_, i) => `n${i}`);
    const found = pathway(
      bigGraph(
        ids,
        ids.slice(1).map((id, i) => [ids[i]!, id]),
      ),
      'n10000',
    );
    expect(found.upstream.size).toBe(10_000);
    expect(found.downstream.size).toBe(9_999);
  });

  it('does not enumerate paths: a ladder with 2^59 paths is walked at once', () => {
    // Two cards per rung, each linked to both cards of the next rung.
    const ids: string[] = [];
    const ends: [string, string][] = [];
    for (let rung = 0; rung < 60; rung++) {
      ids.push(`l${rung}`, `r${rung}`);
      if (rung === 0) continue;
      for (const from of [`l${rung - 1}`, `r${rung - 1}`])
        for (const to of [`l${rung}`, `r${rung}`]) ends.push([from, to]);
    }
    const started = Date.now();
    const found = pathway(bigGraph(ids, ends), 'l30');
    expect(Date.now() - started).toBeLessThan(500);
    expect(found.upstream.size).toBe(60);
    expect(found.downstream.size).toBe(58);
    expect(found.links.size).toBe(4 * 29 + 2 + 2 + 4 * 28);
  });
});
