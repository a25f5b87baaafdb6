import { randomId } from './ids.ts';
import type { MapKind, NodeKind } from './kinds.ts';
import { HEALTH_DIMENSIONS, type CapabilityTag, type LinkRelation, type NodeFieldKey } from './fields.ts';
import { lanesFrom, type Lanes } from './lanes.ts';
import { MAP_JSON_FORMAT, SCHEMA_VERSION, type MapEdgeJSON, type MapJSON, type MapNodeJSON } from './mapJson.ts';
import { mapJsonSchema } from './mapJsonSchema.ts';

/**
 * Maps to start from. Each builds a fresh MapJSON with new random ids (so cards copied between
 * two maps made from one template never share an id), written into a new map's document as its
 * first change. The worked example follows ../shared/DOMAIN.md: a learning community whose peers
 * learn from each other to change their own organisations and, in the end, their context.
 */
export const TEMPLATE_IDS = ['blank-toc', 'logic-model', 'partnership', 'learning-community'] as const;
export type TemplateId = (typeof TEMPLATE_IDS)[number];

export interface MapTemplate {
  id: TemplateId;
  name: string;
  description: string;
  kind: MapKind;
}

export const MAP_TEMPLATES: readonly MapTemplate[] = [
  {
    id: 'blank-toc',
    name: 'Blank theory of change',
    description: 'Empty level swimlanes (individual, institutional, contextual) and an accountability ceiling.',
    kind: 'theory-of-change',
  },
  {
    id: 'logic-model',
    name: 'Logic model',
    description: 'Activities, outputs, short, intermediate and long-term outcomes and the impact, linked in a chain.',
    kind: 'theory-of-change',
  },
  {
    id: 'partnership',
    name: 'Partnership map',
    description: 'A secretariat, a funder, a catalyst and member organisations, with their relationships.',
    kind: 'partnership',
  },
  {
    id: 'learning-community',
    name: 'Learning community (worked example)',
    description:
      'A complete theory of change of a peer-learning network: pathway, rationales, assumptions, indicators, evidence, a risk and a lesson.',
    kind: 'theory-of-change',
  },
];

export const isTemplateId = (value: unknown): value is TemplateId =>
  typeof value === 'string' && (TEMPLATE_IDS as readonly string[]).includes(value);

export interface TemplateOptions {
  title: string;
  /** The day dated entries of the worked example are recorded on (YYYY-MM-DD). */
  today: string;
}

type CardSpec = Partial<Omit<MapNodeJSON, 'id' | 'kind' | 'label' | 'x' | 'y'>> & {
  fields?: Partial<Record<NodeFieldKey, string>>;
  capabilities?: CapabilityTag[];
};

/** Collects cards and links under readable keys, then gives them random ids. */
class TemplateBuilder {
  private readonly ids = new Map<string, string>();
  readonly nodes: MapNodeJSON[] = [];
  readonly edges: MapEdgeJSON[] = [];

  private id(key: string): string {
    let id = this.ids.get(key);
    if (!id) this.ids.set(key, (id = randomId()));
    return id;
  }

  card(key: string, kind: NodeKind, label: string, x: number, y: number, spec: CardSpec = {}): this {
    const { fields, attachedTo, ...rest } = spec;
    const node: MapNodeJSON = { id: this.id(key), kind, label, x, y, ...rest, ...fields };
    if (attachedTo) node.attachedTo = this.id(attachedTo);
    this.nodes.push(node);
    return this;
  }

  /** A card attached to a card or link (by key), placed next to it for when it is detached. */
  attached(key: string, kind: NodeKind, label: string, host: string, spec: CardSpec = {}): this {
    const anchor = this.nodes.find((node) => node.id === this.ids.get(host));
    return this.card(key, kind, label, (anchor?.x ?? 0) + 240, (anchor?.y ?? 0) + 40, { ...spec, attachedTo: host });
  }

  link(key: string, source: string, target: string, rationale: string, relation?: LinkRelation): this {
    const edge: MapEdgeJSON = { id: this.id(key), source: this.id(source), target: this.id(target), rationale };
    if (relation) edge.relation = relation;
    this.edges.push(edge);
    return this;
  }
}

