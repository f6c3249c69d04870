// Lint rules, including the import direction between runtimes (STYLE.md §1): shared <- desk <- main, shared <- renderer.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeOnly = ['node:*', 'better-sqlite3', 'pg', 'fastify', '@fastify/*', 'socket.io'];
const restrict = (patterns) => ['error', { patterns: patterns.map((group) => ({ group: [group] })) }];

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'out/', 'release/', 'data/', 'test-results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/shared/**'],
    rules: { 'no-restricted-imports': restrict([...nodeOnly, 'electron', 'react', '**/desk/**', '**/central/**', '**/main/**', '**/renderer/**']) },
  },
  {
    files: ['src/desk/**'],
    rules: { 'no-restricted-imports': restrict(['electron', '**/central/**', '**/main/**', '**/renderer/**']) },
  },
  {
    files: ['src/central/**'],
    rules: { 'no-restricted-imports': restrict(['electron', '**/desk/**', '**/main/**', '**/renderer/**']) },
  },
  {
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: { 'no-restricted-imports': restrict([...nodeOnly, 'electron', '**/src/desk/**', '**/src/central/**', '**/src/main/**']) },
  },
);
