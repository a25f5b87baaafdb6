import { expect, type APIResponse, type BrowserContext, type Locator, type Page } from '@playwright/test';

export interface CardState {
  kind: string;
  label: string;
  x: number;
  y: number;
}

export interface LinkState {
  source: string;
  target: string;
  label: string;
}

/** Every actor's password: long enough, not on the server's block-list. */
export const PASSWORD = 'correct horse battery staple';

export type Role = 'owner' | 'facilitator' | 'editor' | 'commenter' | 'viewer';

/**
 * One person in a scenario: a browser context of their own (own cookies, storage, IndexedDB), an
 * account (email `<name>@example.org`), and the actions and readiness checks a scenario reads
 * like ("alice adds an outcome", "bob sees it"). Every wait is on a visible condition; nothing
 * sleeps.
 *
 * Set-up calls (sign up, create a map, add a member) go through `context.request`, which shares
 * the context's cookie jar: a sign-up there signs the browser in too. They send the server's own
 * Origin, as the browser client's same-origin fetches do: the server refuses a state change
 * with a session cookie that says neither where it comes from (Origin) nor Sec-Fetch-Site.
 */
export class Actor {
  private id: string | null = null;

  constructor(
    readonly name: string,
    readonly context: BrowserContext,
    public page: Page,
    /** The server's origin, e.g. http://127.0.0.1:41234. */
    readonly serverUrl: string,
  ) {}

  get email(): string {
    return `${this.name.toLowerCase()}@example.org`;
  }

  get password(): string {
    return PASSWORD;
  }

  // ── The account, set up over the API ──────────────────────────────────────────────────────

  async api(method: string, path: string, body?: unknown): Promise<APIResponse> {
    return this.context.request.fetch(path, {
      method,
      data: body === undefined ? undefined : body,
      headers: method === 'GET' || method === 'HEAD' ? {} : { origin: new URL(this.serverUrl).origin },
    });
  }

  private async expectStatus(response: APIResponse, status: number, what: string): Promise<void> {
    if (response.status() !== status) {
      throw new Error(`${this.name}: ${what} failed with ${response.status()} ${await response.text()}`);
    }
  }

  /** Creates the account over the API; the browser context is then signed in. */
  async signUp(): Promise<void> {
    const response = await this.api('POST', '/api/auth/signup', {
      name: this.name,
      email: this.email,
      password: PASSWORD,
    });
    await this.expectStatus(response, 201, 'sign-up');
    this.id = ((await response.json()) as { user: { id: string } }).user.id;
  }

  /** The account's id (asked once from the server, for accounts made through the UI). */
  async userId(): Promise<string> {
    if (this.id) return this.id;
    const response = await this.api('GET', '/api/auth/me');
    await this.expectStatus(response, 200, 'who am I');
    this.id = ((await response.json()) as { user: { id: string } }).user.id;
    return this.id;
  }

  async createMap(title: string, kind: 'theory-of-change' | 'partnership' = 'theory-of-change'): Promise<string> {
    const response = await this.api('POST', '/api/maps', { title, kind });
    await this.expectStatus(response, 201, 'create map');
    return ((await response.json()) as { map: { id: string } }).map.id;
  }

  /** Adds someone with an account to a map (as its owner). */
  async addMember(mapId: string, member: Actor, role: Role): Promise<void> {
    const response = await this.api('POST', `/api/maps/${mapId}/members`, { email: member.email, role });
    await this.expectStatus(response, 201, `add ${member.name} as ${role}`);
  }

  /** The session cookie as a `cookie` header value, as another device holding it would send it. */
  async sessionCookie(): Promise<string> {
    const cookie = (await this.context.cookies()).find((c) => c.name === 'loopmap_session');
    if (!cookie) throw new Error(`${this.name} has no session cookie`);
    return `${cookie.name}=${cookie.value}`;
  }

  // ── Signing up and in through the UI ──────────────────────────────────────────────────────

  /** Fills and sends the sign-up form on the page it is on (/signup). */
  async signUpInUi(): Promise<void> {
    const form = this.page.getByRole('form', { name: 'Create account' });
    await form.getByLabel('Your name').fill(this.name);
    await form.getByLabel('Email').fill(this.email);
    await form.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await form.getByRole('button', { name: 'Create account' }).click();
    await expect(form).toHaveCount(0);
  }

  /** Fills and sends the sign-in form on the page it is on (/signin). */
  async signInInUi(): Promise<void> {
    const form = this.page.getByRole('form', { name: 'Sign in' });
    await form.getByLabel('Email').fill(this.email);
    await form.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await form.getByRole('button', { name: 'Sign in' }).click();
    await expect(form).toHaveCount(0);
  }

