import type { Browser, Locator, Page } from '@playwright/test';
import { Actor } from './support/Actor.ts';
import type { LoopmapServer } from './support/LoopmapServer.ts';
import { expect, requirePrerequisites, test } from './support/fixtures.ts';

requirePrerequisites();

/**
 * The outline, the filter bar, the share dialog and the comments in the browser's language
 * (issue 13): names by role in French, right to left in Arabic, none of their English left.
 * Panels are opened by what does not depend on the language (the dock toggles' data attribute,
 * the header's dialog button), since other areas of the page are translated separately.
 */
async function actorSpeaking(browser: Browser, server: LoopmapServer, name: string, locale: string): Promise<Actor> {
  const context = await browser.newContext({ baseURL: server.url, locale });
  const actor = new Actor(name, context, await context.newPage(), server.url);
  await actor.signUp();
  return actor;
}

/** A theory of change from a template: cards of several kinds, links between them. */
async function templateMap(actor: Actor): Promise<string> {
  const response = await actor.api('POST', '/api/maps', { title: 'Carte apprenante', template: 'learning-community' });
  expect(response.status()).toBe(201);
  const id = ((await response.json()) as { map: { id: string } }).map.id;
  await actor.openMap(id);
  return id;
}

const dockToggle = (page: Page, panel: string) => page.locator(`[data-dock-toggle="${panel}"]`);

/** None of these English texts is shown in the area (the rest of the page is other areas' business). */
async function expectNoEnglish(area: Locator, texts: readonly string[]): Promise<void> {
  for (const text of texts) await expect(area.getByText(text, { exact: true })).toHaveCount(0);
}

test('in French, the outline, the filter bar and the share dialog speak French', async ({ browser, server }) => {
  const amina = await actorSpeaking(browser, server, 'Amina', 'fr-FR');
  try {
    const { page } = amina;
    await templateMap(amina);
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
    await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');

    // The filter bar: its search, its menu of facets, and how many cards match.
    const bar = page.getByRole('search', { name: 'Rechercher et filtrer les fiches' });
    await expect(bar.getByRole('searchbox', { name: 'Rechercher des fiches' })).toBeVisible();
    await bar.getByRole('button', { name: 'Filtrer', exact: true }).click();
    const menu = bar.getByRole('group', { name: 'Filtrer les fiches' });
    await expect(menu.getByRole('group', { name: 'Type' })).toBeVisible();
    await expect(
      menu.getByRole('group', { name: 'Statut' }).getByRole('checkbox', { name: 'Sans statut' }),
    ).toBeVisible();
    await expect(menu.getByRole('button', { name: 'Effacer les filtres' })).toBeDisabled();
    await menu.getByRole('button', { name: 'Terminé' }).click();
    await expect(menu).toBeHidden();
    await bar.getByRole('searchbox', { name: 'Rechercher des fiches' }).fill('zzzz introuvable');
    await expect(bar.getByText(/^0 fiche sur \d+ correspond$/)).toBeVisible();
    await bar.getByRole('searchbox', { name: 'Rechercher des fiches' }).fill('');

    // The outline: its sections by kind, in French plurals; its rows; its links.
    await dockToggle(page, 'outline').click();
    const outline = page.getByRole('complementary', { name: 'Plan' });
    await expect(outline.getByRole('heading', { name: /^Effets \d+/ })).toBeVisible();
    await expect(outline.getByRole('heading', { name: /^Activités \d+/ })).toBeVisible();
    await expect(outline.getByRole('heading', { name: /^Liens \d+/ })).toBeVisible();
    await expect(outline.getByRole('button', { name: /^Détails de / }).first()).toBeVisible();
    await expect(outline.getByRole('button', { name: /^Lien : / }).first()).toBeVisible();
    await expect(outline.getByRole('textbox', { name: /^Justification de / }).first()).toHaveAttribute(
      'placeholder',
      'Pourquoi ceci mène-t-il à cela ?',
    );
    await expect(outline.getByRole('button', { name: 'Fermer le plan' })).toBeVisible();
    await expectNoEnglish(outline, ['Outline', 'Links', 'Outcomes', 'Activities', 'Select and show on the map']);
    await expectNoEnglish(bar, ['Filter', 'Clear filters', 'Done', 'Kind', 'No status']);
    await expect(page.getByRole('button', { name: 'Close outline' })).toHaveCount(0);
    await expect(page.getByRole('searchbox', { name: 'Search cards' })).toHaveCount(0);

    // The share dialog: members, roles, invite links.
    await page.locator('.toolbar-group--actions .button--primary[aria-haspopup="dialog"]').click();
    const share = page.getByRole('dialog', { name: 'Partager « Carte apprenante »' });
    await expect(share).toBeVisible();
    await expect(share.getByText('Vous êtes propriétaire de cette carte.')).toBeVisible();
    await expect(share.getByRole('heading', { name: /^Personnes ayant accès/ })).toBeVisible();
    await expect(share.getByRole('list', { name: 'Membres' })).toContainText('(vous)');
    await expect(share.getByRole('form', { name: 'Ajouter un membre' })).toBeVisible();
    await share.getByLabel('Rejoint en tant que').selectOption({ label: 'Éditeur' });
    await share.getByLabel('Le lien est valable').selectOption({ label: '30 jours' });
    await share.getByRole('button', { name: 'Créer le lien' }).click();
    await expect(share.getByRole('region', { name: 'Nouveau lien d’invitation' })).toContainText(
      'Copiez-le maintenant',
    );
    const invite = share.getByRole('list', { name: 'Liens d’invitation' }).getByTestId('invite');
    await expect(invite).toContainText('actif');
    await expect(invite).toContainText(/par vous · expire \S/);
    await expect(invite.locator('time')).not.toHaveText('');
    await expect(share.getByRole('button', { name: 'Révoquer le lien (éditeur)' })).toBeVisible();
    await expectNoEnglish(share, ['Invite links', 'Create link', 'Joins as', 'People with access', 'Revoke', 'active']);
    await page.keyboard.press('Escape');
    await expect(share).toBeHidden();
  } finally {
    await amina.context.close();
  }
});

