/**
 * Writes the screenshots in docs/screenshots/: one card of every node kind, and the views a
 * facilitator works in (the worked theory of change, the inspectors, the logic check, the outline,
 * pathway highlighting, a partnership map with its health, and a map's memory: compare, replay, a
 * review, the history panel). Real server, real browser, real document: the cards are written by
 * a y-websocket peer with the shared operations, exactly as a browser would write them.
 *
 *   pnpm build && pnpm docs:screenshots
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import {
  HISTORY_API,
  NODE_KINDS,
  addEntry,
  addNode,
  addNodeTag,
  attachNode,
  connect,
  createOrigin,
  moveNodes,
  readLiveEdges,
  readNodes,
  removeNodes,
  setEdgeLabel,
  setNodeCapability,
  setNodeFields,
  setNodeLabel,
  type EdgeId,
  type NodeId,
  type NodeKind,
} from '@loopmap/shared';
import { connectPeer } from '../integration/support/peers.ts';
import { signUp, type Actor } from '../integration/support/accounts.ts';
import { CHROMIUM_ARGS, chromiumPath, repoRoot } from '../e2e/support/environment.ts';
import { LoopmapServer } from '../e2e/support/LoopmapServer.ts';

const out = join(repoRoot, 'docs', 'screenshots');
mkdirSync(out, { recursive: true });
const today = '2026-11-29';

/** Writes one card of every kind into a new map (as a peer), laid out in a grid. */
async function everyKindMap(owner: Actor): Promise<{ mapId: string; ids: Record<NodeKind, NodeId> }> {
  const created = await owner.api('POST', '/api/maps', { title: 'Every kind of card', kind: 'partnership' });
  const mapId = created.body.map.id as string;
  const peer = connectPeer(owner.baseUrl, mapId, owner.name, { cookie: owner.cookie });
  await peer.whenSynced();
  const doc = peer.doc;
  const me = createOrigin('user', owner.userId);
  const place = (i: number): { x: number; y: number } => ({ x: (i % 4) * 340, y: Math.floor(i / 4) * 300 });
  const titles: Record<NodeKind, string> = {
    impact: 'Young people in member cities find decent work',
    outcome: 'Peers trust each other and share failures openly',
    output: 'Monthly peer-learning calls held',
    activity: 'Facilitate peer exchanges and study visits',
    precondition: 'City leaders endorse the network',
    assumption: 'Peers have time to take part between calls',
    indicator: 'Practices adopted by member organisations',
    evidence: 'Peer exchange evaluation, 2024',
    actor: 'Member organisation B',
    risk: 'Staff turnover breaks continuity',
    lesson: 'Study visits changed more practice than calls did',
    group: 'Pathway: trust before adoption',
    note: 'Ask the funder about the year-3 budget',
  };
  const ids = {} as Record<NodeKind, NodeId>;
  NODE_KINDS.forEach((kind, i) => {
    ids[kind] = addNode(doc, { kind, label: titles[kind], ...place(i), width: 280, height: 220 }, me);
  });
  setNodeFields(doc, ids.outcome, { term: 'short', level: 'individual', sphere: 'control', status: 'green' }, me);
  setNodeCapability(doc, ids.outcome, 'commit', true, me);
  setNodeCapability(doc, ids.outcome, 'relate', true, me);
  addNodeTag(doc, ids.outcome, 'trust', me);
  setNodeFields(doc, ids.activity, { status: 'green' }, me);
  setNodeFields(doc, ids.output, { status: 'amber' }, me);
  setNodeFields(doc, ids.precondition, { level: 'institutional' }, me);
  setNodeFields(doc, ids.assumption, { assumptionKind: 'implementation', criticality: 'high' }, me);
  addEntry(
    doc,
    ids.assumption,
    'reviews',
    { date: today, status: 'at-risk', note: 'Two cities cut staff hours.', by: 'Amina' },
    me,
  );
  setNodeFields(
    doc,
    ids.indicator,
    { unit: 'practices', baselineValue: '2', targetValue: '12', targetDate: '2027-12-31', frequency: 'yearly' },
    me,
  );
  addEntry(doc, ids.indicator, 'readings', { date: today, value: '5', note: '', by: 'Amina' }, me);
  setNodeFields(doc, ids.evidence, { evidenceType: 'evaluation', strength: 'moderate' }, me);
  setNodeFields(
    doc,
    ids.actor,
    { actorType: 'organisation', networkRole: 'participant', homeOrganisation: 'City of Porto' },
    me,
  );
  for (const [dimension, rating] of [
    ['trust', 'green'],
    ['shared-purpose', 'green'],
    ['power-balance', 'amber'],
    ['communication', 'green'],
    ['resources', 'red'],
    ['results', 'amber'],
  ] as const) {
    addEntry(doc, ids.actor, 'health', { date: today, dimension, rating, note: '', by: 'Amina' }, me);
  }
  setNodeFields(doc, ids.risk, { likelihood: 'high', severity: 'medium' }, me);
  setNodeFields(doc, ids.lesson, { loop: 'double' }, me);
  // The outcome hosts an indicator and an assumption, shown as badges.
  const hosted = addNode(doc, { kind: 'indicator', label: 'Peers who feel safe to share', x: 0, y: 0 }, me);
  attachNode(doc, hosted, ids.outcome, me);
  const risky = addNode(doc, { kind: 'assumption', label: 'Calls stay small enough', x: 0, y: 0 }, me);
  attachNode(doc, risky, ids.outcome, me);
  connect(doc, { source: ids.output, target: ids.outcome, relation: 'contributes-to' }, me);
  await peer.whenSaved();
  peer.destroy();
  return { mapId, ids };
}

