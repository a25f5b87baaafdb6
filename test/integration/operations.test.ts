import { afterEach, describe, expect, it } from 'vitest';
import { addNode, createOrigin, readNodes } from '@loopmap/shared';
import type { RunningServer } from '@loopmap/server';
import { createMapAs, request, signUp } from './support/accounts.ts';
import { connectPeer, type TestPeer } from './support/peers.ts';
import { removeDir, startChildServer, startTestServer, tempDataDir, type ChildServer } from './support/servers.ts';
import { waitFor } from './support/waitFor.ts';

/** One sample's value from Prometheus text, e.g. sample(text, 'loopmap_open_maps'). */
function sample(text: string, name: string): number | null {
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line === undefined ? null : Number(line.slice(name.length + 1));
}

describe('operations: /metrics, /readyz and logs', () => {
  let server: RunningServer | null = null;
  let child: ChildServer | null = null;
  const peers: TestPeer[] = [];
  const dirs: string[] = [];
  afterEach(async () => {
    for (const p of peers.splice(0)) p.destroy();
    await server?.close().catch(() => {});
    server = null;
    await child?.stop();
    child = null;
    for (const dir of dirs.splice(0)) removeDir(dir);
  });
  const dir = (): string => {
    const d = tempDataDir('loopmap-ops');
    dirs.push(d);
    return d;
  };

  it('/metrics counts connections, open maps, stored updates, propagation and storage time', async () => {
    server = await startTestServer(dir());
    const owner = await signUp(server.url, 'Owner');
    const mapId = await createMapAs(owner, 'Measured');
    const alice = connectPeer(server.url, mapId, 'alice', owner);
    const bob = connectPeer(server.url, mapId, 'bob', owner);
    peers.push(alice, bob);
    await Promise.all([alice.whenSynced(), bob.whenSynced()]);
    for (let i = 0; i < 5; i++)
      addNode(alice.doc, { kind: 'outcome', label: `c${i}`, x: i, y: 0 }, createOrigin('user', 'a'));
    await waitFor(() => readNodes(bob.doc).length === 5, 'bob has the cards');
    await alice.whenSaved();

    const res = await fetch(`${server.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await res.text();
    expect(sample(text, 'loopmap_connections')).toBe(2);
    expect(sample(text, 'loopmap_open_maps')).toBe(1);
    expect(sample(text, 'loopmap_updates_total')).toBeGreaterThanOrEqual(5);
    expect(sample(text, 'loopmap_propagation_seconds_count')).toBeGreaterThanOrEqual(5);
    expect(text).toMatch(/loopmap_storage_seconds_count\{op="appendUpdates"\} [1-9]/);
    expect(text).toMatch(/loopmap_storage_seconds_count\{op="loadDoc"\} 1/);
    expect(text).toMatch(/^loopmap_nodejs_eventloop_lag_seconds /m);
    expect(text).toMatch(/^loopmap_process_resident_memory_bytes /m);

    // Warnings are counted by event: a text frame on the document socket is one.
    const before =
      sample(text, 'loopmap_log_events_total{level="warn",event="text frame on the document socket, closing"}') ?? 0;
    const { default: WebSocket } = await import('ws');
    const ws = new WebSocket(`${server.url.replace('http', 'ws')}/ws/${mapId}`, {
      headers: { cookie: owner.cookie, origin: server.url },
    });
    await new Promise<void>((resolve) => ws.once('open', () => resolve()));
    ws.send('hello');
    await new Promise<void>((resolve) => ws.once('close', () => resolve()));
    const after = await (await fetch(`${server.url}/metrics`)).text();
    expect(
      sample(after, 'loopmap_log_events_total{level="warn",event="text frame on the document socket, closing"}'),
    ).toBe(before + 1);
  });

  it('/metrics wants the metrics token when one is set', async () => {
    server = await startTestServer(dir(), { metricsToken: 'ops-secret-123' });
    const refused = await fetch(`${server.url}/metrics`);
    expect(refused.status).toBe(401);
    expect((await refused.json()).error.code).toBe('unauthorized');
    const wrong = await fetch(`${server.url}/metrics`, { headers: { authorization: 'Bearer nope' } });
    expect(wrong.status).toBe(401);
    const ok = await fetch(`${server.url}/metrics`, { headers: { authorization: 'Bearer ops-secret-123' } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('loopmap_open_maps');
  });

  it('/readyz says ready while storage answers, and 503 with the reason when it does not', async () => {
    server = await startTestServer(dir());
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ready: true });
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    await server.store.close(); // the database goes away under the running server
    const notReady = await fetch(`${server.url}/readyz`);
    expect(notReady.status).toBe(503);
    const body = await notReady.json();
    expect(body.ready).toBe(false);
    expect(body.error.code).toBe('not_ready');
    expect(body.error.message).toMatch(/storage unavailable/);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200); // alive, not ready
  });

  it('the server process logs JSON lines with request ids, and never a password, token or cookie', async () => {
    child = await startChildServer(dir());
    const owner = await signUp(child.url, 'Logged');
    // A wrong password, a token made and used, a request carrying its own id.
    const wrong = await request(child.url, 'POST', '/api/auth/login', {
      email: owner.email,
      password: 'not the password 123',
    });
    expect(wrong.status).toBe(401);
    const made = await owner.api('POST', '/api/tokens', { name: 'ci' });
    expect(made.status).toBe(201);
    const secret: string = made.body.secret;
    const viaToken = await fetch(`${child.url}/api/maps`, {
      headers: { authorization: `Bearer ${secret}`, 'x-request-id': 'trace-42' },
    });
    expect(viaToken.status).toBe(200);
    expect(viaToken.headers.get('x-request-id')).toBe('trace-42');
    // An invite link's token is a secret in the path: logged as :token.
    const mapId = await createMapAs(owner, 'Invited');
    const invite = await owner.api('POST', `/api/maps/${mapId}/invites`, { role: 'editor' });
    expect(invite.status).toBe(201);
    const inviteToken: string = invite.body.token;
    const guest = await signUp(child.url, 'Guest');
    expect((await guest.api('GET', `/api/invites/${inviteToken}`)).status).toBe(200);
    await waitFor(() => child!.output().includes('"reqId":"trace-42"'), 'the request is logged');

    const lines = child
      .output()
      .split('\n')
      .filter((l) => l.trim().length > 0);
    const entries = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    for (const entry of entries) {
      expect(entry).toHaveProperty('level');
      expect(entry).toHaveProperty('time');
      expect(entry).toHaveProperty('msg');
    }
    const requests = entries.filter((e) => e.msg === 'request');
    expect(requests.some((e) => e.path === '/api/auth/login' && e.status === 401)).toBe(true);
    expect(requests.every((e) => typeof e.reqId === 'string' && (e.reqId as string).length > 0)).toBe(true);
    expect(requests.some((e) => e.path === '/api/invites/:token' && e.status === 200)).toBe(true);
    const all = child.output();
    for (const secretText of [
      owner.password,
      'not the password 123',
      secret,
      owner.cookie.split('=')[1]!,
      inviteToken,
    ]) {
      expect(all).not.toContain(secretText);
    }
  });
});
