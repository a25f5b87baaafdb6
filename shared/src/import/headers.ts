/**
 * Column headers and level words as people type them: case, accents, spacing, a trailing colon
 * or star, and a note in brackets do not matter ("Means of Verification (MoV):" is "means of
 * verification"). English, French and Spanish words, as logframes are written in all three.
 */

/** A header or a cell folded for matching. */
export function foldWords(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[’']/g, "'")
    .replace(/[\s_]+/g, ' ')
    .replace(/[:*]+$/g, '')
    .trim();
}

/** The folded header, and the same without a note in brackets. */
function headerForms(header: string): string[] {
  const folded = foldWords(header);
  const bare = foldWords(header.replace(/\([^)]*\)|\[[^\]]*\]/g, ' '));
  return bare && bare !== folded ? [folded, bare] : [folded];
}

/** Finds the column whose header is one of `names` (folded), or -1. */
export function findColumn(headers: readonly string[], names: readonly string[]): number {
  const wanted = new Set(names);
  for (const form of [0, 1]) {
    const index = headers.findIndex((header) => {
      const forms = headerForms(header);
      return forms[form] !== undefined && wanted.has(forms[form]!);
    });
    if (index >= 0) return index;
  }
  return -1;
}

/** The headers of a logframe table, by what the column holds. */
export const LOGFRAME_HEADERS = {
  level: [
    'level',
    'levels',
    'type',
    'result level',
    'results level',
    'hierarchy',
    'niveau',
    'niveaux',
    'nivel',
    'niveles',
  ],
  statement: [
    'statement',
    'statements',
    'description',
    'narrative summary',
    'narrative',
    'summary',
    'intervention logic',
    'results chain',
    'result statement',
    'objective',
    'objectives',
    'resume narratif',
    "logique d'intervention",
    'enonce',
    'description narrative',
    'resumen narrativo',
    'logica de intervencion',
    'descripcion',
    'enunciado',
  ],
  indicators: [
    'indicators',
    'indicator',
    'objectively verifiable indicators',
    'objectively verifiable indicators of achievement',
    'indicators of achievement',
    'key performance indicators',
    'ovi',
    'ovis',
    'indicateurs',
    'indicateur',
    'indicateurs objectivement verifiables',
    'indicadores',
    'indicador',
    'indicadores objetivamente verificables',
  ],
  baseline: [
    'baseline',
    'baselines',
    'baseline value',
    'situation de reference',
    'valeur de reference',
    'base de reference',
    'reference',
    'linea de base',
    'linea base',
    'valor de referencia',
  ],
  target: ['target', 'targets', 'target value', 'cible', 'cibles', 'valeur cible', 'meta', 'metas', 'valor meta'],
  verification: [
    'means of verification',
    'means of verifications',
    'sources of verification',
    'source of verification',
    'sources and means of verification',
    'mov',
    'movs',
    'sov',
    'moyens de verification',
    'sources de verification',
    'source de verification',
    'medios de verificacion',
    'fuentes de verificacion',
    'fuente de verificacion',
  ],
  assumptions: [
    'assumptions',
    'assumption',
    'assumptions and risks',
    'risks and assumptions',
    'assumptions / risks',
    'important assumptions',
    'hypotheses',
    'hypothese',
    'suppositions',
    'conditions critiques',
    'supuestos',
    'supuesto',
    'hipotesis',
  ],
} as const;

export type LogframeColumn = keyof typeof LOGFRAME_HEADERS;

/** The four levels of a logframe, from the top, with the words each goes by. */
export const LOGFRAME_LEVELS = [
  {
    kind: 'impact',
    words: [
      'impact',
      'goal',
      'overall objective',
      'overall goal',
      'general objective',
      'development objective',
      'long term goal',
      'objectif global',
      'objectif general',
      'objectif de developpement',
      'impacto',
      'fin',
      'finalidad',
      'objetivo general',
      'objetivo de desarrollo',
    ],
  },
  {
    kind: 'outcome',
    words: [
      'outcome',
      'purpose',
      'project purpose',
      'specific objective',
      'immediate objective',
      'objectif specifique',
      'effet',
      'resultat intermediaire',
      'proposito',
      'objetivo especifico',
      'efecto',
      'resultado intermedio',
    ],
  },
  {
    kind: 'output',
    words: [
      'output',
      'result',
      'expected result',
      'resultat',
      'resultat attendu',
      'produit',
      'extrant',
      'resultado',
      'resultado esperado',
      'producto',
    ],
  },
  {
    kind: 'activity',
    words: ['activity', 'action', 'task', 'activite', 'actividad', 'actividades', 'accion', 'acciones', 'tache'],
  },
] as const;

export type LogframeKind = (typeof LOGFRAME_LEVELS)[number]['kind'];

/** Rows of inputs, means or costs: part of some logframes, but no card of a map. */
const NOT_A_LEVEL = [
  'input',
  'inputs',
  'means',
  'cost',
  'costs',
  'budget',
  'moyens',
  'couts',
  'insumos',
  'medios',
  'costos',
];

const singular = (word: string): string => word.replace(/ies$/, 'y').replace(/s$/, '');

/**
 * The level a Level cell names ("Outcome 2", "1.1 Output", "OUTPUTS", "Objectif spécifique"),
 * 'none' for a row of inputs or costs, or null when it names no level.
 */
export function levelOf(cell: string): LogframeKind | 'none' | null {
  const text = foldWords(cell)
    .replace(/[0-9.,;:#()[\]/\\-]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (text === '') return null;
  if (NOT_A_LEVEL.includes(text)) return 'none';
  const forms = [text, text.split(' ').map(singular).join(' ')];
  for (const level of LOGFRAME_LEVELS) {
    if (level.words.some((word) => forms.includes(word))) return level.kind;
  }
  // A longer cell naming its level among other words: "Specific objective (outcome)".
  const padded = ` ${forms[1]} `;
  for (const level of [...LOGFRAME_LEVELS].reverse()) {
    if (level.words.some((word) => padded.includes(` ${singular(word)} `))) return level.kind;
  }
  return null;
}
