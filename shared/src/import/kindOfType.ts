import type { NodeKind } from '../model/kinds.ts';
import type { ActorType } from '../model/fields.ts';
import { KIND_BY_LABEL } from '../export/elementTables.ts';
import { foldWords } from './headers.ts';

/**
 * What kind of card an element of another tool's map becomes, from its Type. Kumu's types are
 * free text ("Person", "Organization", "Program", "Goal"): the common ones map to the card
 * that means the same; the rest are read as outcomes (the causal card of a systems map) and
 * keep their type as a tag.
 */
export interface KindOfType {
  kind: NodeKind;
  actorType?: ActorType;
  /** True when the type named no known kind (the report says so). */
  guessed: boolean;
}

const WORDS: [NodeKind, readonly string[], ActorType?][] = [
  ['impact', ['impact', 'goal', 'vision', 'long term goal', 'overall objective', 'mission']],
  ['outcome', ['outcome', 'result', 'change', 'objective', 'purpose', 'effect', 'long term outcome']],
  ['output', ['output', 'deliverable', 'product', 'service']],
  [
    'activity',
    ['activity', 'action', 'intervention', 'program', 'programme', 'project', 'task', 'initiative', 'event'],
  ],
  ['precondition', ['precondition', 'pre-condition', 'enabler', 'enabling condition', 'condition']],
  ['assumption', ['assumption', 'hypothesis']],
  ['indicator', ['indicator', 'kpi', 'metric', 'measure']],
  ['evidence', ['evidence', 'research', 'study', 'report', 'data', 'source']],
  [
    'actor',
    [
      'organisation',
      'organization',
      'company',
      'ngo',
      'institution',
      'government',
      'agency',
      'funder',
      'donor',
      'foundation',
      'partner',
    ],
    'organisation',
  ],
  ['actor', ['person', 'people', 'individual', 'staff', 'member', 'leader', 'champion'], 'person'],
  ['actor', ['team', 'group of people', 'working group', 'committee', 'network', 'community'], 'team'],
  ['actor', ['actor', 'stakeholder']],
  ['risk', ['risk', 'barrier', 'threat', 'obstacle']],
  ['lesson', ['lesson', 'learning', 'insight']],
  ['note', ['note', 'comment', 'idea']],
];

const BY_WORD = new Map<string, { kind: NodeKind; actorType?: ActorType }>();
for (const [kind, words, actorType] of WORDS) {
  for (const word of words) BY_WORD.set(word, actorType ? { kind, actorType } : { kind });
}

const singular = (word: string): string => word.replace(/ies$/, 'y').replace(/s$/, '');

export function kindOfType(type: string): KindOfType {
  const folded = foldWords(type);
  if (folded === '') return { kind: 'outcome', guessed: false };
  const exact = KIND_BY_LABEL.get(folded);
  if (exact) return { kind: exact, guessed: false };
  const found = BY_WORD.get(folded) ?? BY_WORD.get(singular(folded));
  return found ? { ...found, guessed: false } : { kind: 'outcome', guessed: true };
}
