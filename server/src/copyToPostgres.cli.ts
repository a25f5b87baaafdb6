/**
 * Copies a Loopmap SQLite data file into an empty PostgreSQL database and verifies the copy:
 *   node --import tsx server/src/copyToPostgres.cli.ts --from data/loopmap.sqlite --to postgres://user@host:5432/db
 * (or `pnpm copy-to-postgres -- --from … --to …`; --to defaults to DATABASE_URL). Stop the server
 * first. Exits 0 when every table and every map matches, 1 on a mismatch or failure, 2 on bad
 * arguments. The password in the URL is never printed.
 */
import { parseArgs } from 'node:util';
import { existsSync } from 'node:fs';
import { copySqliteToPostgres, CopyRefusedError, redactUrl } from './storage/copyToPostgres.ts';

const USAGE =
  'usage: copy-to-postgres --from DATA_DIR/loopmap.sqlite --to postgres://user:password@host:5432/db [--schema name]';

function fail(code: number, message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

let values: { from?: string; to?: string; schema?: string; help?: boolean };
try {
  ({ values } = parseArgs({
    options: {
      from: { type: 'string' },
      to: { type: 'string' },
      schema: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  }));
} catch (error) {
  fail(2, `${(error as Error).message}\n${USAGE}`);
}
if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
const from = values.from;
const to = values.to ?? process.env.DATABASE_URL;
if (!from || !to) fail(2, USAGE);
if (!existsSync(from)) fail(2, `no SQLite file at ${from}`);

/** Any message, with the URL's password taken out should a library have quoted it. */
const password = (() => {
  try {
    return decodeURIComponent(new URL(to).password);
  } catch {
    return '';
  }
})();
const safe = (text: string): string =>
  (password ? text.split(password).join('***') : text).split(to).join(redactUrl(to));
const say = (line: string): void => void process.stdout.write(`${safe(line)}\n`);

let lastReport = 0;
try {
  say(`copying ${from} to ${redactUrl(to)}`);
  const result = await copySqliteToPostgres({
    sqliteFile: from,
    databaseUrl: to,
    schema: values.schema,
    log: say,
    onProgress: ({ table, copied, total }) => {
      // A line at most every second for large tables; the table's total is logged when done.
      if (copied < total && Date.now() - lastReport > 1000) {
        lastReport = Date.now();
        say(`  ${table}: ${copied}/${total}`);
      }
    },
  });
  const { verification } = result;
  const rows = result.copied.reduce((sum, table) => sum + table.rows, 0);
  say('');
  say(`copied ${rows} rows in ${result.copied.length} tables`);
  for (const check of verification.tables) {
    say(
      `  ${check.table.padEnd(20)} sqlite ${String(check.sqlite).padStart(8)}  postgres ${String(check.postgres).padStart(8)}  ${
        check.sqlite === check.postgres && check.sameRows ? 'ok' : 'MISMATCH'
      }`,
    );
  }
  say(`documents: ${verification.mapsChecked} maps rebuilt on both sides`);
  say(`users: ${verification.usersChecked} found by email with the same password hash`);
  if (!verification.ok) {
    for (const problem of verification.problems) say(`MISMATCH ${problem}`);
    fail(
      1,
      `verification failed: ${verification.problems.length} problems (the copy was committed; do not switch to it)`,
    );
  }
  say('verification passed: start Loopmap with DATABASE_URL set to this database');
} catch (error) {
  const message = error instanceof CopyRefusedError ? error.message : `copy failed: ${(error as Error).message}`;
  fail(1, safe(message));
}
