import { describe, expect, it } from 'vitest';
import {
  MAP_JSON_FORMAT,
  SCHEMA_VERSION,
  buildReport,
  buildTemplate,
  forEachStep,
  mapJsonSchema,
  type LinkRelation,
  type MapJSON,
  type MapNodeJSON,
  type MapReport,
  type PathwayStep,
} from '../src/index.ts';
import { fullMap } from './fullMap.ts';

/** The pathways as indented lines "ref title (repeat of ref)", to compare trees at a glance. */
function outline(report: MapReport): string[] {
  const lines: string[] = [];
  forEachStep(report.pathways, (step, depth) =>
    lines.push(`${'  '.repeat(depth)}${step.ref} ${step.title}${step.repeatOf ? ` (see ${step.repeatOf})` : ''}`),
  );
  return lines;
}

type Card = Omit<MapNodeJSON, 'id' | 'x' | 'y' | 'label'> & { label?: string };

/** A map from cards by id (placed left to right in the order given) and links "a>b". */
function sketch(cards: Record<string, Card>, links: Record<string, LinkRelation | null> = {}): MapJSON {
  return mapJsonSchema.parse({
    format: MAP_JSON_FORMAT,
    schemaVersion: SCHEMA_VERSION,
    meta: { title: 'Sketch', kind: 'theory-of-change' },
    nodes: Object.entries(cards).map(([id, card], i) => ({ label: id, ...card, id, x: i * 200, y: 0 })),
    edges: Object.entries(links).map(([key, relation]) => {
      const [source, target] = key.split('>');
      return { id: `${source}-${target}`, source, target, rationale: '', ...(relation ? { relation } : {}) };
    }),
  });
}

describe('buildReport of the worked example', () => {
  const report = buildReport(buildTemplate('learning-community', { title: 'Worked', today: '2026-03-02' }));

  it('reads the pathway from the impact down, numbered as a logframe, a shared outcome listed once in full', () => {
    expect(outline(report)).toEqual([
      '1 Young people in member cities find decent work',
      '  1.1 City policies recognise and fund peer learning',
      '    1.1.1 Member organisations adopt practices learned from peers',
      '      1.1.1.1 Peers trust each other and share failures openly',
      '        1.1.1.1.1 Monthly peer-learning calls held',
      '          1.1.1.1.1.1 Facilitate peer exchanges and study visits',
      '      1.1.1.2 Leaders make room for experimentation',
      '      1.1.1.3 Practitioners gain skills and confidence to try new approaches',
      '        1.1.1.3.1 Practice briefs written and shared',
      '          1.1.1.3.1.1 Document practices with the peers who run them',
      '  1.2 Youth services are designed with young people',
      '    1.2.1 Member organisations adopt practices learned from peers (see 1.1.1)',
    ]);
  });

  it('keeps each link to the step it leads to, with its rationale and relation', () => {
    const policy = report.pathways[0]!.causes[0]!;
    expect(report.pathways[0]!.link).toBeNull();
    expect(policy.link).toMatchObject({
      relation: 'contributes-to',
      rationale: 'Funded, lasting programmes reach more young people',
      status: 'hypothesised',
    });
    const leaders = policy.causes[0]!.causes[1]!;
    expect(leaders.link?.relation).toBe('necessary-for');
  });

  it('has one logframe row per pathway card, by level then ref', () => {
    expect(report.logframe.map((row) => `${row.level} ${row.ref}`)).toEqual([
      'impact 1',
      'outcome 1.1',
      'outcome 1.1.1',
      'outcome 1.1.1.1',
      'outcome 1.1.1.2',
      'outcome 1.1.1.3',
      'outcome 1.2',
      'output 1.1.1.1.1',
      'output 1.1.1.3.1',
      'activity 1.1.1.1.1.1',
      'activity 1.1.1.3.1.1',
    ]);
  });

  it('puts attached indicators on their card with baseline, target and means of verification', () => {
    const adopt = report.logframe.find((row) => row.ref === '1.1.1')!;
    expect(adopt.statement).toBe('Member organisations adopt practices learned from peers');
    expect(adopt.status).toBe('amber');
    expect(adopt.indicators).toHaveLength(1);
    expect(adopt.indicators[0]).toMatchObject({
      title: 'Practices adopted by member organisations',
      unit: 'practices',
      baseline: { value: '2', date: '2025-01-15' },
      target: { value: '12', date: '2027-12-31' },
      meansOfVerification: 'Procedures or budgets that name the practice',
      frequency: 'yearly',
      readings: [{ date: '2026-03-02', value: '5', note: 'Three new since the spring review.', by: 'Facilitator' }],
    });
    // Without a means of verification, the source says where the data comes from.
    const trust = report.logframe.find((row) => row.ref === '1.1.1.1')!;
    expect(trust.indicators[0]!.meansOfVerification).toBe('Call feedback form');
  });

  it('puts an assumption on a link on the row of the link’s cause, with its current state', () => {
    const calls = report.logframe.find((row) => row.statement === 'Monthly peer-learning calls held')!;
    expect(calls.assumptions.map((a) => [a.title, a.state, a.stateDate])).toEqual([
      ['Peers have time to take part between calls', 'at-risk', '2026-03-02'],
    ]);
    const trust = report.logframe.find((row) => row.ref === '1.1.1.1')!;
    expect(trust.assumptions.map((a) => [a.title, a.state])).toEqual([
      ['Organisation leaders back what their staff learn', null],
    ]);
  });

  it('lists every assumption, indicator, risk, lesson and evidence in the registers', () => {
    expect(report.assumptions.map((a) => a.title)).toEqual([
      'Organisation leaders back what their staff learn',
      'Peers have time to take part between calls',
    ]);
    expect(report.assumptions[1]).toMatchObject({
      kind: 'implementation',
      criticality: 'high',
      attachedTo: {
        type: 'link',
        title: 'Monthly peer-learning calls held → Peers trust each other and share failures openly',
        ref: '1.1.1.1.1',
      },
      reviews: [{ date: '2026-03-02', status: 'at-risk', note: 'Two cities cut staff hours this year.' }],
    });
    expect(report.indicators.map((i) => [i.measures[0]!.ref, i.title])).toEqual([
      ['1.1', 'Member cities with a budget line for peer learning'],
      ['1.1.1', 'Practices adopted by member organisations'],
      ['1.1.1.1', 'Peers who say they can share a failure safely'],
      ['1.1.1.3', 'Practitioners who tried a new approach within six months'],
    ]);
    expect(report.risks).toEqual([
      expect.objectContaining({
        title: 'Staff turnover in member organisations breaks continuity',
        likelihood: 'high',
        severity: 'medium',
        affects: [expect.objectContaining({ ref: '1.1.1', type: 'card' })],
      }),
    ]);
    expect(report.lessons).toEqual([expect.objectContaining({ loop: 'double' })]);
    expect(report.evidence).toEqual([
      expect.objectContaining({ title: 'Peer exchange evaluation, 2024', strength: 'moderate', url: null }),
    ]);
    expect(report.partners).toEqual([]);
  });
});