const entryId = (): string => randomId();

function build(
  kind: MapKind,
  title: string,
  builder: TemplateBuilder,
  extra: { lanes?: Lanes; ceilingY?: number } = {},
): MapJSON {
  return mapJsonSchema.parse({
    format: MAP_JSON_FORMAT,
    schemaVersion: SCHEMA_VERSION,
    meta: {
      title,
      kind,
      ...(extra.lanes ? { lanes: { bounds: [...extra.lanes.bounds] } } : {}),
      ...(extra.ceilingY !== undefined ? { ceilingY: extra.ceilingY } : {}),
    },
    nodes: builder.nodes,
    edges: builder.edges,
  });
}

/** Swimlanes whose top is at -820: contextual -820..-500, institutional ..-180, individual ..140. */
const TOC_LANES = lanesFrom(-820);
/** The ceiling between institutional and contextual change: above it, the group only contributes. */
const TOC_CEILING = TOC_LANES.bounds[1];

function blankToc(options: TemplateOptions): MapJSON {
  return build('theory-of-change', options.title, new TemplateBuilder(), { lanes: TOC_LANES, ceilingY: TOC_CEILING });
}

function logicModel(options: TemplateOptions): MapJSON {
  const b = new TemplateBuilder();
  const rows = { impact: -1080, long: -800, intermediate: -520, short: -240, output: 40, activity: 300 };
  b.card('impact', 'impact', 'The long-term change we contribute to', -40, rows.impact)
    .card('long', 'outcome', 'Long-term outcome', -20, rows.long, { fields: { term: 'long' } })
    .card('mid', 'outcome', 'Intermediate outcome', -20, rows.intermediate, { fields: { term: 'intermediate' } })
    .card('short-1', 'outcome', 'Short-term outcome', -240, rows.short, { fields: { term: 'short' } })
    .card('short-2', 'outcome', 'Short-term outcome', 160, rows.short, { fields: { term: 'short' } })
    .card('output-1', 'output', 'Output', -240, rows.output)
    .card('output-2', 'output', 'Output', 160, rows.output)
    .card('activity-1', 'activity', 'Activity', -240, rows.activity)
    .card('activity-2', 'activity', 'Activity', 160, rows.activity)
    .link('a1', 'activity-1', 'output-1', '', 'leads-to')
    .link('a2', 'activity-2', 'output-2', '', 'leads-to')
    .link('o1', 'output-1', 'short-1', '', 'leads-to')
    .link('o2', 'output-2', 'short-2', '', 'leads-to')
    .link('s1', 'short-1', 'mid', '', 'contributes-to')
    .link('s2', 'short-2', 'mid', '', 'contributes-to')
    .link('m', 'mid', 'long', '', 'leads-to')
    .link('l', 'long', 'impact', '', 'contributes-to');
  return build('theory-of-change', options.title, b, { ceilingY: -600 });
}

/** A partner's health on the six dimensions, rated on one day (r/a/g in HEALTH_DIMENSIONS order). */
function ratings(today: string, code: string, by: string): MapNodeJSON['health'] {
  const rating = { r: 'red', a: 'amber', g: 'green' } as const;
  return HEALTH_DIMENSIONS.map((dimension, i) => ({
    id: entryId(),
    date: today,
    dimension,
    rating: rating[code[i] as 'r' | 'a' | 'g'],
    note: '',
    by,
  }));
}

