import type { Translate } from '../i18n/languages.ts';
import { inEnglish } from '../i18n/englishDomain.ts';
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
 *
 * Every word a template writes (card titles, narratives, rationales, field texts, names of who
 * rated) comes from the catalogue under `domain:template.<id>.`, in the language of the Translate
 * the builder is given; ids, kinds, positions, fields' choices and dates are the same in every
 * language.
 */
export const TEMPLATE_IDS = ['blank-toc', 'logic-model', 'partnership', 'learning-community'] as const;
export type TemplateId = (typeof TEMPLATE_IDS)[number];

export interface MapTemplate {
  id: TemplateId;
  /** In English; templateWords names it in another language. */
  name: string;
  description: string;
  kind: MapKind;
}

/** A template's name and description in the words of `t`. */
export function templateWords(id: TemplateId, t: Translate = inEnglish): { name: string; description: string } {
  return { name: t(`domain:template.${id}.name`), description: t(`domain:template.${id}.description`) };
}

const TEMPLATE_KINDS: Record<TemplateId, MapKind> = {
  'blank-toc': 'theory-of-change',
  'logic-model': 'theory-of-change',
  partnership: 'partnership',
  'learning-community': 'theory-of-change',
};

/** The templates, named in English (the interface names them in its language with templateWords). */
export const MAP_TEMPLATES: readonly MapTemplate[] = TEMPLATE_IDS.map((id) => ({
  id,
  kind: TEMPLATE_KINDS[id],
  ...templateWords(id),
}));

export const isTemplateId = (value: unknown): value is TemplateId =>
  typeof value === 'string' && (TEMPLATE_IDS as readonly string[]).includes(value);

export interface TemplateOptions {
  title: string;
  /** The day dated entries of the worked example are recorded on (YYYY-MM-DD). */
  today: string;
  /** The words, in the language the map is made in (the server's translatorFor); English when absent. */
  t?: Translate;
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

  constructor(
    private readonly template: TemplateId,
    private readonly t: Translate,
  ) {}

  /** One of the template's words: `text.adoptUnit` is `domain:template.<id>.text.adoptUnit`. */
  words(key: string): string {
    return this.t(`domain:template.${this.template}.${key}`);
  }

  private id(key: string): string {
    let id = this.ids.get(key);
    if (!id) this.ids.set(key, (id = randomId()));
    return id;
  }

  /** A card titled `card.<key>` (and, with `narrated`, told `narrative.<key>`). */
  card(key: string, kind: NodeKind, x: number, y: number, spec: CardSpec & { narrated?: boolean } = {}): this {
    const { fields, attachedTo, narrated, ...rest } = spec;
    const label = this.words(`card.${key}`);
    const narrative = narrated ? { narrative: this.words(`narrative.${key}`) } : {};
    const node: MapNodeJSON = { id: this.id(key), kind, label, x, y, ...rest, ...narrative, ...fields };
    if (attachedTo) node.attachedTo = this.id(attachedTo);
    this.nodes.push(node);
    return this;
  }

  /** A card attached to a card or link (by key), placed next to it for when it is detached. */
  attached(key: string, kind: NodeKind, host: string, spec: CardSpec = {}): this {
    const anchor = this.nodes.find((node) => node.id === this.ids.get(host));
    return this.card(key, kind, (anchor?.x ?? 0) + 240, (anchor?.y ?? 0) + 40, { ...spec, attachedTo: host });
  }

  /** A link whose rationale is `link.<key>`, or none when `reasoned` is false. */
  link(key: string, source: string, target: string, relation?: LinkRelation, reasoned = true): this {
    const rationale = reasoned ? this.words(`link.${key}`) : '';
    const edge: MapEdgeJSON = { id: this.id(key), source: this.id(source), target: this.id(target), rationale };
    if (relation) edge.relation = relation;
    this.edges.push(edge);
    return this;
  }
}

const entryId = (): string => randomId();
const words = (options: TemplateOptions): Translate => options.t ?? inEnglish;

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
  return build('theory-of-change', options.title, new TemplateBuilder('blank-toc', words(options)), {
    lanes: TOC_LANES,
    ceilingY: TOC_CEILING,
  });
}