/**
 * A map with a memory: the learning-community template, a snapshot "agreed" at a workshop, then
 * edits by two people (a card and a link added, a card removed, a title and a rationale changed,
 * a card moved), a second snapshot, and a review of the two with a re-rated assumption, a
 * decision and lessons. Compare between the snapshots shows every kind of mark.
 */
async function memoryMap(owner: Actor, ben: Actor): Promise<{ mapId: string; reviewId: string }> {
  const created = await owner.api('POST', '/api/maps', {
    title: 'Peer learning network',
    template: 'learning-community',
  });
  const mapId = created.body.map.id as string;
  const added = await owner.api('POST', `/api/maps/${mapId}/members`, { email: ben.email, role: 'editor' });
  if (added.status !== 201) throw new Error(`add member: ${added.status} ${JSON.stringify(added.body)}`);
  const expect201 = (what: string, response: { status: number; body: unknown }): void => {
    if (response.status !== 201 && response.status !== 200) {
      throw new Error(`${what}: ${response.status} ${JSON.stringify(response.body)}`);
    }
  };
  const first = await owner.api('POST', HISTORY_API.snapshots(mapId), {
    name: 'Agreed at the March workshop',
    note: 'The pathway as the twelve member cities agreed it.',
  });
  expect201('first snapshot', first);

  const amina = connectPeer(owner.baseUrl, mapId, owner.name, { cookie: owner.cookie });
  const bruno = connectPeer(ben.baseUrl, mapId, ben.name, { cookie: ben.cookie });
  await Promise.all([amina.whenSynced(), bruno.whenSynced()]);
  const asAmina = createOrigin('user', owner.userId);
  const asBen = createOrigin('user', ben.userId);
  const nodeId = (label: string): NodeId => {
    const node = readNodes(amina.doc).find((candidate) => candidate.label.startsWith(label));
    if (!node) throw new Error(`no card “${label}”`);
    return node.id;
  };
  const linkId = (source: NodeId, target: NodeId): EdgeId => {
    const edge = readLiveEdges(amina.doc).find((e) => e.source === source && e.target === target);
    if (!edge) throw new Error('no such link');
    return edge.id;
  };
  // Each edit is its own change in the log (and a step of the replay).
  const step = async (): Promise<void> => {
    await Promise.all([amina.whenSaved(), bruno.whenSaved()]);
  };
  const calls = nodeId('Monthly peer-learning calls');
  const trust = nodeId('Peers trust each other');
  const adopt = nodeId('Member organisations adopt');
  const policy = nodeId('City policies recognise');
  const leaders = nodeId('Leaders make room');
  setNodeLabel(amina.doc, calls, 'Fortnightly peer-learning calls held', asAmina);
  await step();
  const before = readNodes(bruno.doc).find((node) => node.id === leaders)!;
  moveNodes(bruno.doc, [{ id: leaders, x: before.x + 140, y: before.y + 30 }], asBen);
  await step();
  removeNodes(bruno.doc, [nodeId('Document practices with the peers')], asBen);
  await step();
  // Beside the contextual outcome it feeds, in the empty column on the left.
  const data = addNode(
    bruno.doc,
    { kind: 'outcome', label: 'Member cities pool data on what works', x: -740, y: -712 },
    asBen,
  );
  await step();
  connect(
    bruno.doc,
    {
      source: data,
      target: policy,
      label: 'Pooled results make the case to city officials',
      relation: 'contributes-to',
    },
    asBen,
  );
  await step();
  setEdgeLabel(amina.doc, linkId(trust, adopt), 'Peers copy what trusted peers have tried and shown to work', asAmina);
  await step();
  amina.destroy();
  bruno.destroy();

  const second = await owner.api('POST', HISTORY_API.snapshots(mapId), {
    name: 'After the June review',
    note: 'Calls every fortnight; the documentation activity folded into the calls.',
  });
  expect201('second snapshot', second);

  const review = await owner.api('POST', HISTORY_API.reviews(mapId), {
    title: 'June course correction',
    from: first.body.snapshot.id,
  });
  expect201('review', review);
  const reviewId = review.body.review.id as string;
  const assumption = nodeId('Peers have time to take part');
  expect201(
    'rating',
    await owner.api('POST', HISTORY_API.ratings(mapId, reviewId), {
      assumption,
      status: 'at-risk',
      note: 'Two cities cut staff hours; calls every fortnight may be too often.',
    }),
  );
  expect201(
    'notes',
    await owner.api('PATCH', HISTORY_API.review(mapId, reviewId), {
      notes: {
        single: 'Attendance fell from 30 to 18 over the spring; the briefs arrive late.',
        double: 'Study visits moved more practice than calls. Is the call the right engine of trust?',
      },
    }),
  );
  expect201(
    'decision',
    await ben.api('POST', HISTORY_API.decisions(mapId, reviewId), {
      text: 'Pilot two study visits before the autumn and compare with the calls',
      owner: ben.userId,
      due: '2026-09-30',
      status: 'in-progress',
      cards: [calls],
    }),
  );
  expect201(
    'lesson',
    await owner.api('POST', HISTORY_API.lessons(mapId, reviewId), {
      loop: 'double',
      text: 'Leaders back experiments they have seen for themselves on a study visit',
      card: leaders,
    }),
  );
  expect201(
    'lesson',
    await ben.api('POST', HISTORY_API.lessons(mapId, reviewId), {
      loop: 'single',
      text: 'Send the brief within a week of each exchange',
    }),
  );
  return { mapId, reviewId };
}