function partnership(options: TemplateOptions): MapJSON {
  const b = new TemplateBuilder();
  const org = (role: string, home?: string): CardSpec => ({
    fields: { actorType: 'organisation', networkRole: role, ...(home ? { homeOrganisation: home } : {}) },
  });
  b.card('secretariat', 'actor', 'Network secretariat', 0, 0, org('organizer'))
    .card('funder', 'actor', 'Foundation', 0, -320, org('sponsor'))
    .card('catalyst', 'actor', 'Regional catalyst', -380, -160, {
      fields: { actorType: 'person', networkRole: 'catalyst', homeOrganisation: 'City of Lisbon' },
    })
    .card('member-a', 'actor', 'Member organisation A', -320, 300, {
      ...org('participant'),
      health: ratings(options.today, 'ggaggg', 'Secretariat'),
    })
    .card('member-b', 'actor', 'Member organisation B', 320, 300, {
      ...org('participant'),
      health: ratings(options.today, 'agraag', 'Secretariat'),
    })
    .card('member-c', 'actor', 'Member organisation C', 380, -20, org('participant'))
    .link('funds', 'funder', 'secretariat', 'Core grant for coordination and convenings', 'funds')
    .link('convenes-a', 'secretariat', 'member-a', 'Peer-learning calls and study visits', 'knowledge-exchange')
    .link('convenes-b', 'secretariat', 'member-b', 'Peer-learning calls and study visits', 'knowledge-exchange')
    .link('a-b', 'member-a', 'member-b', 'Co-run a youth employment pilot', 'joint-delivery')
    .link('mentor', 'member-c', 'member-b', 'Mentors B on participatory budgeting', 'mentoring')
    .link('catalyst-c', 'catalyst', 'member-c', 'Brought C into the network', 'knowledge-exchange');
  return build('partnership', options.title, b);
}

