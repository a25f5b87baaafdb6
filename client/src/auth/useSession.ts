import { useSyncExternalStore } from 'react';
import type { UserView } from '@loopmap/shared';
import * as authApi from '../api/authApi.ts';
import { onSessionEnded } from '../api/request.ts';
import { AuthStore, type SessionState, type UserMemory } from './AuthStore.ts';

const MEMORY_KEY = 'loopmap:user';

/** The last signed-in user, so a map opens offline from this device's copy. Cleared on sign-out. */
const localMemory: UserMemory = {
  load() {
    try {
      const raw = window.localStorage.getItem(MEMORY_KEY);
      const parsed = raw ? (JSON.parse(raw) as Partial<UserView>) : null;
      if (parsed && typeof parsed.id === 'string' && typeof parsed.name === 'string') {
        return { id: parsed.id, name: parsed.name, email: String(parsed.email ?? '') };
      }
    } catch {
      // unreadable: as if nothing was remembered
    }
    return null;
  },
  save(user) {
    try {
      if (user) window.localStorage.setItem(MEMORY_KEY, JSON.stringify(user));
      else window.localStorage.removeItem(MEMORY_KEY);
    } catch {
      // storage refused: nothing is remembered across reloads
    }
  },
};

/** The one session store of this tab. */
export const authStore = new AuthStore(authApi, localMemory);

// Any request that the server answers with 401 "sign in first" tells the store.
onSessionEnded(() => authStore.expire());

/** The account session (who is signed in), re-rendering when it changes. */
export function useSession(): SessionState {
  return useSyncExternalStore(authStore.subscribe, authStore.getState);
}
