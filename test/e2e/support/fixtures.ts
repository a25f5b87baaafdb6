import { test as base, expect } from '@playwright/test';
import { Actor } from './Actor.ts';
import { missingPrerequisite, servicesRequired } from './environment.ts';
import { LoopmapServer } from './LoopmapServer.ts';

export interface ActorOptions {
  /** No account yet: the scenario signs up through the UI. */
  signedOut?: boolean;
  /** The browser's language (BCP 47, e.g. 'fr-FR', 'ar'); the config's default is en-US. */
  locale?: string;
}

interface Fixtures {
  /** A fresh server and data directory for this test. */
  server: LoopmapServer;
  /**
   * Opens a named actor: their own browser context (own cookies, storage and IndexedDB), signed
   * up over the API unless `signedOut`.
   */
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
      const context = await browser.newContext({
        baseURL: server.url,
        ...(options.locale ? { locale: options.locale } : {}),
      });
      const page = await context.newPage();
      const actor = new Actor(name, context, page, server.url);
      actors.push(actor);
      if (!options.signedOut) await actor.signUp();
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