test('in Arabic, the page runs right to left and the comments speak Arabic', async ({ browser, server }) => {
  const layla = await actorSpeaking(browser, server, 'Layla', 'ar');
  try {
    const { page } = layla;
    await templateMap(layla);
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    await expect(page.locator('html')).toHaveAttribute('lang', 'ar');

    // A card selected, its comments: the composer is labelled in Arabic; a comment says when, in Arabic.
    await page.locator('.react-flow__node .card__label').first().click();
    await dockToggle(page, 'comments').click();
    const comments = page.getByRole('complementary', { name: 'التعليقات' });
    await expect(comments.getByText('لا توجد تعليقات على هذه البطاقة بعد.')).toBeVisible();
    const composer = comments.getByRole('textbox', { name: 'ابدأ نقاشًا حول هذه البطاقة' });
    await expect(composer).toHaveAttribute('placeholder', 'اطرح سؤالًا، أو اقترح تغييرًا، أو دوّن دليلًا…');
    await composer.fill('كيف سنعرف ذلك؟');
    await comments.getByRole('button', { name: 'تعليق', exact: true }).click();
    const thread = comments.getByRole('article', { name: 'نقاش بدأه Layla' });
    await expect(thread).toContainText('كيف سنعرف ذلك؟');
    await expect(thread.locator('time')).toHaveText('الآن');
    await expect(thread.getByRole('button', { name: 'تعديل تعليقك' })).toBeVisible();
    await expect(comments.getByRole('button', { name: 'إغلاق التعليقات' })).toBeVisible();
    await expectNoEnglish(comments, ['Comments', 'just now', 'Reply', 'Resolve', 'Edit', 'Delete', 'Card']);
    await expect(page.getByRole('textbox', { name: 'Start a thread on this card' })).toHaveCount(0);

    // The outline too: right to left, in Arabic.
    await dockToggle(page, 'outline').click();
    const outline = page.getByRole('complementary', { name: 'المخطط' });
    await expect(outline.getByRole('heading', { name: /^النتائج/ })).toBeVisible();
  } finally {
    await layla.context.close();
  }
});
