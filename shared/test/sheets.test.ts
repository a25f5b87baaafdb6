import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { levelOf, mermaidText, neutraliseCell, restoreCell, toCsv } from '../src/index.ts';
import { findColumn, LOGFRAME_HEADERS } from '../src/import/headers.ts';
import { listLines } from '../src/import/readLogframe.ts';
import { kindOfType } from '../src/import/kindOfType.ts';

describe('spreadsheet cells', () => {
  it('neutralises cells a spreadsheet would run as a formula, and gives back what it was given', () => {
    expect(neutraliseCell('=SUM(A1:A9)')).toBe("'=SUM(A1:A9)");
    expect(neutraliseCell('+1')).toBe("'+1");
    expect(neutraliseCell('-1')).toBe("'-1");
    expect(neutraliseCell('@cmd')).toBe("'@cmd");
    expect(neutraliseCell('\tx')).toBe("'\tx");
    expect(neutraliseCell("'=x")).toBe("''=x");
    expect(neutraliseCell('Girls stay')).toBe('Girls stay');
    expect(neutraliseCell("l'école")).toBe("l'école");
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (text) => restoreCell(neutraliseCell(text)) === text));
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom("'", '=', '+', '-', '@', '\t', '\r', 'a') }), (text) => {
        const cell = neutraliseCell(text);
        return restoreCell(cell) === text && !/^[=+\-@\t\r]/.test(cell);
      }),
    );
  });

  it('writes RFC 4180 CSV with a byte order mark and CRLF', () => {
    expect(
      toCsv(
        ['Label', 'Tags'],
        [
          ['a "quoted", title', 'x|y'],
          ['two\nlines', '=1'],
        ],
      ),
    ).toBe('\uFEFFLabel,Tags\r\n"a ""quoted"", title",x|y\r\n"two\nlines",\'=1\r\n');
  });

  it('escapes Mermaid labels with its entity codes', () => {
    expect(mermaidText('A "B" #1 <b> & c|d `e`\nf')).toBe('A #quot;B#quot; #35;1 #60;b#62; #38; c#124;d #96;e#96; f');
  });
});

describe('logframes typed by hand', () => {
  it('reads levels as people write them', () => {
    expect(levelOf('Goal')).toBe('impact');
    expect(levelOf('Overall objective')).toBe('impact');
    expect(levelOf('Objectif global')).toBe('impact');
    expect(levelOf('IMPACTS')).toBe('impact');
    expect(levelOf('Purpose')).toBe('outcome');
    expect(levelOf('Outcome 2')).toBe('outcome');
    expect(levelOf('Objetivo específico')).toBe('outcome');
    expect(levelOf('Specific objective (outcome)')).toBe('outcome');
    expect(levelOf('1.1 Output')).toBe('output');
    expect(levelOf('OUTPUTS')).toBe('output');
    expect(levelOf('Résultat 1')).toBe('output');
    expect(levelOf('Activities')).toBe('activity');
    expect(levelOf('Actividades')).toBe('activity');
    expect(levelOf('Inputs')).toBe('none');
    expect(levelOf('Milestone')).toBeNull();
  });

  it('finds columns whatever the case, accents, spacing or a note in brackets', () => {
    const headers = [
      'Ref',
      'NIVEAU',
      'Résumé  narratif',
      'Indicators (OVI):',
      'Means of Verification (MoV)',
      'Hypothèses',
    ];
    expect(findColumn(headers, LOGFRAME_HEADERS.level)).toBe(1);
    expect(findColumn(headers, LOGFRAME_HEADERS.statement)).toBe(2);
    expect(findColumn(headers, LOGFRAME_HEADERS.indicators)).toBe(3);
    expect(findColumn(headers, LOGFRAME_HEADERS.verification)).toBe(4);
    expect(findColumn(headers, LOGFRAME_HEADERS.assumptions)).toBe(5);
    expect(findColumn(headers, LOGFRAME_HEADERS.target)).toBe(-1);
  });

  it('splits a cell of several items, without their bullets or numbers', () => {
    expect(listLines('• Drop-out rate\n- Girls registered\r\n1. Coaches\n a) Clubs\n\n2025 survey')).toEqual([
      'Drop-out rate',
      'Girls registered',
      'Coaches',
      'Clubs',
      '2025 survey',
    ]);
  });
});

describe("other tools' types", () => {
  it('maps common Kumu types to kinds, and says when it guessed', () => {
    expect(kindOfType('Organization')).toEqual({ kind: 'actor', actorType: 'organisation', guessed: false });
    expect(kindOfType('people')).toEqual({ kind: 'actor', actorType: 'person', guessed: false });
    expect(kindOfType('Pathway frame')).toEqual({ kind: 'group', guessed: false });
    expect(kindOfType('Programs')).toEqual({ kind: 'activity', guessed: false });
    expect(kindOfType('')).toEqual({ kind: 'outcome', guessed: false });
    expect(kindOfType('Factor')).toEqual({ kind: 'outcome', guessed: true });
  });
});