function logicModel(options: TemplateOptions): MapJSON {
  const b = new TemplateBuilder('logic-model', words(options));
  const rows = { impact: -1080, long: -800, intermediate: -520, short: -240, output: 40, activity: 300 };
  b.card('impact', 'impact', -40, rows.impact)
    .card('long', 'outcome', -20, rows.long, { fields: { term: 'long' } })
    .card('mid', 'outcome', -20, rows.intermediate, { fields: { term: 'intermediate' } })
    .card('short-1', 'outcome', -240, rows.short, { fields: { term: 'short' } })
    .card('short-2', 'outcome', 160, rows.short, { fields: { term: 'short' } })
    .card('output-1', 'output', -240, rows.output)
    .card('output-2', 'output', 160, rows.output)
    .card('activity-1', 'activity', -240, rows.activity)
    .card('activity-2', 'activity', 160, rows.activity)
    .link('a1', 'activity-1', 'output-1', 'leads-to', false)
    .link('a2', 'activity-2', 'output-2', 'leads-to', false)
    .link('o1', 'output-1', 'short-1', 'leads-to', false)
    .link('o2', 'output-2', 'short-2', 'leads-to', false)
    .link('s1', 'short-1', 'mid', 'contributes-to', false)
    .link('s2', 'short-2', 'mid', 'contributes-to', false)
    .link('m', 'mid', 'long', 'leads-to', false)
    .link('l', 'long', 'impact', 'contributes-to', false);
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
  const b = new TemplateBuilder('partnership', words(options));
  const secretariat = b.words('text.ratedBy');
  const org = (role: string, home?: string): CardSpec => ({
    fields: { actorType: 'organisation', networkRole: role, ...(home ? { homeOrganisation: home } : {}) },
  });
  b.card('secretariat', 'actor', 0, 0, org('organizer'))
    .card('funder', 'actor', 0, -320, org('sponsor'))
    .card('catalyst', 'actor', -380, -160, {
      fields: { actorType: 'person', networkRole: 'catalyst', homeOrganisation: b.words('text.catalystHome') },
    })
    .card('member-a', 'actor', -320, 300, {
      ...org('participant'),
      health: ratings(options.today, 'ggaggg', secretariat),
    })
    .card('member-b', 'actor', 320, 300, {
      ...org('participant'),
      health: ratings(options.today, 'agraag', secretariat),
    })
    .card('member-c', 'actor', 380, -20, org('participant'))
    .link('funds', 'funder', 'secretariat', 'funds')
    .link('convenes-a', 'secretariat', 'member-a', 'knowledge-exchange')
    .link('convenes-b', 'secretariat', 'member-b', 'knowledge-exchange')
    .link('a-b', 'member-a', 'member-b', 'joint-delivery')
    .link('mentor', 'member-c', 'member-b', 'mentoring')
    .link('catalyst-c', 'catalyst', 'member-c', 'knowledge-exchange');
  return build('partnership', options.title, b);
}

