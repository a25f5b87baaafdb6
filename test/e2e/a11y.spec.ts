import AxeBuilder from '@axe-core/playwright';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Locator, Page } from '@playwright/test';
import { Actor } from './support/Actor.ts';
import { expect, requirePrerequisites, test } from './support/fixtures.ts';
import type { LoopmapServer } from './support/LoopmapServer.ts';

requirePrerequisites();

/**
 * Issue 13's audit: axe-core over every page, and the map page with each panel and dialog open,
 * in English and in Arabic (right to left). Zero serious or critical violations of WCAG 2.0, 2.1
 * and 2.2 A and AA; the failure lists each one with where it is.
 */

const LOCALES = join(dirname(fileURLToPath(import.meta.url)), '../../shared/src/i18n/locales');

/** Every catalogue string of a language, `namespace:key` -> text (plural keys as they are). */
function catalogue(language: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (prefix: string, value: unknown): void => {
    if (typeof value === 'string') out.set(prefix, value);
    else if (value && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value))
        walk(prefix.endsWith(':') ? prefix + key : `${prefix}.${key}`, inner);
    }
  };
  for (const file of readdirSync(join(LOCALES, language))) {
    if (file.endsWith('.json'))
      walk(`${file.slice(0, -5)}:`, JSON.parse(readFileSync(join(LOCALES, language, file), 'utf8')));
  }
  return out;
}
const english = catalogue('en');
const arabic = catalogue('ar');

/**
 * A control's name in the page's language: the Arabic of the catalogue entry whose English is
 * `text`, or the English itself while that part of the interface is not translated yet.
 */
function named(language: 'en' | 'ar', text: string): string {
  if (language === 'en') return text;
  for (const [key, value] of english) if (value === text && arabic.has(key)) return arabic.get(key)!;
  return text;
}

type Audit = { where: string; violations: string[] };

async function audit(page: Page, where: string, found: Audit[], { settle = true } = {}): Promise<void> {
  // Transitions and the canvas's first fit settle first: axe reads colours as they are drawn.
  if (settle) await page.waitForLoadState('networkidle', { timeout: 5000 }).catch(() => undefined);
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  const violations = result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) =>
      v.nodes.map(
        (node) => `${v.impact} ${v.id}: ${v.help} at ${node.target.join(' ')} (${node.failureSummary ?? ''})`,
      ),
    );
  found.push({ where, violations });
}

function report(found: Audit[]): string {
  return found
    .filter((a) => a.violations.length > 0)
    .map((a) => `${a.where}:\n  ${a.violations.join('\n  ')}`)
    .join('\n');
}

async function person(browser: Browser, server: LoopmapServer, name: string, language: 'en' | 'ar') {
  const context = await browser.newContext({
    baseURL: server.url,
    locale: language === 'ar' ? 'ar' : 'en-US',
    reducedMotion: 'reduce',
  });
  const actor = new Actor(name, context, await context.newPage(), server.url);
  await actor.signUp();
  return actor;
}

