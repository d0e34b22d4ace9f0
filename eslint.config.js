// Lint: TypeScript rules plus the rooms of STYLE.md as an allow-list (eslint-plugin-local/rooms.js
// says which folders and packages each room may import; `local/code-layering` holds every import
// to it), imports first, and no module imported twice. Import cycles are refused by
// tests/unit/layers.test.ts, which walks the same import graph.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import local from './eslint-plugin-local/index.js';

export default tseslint.config(
  { ignores: ['node_modules/', 'app/dist/', 'app/node_modules/', 'dist/', 'release/', 'test-results/', 'playwright-report/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    plugins: { local },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
      'no-duplicate-imports': ['error', { includeExports: false, allowSeparateTypeImports: true }],
      'local/imports-first': 'error',
      'local/code-layering': 'error',
    },
  },
);
