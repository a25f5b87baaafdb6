import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
import './styles/base.css';
import { App } from './app/App.tsx';
import { authStore } from './auth/useSession.ts';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

// Who is signed in: the router waits for this one request before showing any page.
void authStore.load();

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