describe('buildReport of the full map', () => {
  const report = buildReport(fullMap());

  it('gives a card on no pathway to the impact a tree of its own, after the impact', () => {
    expect(outline(report)).toEqual([
      '1 Girls stay in sport',
      '  1.1 Coaches trust each other',
      '    1.1.1 Coach exchanges between clubs',
      '2 Clubs have a coach lead',
    ]);
    // A precondition is a change worked for: an outcome row that keeps its kind.
    expect(report.logframe.find((row) => row.ref === '2')).toMatchObject({ level: 'outcome', kind: 'precondition' });
  });

  it('does not follow a risk’s "blocks" link into the pathway', () => {
    expect(report.logframe.map((row) => row.statement)).not.toContain('Coach turnover');
  });

  it('puts the assumption on the activity’s outgoing link on the activity row', () => {
    const activity = report.logframe.find((row) => row.level === 'activity')!;
    expect(activity.assumptions.map((a) => [a.title, a.state])).toEqual([
      ['Clubs release coaches for a week a year', 'at-risk'],
    ]);
    expect(activity.assumptions[0]!.reviews.map((r) => r.status)).toEqual(['holds', 'at-risk']);
  });

  it('gives partners their latest rating per dimension, in dimension order', () => {
    expect(report.partners).toHaveLength(1);
    expect(report.partners[0]).toMatchObject({
      title: 'City sports department',
      actorType: 'organisation',
      networkRole: 'sponsor',
      homeOrganisation: 'City of Braga',
      health: [
        { dimension: 'communication', rating: 'green', date: '2025-09-01', by: 'Ana' },
        { dimension: 'resources', rating: 'red', date: '2025-09-01', note: 'Budget cut', by: 'Rui' },
      ],
    });
  });

  it('keeps an evidence link that is http(s)', () => {
    expect(report.evidence[0]).toMatchObject({
      url: 'https://example.org/evaluation.pdf',
      citation: 'Independent evaluation, p. 12',
      evidenceType: 'evaluation',
      about: [{ type: 'link', title: 'Coach exchanges between clubs → Coaches trust each other' }],
    });
  });
});

