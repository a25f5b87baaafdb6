// The document loader's worker entry (docLoader.ts): plain JavaScript that teaches the thread
// TypeScript (as tsx does for the server's own thread), then loads the worker itself.
import { register } from 'tsx/esm/api';

register();
await import('./loadWorker.ts');
