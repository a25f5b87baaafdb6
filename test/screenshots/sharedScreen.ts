/**
 * Screenshots of the canvas as a shared screen shows it (docs/screenshots/shared-screen-*.png):
 * the worked example on a 1280×720 laptop at its opening view, on a 1024×700 window fitted whole,
 * after eight cards added from the palette, and with the inspector and a side panel open; with
 * presentation mode when the build has it. Real server, real browser, the map made from the
 * app's own template.
 *
 * Run it against any client build to compare before and after:
 *
 *   pnpm build && pnpm docs:shared-screen                                  # "after"
 *   CLIENT_DIR=/tmp/old-dist SHOTS_LABEL=before pnpm docs:shared-screen    # an older build
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { signUp } from '../integration/support/accounts.ts';
import { CHROMIUM_ARGS, chromiumPath, repoRoot } from '../e2e/support/environment.ts';
import { LoopmapServer } from '../e2e/support/LoopmapServer.ts';

const out = join(repoRoot, 'docs', 'screenshots');
mkdirSync(out, { recursive: true });
const label = process.env.SHOTS_LABEL ?? 'after';
const shot = (page: Page, name: string): Promise<Buffer> =>
  page.screenshot({ path: join(out, `shared-screen-${label}-${name}.png`) });

async function settle(page: Page, ms = 900): Promise<void> {
  await page.waitForSelector('.react-flow__node');
  await page.waitForTimeout(ms);
}

/** The whole map: the canvas control where the build has one, else the header's fit. */
async function fitWholeMap(page: Page): Promise<void> {
  const control = page.getByRole('button', { name: 'Fit the whole map' });
  if ((await control.count()) > 0) await control.first().click();
  else await page.getByRole('button', { name: 'Fit view' }).first().click();
  await page.waitForTimeout(700);
}

async function main(): Promise<void> {
  const server = await LoopmapServer.start();
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  try {
    const owner = await signUp(server.url, 'Amina');
    const context = await browser.newContext({ baseURL: server.url, viewport: { width: 1280, height: 720 } });
    const [name, value] = owner.cookie.split('=') as [string, string];
    await context.addCookies([{ name, value, url: server.url }]);
    const page = await context.newPage();
    const newMap = async (): Promise<string> => {
      const created = await owner.api('POST', '/api/maps', {
        title: 'Teachers’ learning community',
        template: 'learning-community',
      });
      return created.body.map.id as string;
    };

    await page.goto(`/maps/${await newMap()}`);
    await settle(page);
    await shot(page, 'opening-1280');

    await page.setViewportSize({ width: 1024, height: 700 });
    await page.waitForTimeout(400);
    await fitWholeMap(page);
    await shot(page, 'fit-1024');

    // Eight cards from the palette, the last one selected each time (as people add them in a call).
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto(`/maps/${await newMap()}`);
    await settle(page);
    for (const kind of ['Outcome', 'Output', 'Output', 'Activity', 'Assumption', 'Indicator', 'Outcome', 'Risk']) {
      await page.getByRole('button', { name: `Add ${kind}`, exact: true }).click();
      const editor = page.getByLabel('Card title', { exact: true });
      // (Attached, not visible: zoomed far out, an old build drew cards as blank blocks.)
      await editor.waitFor({ state: 'attached' });
      await editor.pressSequentially(`New ${kind.toLowerCase()}`);
      await editor.press('Escape');
      await page.waitForTimeout(250);
    }
    await page.waitForTimeout(600);
    await shot(page, 'palette-1280');

    // The inspector and a side panel open together.
    await page.locator('.react-flow__node').first().click();
    await page.getByRole('button', { name: 'Outline', exact: true }).click();
    await page.waitForTimeout(700);
    await shot(page, 'panels-1280');

    const present = page.getByRole('button', { name: 'Present', exact: true });
    if ((await present.count()) > 0) {
      await page.keyboard.press('Escape');
      await present.first().click();
      await page.waitForTimeout(900);
      await page.keyboard.press('ArrowRight');
      await page.waitForTimeout(900);
      await shot(page, 'present-1280');
    }
    console.log(`shared-screen-${label}-*.png written to ${out}`);
  } finally {
    await browser.close();
    await server.stop();
  }
}

await main();