describe('buildReport of maps with loops and without an impact', () => {
  it('ends a loop where it closes, whatever the link says', () => {
    const report = buildReport(
      sketch(
        { impact: { kind: 'impact' }, a: { kind: 'outcome' }, b: { kind: 'outcome' }, c: { kind: 'output' } },
        { 'a>impact': 'leads-to', 'b>a': 'leads-to', 'a>b': 'leads-to', 'c>b': null, 'b>c': 'feeds-back' },
      ),
    );
    expect(outline(report)).toEqual([
      '1 impact',
      '  1.1 a',
      '    1.1.1 b',
      '      1.1.1.1 a (see 1.1)',
      '      1.1.1.2 c',
    ]);
    expect(report.logframe.map((row) => row.statement)).toEqual(['impact', 'a', 'b', 'c']);
  });

  it('reads a loop that leads nowhere else from its highest card', () => {
    const report = buildReport(
      sketch({ x: { kind: 'output' }, y: { kind: 'outcome' } }, { 'x>y': 'leads-to', 'y>x': 'leads-to' }),
    );
    expect(outline(report)).toEqual(['1 y', '  1.1 x', '    1.1.1 y (see 1)']);
  });

  it('starts from each top outcome when the map has no impact', () => {
    const report = buildReport(
      sketch(
        { left: { kind: 'outcome' }, act: { kind: 'activity' }, right: { kind: 'outcome' }, out: { kind: 'output' } },
        { 'act>out': 'leads-to', 'out>left': 'leads-to', 'out>right': 'leads-to' },
      ),
    );
    expect(outline(report)).toEqual(['1 left', '  1.1 out', '    1.1.1 act', '2 right', '  2.1 out (see 1.1)']);
  });

  it('takes indicators and assumptions linked to a card, and numbers refs as numbers', () => {
    const cards: Record<string, Card> = { impact: { kind: 'impact' } };
    const links: Record<string, LinkRelation | null> = {};
    for (let i = 1; i <= 11; i++) {
      cards[`o${i}`] = { kind: 'outcome' };
      links[`o${i}>impact`] = 'leads-to';
    }
    cards['ind'] = { kind: 'indicator', label: 'Linked indicator', unit: 'people' };
    cards['as'] = { kind: 'assumption', label: 'Linked assumption' };
    links['ind>o10'] = null;
    links['o10>as'] = null;
    const report = buildReport(sketch(cards, links));
    expect(report.logframe.map((row) => row.ref).slice(0, 4)).toEqual(['1', '1.1', '1.2', '1.3']);
    expect(report.logframe.at(-1)!.ref).toBe('1.11');
    const o10 = report.logframe.find((row) => row.statement === 'o10')!;
    expect(o10.ref).toBe('1.10');
    expect(o10.indicators.map((i) => i.title)).toEqual(['Linked indicator']);
    expect(o10.assumptions.map((a) => a.title)).toEqual(['Linked assumption']);
    expect(report.assumptions[0]!.attachedTo).toBeNull();
    expect(report.assumptions[0]!.linkedTo.map((t) => t.ref)).toEqual(['1.10']);
  });

  it('stays the size of the map on a dense graph (each card expanded once)', () => {
    const cards: Record<string, Card> = { impact: { kind: 'impact' } };
    const links: Record<string, LinkRelation | null> = {};
    // 12 layers of 4 outcomes, each linked to all 4 above: 4^12 paths, 48 cards.
    for (let layer = 0; layer < 12; layer++) {
      for (let i = 0; i < 4; i++) {
        cards[`n${layer}_${i}`] = { kind: 'outcome' };
        if (layer === 0) links[`n0_${i}>impact`] = 'leads-to';
        else for (let j = 0; j < 4; j++) links[`n${layer}_${i}>n${layer - 1}_${j}`] = 'leads-to';
      }
    }
    const report = buildReport(sketch(cards, links));
    let steps = 0;
    forEachStep(report.pathways, () => (steps += 1));
    expect(steps).toBe(1 + 4 + 11 * 16);
    expect(report.logframe).toHaveLength(49);
    const expanded = new Set<string>();
    forEachStep(report.pathways, (step: PathwayStep) => {
      if (step.repeatOf === null) {
        expect(expanded.has(step.cardId)).toBe(false);
        expanded.add(step.cardId);
      }
    });
  });
});
