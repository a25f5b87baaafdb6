import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import loopmap from './test/lint/noLiteralUiText.js';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'test-results/**', 'playwright-report/**', 'data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // The domain model is pure: no React, no Hono, no Node built-ins, no DOM (STYLE.md habit 1).
    files: ['shared/src/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*', 'fs', 'path', 'http', 'crypto'], message: 'shared/ must not import Node built-ins' },
            { group: ['react', 'react-dom', '@xyflow/*', 'hono', 'hono/*'], message: 'shared/ is framework-free' },
            { group: ['@loopmap/*'], message: 'shared/ imports no other workspace package' },
          ],
        },
      ],
    },
  },
  {
    files: ['client/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              // The password check is its own entry: its lists load only on the pages that set a password.
              // The layout engine too: it loads only when a layout is likely (docs/benchmarks.md).
              group: [
                '@loopmap/shared/*',
                '!@loopmap/shared/password-strength',
                '!@loopmap/shared/auto-layout',
                // And the validated JSON form (zod), for the rare downloads that need it.
                '!@loopmap/shared/map-json',
                // And the logic check, which the toolbar's badge loads after the first render.
                '!@loopmap/shared/logic-check',
                '@loopmap/server*',
              ],
              message: 'use the public entry of @loopmap/shared',
            },
          ],
        },
      ],
    },
  },
  {
    // Every word a component renders comes from the catalogue (docs/i18n.md).
    files: ['client/src/**/*.tsx'],
    plugins: { loopmap },
    rules: { 'loopmap/no-literal-ui-text': 'error' },
  },
  {
    // The service worker is plain JavaScript, served as it is.
    files: ['client/public/**/*.js'],
    languageOptions: { globals: { ...globals.serviceworker } },
  },
);
