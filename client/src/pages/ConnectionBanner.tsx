import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { CLOSE_CODES } from '@loopmap/shared';
import type { ConnectionProblem } from '../collab/MapSession.ts';
import { closeText } from '../api/errorText.ts';

/** Why the map stopped saving, in words: the close code's (errors:close.<code>). */
export function connectionProblemText(problem: ConnectionProblem, t: TFunction): string {
  switch (problem.kind) {
    case 'not-found':
      return closeText(CLOSE_CODES.mapNotFound, '', t);
    case 'too-large':
      return closeText(CLOSE_CODES.tooLarge, '', t);
    case 'over-budget':
      return closeText(CLOSE_CODES.overBudget, problem.reason, t);
    case 'out-of-step':
      return closeText(CLOSE_CODES.missingDependencies, '', t);
    case 'signed-out':
      return closeText(CLOSE_CODES.unauthorized, '', t);
    case 'no-access':
      return closeText(CLOSE_CODES.forbidden, '', t);
    case 'refused':
      return closeText(problem.code, problem.reason, t);
  }
}

/** Why the map stopped saving, and a way to try again. */
export function ConnectionBanner({ problem, onRetry }: { problem: ConnectionProblem; onRetry: () => void }) {
  const { t } = useTranslation('errors');
  return (
    <div className="banner banner--warning" role="alert">
      <span>{connectionProblemText(problem, t)}</span>
      <button type="button" className="button" onClick={onRetry}>
        {t('common:action.tryAgain')}
      </button>
    </div>
  );
}