  async closeTab(): Promise<void> {
    await this.page.close();
  }

  /** A new tab in the same browser profile (same localStorage and IndexedDB). */
  async openNewTab(): Promise<void> {
    this.page = await this.context.newPage();
  }

  /** How many updates this user's copy of the map on this device (y-indexeddb) holds. */
  async updatesStoredOnDevice(mapId: string): Promise<number> {
    const userId = await this.userId();
    return this.page.evaluate(
      (name) =>
        new Promise<number>((resolve, reject) => {
          const open = indexedDB.open(name);
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const db = open.result;
            if (!db.objectStoreNames.contains('updates')) {
              db.close();
              resolve(0);
              return;
            }
            const count = db.transaction('updates').objectStore('updates').count();
            count.onsuccess = () => {
              db.close();
              resolve(count.result);
            };
            count.onerror = () => reject(count.error);
          };
        }),
      `loopmap:${userId}:${mapId}`,
    );
  }

  // ── Navigation and readiness ─────────────────────────────────────────────────────────────

  async openMap(mapId: string): Promise<void> {
    await this.page.goto(`/maps/${encodeURIComponent(mapId)}`);
    await this.expectSaved();
  }

  get syncStatus(): Locator {
    return this.page.getByTestId('sync-status');
  }

  /** Connected, synced, and every change this tab made is acknowledged as stored. */
  async expectSaved(): Promise<void> {
    await expect(this.syncStatus).toHaveAttribute('data-status', 'saved');
  }

  /** A viewer or commenter: connected and following the map live. */
  async expectLive(): Promise<void> {
    await expect(this.syncStatus).toHaveAttribute('data-status', 'live');
  }

  /** Opens a map this actor may only view (no "saved": nothing of theirs is stored). */
  async openMapReadOnly(mapId: string): Promise<void> {
    await this.page.goto(`/maps/${encodeURIComponent(mapId)}`);
    await this.expectLive();
  }

  async reload(): Promise<void> {
    await this.page.reload();
    await this.expectSaved();
  }

  // ── Cards ────────────────────────────────────────────────────────────────────────────────

  card(id: string): Locator {
    return this.page.locator(`.react-flow__node[data-id="${id}"]`);
  }

  cardByLabel(label: string): Locator {
    return this.page.locator('.react-flow__node').filter({ has: this.page.getByText(label, { exact: true }) });
  }

  /** Adds a card from the palette, types its label in the editor that opens, returns its id. */
  async addCard(kind: string, label: string): Promise<string> {
    await this.page.getByRole('button', { name: `Add ${kind}`, exact: true }).click();
    const editor = this.page.getByLabel('Card title', { exact: true });
    await expect(editor).toBeFocused();
    const id = await editor.evaluate((element) => element.closest('.react-flow__node')?.getAttribute('data-id'));
    if (!id) throw new Error('the label editor is not inside a card');
    await editor.pressSequentially(label);
    await editor.press('Escape');
    await expect(this.card(id)).toContainText(label);
    return id;
  }

  /** Opens a card's label in place (double-click), replaces it, closes with Enter. */
  async renameCard(id: string, label: string): Promise<void> {
    await this.card(id).locator('.card__label').dblclick();
    const editor = this.card(id).getByLabel('Card title', { exact: true });
    await expect(editor).toBeFocused();
    await editor.fill(label);
    await editor.press('Enter');
    await expect(editor).toHaveCount(0);
  }

  async selectCard(id: string): Promise<void> {
    await this.card(id).locator('.card__label').click();
    await expect(this.card(id)).toHaveClass(/selected/);
  }

  async deleteCard(id: string): Promise<void> {
    await this.selectCard(id);
    await this.page.keyboard.press('Delete');
    await expect(this.card(id)).toHaveCount(0);
  }

  /** Presses on a card, moves by (dx, dy) screen pixels in steps, and (unless told) releases. */
  async dragCard(id: string, dx: number, dy: number, { release = true } = {}): Promise<void> {
    const box = await this.card(id).locator('.card__label').boundingBox();
    if (!box) throw new Error(`card ${id} is not on screen`);
    const x = box.x + box.width / 2;
    const y = box.y + box.height / 2;
    await this.page.mouse.move(x, y);
    await this.page.mouse.down();
    const steps = 12;
    for (let i = 1; i <= steps; i++) await this.page.mouse.move(x + (dx * i) / steps, y + (dy * i) / steps);
    if (release) await this.page.mouse.up();
  }

  /**
   * "Fit the whole map" and its animation: new cards go beside the selection or into their lane,
   * where a view moved by someone else's card may not reach (cards out of view are not drawn).
   */
  async fitWholeMap(): Promise<void> {
    await this.page.getByRole('button', { name: 'Fit the whole map' }).click();
    await this.page.waitForTimeout(450);
  }

  async releaseMouse(): Promise<void> {
    await this.page.mouse.up();
  }

  /** Drags from the source handle of one card to the target handle of another. */
  async connect(sourceId: string, targetId: string): Promise<void> {
    await this.card(sourceId).hover();
    const from = await this.card(sourceId).locator('.react-flow__handle.source').boundingBox();
    const to = await this.card(targetId).locator('.react-flow__handle.target').boundingBox();
    if (!from || !to) throw new Error('handles are not on screen');
    await this.page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await this.page.mouse.down();
    await this.page.mouse.move(to.x - 30, to.y + to.height / 2, { steps: 8 });
    await this.page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 4 });
    await this.page.mouse.up();
  }

  /** The screen-independent position of a card as drawn (React Flow's transform, flow units). */
  async drawnPosition(id: string): Promise<{ x: number; y: number }> {
    const transform = await this.card(id).evaluate((element) => (element as HTMLElement).style.transform);
    const match = /translate\((-?[\d.]+)px,\s*(-?[\d.]+)px\)/.exec(transform);
    if (!match) throw new Error(`card ${id} has no position (${transform})`);
    return { x: Number(match[1]), y: Number(match[2]) };
  }

  // ── Links ────────────────────────────────────────────────────────────────────────────────

  get links(): Locator {
    return this.page.locator('.react-flow__edge');
  }

  /** Double-clicks the middle of a link's curve and types its label (Enter closes the field). */
  async labelLink(index: number, label: string): Promise<void> {
    const point = await this.links.nth(index).evaluate((group) => {
      const path = group.querySelector<SVGPathElement>('.link__path');
      const matrix = path?.getScreenCTM();
      if (!path || !matrix) return null;
      const middle = path.getPointAtLength(path.getTotalLength() / 2);
      return new DOMPoint(middle.x, middle.y).matrixTransform(matrix);
    });
    if (!point) throw new Error(`link ${index} is not on screen`);
    await this.page.mouse.dblclick(point.x, point.y);
    const field = this.page.getByLabel('Link rationale', { exact: true });
    await expect(field).toBeFocused();
    await field.pressSequentially(label);
    await field.press('Enter');
    await expect(field).toHaveCount(0);
  }

  // ── Presence ─────────────────────────────────────────────────────────────────────────────

  /** Moves the pointer over the canvas, at a point relative to its top-left corner. */
  async pointAt(x: number, y: number): Promise<void> {
    const pane = await this.page.locator('.react-flow__pane').boundingBox();
    if (!pane) throw new Error('no canvas on screen');
    await this.page.mouse.move(pane.x + x, pane.y + y, { steps: 5 });
  }

  remoteCursor(name: string): Locator {
    return this.page.getByTestId('remote-cursor').filter({ hasText: name });
  }

  // ── The document, read through the debugging hook (never written from tests) ─────────────

  async cardsInDocument(): Promise<Record<string, CardState>> {
    return this.page.evaluate(() => {
      const hook = window.__loopmap;
      if (!hook) throw new Error('no map open');
      const out: Record<string, CardState> = {};
      hook.doc.getMap('nodes').forEach((record, id) => {
        const map = record as { get(key: string): unknown };
        out[id] = {
          kind: String(map.get('kind')),
          label: String(map.get('label')),
          x: Number(map.get('x')),
          y: Number(map.get('y')),
        };
      });
      return out;
    });
  }

  async linksInDocument(): Promise<LinkState[]> {
    return this.page.evaluate(() => {
      const hook = window.__loopmap;
      if (!hook) throw new Error('no map open');
      const out: LinkState[] = [];
      hook.doc.getMap('edges').forEach((record) => {
        const map = record as { get(key: string): unknown };
        out.push({
          source: String(map.get('source')),
          target: String(map.get('target')),
          label: String(map.get('label')),
        });
      });
      return out;
    });
  }
}

/** The parts of a Y.Map the scenarios touch through the debugging hook. */
export interface YMapLike {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  delete(key: string): void;
  forEach(f: (value: unknown, key: string) => void): void;
}

declare global {
  interface Window {
    __loopmap?: {
      doc: { getMap(name: string): YMapLike };
      provider: {
        awareness: { setLocalStateField(field: string, value: unknown): void };
        connect(): void;
        disconnect(): void;
      };
    };
  }
}
