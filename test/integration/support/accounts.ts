/** Signed-up users for tests: real accounts over the real REST API, with their session cookie. */
export interface Actor {
  name: string;
  email: string;
  password: string;
  userId: string;
  baseUrl: string;
  cookie: string;
  /** A JSON request as this user (session cookie, same-origin like the browser client). */
  api(method: string, path: string, body?: unknown, headers?: Record<string, string | undefined>): Promise<ApiResponse>;
}

export interface ApiResponse {
  status: number;
  headers: Headers;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- test convenience
}

/** The Origin header a browser sends on a same-origin state change (none on GET or HEAD). */
export function browserOrigin(baseUrl: string, method = 'POST'): { origin?: string } {
  return method === 'GET' || method === 'HEAD' ? {} : { origin: new URL(baseUrl).origin };
}

export function sessionCookieFrom(headers: Headers): string | null {
  for (const cookie of headers.getSetCookie()) {
    const match = /^(loopmap_session=[^;]*)/.exec(cookie);
    if (match) return match[1]!;
  }
  return null;
}

/**
 * A JSON request as the browser client makes it: Content-Type application/json and, on a state
 * change, the server's own Origin. A header given as undefined is left out (to send a request
 * without Origin, say).
 */
export async function request(
  baseUrl: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string | undefined> = {},
): Promise<ApiResponse> {
  const sent: Record<string, string> = {};
  const defaults = { 'content-type': 'application/json', ...browserOrigin(baseUrl, method) };
  for (const [name, value] of Object.entries({ ...defaults, ...headers })) if (value !== undefined) sent[name] = value;
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: sent,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = null;
  try {
    parsed = text.length > 0 ? JSON.parse(text) : null;
  } catch {
    parsed = text;
  }
  return { status: res.status, headers: res.headers, body: parsed };
}

let counter = 0;

/** Signs up a new user (unique email) and returns them signed in. */
export async function signUp(baseUrl: string, name: string): Promise<Actor> {
  const email = `${name.toLowerCase().replace(/\W+/g, '.')}.${process.pid}.${++counter}@example.org`;
  const password = `correct horse battery staple ${counter}`;
  const res = await request(baseUrl, 'POST', '/api/auth/signup', { email, password, name });
  if (res.status !== 201) throw new Error(`sign-up failed: ${res.status} ${JSON.stringify(res.body)}`);
  const cookie = sessionCookieFrom(res.headers);
  if (!cookie) throw new Error('sign-up set no session cookie');
  const actor: Actor = {
    name,
    email,
    password,
    userId: res.body.user.id,
    baseUrl,
    cookie,
    api: (method, path, body, headers = {}) =>
      request(baseUrl, method, path, body, { cookie: actor.cookie, ...headers }),
  };
  return actor;
}

/** Creates a map owned by the actor. */
export async function createMapAs(actor: Actor, title = 'Test map'): Promise<string> {
  const res = await actor.api('POST', '/api/maps', { title });
  if (res.status !== 201) throw new Error(`create map failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.map.id;
}

/** Makes `member` a member of the map with a role, as the owner. */
export async function addMember(owner: Actor, mapId: string, member: Actor, role: string): Promise<void> {
  const res = await owner.api('POST', `/api/maps/${mapId}/members`, { email: member.email, role });
  if (res.status !== 201) throw new Error(`add member failed: ${res.status} ${JSON.stringify(res.body)}`);
}
