import { AUTH_API } from '@loopmap/shared';
import { request } from './request.ts';

/** A personal API token as listed: never its secret, which is shown once, at creation. */
export interface ApiTokenView {
  id: string;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
}

export async function listTokens(): Promise<ApiTokenView[]> {
  const { tokens } = await request<{ tokens: ApiTokenView[] }>('GET', AUTH_API.tokens);
  return tokens;
}

export async function createToken(name: string): Promise<{ token: ApiTokenView; secret: string }> {
  return request<{ token: ApiTokenView; secret: string }>('POST', AUTH_API.tokens, { name });
}

/** Revoking a token also closes the sockets opened with it. */
export async function revokeToken(id: string): Promise<void> {
  await request<void>('DELETE', AUTH_API.token(id));
}
