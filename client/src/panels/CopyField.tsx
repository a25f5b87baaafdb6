import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CheckIcon, CopyIcon } from '../app/icons.tsx';

async function copyText(text: string, input: HTMLInputElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // No clipboard API (an insecure origin, a refused permission): select it for Ctrl+C.
    input?.select();
    return false;
  }
}

/** A read-only value (a token, a link) with a Copy button that confirms the copy. */
export function CopyField({ value, label, testId }: { value: string; label: string; testId?: string }) {
  const { t } = useTranslation('common');
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<'yes' | 'select' | null>(null);
  useEffect(() => {
    if (!copied) return;
    const timer = window.setTimeout(() => setCopied(null), 2500);
    return () => window.clearTimeout(timer);
  }, [copied]);
  return (
    <div className="copy-field">
      <input
        ref={input}
        className="input copy-field__input"
        readOnly
        value={value}
        aria-label={label}
        data-testid={testId}
        spellCheck={false}
        onFocus={(event) => event.target.select()}
      />
      <button
        type="button"
        className="button copy-field__button"
        onClick={() => void copyText(value, input.current).then((ok) => setCopied(ok ? 'yes' : 'select'))}
      >
        {copied === 'yes' ? <CheckIcon size={16} /> : <CopyIcon size={16} />}
        {copied === 'yes' ? t('copy.copied') : t('copy.copy')}
      </button>
      <span className="visually-hidden" role="status">
        {copied === 'yes' ? t('copy.done') : copied === 'select' ? t('copy.selected') : ''}
      </span>
    </div>
  );
}
