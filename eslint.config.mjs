// Layer rules (STYLE.md): an import that climbs a layer fails `npm run lint`.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

/** no-restricted-imports for one layer: forbidden packages plus forbidden folders. */
function layer(files, { paths = [], folders = [], message }) {
  return {
    files,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: paths.map((name) => ({ name, message })),
          patterns: folders.map((folder) => ({ group: [`**/${folder}`, `**/${folder}/**`], message })),
        },
      ],
    },
  };
}

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unnecessary-condition': ['error', { allowConstantLoopConditions: true }],
      '@typescript-eslint/no-confusing-void-expression': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-console': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { ...tseslint.configs.disableTypeChecked.languageOptions, globals: globals.node },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: globals.browser },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-properties': [
        'error',
        { object: 'window', property: 'rootwise', message: 'Reach the engine through renderer/api only.' },
      ],
    },
  },
  { files: ['renderer/api/**'], rules: { 'no-restricted-properties': 'off' } },
  layer(['shared/**'], {
    paths: ['electron', 'react', 'react-dom', 'better-sqlite3', ...nodeBuiltins],
    folders: ['electron', 'renderer', 'test'],
    message: 'shared/ is pure TypeScript: no Node, no DOM, no Electron, no other layer.',
  }),
  layer(['electron/engine/**', 'electron/host/**', 'electron/cli/**'], {
    paths: ['electron', 'react', 'react-dom'],
    folders: ['main', 'preload', 'renderer', 'test'],
    message: 'The engine, host and CLI are plain Node: only electron/main and electron/preload import Electron.',
  }),
  layer(['electron/main/**', 'electron/preload/**'], {
    paths: ['react', 'react-dom'],
    folders: ['renderer', 'test', 'host', 'cli'],
    message: 'The Electron shell talks to the engine only; it never reaches the renderer, host or CLI.',
  }),
  layer(['renderer/**'], {
    paths: ['electron', 'better-sqlite3', ...nodeBuiltins],
    folders: ['electron', 'test'],
    message: 'The renderer reaches the engine only through renderer/api and the shared contract.',
  }),
  {
    files: ['electron/cli/**', 'test/**', '*.config.*'],
    rules: { 'no-console': 'off' },
  },
);
