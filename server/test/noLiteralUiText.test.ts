import { RuleTester } from 'eslint';
import tseslint from 'typescript-eslint';
import { afterAll, describe, it } from 'vitest';
import plugin from '../../test/lint/noLiteralUiText.js';

// RuleTester reports through the test framework's describe/it.
Object.assign(RuleTester, { afterAll, describe, it });

const tester = new RuleTester({
  languageOptions: {
    parser: tseslint.parser,
    parserOptions: { ecmaFeatures: { jsx: true } },
  },
});

tester.run('no-literal-ui-text', plugin.rules['no-literal-ui-text'], {
  valid: [
    { code: `const a = <p>{t('notFound.body')}</p>;` },
    { code: `const a = <button aria-label={t('action.close')}>×</button>;` },
    { code: `const a = <span className="count">{count} · 12</span>;` },
    { code: `const a = <input type="text" name="title" data-testid="sync-status" />;` },
    { code: `const a = <p title={label}>{' '}</p>;` },
  ],
  invalid: [
    { code: `const a = <h1>Page not found</h1>;`, errors: [{ messageId: 'text' }] },
    { code: `const a = <p>{'Saved'}</p>;`, errors: [{ messageId: 'text' }] },
    { code: `const a = <p>{busy ? 'Saving…' : t('saved')}</p>;`, errors: [{ messageId: 'text' }] },
    { code: `const a = <button aria-label="Close">×</button>;`, errors: [{ messageId: 'attribute' }] },
    { code: 'const a = <input placeholder={`Search ${n} cards`} />;', errors: [{ messageId: 'attribute' }] },
    { code: `const a = <img alt="الخريطة" src="x.png" />;`, errors: [{ messageId: 'attribute' }] },
  ],
});
