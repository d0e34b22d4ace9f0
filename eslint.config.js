// Lint: TypeScript rules plus the layer rules of STYLE.md, so the five rooms stay apart as the
// code grows: common/ is pure, renderer/ reaches main only through the contract, and only the
// Electron glue imports electron.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'child_process', 'crypto', 'worker_threads', 'url', 'util'];
const restrict = (groups, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: groups, message }] }],
});

export default tseslint.config(
  { ignores: ['node_modules/', 'app/dist/', 'app/node_modules/', 'dist/', 'release/', 'test-results/', 'playwright-report/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    files: ['common/**/*.ts'],
    rules: restrict(
      [...nodeBuiltins, 'electron', 'react', 'react-dom', 'better-sqlite3', '**/db/**', '**/main/**', '**/renderer/**'],
      'common/ is pure TypeScript shared by every layer: no Node, Electron, React, SQLite or other layers',
    ),
  },
  {
    files: ['db/**/*.ts'],
    rules: restrict(['electron', 'react', '**/main/**', '**/renderer/**'], 'db/ may import only common/ and better-sqlite3'),
  },
  {
    files: ['main/**/*.ts'],
    ignores: ['main/electron/**', 'main/preload.ts'],
    rules: restrict(['electron', '**/renderer/**'], 'only main/electron/ and main/preload.ts import electron; main never imports the renderer'),
  },
  {
    files: ['main/electron/**/*.ts', 'main/preload.ts'],
    rules: restrict(['**/renderer/**'], 'main never imports the renderer: it talks to it through the contract'),
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: restrict(
      [...nodeBuiltins, 'electron', 'better-sqlite3', '**/main/**', '**/db/**'],
      'the renderer is sandboxed: it imports common/ only and reaches main through renderer/api.ts',
    ),
  },
);
