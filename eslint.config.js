import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import boundaries from 'eslint-plugin-boundaries';
import { importX } from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { LAYERS, PURE, BACKGROUND_ONLY } from './architecture.layers.js';

// The layers and their allowed arrows are ARCHITECTURE.md's, kept as data in
// architecture.layers.js (which refuses to load if an arrow closes a cycle).
const elements = LAYERS.map(({ type, pattern, mode }) => ({ type, pattern, mode: mode ?? 'folder' }));
const dependencyRules = LAYERS.map(({ type, allow }) => ({ from: type, allow: [type, ...allow] }));

const PRODUCT = ['utils/**/*.{ts,tsx}', 'components/**/*.{ts,tsx}', 'entrypoints/**/*.{ts,tsx}'];
// What pure domain code may not import: no browser, extension, storage, UI or server API.
const NODE_MESSAGE = 'Browser code imports no Node or server API (ARCHITECTURE.md).';
const NODE_FORBIDDEN = [{ group: ['node:*', '@electric-sql/*', 'fastify', '@fastify/*', 'kysely', 'kysely-*', 'jose', 'prom-client', '**/server/*'], message: NODE_MESSAGE }];
// Bare Node module names (as `paths`: a pattern would also match relative files such as './http').
const NODE_PATHS = ['fs', 'path', 'http', 'https', 'os', 'child_process', 'pg'].map((name) => ({ name, message: NODE_MESSAGE }));
const PURE_FORBIDDEN = [
  { group: ['wxt', 'wxt/*', '#imports', '@wxt-dev/*', 'webextension-polyfill', '@webext-core/*'], message: 'Pure domain code imports no browser or extension API (ARCHITECTURE.md).' },
  { group: ['dexie', 'react', 'react-dom', 'react/*', 'react-dom/*', 'zustand', 'zustand/*'], message: 'Pure domain code imports no storage or UI library (ARCHITECTURE.md).' },
  ...NODE_FORBIDDEN,
];

export default tseslint.config(
  { ignores: ['.output/**', '.wxt/**', 'node_modules/**', 'tests/pages/**', 'test-results/**', 'playwright-report/**', '.data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  // Type-aware rules everywhere TypeScript is.
  {
    files: ['**/*.{ts,tsx}'],
    extends: [tseslint.configs.recommendedTypeCheckedOnly],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // Dispatch tables and Promise-returning interfaces use async functions without await on purpose.
      '@typescript-eslint/require-await': 'off',
    },
  },
  // The root config files are type-checked by scripts/tsconfig.json (tsc), linted without types.
  { files: ['*.config.ts'], extends: [tseslint.configs.disableTypeChecked] },
  // Layers: one-way arrows between folders, no import cycle between files.
  {
    files: PRODUCT,
    plugins: { boundaries, 'import-x': importX },
    settings: {
      'boundaries/elements': elements,
      'boundaries/include': PRODUCT,
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
      'import/resolver': { typescript: { project: './tsconfig.json' } },
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs'],
      'boundaries/dependency-nodes': ['import', 'dynamic-import', 'export'],
    },
    rules: {
      'boundaries/element-types': ['error', { default: 'disallow', rules: dependencyRules, message: '${file.type} may not import ${dependency.type} (ARCHITECTURE.md)' }],
      'boundaries/no-unknown-files': 'error',
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      // Browser code: no Node globals (WXT's types declare them transitively, so tsc alone would not catch one).
      'no-restricted-globals': ['error', ...['process', 'Buffer', 'require', '__dirname', '__filename', 'global', 'setImmediate'].map((name) => ({ name, message: 'Browser code uses no Node API (ARCHITECTURE.md).' }))],
      'no-restricted-imports': ['error', { paths: NODE_PATHS, patterns: NODE_FORBIDDEN }],
    },
  },
  {
    files: PURE.map((dir) => `${dir}/**/*.{ts,tsx}`),
    rules: { 'no-restricted-imports': ['error', { paths: NODE_PATHS, patterns: PURE_FORBIDDEN }] },
  },
  {
    // Background-only code is imported only by the background (element rules above) and by tests.
    files: ['components/**/*.{ts,tsx}', 'entrypoints/{content,options,popup,sidepanel,me}*/**/*.{ts,tsx}', 'entrypoints/content.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: NODE_PATHS, patterns: [...NODE_FORBIDDEN, { group: BACKGROUND_ONLY.flatMap((d) => [`@/${d}/*`, `**/${d}/*`]), message: 'Background-only code is imported only by the background (ARCHITECTURE.md).' }] },
      ],
    },
  },
  {
    // The company graph service (server/): Node, sharing only the pure domain code (ARCHITECTURE.md).
    files: ['server/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/utils/{i18n,settings,sites,messaging,page,store,sources,background}/*', '**/components/*', '**/entrypoints/*', 'wxt', 'wxt/*', '#imports', 'dexie', 'react', 'react-dom'],
              message: 'The server imports only pure domain code (utils/text, graph, spotting, ranking, contract, demo) and Node (ARCHITECTURE.md).',
            },
          ],
        },
      ],
    },
  },
  {
    // Playwright fixtures: `use` is Playwright's, not React's; `{}` is its way to say "no fixtures".
    files: ['tests/{e2e,firefox}/**/*.ts'],
    rules: { 'react-hooks/rules-of-hooks': 'off', 'no-empty-pattern': 'off' },
  },
  {
    files: ['scripts/**/*.{js,mjs}', '*.config.{js,ts}', 'architecture.layers.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', Buffer: 'readonly', fetch: 'readonly', chrome: 'readonly' } },
  },
);
