import { PASSWORD } from './support/Actor.ts';
import { expect, requirePrerequisites, test } from './support/fixtures.ts';

requirePrerequisites();

test('signed-out visitors sign in and come back; wrong passwords and throttling are explained', async ({ actor }) => {
  const owner = await actor('Alice');
  const mapId = await owner.createMap('Arts network');
  const dan = await actor('Dan', { signedOut: true });
  const { page } = dan;

  // The sign-up form checks the password against the server's rules as it is typed.
  await page.goto('/signup');
  const hint = page.getByTestId('password-hint');
  // "password12" is ten characters, and among the 49,233 common passwords the check ships with.
  await page.getByLabel('Password', { exact: true }).fill('password12');
  await expect(hint).toHaveText('This is a commonly used password. Add more uncommon words.');
  await page.getByLabel('Password', { exact: true }).fill('short');
  await expect(hint).toHaveText('Use at least 10 characters.');
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await expect(hint).toHaveText('Strong password.');
  await page.getByLabel('Your name').fill('Dan');
  await page.getByLabel('Email').fill(owner.email);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('alert')).toHaveText('An account with that email already exists; sign in instead.');
  await page.getByLabel('Email').fill(dan.email);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByText('No maps yet.')).toBeVisible();
  await page.getByRole('button', { name: 'Account: Dan' }).click();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/signin$/);

  // A map link while signed out: sign in first, then the map (Dan is not a member: it says so).
  await page.goto(`/maps/${mapId}`);
  await expect(page).toHaveURL(new RegExp(`/signin\\?next=%2Fmaps%2F${mapId}$`));
  const form = page.getByRole('form', { name: 'Sign in' });
  await form.getByLabel('Email').fill(dan.email);
  await form.getByLabel('Password', { exact: true }).fill('not the password');
  await form.getByRole('button', { name: 'Sign in' }).click();
  await expect(form.getByRole('alert')).toHaveText('Wrong email or password.');
  await form.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await form.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(new RegExp(`/maps/${mapId}$`));
  await expect(page.getByRole('heading', { name: 'You do not have access to this map' })).toBeVisible();

  // Guessing: after ten wrong passwords for one account from one address, the server says wait
  // (429), and why.
  const other = await actor('Eve', { signedOut: true });
  await other.page.goto('/signin');
  const guess = other.page.getByRole('form', { name: 'Sign in' });
  await guess.getByLabel('Email').fill(owner.email);
  const submit = guess.getByRole('button', { name: /Sign in|Try again/ });
  for (let attempt = 0; attempt < 12; attempt++) {
    await guess.getByLabel('Password', { exact: true }).fill(`guess number ${attempt}`);
    const answer = other.page.waitForResponse((r) => r.url().endsWith('/api/auth/login'));
    await submit.click();
    if ((await answer).status() === 429) break;
    await expect(guess.getByRole('alert')).toHaveText('Wrong email or password.');
  }
  await expect(guess.getByRole('alert')).toHaveText(
    /^Too many wrong passwords for this account from your network; try again in \d+ seconds\.$/,
  );
  await expect(submit).toHaveText(/Try again in \d+ s/);
  await expect(submit).toBeDisabled();
});