function learningCommunity(options: TemplateOptions): MapJSON {
  const { today } = options;
  const b = new TemplateBuilder('learning-community', words(options));
  const facilitator = b.words('text.facilitator');
  const row = { impact: -1080, contextual: -712, institutional: -392, individual: -72, output: 300, activity: 560 };
  // Two columns of cards with room between them for the links' labels; the risk and the lesson
  // aside, the risk on the side of the card it blocks.
  const [L, R, LEFT, RIGHT] = [-340, 60, -740, 460];
  b.card('impact', 'impact', (L + R) / 2, row.impact, { narrated: true })
    .card('policy', 'outcome', L, row.contextual, {
      fields: { term: 'long', level: 'contextual', sphere: 'interest' },
      capabilities: ['relate'],
    })
    .card('services', 'outcome', R, row.contextual, {
      fields: { term: 'long', level: 'contextual', sphere: 'interest' },
    })
    .card('adopt', 'outcome', L, row.institutional, {
      fields: { term: 'intermediate', level: 'institutional', sphere: 'influence', status: 'amber' },
      capabilities: ['deliver', 'adapt'],
      narrated: true,
      tags: [b.words('text.tagAdoption')],
    })
    .card('leadership', 'outcome', R, row.institutional, {
      fields: { term: 'intermediate', level: 'institutional', sphere: 'influence' },
      capabilities: ['commit', 'balance'],
    })
    .card('trust', 'outcome', L, row.individual, {
      fields: { term: 'short', level: 'individual', sphere: 'control', status: 'green' },
      capabilities: ['commit', 'relate'],
      tags: [b.words('text.tagTrust')],
    })
    .card('skills', 'outcome', R, row.individual, {
      fields: { term: 'short', level: 'individual', sphere: 'control' },
      capabilities: ['deliver'],
    })
    .card('calls', 'output', L, row.output)
    .card('briefs', 'output', R, row.output)
    .card('facilitate', 'activity', L, row.activity, {
      fields: { status: 'green' },
    })
    .card('document', 'activity', R, row.activity)
    .card('risk', 'risk', LEFT, row.institutional, {
      fields: { likelihood: 'high', severity: 'medium' },
    })
    .card('lesson', 'lesson', RIGHT, row.individual, {
      fields: { loop: 'double' },
      narrated: true,
    })
    .link('l1', 'facilitate', 'calls', 'leads-to')
    .link('l2', 'document', 'briefs', 'leads-to')
    .link('l3', 'calls', 'trust', 'contributes-to')
    .link('l4', 'briefs', 'skills', 'contributes-to')
    .link('l5', 'trust', 'adopt', 'enables')
    .link('l6', 'skills', 'adopt', 'contributes-to')
    .link('l7', 'leadership', 'adopt', 'necessary-for')
    .link('l8', 'adopt', 'services', 'contributes-to')
    .link('l9', 'adopt', 'policy', 'contributes-to')
    .link('l10', 'policy', 'impact', 'contributes-to')
    .link('l11', 'services', 'impact', 'contributes-to')
    .link('l12', 'risk', 'adopt', 'blocks')
    .link('l13', 'adopt', 'trust', 'feeds-back')
    .attached('a-time', 'assumption', 'l3', {
      fields: { assumptionKind: 'implementation', criticality: 'high' },
      reviews: [
        {
          id: entryId(),
          date: today,
          status: 'at-risk',
          note: b.words('text.timeReview'),
          by: facilitator,
        },
      ],
    })
    .attached('a-leaders', 'assumption', 'l5', {
      fields: { assumptionKind: 'contextual', criticality: 'medium' },
    })
    .attached('i-adopt', 'indicator', 'adopt', {
      fields: {
        unit: b.words('text.adoptUnit'),
        baselineValue: '2',
        baselineDate: '2025-01-15',
        targetValue: '12',
        targetDate: '2027-12-31',
        source: b.words('text.adoptSource'),
        verification: b.words('text.adoptVerification'),
        frequency: 'yearly',
      },
      readings: [{ id: entryId(), date: today, value: '5', note: b.words('text.adoptReading'), by: facilitator }],
    })
    .attached('i-trust', 'indicator', 'trust', {
      fields: {
        unit: '%',
        baselineValue: '35',
        targetValue: '75',
        source: b.words('text.trustSource'),
        frequency: 'quarterly',
      },
    })
    .attached('i-skills', 'indicator', 'skills', {
      fields: {
        unit: '%',
        baselineValue: '20',
        targetValue: '60',
        source: b.words('text.skillsSource'),
        frequency: 'twice-yearly',
      },
    })
    .attached('i-policy', 'indicator', 'policy', {
      fields: {
        unit: b.words('text.policyUnit'),
        baselineValue: '1',
        targetValue: '6',
        targetDate: '2028-12-31',
        source: b.words('text.policySource'),
      },
    })
    .attached('e-visits', 'evidence', 'l5', {
      fields: {
        citation: b.words('text.visitsCitation'),
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
