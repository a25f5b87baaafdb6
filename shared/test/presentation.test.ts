import { describe, expect, it } from 'vitest';
import { presentationStepElements, presentationSteps, type MapGraph } from '../src/index.ts';
import { link, sketchMap, templateGraph } from './sketchMap.ts';

const order = (graph: MapGraph): string[] => presentationSteps(graph).map((step) => step.cardId);

describe('presentationSteps', () => {
  // Two pathways under one impact, written in an order unlike the one they are presented in.
  const graph = sketchMap(
    'theory-of-change',
    {
      act2: { kind: 'activity' },
      out1: { kind: 'outcome', label: 'Teachers share practice' },
      note: { kind: 'note' },
      impact: { kind: 'impact', label: 'Pupils learn more' },
      act1: { kind: 'activity' },
      outp1: { kind: 'output' },
      out2: { kind: 'outcome' },
      risk: { kind: 'risk' },
      outp2: { kind: 'output' },
    },
    {
      l1: link('out1', 'impact'),
      l2: link('out2', 'impact'),
      l3: link('outp1', 'out1'),
      l4: link('act1', 'outp1'),
      l5: link('outp2', 'out2'),
      l6: link('act2', 'outp2'),
      // Shared: act1 also feeds out2's output; it is presented once, on its first pathway.
      l7: link('act1', 'outp2'),
    },
  );

  it('starts at the impact and tells each pathway from top to bottom before the next', () => {
    // Causes are taken left to right as on the canvas (sketch cards stand in a row, in order).
    expect(order(graph)).toEqual(['impact', 'out1', 'outp1', 'act1', 'out2', 'outp2', 'act2', 'note', 'risk']);
  });

  it('names each step by its card, with the card it leads to and the link between them', () => {
    const steps = presentationSteps(graph);
    expect(steps[0]).toMatchObject({ cardId: 'impact', title: 'Pupils learn more', kind: 'impact', effectId: null });
    expect(steps[1]).toMatchObject({ cardId: 'out1', effectId: 'impact', linkId: 'l1', onPathway: true });
    expect(steps[6]).toMatchObject({ cardId: 'act2', effectId: 'outp2', linkId: 'l6' });
    expect(presentationStepElements(steps[1]!)).toEqual(['out1', 'impact', 'l1']);
    expect(presentationStepElements(steps[0]!)).toEqual(['impact']);
  });

  it('puts cards on no pathway at the end, and leaves frames and attached cards out', () => {
    const withExtras = sketchMap(
      'theory-of-change',
      {
        frame: { kind: 'group', width: 600, height: 400 },
        lone: { kind: 'actor' },
        top: { kind: 'outcome' },
        low: { kind: 'output' },
        ind: { kind: 'indicator', attachedTo: 'top' },
      },
      { l1: link('low', 'top') },
    );
    const steps = presentationSteps(withExtras);
    expect(steps.map((step) => step.cardId)).toEqual(['top', 'low', 'lone']);
    expect(steps.map((step) => step.onPathway)).toEqual([true, true, false]);
  });

  it('does not follow links that close a loop or block, and still presents every card once', () => {
    const looped = sketchMap(
      'theory-of-change',
      { impact: { kind: 'impact' }, out: { kind: 'outcome' }, act: { kind: 'activity' } },
      {
        l1: link('out', 'impact'),
        l2: link('act', 'out'),
        l3: link('impact', 'act', { relation: 'feeds-back' }),
      },
    );
    expect(order(looped)).toEqual(['impact', 'out', 'act']);
  });

  it('presents every card of the worked example standing on the canvas exactly once, impact first', () => {
    const example = templateGraph('learning-community');
    const steps = presentationSteps(example);
    const ids = steps.map((step) => step.cardId);
    expect(new Set(ids).size).toBe(ids.length);
    const onCanvas = example.nodes.filter((node) => node.attachedTo === null && node.kind !== 'group');
    expect(ids.sort()).toEqual(onCanvas.map((node) => node.id).sort());
    expect(steps[0]!.kind).toBe('impact');
    // Every pathway step after the first names the card it leads to, which came before it.
    const seen = new Set<string>();
    for (const step of steps) {
      if (step.effectId !== null) expect(seen.has(step.effectId)).toBe(true);
      seen.add(step.cardId);
    }
  });

  it('is empty for an empty map', () => {
    expect(presentationSteps(sketchMap('theory-of-change', {}))).toEqual([]);
  });
});