async function settle(page: Page): Promise<void> {
  await page.waitForSelector('.react-flow__node');
  await page.waitForTimeout(900);
}

async function main(): Promise<void> {
  const server = await LoopmapServer.start();
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  try {
    const owner = await signUp(server.url, 'Amina');
    const context = await browser.newContext({ baseURL: server.url, viewport: { width: 1440, height: 900 } });
    const [name, value] = owner.cookie.split('=') as [string, string];
    await context.addCookies([{ name, value, url: server.url }]);
    const page = await context.newPage();

    // One card of each kind.
    const { mapId, ids } = await everyKindMap(owner);
    await page.goto(`/maps/${mapId}`);
    await settle(page);
    await page.getByRole('button', { name: 'Fit view' }).click();
    await page.waitForTimeout(600);
    await page.screenshot({ path: join(out, 'every-kind.png') });
    for (const kind of NODE_KINDS) {
      const card = page.locator(`.react-flow__node[data-id="${ids[kind]}"]`);
      await card.scrollIntoViewIfNeeded();
      await card.screenshot({ path: join(out, `card-${kind}.png`) });
    }

    // The worked example: canvas, an outcome in the inspector, a link in the inspector.
    const worked = await owner.api('POST', '/api/maps', {
      title: 'Peer learning network',
      template: 'learning-community',
    });
    await page.goto(`/maps/${worked.body.map.id}`);
    await settle(page);
    await page.screenshot({ path: join(out, 'theory-of-change.png') });
    await page.locator('.react-flow__node').filter({ hasText: 'Member organisations adopt' }).click();
    await page.waitForTimeout(500);
    await page.screenshot({ path: join(out, 'inspector-outcome.png') });
    await page
      .getByRole('complementary', { name: 'Outcome inspector' })
      .getByRole('button', { name: /^This card .* City policies/ })
      .click();
    await page.waitForTimeout(500);
    await page.screenshot({ path: join(out, 'inspector-link.png') });
    await page.getByRole('button', { name: 'Close inspector' }).click();

    // Pathway highlighting from an outcome.
    await page.getByRole('button', { name: 'Pathway', exact: true }).click();
    await page.locator('.react-flow__node').filter({ hasText: 'Peers trust each other' }).click();
    await page.getByRole('button', { name: 'Fit view' }).click();
    await page.waitForTimeout(700);
    await page.screenshot({ path: join(out, 'pathway.png') });
    await page.getByRole('button', { name: 'Pathway', exact: true }).click();
    await page.getByRole('button', { name: 'Close inspector' }).click();

    // The logic check and the outline.
    await page.getByRole('button', { name: /^Checks/ }).click();
    await page.waitForTimeout(400);
    await page.screenshot({ path: join(out, 'logic-check.png') });
    await page.getByRole('button', { name: 'Outline', exact: true }).click();
    await page.getByRole('button', { name: /^Details of Member organisations adopt/ }).click();
    await page.waitForTimeout(400);
    await page.screenshot({ path: join(out, 'outline.png') });
    await page.getByRole('button', { name: 'Close outline' }).click();

    // Comments on a card.
    await page.locator('.react-flow__node').filter({ hasText: 'Leaders make room' }).click();
    await page.getByRole('button', { name: /^Comments/ }).click();
    const panel = page.getByRole('complementary', { name: /Comments/ });
    await panel
      .getByRole('textbox', { name: 'Start a thread on this card' })
      .fill('Which leaders? Directors, or team leads too? This decides who we invite to the study visits.');
    await panel.getByRole('button', { name: 'Comment', exact: true }).click();
    await panel.getByRole('article').first().waitFor();
    await page.waitForTimeout(400);
    await page.screenshot({ path: join(out, 'comments.png') });
    await page.getByRole('button', { name: 'Close comments' }).click();

    // A map's memory: compare two snapshots, replay, a review, the history panel.
    const ben = await signUp(server.url, 'Ben');
    const memory = await memoryMap(owner, ben);
    await page.goto(`/maps/${memory.mapId}`);
    await settle(page);
    await page
      .getByRole('toolbar', { name: 'Map tools' })
      .getByRole('button', { name: 'History', exact: true })
      .click();
    const history = page.getByRole('complementary', { name: 'History', exact: true });
    await history.getByRole('region', { name: 'Recent changes' }).getByRole('listitem').first().waitFor();
    await page.waitForTimeout(400);
    await page.screenshot({ path: join(out, 'history-panel.png') });
    await history.getByRole('checkbox', { name: /Agreed at the March workshop/ }).check();
    await history.getByRole('checkbox', { name: /After the June review/ }).check();
    await history
      .getByRole('group', { name: 'Compare two snapshots' })
      .getByRole('button', { name: 'Compare' })
      .click();
    await page.getByRole('button', { name: 'Close history' }).click();
    const changes = page.getByRole('complementary', { name: 'Changes between the two versions' });
    await changes.getByRole('button', { name: /^Changed output: Fortnightly/ }).click();
    await page.getByRole('button', { name: 'Fit view' }).click();
    await page.waitForTimeout(900);
    await page.screenshot({ path: join(out, 'compare.png') });
    await page.getByRole('button', { name: 'Back to the live map' }).click();

    await page.getByRole('button', { name: 'Replay', exact: true }).click();
    const timeline = page.getByRole('group', { name: 'Replay' });
    // By keyboard: the open review's marker sits on the snapshot it starts from, above it.
    await timeline.getByRole('button', { name: /^Snapshot “Agreed at the March workshop”/ }).press('Enter');
    for (let i = 0; i < 4; i++) await timeline.getByRole('button', { name: 'Next change' }).click();
    // Close enough to read the cards (a whole-map fit draws them as blocks at this size).
    await page.getByRole('button', { name: 'Zoom In' }).click();
    await page.getByRole('button', { name: 'Zoom In' }).click();
    await page.waitForTimeout(900);
    await page.screenshot({ path: join(out, 'replay.png') });
    await page.getByRole('button', { name: 'Back to the live map' }).click();

    await page
      .getByRole('toolbar', { name: 'Map tools' })
      .getByRole('button', { name: 'Reviews', exact: true })
      .click();
    await page
      .getByRole('complementary', { name: 'Reviews', exact: true })
      .getByRole('button', { name: 'June course correction' })
      .click();
    const review = page.getByRole('article', { name: /June course correction/ });
    await review.getByRole('button', { name: 'Compare from → to' }).click();
    await page.waitForTimeout(900);
    await page.screenshot({ path: join(out, 'review.png') });
    // Further down the same review: the re-rated assumption and the decision, beside the live map.
    await page.getByRole('button', { name: 'Back to the live map' }).click();
    // Scrolls the panel only (scrollIntoView would scroll the page's own boxes too).
    await review.getByRole('region', { name: 'Assumptions' }).evaluate((section) => {
      const scroller = section.closest('.history-panel__scroll')!;
      scroller.scrollTop += section.getBoundingClientRect().top - scroller.getBoundingClientRect().top - 8;
    });
    await page.waitForTimeout(600);
    await page.screenshot({ path: join(out, 'review-decisions.png') });

    // A partnership map with its partners' health.
    const partnership = await owner.api('POST', '/api/maps', { title: 'City peer network', template: 'partnership' });
    await page.goto(`/maps/${partnership.body.map.id}`);
    await settle(page);
    await page.screenshot({ path: join(out, 'partnership.png') });
    console.log(`Screenshots written to ${out}`);
  } finally {
    await browser.close();
    await server.dispose();
  }
}

await main();
