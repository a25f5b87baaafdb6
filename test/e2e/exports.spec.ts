import { readFile } from 'node:fs/promises';
import type { Download, Locator, Page } from '@playwright/test';
import { HISTORY_API, MAP_EXPORT_FORMAT_INFO, type MapExportFormat } from '@loopmap/shared';
import { expect, requirePrerequisites, test } from './support/fixtures.ts';
import type { Actor } from './support/Actor.ts';

requirePrerequisites();
// Every format is rendered on the server: a stuck step fails on its own within 30 s.
test.use({ actionTimeout: 30_000 });

const TITLE = 'Youth employment — تمكين 🌱';
const IMPACT = 'Young people in member cities find decent work';

/** The file a download saved, after it has finished. */
async function savedFile(download: Download): Promise<Buffer> {
  const path = await download.path();
  return readFile(path);
}

/** What each format's file must begin with (or hold), as its own readers check it. */
function expectFileOf(format: MapExportFormat, bytes: Buffer, text: string): void {
  expect(bytes.byteLength).toBeGreaterThan(0);
  const head = bytes.subarray(0, 8);
  switch (format) {
    case 'svg':
      expect(text.replace(/^\uFEFF/, '').trimStart()).toMatch(/^(<svg|<\?xml)/);
      break;
    case 'png':
      expect([...head]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      break;
    case 'pdf':
      expect(head.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      break;
    case 'docx':
    case 'xlsx':
      expect(head.subarray(0, 4).toString('latin1')).toBe('PK\u0003\u0004');
      break;
    case 'json':
      expect((JSON.parse(text) as { meta: { title: string } }).meta.title).toBe(TITLE);
      break;
    case 'md':
      expect(text).toContain(IMPACT);
      break;
    case 'opml':
      expect(text.trimStart()).toMatch(/^(<\?xml|<opml)/);
      expect(text).toContain('<opml');
      break;
    case 'mermaid':
      expect(text).toMatch(/^\s*(%%.*\n\s*|---[\s\S]*?---\s*)*(flowchart|graph)\s/);
      break;
    case 'csv':
      expect(text.split('\n')[0]).toMatch(/Label/);
      expect(text).toContain(IMPACT);
      break;
  }
}

/** The extension a format's download ends with. */
const EXTENSION: Record<MapExportFormat, RegExp> = {
  svg: /\.svg$/,
  png: /\.png$/,
  pdf: /\.pdf$/,
  docx: /\.docx$/,
  xlsx: /\.xlsx$/,
  csv: /\.csv$/,
  md: /\.md$/,
  json: /\.json$/,
  opml: /\.opml$/,
  mermaid: /\.(mmd|mermaid|md)$/,
};

/** Chooses a format in the Export dialog by its name (its hint follows in the accessible name). */
async function chooseFormat(dialog: Locator, format: MapExportFormat): Promise<void> {
  const { label } = MAP_EXPORT_FORMAT_INFO[format];
  await dialog.getByRole('radio', { name: label, exact: true }).check();
}

/** Downloads the chosen format from the dialog; answers the download once it is saved. */
async function downloadFrom(page: Page, dialog: Locator, format: MapExportFormat): Promise<Download> {
  const { label } = MAP_EXPORT_FORMAT_INFO[format];
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 60_000 }),
    dialog.getByRole('button', { name: `Download ${label}` }).click(),
  ]);
  await expect(dialog.getByRole('status').filter({ hasText: 'Saved' })).toContainText(download.suggestedFilename());
  return download;
}

async function openPanel(person: Actor, name: 'History' | 'Reviews'): Promise<Locator> {
  await person.page.getByRole('toolbar', { name: 'Map tools' }).getByRole('button', { name, exact: true }).click();
  const panel = person.page.getByRole('complementary', { name, exact: true });
  await expect(panel).toBeVisible();
  return panel;
}

/**
 * Issue 9 in the browser: Amara takes her worked-example map into every format from the Export
 * menu (each download a real file of its kind, named after the map), sees a picture and a Word
 * preview first, exports a snapshot she is viewing, a change report and a review; then moves a
 * Kumu map in from two CSV files, checking the preview and the row it could not read first.
 */
