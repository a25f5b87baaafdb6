/**
 * Writes the screenshots in docs/screenshots/: one card of every node kind, and the views a
 * facilitator works in (the worked theory of change, the inspectors, the logic check, the outline,
 * pathway highlighting, a partnership map with its health). Real server, real browser, real
 * document: the cards are written by a y-websocket peer with the shared operations, exactly as
 * a browser would write them.
 *
 *   pnpm build && pnpm docs:screenshots
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import {
  NODE_KINDS,
  addEntry,
  addNode,
  addNodeTag,
  attachNode,
  connect,
  createOrigin,
  setNodeCapability,
  setNodeFields,
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
