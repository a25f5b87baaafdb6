/**
 * Writes docs/screenshots/map-fr.png and map-ar.png: the worked example created from its template
 * in French and in Arabic (the template's cards are written in the creator's language), open in a
 * browser set to that language, with an outcome in the inspector and the outline open. Arabic
 * shows the mirrored panels and toolbar around a canvas that is not mirrored.
 *
 *   pnpm build && pnpm docs:languages
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { signUp } from '../integration/support/accounts.ts';
import { CHROMIUM_ARGS, chromiumPath, repoRoot } from '../e2e/support/environment.ts';
import { LoopmapServer } from '../e2e/support/LoopmapServer.ts';

const out = join(repoRoot, 'docs', 'screenshots');
mkdirSync(out, { recursive: true });

const LANGUAGES = [
  { code: 'fr', locale: 'fr-FR', title: 'Réseau d’apprentissage entre pairs' },
  { code: 'ar', locale: 'ar', title: 'شبكة التعلم بين الأقران' },
] as const;

async function settle(page: Page): Promise<void> {
  await page.waitForSelector('.react-flow__node');
  await page.waitForTimeout(900);
}

async function main(): Promise<void> {
  const server = await LoopmapServer.start();
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  try {
    for (const { code, locale, title } of LANGUAGES) {
      const owner = await signUp(server.url, code === 'ar' ? 'Amina' : 'Amélie');
      const created = await owner.api(
        'POST',
        '/api/maps',
        { title, template: 'learning-community' },
        { 'accept-language': locale },
      );
      if (created.status !== 201) throw new Error(`create map: ${created.status} ${JSON.stringify(created.body)}`);
      const context = await browser.newContext({ baseURL: server.url, locale, viewport: { width: 1440, height: 900 } });
      const [name, value] = owner.cookie.split('=') as [string, string];
      await context.addCookies([{ name, value, url: server.url }]);
      const page = await context.newPage();
      await page.goto(`/maps/${created.body.map.id}`);
      await settle(page);
      // An outcome in the inspector: the first outcome card of the worked example.
      await page.locator('.react-flow__node .card[data-kind="outcome"]').first().click();
      await page.waitForTimeout(600);
      await page.screenshot({ path: join(out, `map-${code}.png`) });
      console.log(`wrote docs/screenshots/map-${code}.png`);
      await context.close();
    }
  } finally {
    await browser.close();
    await server.dispose();
  }
}

await main();