test('export a map to every format from the menu, with previews; export a version, a change report and a review; import Kumu CSV files with a preview', async ({
  actor,
}) => {
  test.setTimeout(300_000);
  const amara = await actor('Amara');
  const { page } = amara;
  const created = await amara.api('POST', '/api/maps', { title: TITLE, template: 'learning-community' });
  expect(created.status()).toBe(201);
  const mapId = ((await created.json()) as { map: { id: string } }).map.id;
  await amara.openMap(mapId);
  await expect(amara.cardByLabel(IMPACT)).toBeVisible();

  // ── The Export menu ────────────────────────────────────────────────────────────────────────
  const exportButton = page.getByRole('banner').getByRole('button', { name: 'Export', exact: true });
  await exportButton.click();
  const dialog = page.getByRole('dialog', { name: `Export “${TITLE}”` });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('The live map, as it is now');
  for (const group of ['Pictures', 'Documents', 'Data']) {
    await expect(dialog.getByRole('group', { name: group })).toBeVisible();
  }
  // It opens on the chosen format, and the keyboard moves through the formats.
  await expect(dialog.getByRole('radio', { name: 'PDF', exact: true })).toBeFocused();
  await expect(dialog.getByRole('radio', { name: 'PDF', exact: true })).toHaveAccessibleDescription(
    MAP_EXPORT_FORMAT_INFO.pdf.hint,
  );
  await page.keyboard.press('ArrowDown');
  await expect(dialog.getByRole('radio', { name: 'Word report', exact: true })).toBeChecked();

  // A picture is previewed as the export draws it, framed by the options chosen.
  await chooseFormat(dialog, 'png');
  const picture = dialog.getByTestId('export-picture-preview');
  await expect(picture.getByRole('img')).toBeVisible();
  await expect
    .poll(() => picture.getByRole('img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
    .toBeGreaterThan(0);
  await dialog.getByRole('group', { name: 'Size' }).getByRole('radio', { name: 'A 16:9 slide' }).check();
  await expect
    .poll(() => picture.evaluate((frame) => frame.getBoundingClientRect().width / frame.getBoundingClientRect().height))
    .toBeCloseTo(16 / 9, 1);
  await dialog.getByRole('group', { name: 'Background' }).getByRole('radio', { name: 'Transparent' }).check();
  await expect(picture).toHaveClass(/export-picture--transparent/);

  // A Word report is previewed as its outline: headings and real tables, the map's words in them.
  await chooseFormat(dialog, 'docx');
  const outline = dialog.getByTestId('export-document-preview');
  await expect(outline.getByRole('heading').first()).toBeVisible();
  await expect(outline).toContainText(IMPACT);
  await expect(outline.getByRole('table').first()).toBeVisible();
  await expect(dialog.getByRole('checkbox', { name: 'Include the open comments as an appendix' })).toBeVisible();

  // A text format shows its first lines.
  await chooseFormat(dialog, 'mermaid');
  await expect(dialog.getByTestId('export-text-preview')).not.toBeEmpty();

  // Every format downloads as a real file of its kind, named after the map.
  const formats: MapExportFormat[] = ['svg', 'png', 'pdf', 'docx', 'xlsx', 'csv', 'md', 'json', 'opml', 'mermaid'];
  for (const format of formats) {
    await chooseFormat(dialog, format);
    const download = await downloadFrom(page, dialog, format);
    expect(download.suggestedFilename(), format).toMatch(EXTENSION[format]);
    expect(download.suggestedFilename(), format).toMatch(/^Youth employment/);
    const bytes = await savedFile(download);
    expectFileOf(format, bytes, bytes.toString('utf8'));
  }

  // Kumu takes two CSV files: the connections are the second.
  await chooseFormat(dialog, 'csv');
  await dialog
    .getByRole('group', { name: 'File' })
    .getByRole('radio', { name: /^Connections/ })
    .check();
  const connections = (await savedFile(await downloadFrom(page, dialog, 'csv'))).toString('utf8');
  expect(connections.split('\n')[0]).toMatch(/From.*To/);

  // Escape closes the menu and gives the focus back to the Export button.
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(exportButton).toBeFocused();

  // ── A snapshot being viewed exports as it was ──────────────────────────────────────────────
  const snapshotResponse = await amara.api('POST', HISTORY_API.snapshots(mapId), { name: 'Before the pilot' });
  expect(snapshotResponse.status()).toBe(201);
  await amara.addCard('Output', 'Pilot report published');
  await amara.expectSaved();
  const history = await openPanel(amara, 'History');
  await history.getByRole('button', { name: 'Open Before the pilot' }).click();
  const bar = page.getByRole('region', { name: 'Version shown' });
  await bar.getByRole('button', { name: 'Export this version' }).click();
  const versionDialog = page.getByRole('dialog', { name: `Export “${TITLE}”` });
  await expect(versionDialog).toContainText('(a snapshot)');
  await chooseFormat(versionDialog, 'json');
  const versionJson = JSON.parse(
    (await savedFile(await downloadFrom(page, versionDialog, 'json'))).toString('utf8'),
  ) as {
    nodes: { label: string }[];
  };
  expect(versionJson.nodes.map((node) => node.label)).toContain(IMPACT);
  expect(versionJson.nodes.map((node) => node.label)).not.toContain('Pilot report published');
  await page.keyboard.press('Escape');
  await expect(versionDialog).toBeHidden();
  await bar.getByRole('button', { name: 'Back to the live map' }).click();

  // ── A change report between the snapshot and now ───────────────────────────────────────────
  await history.getByRole('button', { name: 'Compare with now: Before the pilot' }).click();
  await bar.getByRole('button', { name: 'Download change report' }).click();
  const [report] = await Promise.all([
    page.waitForEvent('download', { timeout: 60_000 }),
    bar.getByRole('button', { name: 'Markdown (.md)' }).click(),
  ]);
  expect(report.suggestedFilename()).toMatch(/\.md$/);
  expect((await savedFile(report)).toString('utf8')).toContain('Pilot report published');
  await bar.getByRole('button', { name: 'Download change report' }).click();
  const [reportDocx] = await Promise.all([
    page.waitForEvent('download', { timeout: 60_000 }),
    bar.getByRole('button', { name: 'Word document (.docx)' }).click(),
  ]);
  expect(reportDocx.suggestedFilename()).toMatch(/\.docx$/);
  expect((await savedFile(reportDocx)).subarray(0, 2).toString('latin1')).toBe('PK');
  await bar.getByRole('button', { name: 'Back to the live map' }).click();

  // ── A review as a document ─────────────────────────────────────────────────────────────────
  const reviewResponse = await amara.api('POST', HISTORY_API.reviews(mapId), { title: 'Pilot review' });
  expect(reviewResponse.status()).toBe(201);
  const reviews = await openPanel(amara, 'Reviews');
  await reviews.getByRole('button', { name: 'Pilot review' }).click();
  const review = reviews.getByRole('article', { name: /Pilot review/ });
  await review.getByRole('button', { name: 'Download', exact: true }).click();
  const [reviewFile] = await Promise.all([
    page.waitForEvent('download', { timeout: 60_000 }),
    review.getByRole('button', { name: 'Markdown (.md)' }).click(),
  ]);
  expect(reviewFile.suggestedFilename()).toMatch(/\.md$/);
  expect((await savedFile(reviewFile)).toString('utf8')).toContain('Pilot review');

  // The shared-forward digest of the review downloads as Word too.
  const reviewId = ((await reviewResponse.json()) as { review: { id: string } }).review.id;
  await page.goto(`/maps/${encodeURIComponent(mapId)}/digest?reviews=${encodeURIComponent(reviewId)}`);
  await page.getByRole('button', { name: 'Download', exact: true }).click();
  const [digestFile] = await Promise.all([
    page.waitForEvent('download', { timeout: 60_000 }),
    page.getByRole('button', { name: 'Word document (.docx)' }).click(),
  ]);
  expect(digestFile.suggestedFilename()).toMatch(/\.docx$/);
  expect((await savedFile(digestFile)).subarray(0, 4).toString('latin1')).toBe('PK\u0003\u0004');

  // ── Import: a Kumu map from two CSV files, one row of which cannot be read ─────────────────
  const elements = [
    'Label,Type,Description',
    'Mentoring sessions,Activity,Weekly sessions with local employers',
    '"Mentors, trained",Output,"Forty mentors, trained by June"',
    ',Outcome,A row someone left without a label',
    'Young people find work,Outcome,تمكين الشباب',
    'More youth employment in the district,Impact,By 2030',
  ].join('\n');
  const links = [
    'From,To,Type',
    'Mentoring sessions,"Mentors, trained",',
    '"Mentors, trained",Young people find work,',
    'Young people find work,More youth employment in the district,',
  ].join('\n');
  await page.goto('/');
  const importButton = page.getByRole('button', { name: 'Import a map' });
  await importButton.click();
  const importDialog = page.getByRole('dialog', { name: 'Import a map' });
  await importDialog.getByLabel('Choose a file…').setInputFiles([
    { name: 'elements.csv', mimeType: 'text/csv', buffer: Buffer.from(elements) },
    { name: 'connections.csv', mimeType: 'text/csv', buffer: Buffer.from(links) },
  ]);
  const summary = importDialog.getByTestId('import-summary');
  await expect(summary).toContainText('4 cards, 3 links from Kumu CSV files');
  await expect(importDialog.getByRole('textbox', { name: 'Title of the new map' })).not.toHaveValue('');
  const canvas = importDialog.getByTestId('import-preview-canvas');
  await expect(canvas.locator('.react-flow__node')).toHaveCount(4);
  await expect(canvas).toContainText('Mentoring sessions');
  await expect(canvas).toContainText('Mentors, trained');
  // The row without a label is listed where the user can find it: the file, row 4.
  const problems = importDialog.getByTestId('import-problems');
  const problemRow = problems.getByRole('row').filter({ has: page.getByRole('cell', { name: '4', exact: true }) });
  await expect(problemRow).toHaveCount(1);
  await expect(problemRow).toContainText('elements.csv');

  await importDialog.getByRole('textbox', { name: 'Title of the new map' }).fill('Mentoring pilot (from Kumu)');
  await importDialog.getByRole('button', { name: 'Create map' }).click();
  await expect(page).toHaveURL(/\/maps\//);
  await amara.expectSaved();
  await expect(page.getByRole('button', { name: /Map title/ })).toHaveText(/Mentoring pilot \(from Kumu\)/);
  for (const label of ['Mentoring sessions', 'Mentors, trained', 'Young people find work']) {
    await expect(amara.cardByLabel(label)).toBeVisible();
  }
  await expect(amara.links).toHaveCount(3);
});

test('import refuses a file that is not a map before sending it, and says why', async ({ actor }) => {
  const amara = await actor('Amara');
  const { page } = amara;
  await page.goto('/');
  const importButton = page.getByRole('button', { name: 'Import a map' });
  await importButton.click();
  const importDialog = page.getByRole('dialog', { name: 'Import a map' });
  await importDialog.getByLabel('Choose a file…').setInputFiles({
    name: 'minutes.docx',
    mimeType: 'application/octet-stream',
    buffer: Buffer.from('PK'),
  });
  await expect(importDialog.getByRole('alert')).toHaveText(/“minutes.docx” is not a file Loopmap imports/);
  // A JSON file that is not a Loopmap map: the server's reason, in words.
  await importDialog.getByLabel('Choose other files…').setInputFiles({
    name: 'notes.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"hello": "world"}'),
  });
  await expect(importDialog.getByRole('alert')).not.toBeEmpty();
  await expect(importDialog.getByRole('button', { name: 'Create map' })).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(importDialog).toBeHidden();
  await expect(importButton).toBeFocused();
});

/**
 * "The browser's Export picture and the server use the same renderer": the preview is drawn in
 * the page (the shared renderer, HarfBuzz and the fonts from /fonts/), and it is the very SVG the
 * server sends for the same version, byte for byte, Arabic and emoji title included.
 */
test('the picture preview is drawn in the browser, identical to the server’s SVG', async ({ actor }) => {
  const amara = await actor('Amara');
  const { page } = amara;
  const created = await amara.api('POST', '/api/maps', { title: TITLE, template: 'learning-community' });
  const mapId = ((await created.json()) as { map: { id: string } }).map.id;
  await amara.openMap(mapId);
  await expect(amara.cardByLabel(IMPACT)).toBeVisible();
  const fontRequests: string[] = [];
  page.on('request', (request) => {
    if (request.url().includes('/fonts/')) fontRequests.push(new URL(request.url()).pathname);
  });
  await page.getByRole('banner').getByRole('button', { name: 'Export', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: `Export “${TITLE}”` });
  await chooseFormat(dialog, 'svg');
  const image = dialog.getByTestId('export-picture-preview').getByRole('img');
  await expect
    .poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
    .toBeGreaterThan(0);
  const drawnHere = await image.evaluate(async (img: HTMLImageElement) => (await fetch(img.src)).text());
  const fromServer = await (await amara.api('GET', `/api/maps/${mapId}/export?format=svg`)).text();
  expect(drawnHere.length).toBeGreaterThan(10_000);
  expect(fromServer.replace(/^<\?xml[^>]*>\n/, '')).toBe(drawnHere);
  // The browser fetched the shipped fonts it needed (emoji for the title), and not the 10 MB CJK font.
  expect(fontRequests).toContain('/fonts/latin-regular.ttf');
  expect(fontRequests).toContain('/fonts/emoji.ttf');
  expect(fontRequests).not.toContain('/fonts/cjk.ttf');
});
