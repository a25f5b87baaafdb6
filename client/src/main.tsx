import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
import './styles/base.css';
import { App } from './app/App.tsx';
import { authStore } from './auth/useSession.ts';
import { setUpLanguage } from './i18n/i18n.ts';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

// Who is signed in: the router waits for this one request before showing any page.
void authStore.load();

// Keep the app itself on this device, so maps reopen while the server cannot be reached
// (client/public/sw.js). Only in builds: the dev server's modules change on every edit.
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js').catch((error: unknown) => {
      console.warn('Loopmap could not keep the app for offline use', error);
    });
  });
}

// The catalogue of the language in use is ready before the first render (English is in this
// bundle; another language is one chunk, fetched while the session loads).
void setUpLanguage().finally(() => {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
});
