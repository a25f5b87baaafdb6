import { test as base, expect } from '@playwright/test';
import { Actor } from './Actor.ts';
import { missingPrerequisite, servicesRequired } from './environment.ts';
import { LoopmapServer } from './LoopmapServer.ts';

/** Distinct colours so screenshots of failures tell the actors apart. */
const COLORS: Record<string, string> = { Alice: '#e4572e', Bob: '#3a86ff', Carol: '#17a398' };

export interface ActorOptions {
  /** Leave the identity unset, so the first-visit name prompt shows. */
  anonymous?: boolean;
}

interface Fixtures {
  /** A fresh server and data directory for this test. */
  server: LoopmapServer;
  /** Opens a named actor: their own browser context, so their own storage and IndexedDB. */
  actor: (name: string, options?: ActorOptions) => Promise<Actor>;
}

export const test = base.extend<Fixtures>({
  // Playwright reads a fixture's dependencies from its destructuring pattern: none here.
  // eslint-disable-next-line no-empty-pattern
  server: async ({}, use) => {
    const server = await LoopmapServer.start();
    try {
      await use(server);
    } finally {
      await server.dispose();
    }
  },

  actor: async ({ browser, server }, use) => {
    const actors: Actor[] = [];
    await use(async (name, options = {}) => {
      const context = await browser.newContext({ baseURL: server.url });
      if (!options.anonymous) {
        const identity = { id: `${name.toLowerCase()}-e2e`, name, color: COLORS[name] ?? '#7b61ff', named: true };
        await context.addInitScript((value) => {
          if (!window.localStorage.getItem('loopmap:identity')) {
            window.localStorage.setItem('loopmap:identity', value);
          }
        }, JSON.stringify(identity));
      }
      const page = await context.newPage();
      const actor = new Actor(name, context, page);
      actors.push(actor);
      return actor;
    });
    for (const actor of actors) await actor.context.close();
  },
});

/**
 * Skips every test of the calling file, with the reason printed, when Chromium or the built
 * client is missing; with LOOPMAP_REQUIRE_SERVICES=1 the tests fail instead.
 */
let reasonPrinted = false;

export function requirePrerequisites(): void {
  const missing = missingPrerequisite();
  if (!missing) return;
  if (servicesRequired) {
    test('prerequisites for the end-to-end tests', () => {
      throw new Error(`${missing} (LOOPMAP_REQUIRE_SERVICES=1 turns this skip into a failure)`);
    });
    return;
  }
  if (!reasonPrinted) console.log(`Skipping end-to-end tests: ${missing}`);
  reasonPrinted = true;
  test.skip(true, missing);
}

export { expect };