function learningCommunity(options: TemplateOptions): MapJSON {
  const { today } = options;
  const b = new TemplateBuilder();
  const row = { impact: -1080, contextual: -712, institutional: -392, individual: -72, output: 300, activity: 560 };
  // Two columns of cards with room between them for the links' labels; the risk and the lesson
  // aside, the risk on the side of the card it blocks.
  const [L, R, LEFT, RIGHT] = [-340, 60, -740, 460];
  b.card('impact', 'impact', 'Young people in member cities find decent work', (L + R) / 2, row.impact, {
    narrative:
      'The change the network exists for. No member can achieve it alone; together, and with the policy context on their side, they contribute to it.',
  })
    .card('policy', 'outcome', 'City policies recognise and fund peer learning', L, row.contextual, {
      fields: { term: 'long', level: 'contextual', sphere: 'interest' },
      capabilities: ['relate'],
    })
    .card('services', 'outcome', 'Youth services are designed with young people', R, row.contextual, {
      fields: { term: 'long', level: 'contextual', sphere: 'interest' },
    })
    .card('adopt', 'outcome', 'Member organisations adopt practices learned from peers', L, row.institutional, {
      fields: { term: 'intermediate', level: 'institutional', sphere: 'influence', status: 'amber' },
      capabilities: ['deliver', 'adapt'],
      narrative:
        'We count a practice as adopted when it is written into an organisation’s own procedures or budget, not when it is piloted once.',
      tags: ['adoption'],
    })
    .card('leadership', 'outcome', 'Leaders make room for experimentation', R, row.institutional, {
      fields: { term: 'intermediate', level: 'institutional', sphere: 'influence' },
      capabilities: ['commit', 'balance'],
    })
    .card('trust', 'outcome', 'Peers trust each other and share failures openly', L, row.individual, {
      fields: { term: 'short', level: 'individual', sphere: 'control', status: 'green' },
      capabilities: ['commit', 'relate'],
      tags: ['trust'],
    })
    .card('skills', 'outcome', 'Practitioners gain skills and confidence to try new approaches', R, row.individual, {
      fields: { term: 'short', level: 'individual', sphere: 'control' },
      capabilities: ['deliver'],
    })
    .card('calls', 'output', 'Monthly peer-learning calls held', L, row.output)
    .card('briefs', 'output', 'Practice briefs written and shared', R, row.output)
    .card('facilitate', 'activity', 'Facilitate peer exchanges and study visits', L, row.activity, {
      fields: { status: 'green' },
    })
    .card('document', 'activity', 'Document practices with the peers who run them', R, row.activity)
    .card('risk', 'risk', 'Staff turnover in member organisations breaks continuity', LEFT, row.institutional, {
      fields: { likelihood: 'high', severity: 'medium' },
    })
    .card('lesson', 'lesson', 'Study visits changed more practice than calls did', RIGHT, row.individual, {
      fields: { loop: 'double' },
      narrative: 'Agreed at the spring review: shift budget from monthly calls towards paired study visits.',
    })
    .link('l1', 'facilitate', 'calls', 'The secretariat convenes and facilitates each call', 'leads-to')
    .link('l2', 'document', 'briefs', 'Peers co-write a brief after each exchange', 'leads-to')
    .link('l3', 'calls', 'trust', 'Meeting regularly in a safe space builds trust', 'contributes-to')
    .link('l4', 'briefs', 'skills', 'Concrete, tested practices are easier to try', 'contributes-to')
    .link('l5', 'trust', 'adopt', 'Peers copy what trusted peers have shown to work', 'enables')
    .link(
      'l6',
      'skills',
      'adopt',
      'Confident practitioners propose changes inside their organisation',
      'contributes-to',
    )
    .link('l7', 'leadership', 'adopt', 'Without room to experiment, new practices stay pilots', 'necessary-for')
    .link('l8', 'adopt', 'services', 'Adopted practices change how services are designed', 'contributes-to')
    .link('l9', 'adopt', 'policy', 'Visible results give city officials a case to make', 'contributes-to')
    .link('l10', 'policy', 'impact', 'Funded, lasting programmes reach more young people', 'contributes-to')
    .link('l11', 'services', 'impact', 'Services that fit young people keep them engaged', 'contributes-to')
    .link('l12', 'risk', 'adopt', 'New staff have not taken part in the exchanges', 'blocks')
    .link('l13', 'adopt', 'trust', 'Success stories bring more peers to share openly', 'feeds-back')
    .attached('a-time', 'assumption', 'Peers have time to take part between calls', 'l3', {
      fields: { assumptionKind: 'implementation', criticality: 'high' },
      reviews: [
        {
          id: entryId(),
          date: today,
          status: 'at-risk',
          note: 'Two cities cut staff hours this year.',
          by: 'Facilitator',
        },
      ],
    })
    .attached('a-leaders', 'assumption', 'Organisation leaders back what their staff learn', 'l5', {
      fields: { assumptionKind: 'contextual', criticality: 'medium' },
    })
    .attached('i-adopt', 'indicator', 'Practices adopted by member organisations', 'adopt', {
      fields: {
        unit: 'practices',
        baselineValue: '2',
        baselineDate: '2025-01-15',
        targetValue: '12',
        targetDate: '2027-12-31',
        source: 'Annual member survey',
        verification: 'Procedures or budgets that name the practice',
        frequency: 'yearly',
      },
      readings: [
        { id: entryId(), date: today, value: '5', note: 'Three new since the spring review.', by: 'Facilitator' },
      ],
    })
    .attached('i-trust', 'indicator', 'Peers who say they can share a failure safely', 'trust', {
      fields: {
        unit: '%',
        baselineValue: '35',
        targetValue: '75',
        source: 'Call feedback form',
        frequency: 'quarterly',
      },
    })
    .attached('i-skills', 'indicator', 'Practitioners who tried a new approach within six months', 'skills', {
      fields: {
        unit: '%',
        baselineValue: '20',
        targetValue: '60',
        source: 'Follow-up interviews',
        frequency: 'twice-yearly',
      },
    })
    .attached('i-policy', 'indicator', 'Member cities with a budget line for peer learning', 'policy', {
      fields: {
        unit: 'cities',
        baselineValue: '1',
        targetValue: '6',
        targetDate: '2028-12-31',
        source: 'City budgets',
      },
    })
    .attached('e-visits', 'evidence', 'Peer exchange evaluation, 2024', 'l5', {
      fields: {
        citation: 'Independent evaluation of the network’s first two years',
        evidenceType: 'evaluation',
        strength: 'moderate',
      },
    });
  return build('theory-of-change', options.title, b, { lanes: TOC_LANES, ceilingY: TOC_CEILING });
}

const BUILDERS: Record<TemplateId, (options: TemplateOptions) => MapJSON> = {
  'blank-toc': blankToc,
  'logic-model': logicModel,
  partnership,
  'learning-community': learningCommunity,
};

/** A new map's content from a template. */
export function buildTemplate(id: TemplateId, options: TemplateOptions): MapJSON {
  return BUILDERS[id](options);
}

/** What a map of a kind starts with when no template is chosen. */
export function defaultTemplateFor(kind: MapKind): TemplateId | null {
  return kind === 'theory-of-change' ? 'blank-toc' : null;
}
