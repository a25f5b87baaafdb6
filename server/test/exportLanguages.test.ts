import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import {
  buildChangeReport,
  buildReport,
  changeReportMarkdown,
  elementTable,
  mapReportMarkdown,
  registerTables,
  toCsv,
  type Language,
  type MapReportDocument,
} from '@loopmap/shared';
import { fullMap } from '../../shared/test/fullMap.ts';
import { translatorFor } from '../src/i18n.ts';

/**
 * Documents in the language asked for (issue 13): the words a logframe, a CSV and a Markdown
 * report put around the map's own text (headers, kinds, choices, dates) come from the catalogue
 * in that language, through the same translator the export workers use.
 */

const t = (language: Language) => translatorFor(language, 'exports');

function csvRows(text: string): string[][] {
  return Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
}

function reportDoc(): MapReportDocument {
  const map = fullMap();
  return {
    report: buildReport(map),
    version: { label: 'v1', at: '2026-03-02T10:15:00.000Z' },
    generatedAt: '2026-03-02T10:16:00.000Z',
    comments: [],
  };
}

const WORDS = {
  fr: {
    logframe: ['Réf.', 'Niveau', 'Énoncé', 'Indicateurs', 'Valeur de référence', 'Cible', 'Source de vérification'],
    sheet: 'Cadre logique',
    outcome: 'Effet',
    activity: 'Activité',
    attachedTo: 'Rattaché à',
    heading: '## Cadre logique',
    assumptions: '## Hypothèses',
    date: 'mars 2026',
    exported: 'Exporté de Loopmap le',
  },
  ar: {
    logframe: ['المرجع', 'المستوى', 'الصياغة', 'المؤشرات', 'خط الأساس', 'المستهدف', 'مصدر التحقق'],
    sheet: 'الإطار المنطقي',
    outcome: 'النتيجة',
    activity: 'النشاط',
    attachedTo: 'مرتبط بـ',
    heading: '## الإطار المنطقي',
    assumptions: '## الافتراضات',
    date: 'مارس',
    exported: 'صُدِّرت من Loopmap في',
  },
} as const;

describe('documents in French and Arabic', () => {
  for (const language of ['fr', 'ar'] as const) {
    const words = WORDS[language];

    it(`writes the logframe sheet in ${language}: its name, headers and levels`, () => {
      const [logframe] = registerTables(buildReport(fullMap()), t(language));
      expect(logframe!.name).toBe(words.sheet);
      expect(logframe!.table.headers.slice(0, 7)).toEqual(words.logframe);
      const levels = logframe!.table.rows.map((row) => row[1]);
      expect(levels).toContain(words.outcome);
      expect(levels).toContain(words.activity);
      expect(levels.join(' ')).not.toMatch(/\b(Outcome|Activity|Output)\b/);
    });

    it(`writes the CSV in ${language}: Kumu's columns as Kumu names them, Loopmap's and the kinds translated`, () => {
      const map = fullMap();
      const { headers, rows } = elementTable(map, t(language));
      const [head, ...body] = csvRows(toCsv(headers, rows));
      expect(head!.slice(0, 5)).toEqual(['ID', 'Label', 'Type', 'Description', 'Tags']);
      expect(head).toContain(words.attachedTo);
      expect(head).not.toContain('Attached to');
      const type = head!.indexOf('Type');
      const outcome = body.find((row) => row[0] === 'outcome')!;
      expect(outcome[type]).toBe(words.outcome);
    });

    it(`writes the Markdown report in ${language}: headings, table headers, kinds and dates`, () => {
      const md = mapReportMarkdown(reportDoc(), t(language));
      expect(md).toContain(words.heading);
      expect(md).toContain(words.assumptions);
      expect(md).toContain(`| ${words.logframe.join(' | ')} |`);
      expect(md).toContain(`| ${words.outcome} |`);
      expect(md).toContain(words.date);
      expect(md).toContain(words.exported);
      for (const english of ['## Logframe', '## Assumptions', '| Ref | Level |', 'Exported from Loopmap']) {
        expect(md).not.toContain(english);
      }
    });
  }

  it('writes a change report in French: field names, choices and the words around them', () => {
    const before = fullMap();
    const after = fullMap();
    after.nodes.find((node) => node.id === 'outcome')!.term = 'long';
    const report = buildChangeReport({
      before,
      after,
      from: { label: 'Avant', at: '2026-03-01T09:00:00.000Z', seq: 3 },
      to: { label: 'Carte en direct', at: '2026-03-02T09:00:00.000Z', seq: 9 },
      changedBy: { outcome: ['Ana'] },
      authors: ['Ana'],
      t: t('fr'),
    });
    const md = changeReportMarkdown(report, '2026-03-02T10:00:00.000Z', t('fr'));
    expect(md).toContain('## Modifiés (1)');
    expect(md).toContain('### Effet:');
    expect(md).toContain('| Échéance | Court terme | Long terme |');
    expect(md).toContain('Modifiée par Ana.');
    expect(md).not.toContain('Short term');
  });
});
