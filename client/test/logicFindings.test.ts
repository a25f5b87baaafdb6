import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  buildTemplate,
  checkMap,
  fromMapJSON,
  readMapGraph,
  type Finding,
  type MapGraph,
  type TemplateId,
} from '@loopmap/shared';
import {
  allClearChecks,
  canvasSelection,
  findingDetail,
  findingMentions,
  findingTitle,
  groupFindings,
  summariseFindings,
  worstSeverity,
} from '../src/panels/logicFindings.ts';
import { LogicPanel } from '../src/panels/LogicPanel.tsx';
import { useCatalogue } from './catalogue.ts';

await useCatalogue('en');

const templateGraph = (id: TemplateId): MapGraph =>
  readMapGraph(fromMapJSON(buildTemplate(id, { title: 'Template', today: '2026-03-02' })));

const byTitle = (graph: MapGraph, start: string): string => {
  const node = graph.nodes.find((candidate) => candidate.label.startsWith(start));
  if (!node) throw new Error(`no card “${start}”`);
  return node.id;
};

const worked = templateGraph('learning-community');
const findings = checkMap(worked);

describe('groupFindings', () => {
  it('groups findings by code, most serious first, with their labels and counts', () => {
    const groups = groupFindings(findings);
    expect(groups.map((group) => [group.severity, group.label, group.findings.length])).toEqual([
      ['warning', 'Outcomes without an indicator', 2],
      ['warning', 'Assumptions at risk', 1],
      ['suggestion', 'Assumptions never reviewed', 1],
    ]);
  });
});

describe('summariseFindings', () => {
  const finding = (severity: Finding['severity']): Finding => ({
    code: 'empty-title',
    severity,
    title: { key: 'finding.empty-title.title', values: { kind: 'note' } },
    detail: [],
    targets: [],
  });

  it('counts each severity that occurs, in words', () => {
    expect(summariseFindings(findings)).toBe('3 warnings, 1 suggestion');
    expect(summariseFindings([finding('problem'), finding('warning'), finding('problem')])).toBe(
      '2 problems, 1 warning',
    );
  });

  it('says when all is clear, and when there is nothing to check yet', () => {
    expect(summariseFindings([])).toBe('All clear');
    expect(summariseFindings([], false)).toBe('Nothing to check yet');
    expect(worstSeverity([])).toBeNull();
    expect(worstSeverity([finding('suggestion'), finding('warning')])).toBe('warning');
  });
});

describe('findingMentions', () => {
  it('names a card by its kind and title, and says where an attached card sits', () => {
    const atRisk = findings.find((candidate) => candidate.code === 'assumption-at-risk')!;
    expect(findingMentions(worked, atRisk)).toEqual({
      mentions: [
        {
          kind: 'assumption',
          kindLabel: 'Assumption',
          title: 'Peers have time to take part between calls',
          context:
            'on the link “Monthly peer-learning calls held” → “Peers trust each other and share failures openly”',
        },
      ],
      more: 0,
    });
  });

  it('names a link by its ends', () => {
    const logicModel = templateGraph('logic-model');
    const link = checkMap(logicModel).find(
      (candidate) =>
        candidate.code === 'link-without-rationale' &&
        logicModel.edgeById.get(candidate.targets[0]!.id)?.source === byTitle(logicModel, 'Long-term'),
    )!;
    expect(findingMentions(logicModel, link).mentions[0]).toMatchObject({
      kind: null,
      kindLabel: 'Link',
      title: '“Long-term outcome” → “The long-term change we contribute to”',
    });
  });

  it('names at most three cards and counts the rest', () => {
    // Nobody rated yet: one finding names every partner.
    const json = buildTemplate('partnership', { title: 'Template', today: '2026-03-02' });
    const partnership = readMapGraph(
      fromMapJSON({ ...json, nodes: json.nodes.map(({ health: _h, ...node }) => node) }),
    );
    const health = checkMap(partnership)[0]!;
    const { mentions, more } = findingMentions(partnership, health);
    expect(mentions.map((mention) => mention.title)).toEqual([
      'Foundation',
      'Member organisation A',
      'Member organisation B',
    ]);
    expect(more).toBe(3);
  });
});

describe('canvasSelection', () => {
  it('selects an attached card’s host instead of the card, which the canvas does not draw', () => {
    const indicatorId = worked.nodes.find(
      (node) => node.kind === 'indicator' && node.label.startsWith('Practices'),
    )!.id;
    const assumption = findings.find((candidate) => candidate.code === 'assumption-at-risk')!;
    expect(canvasSelection(worked, [{ kind: 'node', id: indicatorId }])).toEqual({
      nodeIds: [byTitle(worked, 'Member organisations adopt')],
      edgeIds: [],
    });
    expect(canvasSelection(worked, assumption.targets).edgeIds).toHaveLength(1);
    expect(canvasSelection(worked, [{ kind: 'node', id: 'gone' }])).toEqual({ nodeIds: [], edgeIds: [] });
  });
});

