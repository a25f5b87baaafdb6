import type { ConnectionProblem } from '../collab/MapSession.ts';

function describe(problem: ConnectionProblem): string {
  switch (problem.kind) {
    case 'not-found':
      return 'This map no longer exists on the server.';
    case 'too-large':
      return 'Your last change is too large to save (over 1 MB). Undo it, then try again. It is kept on this device.';
    case 'over-budget':
      return `The server did not save your last change: it would take this map over a limit (${problem.reason}). Undo it, then try again. It is kept on this device.`;
    case 'out-of-step':
      return 'The server could not fit your changes to its copy of the map. Reload the page to try again; your changes are kept on this device.';
    case 'signed-out':
      return 'Your session has ended. Sign in again to keep editing — your changes are kept on this device.';
    case 'no-access':
      return 'You no longer have access to this map.';
    case 'refused':
      return 'The server refused a message from this tab. Your changes are kept on this device.';
  }
}

/** Why the map stopped saving, and a way to try again. */
export function ConnectionBanner({ problem, onRetry }: { problem: ConnectionProblem; onRetry: () => void }) {
  return (
    <div className="banner banner--warning" role="alert">
      <span>{describe(problem)}</span>
      <button type="button" className="button" onClick={onRetry}>
        Try again
      </button>
    </div>
  );
}
