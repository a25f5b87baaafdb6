import { useSyncExternalStore } from 'react';
import { isLanguage, type AccountView } from '@loopmap/shared';
import * as authApi from '../api/authApi.ts';
import { onSessionEnded } from '../api/request.ts';
import { currentLanguage, switchLanguage } from '../i18n/i18n.ts';
import { AuthStore, type SessionState, type UserMemory } from './AuthStore.ts';

const MEMORY_KEY = 'loopmap:user';

/** The last signed-in user, so a map opens offline from this device's copy. Cleared on sign-out. */
const localMemory: UserMemory = {
  load() {
    try {
      const raw = window.localStorage.getItem(MEMORY_KEY);
      const parsed = raw ? (JSON.parse(raw) as Partial<AccountView>) : null;
      if (parsed && typeof parsed.id === 'string' && typeof parsed.name === 'string') {
        return {
          id: parsed.id,
          name: parsed.name,
          email: String(parsed.email ?? ''),
          language: isLanguage(parsed.language) ? parsed.language : null,
        };
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
export const authStore = new AuthStore(authApi, localMemory, (language) => {
  // Remembered on this device too, so the next visit starts in it before the session loads.
  if (language !== currentLanguage()) void switchLanguage(language);
});

// Any request that the server answers with 401 "sign in first" tells the store.
onSessionEnded(() => authStore.expire());

/** The account session (who is signed in), re-rendering when it changes. */
export function useSession(): SessionState {
  return useSyncExternalStore(authStore.subscribe, authStore.getState);
}
