import type { Browser, Page } from '@playwright/test';
import { HISTORY_API } from '@loopmap/shared';
import { expect, requirePrerequisites, test } from './support/fixtures.ts';
import type { Actor } from './support/Actor.ts';
import type { LoopmapServer } from './support/LoopmapServer.ts';

requirePrerequisites();
test.use({ actionTimeout: 20_000 });

/**
 * Issue 13 for a map's memory: a reader whose browser speaks French reads the history panel, a
 * snapshot's date, the compare legend and list, and the sentences that say who changed what, in
 * French; a reader in Arabic gets a right-to-left page and the replay's controls in Arabic. The
 * map is built by Ana in English (her words stay hers: titles are never translated).
 */

/** A browser in `locale`, signed in as `person` (their session cookie), on the same server. */
async function readerIn(browser: Browser, server: LoopmapServer, person: Actor, locale: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: server.url, locale });
  await context.addCookies(await person.context.cookies());
  return context.newPage();
}

test('a map’s memory in French and in Arabic', async ({ actor, browser, server }) => {
  test.setTimeout(150_000);
  const ana = await actor('Ana');
  const mapId = await ana.createMap('Réseau d’apprentissage');
  await ana.openMap(mapId);
  const trust = await ana.addCard('Outcome', 'Peers trust each other');
  await ana.expectSaved();
  const taken = await ana.api('POST', HISTORY_API.snapshots(mapId), { name: 'Before the March call' });
  expect(taken.status()).toBe(201);
  const { snapshot } = (await taken.json()) as { snapshot: { takenAt: string } };
  await ana.addCard('Output', 'Call notes shared');
  await ana.renameCard(trust, 'Peers trust each other and share failures');
  await ana.expectSaved();

  // ── French ──
  const fr = await readerIn(browser, server, ana, 'fr-FR');
  await fr.goto(`/maps/${encodeURIComponent(mapId)}`);
  await expect(fr.locator('html')).toHaveAttribute('lang', 'fr');
  await fr.locator('[data-dock-toggle="history"]').click();
  const history = fr.getByRole('complementary', { name: 'Historique', exact: true });
  await expect(history.getByRole('heading', { name: 'Historique' })).toBeVisible();
  await expect(history.getByRole('button', { name: 'Enregistrer une version', exact: true })).toBeVisible();
  await expect(history.getByRole('heading', { name: 'Modifications récentes' })).toBeVisible();

  // The snapshot's row: its date and time as French writes them (day first, 24-hour clock).
  const row = history
    .getByRole('region', { name: /^Versions/ })
    .getByRole('listitem')
    .filter({
      hasText: 'Before the March call',
    });
  const frenchMoment = await fr.evaluate(
    (at) =>
      new Intl.DateTimeFormat('fr', {
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: 'numeric',
        minute: '2-digit',
      }).format(Date.parse(at)),
    snapshot.takenAt,
  );
  expect(frenchMoment).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{1,2}:\d{2}$/);
  await expect(row).toContainText(frenchMoment);
  await expect(row.locator('time')).toContainText(/à l’instant|il y a/);

  // Who changed what, in French sentences.
  const recent = history.getByRole('region', { name: 'Modifications récentes' });
  await expect(recent).toContainText(/Ana a ajouté le produit « [^»]+ »/);
  await expect(recent).toContainText('Ana a renommé le produit « Call notes shared »');
  await expect(recent).toContainText('Ana a renommé l’effet « Peers trust each other and share failures »');

  // Compare the snapshot with now: the legend and the list speak French, marks carry words and glyphs.
  await row.getByRole('button', { name: 'Comparer avec maintenant : Before the March call' }).click();
  const bar = fr.getByRole('region', { name: 'Version affichée' });
  await expect(bar).toContainText('1 ajout, 1 modification');
  const legend = bar.getByRole('list', { name: 'Signification des marques' });
  await expect(legend.getByRole('listitem')).toHaveText([
    /Ajouté$/,
    /Supprimé \(fantôme\)$/,
    /Modifié$/,
    /Déplacé \(pointillés : ancien emplacement\)$/,
  ]);
  await expect(legend.getByRole('listitem').first()).toContainText('+');
  const changes = fr.getByRole('complementary', { name: 'Modifications entre les deux versions' });
  await expect(changes.getByRole('region', { name: 'Produits' }).getByRole('button')).toHaveAccessibleName(
    'Ajout — produit : Call notes shared',
  );
  await expect(changes.getByRole('region', { name: 'Effets' }).getByRole('deletion')).toHaveText(
    'avant : Peers trust each other',
  );
  for (const english of ['Take snapshot', 'Recent changes', 'What the marks mean', 'Back to the live map', 'added']) {
    await expect(fr.getByText(english, { exact: true })).toHaveCount(0);
  }
  await expect(fr.getByText(/Ana (added|renamed)/)).toHaveCount(0);
  await fr.context().close();

  // ── Arabic ──
  const ar = await readerIn(browser, server, ana, 'ar');
  await ar.goto(`/maps/${encodeURIComponent(mapId)}`);
  await expect(ar.locator('html')).toHaveAttribute('dir', 'rtl');
  await ar.getByRole('button', { name: /^(Replay|إعادة العرض)$/ }).click();
  const timeline = ar.getByRole('group', { name: 'إعادة العرض', exact: true });
  await expect(timeline.getByRole('button', { name: 'تشغيل', exact: true })).toBeVisible();
  await expect(timeline.getByRole('button', { name: 'التعديل السابق', exact: true })).toBeVisible();
  await expect(timeline.getByRole('button', { name: 'التعديل التالي', exact: true })).toBeVisible();
  await expect(timeline.getByRole('slider', { name: 'لحظة في سجل الخريطة' })).toBeVisible();
  await expect(timeline.getByRole('button', { name: /^النسخة «Before the March call»/ })).toBeVisible();
  await expect(ar.getByRole('region', { name: 'النسخة المعروضة' })).toContainText('إعادة العرض');
  for (const english of ['Play', 'Previous change', 'Next change', 'Contributor', 'Everyone']) {
    await expect(ar.getByRole('button', { name: english, exact: true })).toHaveCount(0);
    await expect(ar.getByText(english, { exact: true })).toHaveCount(0);
  }
  await ar.context().close();
});