describe('allClearChecks', () => {
  it('lists what each kind of map is checked for', () => {
    expect(allClearChecks('theory-of-change')).toContain('Every outcome has an indicator.');
    expect(allClearChecks('theory-of-change')).not.toContain('Every actor has a relationship.');
    expect(allClearChecks('partnership')).toContain('Every actor has a relationship.');
  });
});

describe('LogicPanel', () => {
  beforeAll(() => useCatalogue('en'));
  const render = (graph: MapGraph): string =>
    renderToStaticMarkup(createElement(LogicPanel, { graph, onSelect: () => undefined, onClose: () => undefined }));

  it('announces the summary as a status and shows each finding as a button naming its card', () => {
    const html = render(worked);
    expect(html).toContain('role="status"');
    expect(html).toMatch(/role="status"[^>]*>3 warnings, 1 suggestion</);
    expect(html).toContain('Logic check');
    expect(html.match(/<button type="button" class="logic-finding"/g)).toHaveLength(4);
    expect(html).toContain('Leaders make room for experimentation');
  });

  it('says what was checked when all is clear', () => {
    const html = render(templateGraph('blank-toc'));
    expect(html).toMatch(/role="status"[^>]*>Nothing to check yet</);
    expect(html).toContain('Every link says why (its rationale).');
    expect(html).not.toContain('class="logic-finding"');
  });
});

describe('findings in words', () => {
  it('says each finding in English as the check always has', () => {
    const atRisk = findings.find((finding) => finding.code === 'assumption-at-risk')!;
    expect(findingTitle(atRisk)).toBe('Assumption “Peers have time to take part between calls” is at risk');
    expect(findingDetail(atRisk)).toBe(
      'Latest review on 2026-03-02 by Facilitator: Two cities cut staff hours this year. ' +
        'It supports the link “Monthly peer-learning calls held” → “Peers trust each other and share failures openly”.',
    );
  });

  it('says findings in Arabic: group labels, titles, kinds, counts with Arabic plurals, the panel itself', async () => {
    await useCatalogue('ar');
    try {
      const groups = groupFindings(findings);
      expect(groups.map((group) => group.label)).toEqual([
        'نتائج بلا مؤشر',
        'افتراضات معرّضة للخطر',
        'افتراضات لم تُراجَع قط',
      ]);
      const atRisk = findings.find((finding) => finding.code === 'assumption-at-risk')!;
      expect(findingTitle(atRisk)).toBe('الافتراض «Peers have time to take part between calls» معرّض للخطر');
      expect(findingDetail(atRisk)).toMatch(/^آخر مراجعة في 2026-03-02 أجراها Facilitator: .* يدعم الرابط /);
      const empty = (count: number): Finding[] =>
        Array.from({ length: count }, () => ({
          code: 'empty-title',
          severity: 'warning',
          title: { key: 'finding.empty-title.title', values: { kind: 'activity' } },
          detail: [],
          targets: [],
        }));
      expect(findingTitle(empty(1)[0]!)).toBe('النشاط بلا عنوان');
      expect(summariseFindings(empty(1))).toBe('تحذير واحد');
      expect(summariseFindings(empty(2))).toBe('تحذيران');
      expect(summariseFindings(empty(3))).toBe('3 تحذيرات');
      expect(summariseFindings(empty(11))).toBe('11 تحذيرًا');
      expect(summariseFindings([])).toBe('لا ملاحظات');
      expect(allClearChecks('partnership')).toContain('لكل جهة فاعلة علاقة.');
      const mention = findingMentions(worked, atRisk).mentions[0]!;
      expect(mention.kindLabel).toBe('افتراض');
      expect(mention.context).toMatch(/^على الرابط /);

      const html = renderToStaticMarkup(
        createElement(LogicPanel, { graph: worked, onSelect: () => undefined, onClose: () => undefined }),
      );
      expect(html).toMatch(/role="status"[^>]*>3 تحذيرات واقتراح واحد</);
      expect(html).toContain('نتائج بلا مؤشر');
      expect(html).toContain('تحذير');
      expect(html).not.toContain('Outcomes without an indicator');
      expect(html).not.toContain('Assumptions at risk');
    } finally {
      await useCatalogue('en');
    }
  });
});
