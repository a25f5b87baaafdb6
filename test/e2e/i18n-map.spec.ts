import type { Browser } from '@playwright/test';
import { Actor } from './support/Actor.ts';
import { expect, requirePrerequisites, test } from './support/fixtures.ts';
import type { LoopmapServer } from './support/LoopmapServer.ts';

requirePrerequisites();

/** Someone whose browser speaks `locale`, signed up over the API in their own context. */
async function speaker(browser: Browser, server: LoopmapServer, name: string, locale: string): Promise<Actor> {
  const context = await browser.newContext({ baseURL: server.url, locale });
  const actor = new Actor(name, context, await context.newPage(), server.url);
  await actor.signUp();
  return actor;
}

/** Words of the map page and the inspector that must not show once the page speaks another language. */
const ENGLISH = [
  'Map tools',
  'Share',
  'Replay',
  'Tidy up',
  'Outline',
  'Close inspector',
  'Readings',
  'Add a reading',
  'Narrative',
  'Link to',
  'Back to all maps',
];

async function expectNoEnglish(actor: Actor): Promise<void> {
  for (const words of ENGLISH) {
    await expect(actor.page.getByText(words, { exact: true })).toHaveCount(0);
    await expect(actor.page.getByLabel(words, { exact: true })).toHaveCount(0);
  }
}