test('the account page changes the password, manages API tokens, and deletes the account', async ({
  server,
  actor,
}) => {
  const fay = await actor('Fay');
  const otherDevice = await fay.sessionCookie();
  const { page } = fay;
  await page.goto('/');
  await page.getByRole('button', { name: 'Account: Fay' }).click();
  await page.getByRole('link', { name: 'Account settings' }).click();
  await expect(page.getByRole('heading', { name: 'Fay', level: 1 })).toBeVisible();

  // A map open in another tab of this browser.
  const mapId = await fay.createMap('Plan on the side');
  const tab = await fay.context.newPage();
  await tab.goto(`/maps/${mapId}`);
  await expect(tab.getByTestId('sync-status')).toHaveAttribute('data-status', 'saved');

  // Change the password: this browser stays signed in, every other session ends.
  const password = page.getByRole('form', { name: 'Change password' });
  await password.getByLabel('Current password').fill('wrong current password');
  await password.getByLabel('New password').fill('a brand new passphrase');
  await password.getByRole('button', { name: 'Change password' }).click();
  await expect(password.getByRole('alert')).toHaveText('Your current password is not right.');
  await password.getByLabel('Current password').fill(PASSWORD);
  await password.getByRole('button', { name: 'Change password' }).click();
  await expect(password.getByRole('status')).toHaveText('Password changed. Your other sessions have ended.');
  const me = (cookie: string) => fetch(`${server.url}/api/auth/me`, { headers: { cookie } });
  expect((await me(otherDevice)).status).toBe(401);
  expect((await me(await fay.sessionCookie())).status).toBe(200);
  // The other tab's socket was closed with the old session; it finds the browser's fresh one
  // and reconnects by itself, without asking to sign in again.
  await tab.getByRole('button', { name: 'Add Note', exact: true }).click();
  await tab.keyboard.type('Written after the password change');
  await tab.keyboard.press('Escape');
  await expect(tab.getByTestId('sync-status')).toHaveAttribute('data-status', 'saved');
  await expect(tab.getByRole('dialog', { name: 'Your session has ended' })).toHaveCount(0);
  const exported = (await (await fay.api('GET', `/api/maps/${mapId}/export`)).json()) as {
    nodes: { label: string }[];
  };
  expect(exported.nodes.map((n) => n.label)).toEqual(['Written after the password change']);
  await tab.close();

  // A personal API token: its secret is shown once, it works, and revoking it stops it.
  await page.getByLabel('Token name').fill('Logframe export');
  await page.getByRole('button', { name: 'Create token' }).click();
  const reveal = page.getByRole('region', { name: 'New token' });
  await expect(reveal).toContainText('you will not see it again');
  const secret = await reveal.getByTestId('new-token-secret').inputValue();
  expect(secret).toMatch(/^lm_/);
  const withToken = () => fetch(`${server.url}/api/maps`, { headers: { authorization: `Bearer ${secret}` } });
  expect((await withToken()).status).toBe(200);
  await reveal.getByRole('button', { name: 'I have copied it' }).click();
  await expect(reveal).toHaveCount(0);
  const tokens = page.getByTestId('api-token');
  await expect(tokens).toHaveCount(1);
  await page.reload();
  await expect(tokens).toHaveCount(1);
  await expect(tokens.first()).toContainText('Logframe export');
  await expect(tokens.first()).toContainText(/last used just now/);
  await expect(page.getByText(secret)).toHaveCount(0);
  await page.getByRole('button', { name: 'Revoke Logframe export' }).click();
  await page.getByRole('button', { name: 'Revoke', exact: true }).click();
  await expect(tokens).toHaveCount(0);
  expect((await withToken()).status).toBe(401);

  // Deleting the account is refused while Fay is the only owner of a map someone else uses.
  const gus = await actor('Gus');
  const shared = await fay.createMap('Shared plan');
  await fay.addMember(shared, gus, 'editor');
  await page.getByRole('button', { name: 'Delete account…' }).click();
  const remove = page.getByRole('form', { name: 'Delete account' });
  await remove.getByLabel('Your password, to confirm').fill('a brand new passphrase');
  await remove.getByRole('button', { name: 'Delete my account' }).click();
  await expect(remove.getByRole('alert')).toHaveText(
    'You are the only owner of "Shared plan", which others use: make someone else its owner first.',
  );
  const gusId = await gus.userId();
  expect((await fay.api('PATCH', `/api/maps/${shared}/members/${gusId}`, { role: 'owner' })).status()).toBe(200);
  await remove.getByRole('button', { name: 'Delete my account' }).click();
  await expect(page).toHaveURL(/\/signin$/);
  expect((await fay.api('GET', '/api/auth/me')).status()).toBe(401);
});
