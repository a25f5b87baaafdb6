#!/usr/bin/env node
// The map page's first-load budget (docs/benchmarks.md, "What the map page loads"): the gzip
// size of everything the browser fetches before the map page is usable — index.html, the entry
// chunk, every chunk it imports statically, and their CSS — read from the built client's Vite
// manifest (client/dist/.vite/manifest.json). Run after `pnpm build`; test/run-all.mjs runs it
// right after the client build.
//
// Fails, listing the chunks, when the total is over BUDGET_BYTES, or when the first load holds
// a module that must load only when used (the layout engine, exports, versions and replay,
// history, the account pages), read from client/dist/.vite/chunk-modules.json.
//
//   node test/bundleBudget.mjs [client/dist]
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync, constants } from 'node:zlib';

/**
 * 1 kB = 1000 bytes, gzip level 9 (what a server sends with compression on). The first load was
 * 345.5 kB before the split and 263.7 kB when this was set, with the interface's translations
 * (i18next, react-i18next and the English core of the catalogue, about 25 kB) included
 * (docs/benchmarks.md, "What the map page loads").
 */
export const BUDGET_BYTES = 265_000;

/** Modules that must not be in the first load, with what they are. */
export const LOADED_WHEN_USED = [
  [/(^|\/)node_modules\/(\.pnpm\/[^/]+\/node_modules\/)?elkjs\//, 'the layout engine (elkjs)'],
  [/shared\/src\/layout\/(autoLayout|elkLayered|layoutRanks|stackRanks)\.ts$/, 'the layout engine (autoLayout)'],
  [
    /(^|\/)node_modules\/(\.pnpm\/[^/]+\/node_modules\/)?(harfbuzzjs|bidi-js)\//,
    'an export renderer (harfbuzzjs, bidi-js)',
  ],
  [/shared\/src\/render\/renderMapSvg\.ts$/, 'an export renderer (renderMapSvg)'],
  [/client\/src\/(export|panels\/export)\/(?!ExportButton\.tsx$)/, 'the export menu or its previews'],
  [
    /client\/src\/(pages\/(ReplayStage|VersionStage)\.tsx|canvas\/(ReplayTimeline\.tsx|ReplayFrames\.ts)|collab\/ReplayPlayer\.ts)$/,
    'versions and replay',
  ],
  [
    /client\/src\/panels\/history\/(HistoryPanel|ReviewsPanel|ReviewPage|SnapshotsSection|DecisionsSection)\.tsx$/,
    'the history and reviews panels',
  ],
  [/client\/src\/pages\/(SignInPage|SignUpPage|AccountPage)\.tsx$|client\/src\/pages\/account\//, 'the account pages'],
  [/(^|\/)node_modules\/(\.pnpm\/[^/]+\/node_modules\/)?@zxcvbn-ts\//, 'the password strength meter'],
  [/(^|\/)node_modules\/(\.pnpm\/[^/]+\/node_modules\/)?zod\//, 'zod (the schemas are for the server and imports)'],
  [/shared\/src\/analysis\/logicCheck\.ts$/, 'the logic check (loaded after the first render)'],
];

const kB = (bytes) => `${(bytes / 1000).toFixed(1)} kB`;
const gzipSize = (buffer) => gzipSync(buffer, { level: constants.Z_BEST_COMPRESSION }).length;

/** The files of the first load, in load order: [file, what it is]. */
export function firstLoad(manifest) {
  const entryKey = Object.keys(manifest).find((key) => manifest[key].isEntry && key.endsWith('index.html'));
  if (!entryKey) throw new Error('the manifest has no entry for index.html');
  const files = [];
  const seen = new Set();
  const visit = (key) => {
    if (seen.has(key)) return;
    seen.add(key);
    const chunk = manifest[key];
    if (!chunk) throw new Error(`the manifest names ${key} but has no entry for it`);
    for (const imported of chunk.imports ?? []) visit(imported);
    files.push([chunk.file, key === entryKey ? 'entry' : 'static import']);
    for (const css of chunk.css ?? []) if (!files.some(([file]) => file === css)) files.push([css, 'CSS']);
  };
  visit(entryKey);
  // The words of the interface: fetched at start-up beside the session request, before the
  // first render (client/src/i18n/i18n.ts). English here; each language's core is about the same.
  const catalogue = Object.keys(manifest).find((key) => key.endsWith('src/i18n/locales/en.ts'));
  if (!catalogue) throw new Error('the manifest has no chunk for the English catalogue (src/i18n/locales/en.ts)');
  files.push([manifest[catalogue].file, 'catalogue (en core, at start-up)']);
  return files;
}

export function checkBudget(dist) {
  const manifestFile = join(dist, '.vite', 'manifest.json');
  const modulesFile = join(dist, '.vite', 'chunk-modules.json');
  for (const file of [manifestFile, modulesFile]) {
    if (!existsSync(file)) return { ok: false, report: [`${file} is missing: build the client first (pnpm build)`] };
  }
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
  const modules = JSON.parse(readFileSync(modulesFile, 'utf8'));
  const rows = [['index.html', 'HTML', gzipSize(readFileSync(join(dist, 'index.html')))]];
  for (const [file, kind] of firstLoad(manifest)) rows.push([file, kind, gzipSize(readFileSync(join(dist, file)))]);
  const total = rows.reduce((sum, [, , size]) => sum + size, 0);

  const strays = [];
  for (const [file] of rows) {
    for (const id of modules[file] ?? []) {
      const rule = LOADED_WHEN_USED.find(([pattern]) => pattern.test(id));
      if (rule) strays.push(`${file} holds ${id}: ${rule[1]} must load only when used`);
    }
  }

  const width = Math.max(...rows.map(([file]) => file.length));
  const report = [
    'What the map page loads before it is usable (gzip):',
    ...rows.map(([file, kind, size]) => `  ${file.padEnd(width)}  ${kB(size).padStart(9)}  ${kind}`),
    `  ${'total'.padEnd(width)}  ${kB(total).padStart(9)}  budget ${kB(BUDGET_BYTES)}`,
  ];
  const over = total > BUDGET_BYTES;
  if (over) report.push(`OVER BUDGET by ${kB(total - BUDGET_BYTES)}: the chunks above are the first load.`);
  if (strays.length > 0) report.push('In the first load but must load only when used:', ...strays.map((s) => `  ${s}`));
  return { ok: !over && strays.length === 0, total, report };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const dist = resolve(process.argv[2] ?? join(root, 'client', 'dist'));
  const { ok, report } = checkBudget(dist);
  (ok ? console.log : console.error)(report.join('\n'));
  process.exit(ok ? 0 : 1);
}