for (const language of ['en', 'ar'] as const) {
  test.describe(`accessibility audit (${language})`, () => {
    test.setTimeout(240_000);

    test(`pages outside a map (${language})`, async ({ browser, server }) => {
      const found: Audit[] = [];
      const context = await browser.newContext({ baseURL: server.url, locale: language === 'ar' ? 'ar' : 'en-US' });
      const page = await context.newPage();

      // The splash shows while the session is being asked for: that answer waits until audited
      // (the request is kept, not awaited in the handler, which would hold up the page's other events).
      const held: { continue(): Promise<void> }[] = [];
      await page.route('**/api/auth/me', (route) => {
        held.push(route);
      });
      await page.goto('/');
      await expect(page.locator('html')).toHaveAttribute('dir', language === 'ar' ? 'rtl' : 'ltr');
      await expect.poll(() => held.length).toBeGreaterThan(0);
      await audit(page, 'splash', found, { settle: false });
      await expect(page.locator('.splash')).toBeAttached();
      // Unrouting lets the held request through.
      await page.unroute('**/api/auth/me');

      await page.goto('/signin');
      await expect(page.getByRole('form')).toBeVisible();
      await audit(page, 'sign in', found);
      await page.goto('/signup');
      await expect(page.getByRole('form')).toBeVisible();
      await audit(page, 'sign up', found);
      await page.goto('/no-such-page');
      await audit(page, 'not found', found);
      await context.close();

      const ana = await person(browser, server, 'Ana', language);
      await ana.createMap('Clean water');
      await ana.page.goto('/');
      await expect(ana.page.getByRole('link', { name: 'Clean water', exact: true })).toBeVisible();
      await audit(ana.page, 'map list', found);
      await ana.page.getByRole('button', { name: named(language, 'Import a map') }).click();
      await expect(ana.page.getByRole('dialog')).toBeVisible();
      await audit(ana.page, 'map list, import dialog', found);
      await ana.page.goto('/account');
      await expect(ana.page.getByRole('main')).toBeVisible();
      await audit(ana.page, 'account', found);

      expect(report(found), report(found)).toBe('');
    });

    test(`the map page with each panel and dialog (${language})`, async ({ browser, server }) => {
      const found: Audit[] = [];
      // The map's content is made in English (through the palette), then read in the audited language.
      const maker = await person(browser, server, 'Maker', 'en');
      const mapId = await maker.createMap('Clean water');
      await maker.openMap(mapId);
      const outcome = await maker.addCard('Outcome', 'Families drink safe water');
      const activity = await maker.addCard('Activity', 'Train pump mechanics');
      await maker.selectCard(activity);
      const linkTo = maker.page.getByRole('combobox', { name: 'Link to' });
      await linkTo.selectOption(outcome);
      await linkTo.press('Enter');
      await expect(maker.links).toHaveCount(1);
      await maker.addCard('Assumption', 'Spare parts stay affordable');
      await maker.expectSaved();

      const ana = await person(browser, server, 'Ana', language);
      await maker.addMember(mapId, ana, 'editor');
      const { page } = ana;
      const open = async (): Promise<void> => {
        await ana.openMap(mapId);
        await expect(ana.card(outcome)).toBeVisible();
        await expect(page.locator('html')).toHaveAttribute('dir', language === 'ar' ? 'rtl' : 'ltr');
      };
      const tool = (name: string): Locator =>
        page.getByRole('toolbar').getByRole('button', { name: new RegExp(`^${named(language, name)}`) });

      await open();
      await audit(page, 'map page', found);

      await ana.selectCard(outcome);
      await expect(page.getByRole('complementary').first()).toBeVisible();
      await audit(page, 'map page, inspector', found);

      for (const panel of ['Outline', 'Checks', 'Comments', 'History', 'Reviews']) {
        await open();
        await tool(panel).first().click();
        await expect(page.getByRole('complementary').first()).toBeVisible();
        await audit(page, `map page, ${panel} panel`, found);
      }

      await open();
      await page
        .getByRole('search')
        .getByRole('button', { name: new RegExp(`^${named(language, 'Filter')}`) })
        .click();
      await audit(page, 'map page, filter', found);

      await open();
      await page
        .getByRole('banner')
        .getByRole('button', { name: named(language, 'Share'), exact: true })
        .click();
      await expect(page.getByRole('dialog')).toBeVisible();
      await audit(page, 'map page, share dialog', found);

      await open();
      await page
        .getByRole('banner')
        .getByRole('button', { name: named(language, 'Export'), exact: true })
        .click();
      await expect(page.getByRole('dialog')).toBeVisible();
      await audit(page, 'map page, export dialog', found);

      await open();
      await ana.card(outcome).focus();
      await page.keyboard.press('?');
      await expect(page.getByRole('dialog', { name: named(language, 'Keyboard shortcuts') })).toBeVisible();
      await audit(page, 'map page, keyboard shortcuts', found);

      expect(report(found), report(found)).toBe('');
    });
  });
}