test('the map page and the card inspector speak French, and Arabic from right to left', async ({ browser, server }) => {
  const claire = await speaker(browser, server, 'Claire', 'fr-FR');
  const karim = await speaker(browser, server, 'Karim', 'ar');
  const mapId = await claire.createMap('Emploi des jeunes');
  await claire.addMember(mapId, karim, 'editor');

  // French: the header, the toolbar and the palette.
  await claire.openMap(mapId);
  const fr = claire.page;
  await expect(fr.locator('html')).toHaveAttribute('lang', 'fr');
  await expect(fr.locator('html')).toHaveAttribute('dir', 'ltr');
  await expect(fr.getByRole('link', { name: 'Retour à toutes les cartes' })).toBeVisible();
  await expect(fr.getByRole('group', { name: 'Historique' }).getByRole('button', { name: 'Annuler' })).toBeDisabled();
  await expect(fr.getByRole('button', { name: 'Partager', exact: true })).toBeVisible();
  await expect(fr.getByRole('button', { name: 'Rejouer', exact: true })).toBeVisible();
  await expect(fr.getByRole('button', { name: 'Ajuster la vue' })).toBeVisible();
  const tools = fr.getByRole('toolbar', { name: 'Outils de la carte' });
  await expect(tools.getByRole('button', { name: 'Ranger', exact: true })).toBeVisible();
  await expect(tools.getByRole('button', { name: 'Chemin', exact: true })).toHaveAttribute('aria-pressed', 'false');
  const panels = tools.getByRole('group', { name: 'Panneaux' });
  for (const name of ['Plan', 'Vérifications', 'Commentaires', 'Historique', 'Revues']) {
    await expect(panels.getByRole('button', { name, exact: true })).toBeVisible();
  }

  // An indicator from the palette (the kind's own name is the domain catalogue's), named in place.
  const palette = fr.getByRole('toolbar', { name: 'Ajouter une fiche' });
  await palette.getByRole('button', { name: /^Ajouter : Indicat/ }).click();
  await fr.keyboard.type('Taux d’emploi des jeunes');
  await fr.keyboard.press('Enter');
  const cardId = await fr.evaluate(() => document.activeElement?.getAttribute('data-id'));
  expect(cardId).toBeTruthy();

  // Its inspector and its fields.
  const inspector = fr.getByRole('complementary', { name: /^Inspecteur : / });
  await expect(inspector.getByRole('textbox', { name: 'Titre', exact: true })).toHaveValue('Taux d’emploi des jeunes');
  await expect(inspector.getByRole('button', { name: 'Fermer l’inspecteur' })).toBeVisible();
  await expect(inspector.getByRole('button', { name: /^Supprimer cette fiche/ })).toBeVisible();
  await expect(inspector.getByRole('radiogroup', { name: 'Statut' })).toBeVisible();
  await expect(inspector.getByRole('radio', { name: 'Non renseigné' })).toBeChecked();
  await expect(inspector.getByRole('textbox', { name: 'Étiquettes' })).toHaveAttribute(
    'placeholder',
    'Ajoutez une étiquette puis appuyez sur Entrée',
  );
  await expect(inspector.getByRole('textbox', { name: 'Récit' })).toBeVisible();
  await expect(inspector.getByRole('button', { name: 'Aperçu' })).toBeVisible();
  await expect(inspector.getByRole('heading', { name: /^Liens/ })).toBeVisible();
  await expect(inspector.getByText('Pas encore de lien.')).toBeVisible();
  await expect(inspector.getByRole('heading', { name: /^Rattachées/ })).toBeVisible();
  await expect(inspector.getByRole('heading', { name: 'Mesures' })).toBeVisible();
  await expect(inspector.getByText('Pas encore de mesure.')).toBeVisible();

  // A reading: its number and its day are written the French way.
  await inspector.getByRole('button', { name: 'Ajouter une mesure' }).click();
  const form = inspector.getByRole('form', { name: 'Ajouter une mesure' });
  await form.getByLabel('Date', { exact: true }).fill('2025-03-14');
  await form.getByLabel('Valeur', { exact: true }).fill('12.5');
  await expect(form.getByLabel('Note', { exact: true })).toHaveAttribute('placeholder', 'Facultatif');
  await form.getByRole('button', { name: 'Ajouter', exact: true }).click();
  const readings = inspector.getByRole('list', { name: 'Mesures, les plus récentes d’abord' });
  await expect(readings).toContainText('12,5');
  await expect(readings).toContainText('14/03/2025');
  await expect(inspector.getByText('Dernière : 12,5 le 14/03/2025')).toBeVisible();
  await expect(inspector.getByRole('img', { name: 'Une mesure : 12,5 le 14/03/2025.' })).toBeVisible();
  await expect(readings.getByRole('button', { name: 'Supprimer la mesure : 12,5 le 14/03/2025' })).toBeVisible();
  await expectNoEnglish(claire);

  // Arabic: the page turns right to left, with the same card's inspector in Arabic.
  await karim.openMap(mapId);
  const ar = karim.page;
  await expect(ar.locator('html')).toHaveAttribute('lang', 'ar');
  await expect(ar.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(ar.getByRole('button', { name: 'مشاركة', exact: true })).toBeVisible();
  const arTools = ar.getByRole('toolbar', { name: 'أدوات الخريطة' });
  await expect(arTools.getByRole('button', { name: 'ترتيب', exact: true })).toBeVisible();
  await expect(arTools.getByRole('button', { name: 'المخطط', exact: true })).toBeVisible();
  await expect(ar.getByRole('toolbar', { name: 'إضافة بطاقة' })).toBeVisible();
  await karim.selectCard(cardId!);
  const arInspector = ar.getByRole('complementary', { name: /^لوحة فحص: / });
  await expect(arInspector.getByRole('textbox', { name: 'العنوان', exact: true })).toHaveValue(
    'Taux d’emploi des jeunes',
  );
  await expect(arInspector.getByRole('radiogroup', { name: 'الحالة' })).toBeVisible();
  await expect(arInspector.getByRole('textbox', { name: 'السرد' })).toBeVisible();
  await expect(arInspector.getByRole('heading', { name: 'القياسات' })).toBeVisible();
  await expect(arInspector.getByRole('button', { name: 'إغلاق لوحة الفحص' })).toBeVisible();
  // The reading in Arabic's own digits and day, as Intl writes them for Arabic.
  const [value, day] = await ar.evaluate(() => [
    new Intl.NumberFormat('ar', { useGrouping: false, minimumFractionDigits: 1 }).format(12.5),
    new Intl.DateTimeFormat('ar', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'UTC' }).format(
      Date.parse('2025-03-14T00:00:00Z'),
    ),
  ]);
  const arReadings = arInspector.getByRole('list', { name: 'القياسات، الأحدث أولًا' });
  await expect(arReadings).toContainText(value!);
  await expect(arReadings).toContainText(day!);
  await expectNoEnglish(karim);
  await expect(ar.getByText('Mesures', { exact: true })).toHaveCount(0);
});
