import { expect, requirePrerequisites, test } from './support/fixtures.ts';

requirePrerequisites();

/**
 * The Content-Security-Policy allows no inline script, yet everything a person does works under
 * it: the page, the live connection (WebSocket), the export preview (HarfBuzz WebAssembly,
 * fonts, a blob: picture). The browser reports every refusal as a securitypolicyviolation event:
 * there must be none.
 */
test('the app works under its Content-Security-Policy, with no violation reported', async ({ actor }) => {
  const ana = await actor('Ana');
  await ana.page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __violations: string[] }).__violations = seen;
    document.addEventListener('securitypolicyviolation', (event) =>
      seen.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`),
    );
  });
  const violations = (): Promise<string[]> =>
    ana.page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);

  const mapId = await ana.createMap('Policy map');
  const response = await ana.page.goto(`/maps/${mapId}`);
  expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
  // Opened means synced with the server over the WebSocket ("Saved").
  await ana.openMap(mapId);
  await ana.addCard('Outcome', 'Peers share what failed');
  await ana.expectSaved();

  // The picture preview: text shaped by HarfBuzz (WebAssembly), fonts from /fonts, a blob: image.
  await ana.page.getByRole('banner').getByRole('button', { name: 'Export', exact: true }).click();
  const dialog = ana.page.getByRole('dialog', { name: 'Export “Policy map”' });
  await dialog.getByRole('radio', { name: 'Picture (PNG)', exact: true }).check();
  const picture = dialog.getByTestId('export-picture-preview').getByRole('img');
  await expect
    .poll(() => picture.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), { timeout: 30_000 })
    .toBeGreaterThan(0);

  // An inline script injected into the page is refused: the policy is really enforced.
  const ran = await ana.page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.__inlineRan = true';
    document.body.append(script);
    return (window as unknown as { __inlineRan?: boolean }).__inlineRan === true;
  });
  expect(ran).toBe(false);
  const inline = /^script-src(-elem)? inline /;
  await expect.poll(async () => (await violations()).some((v) => inline.test(v))).toBe(true);
  // Nothing else was refused: not the socket, the WebAssembly, the fonts nor the picture.
  expect((await violations()).filter((v) => !inline.test(v))).toEqual([]);
});
