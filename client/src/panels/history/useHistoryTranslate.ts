import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Translate } from '@loopmap/shared';

/**
 * The `history` namespace's translator as the plain `Translate` that shared/ and the pure text
 * helpers of this area take (describeChange, historyText, changeText…), so one `t` serves the
 * JSX and the helpers. It changes, and its component renders again, when the language does.
 */
export function useHistoryTranslate(): Translate {
  const { t } = useTranslation('history');
  return useMemo<Translate>(() => (key, values) => t(key, values ?? {}) as string, [t]);
}
