import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { importX } from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** A config block that forbids imports matching `patterns` in `files` (minus `ignores`). */
function restrictImports(files, patterns, message, ignores = []) {
  return { files, ignores, rules: { 'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }] } };
}

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/coverage/**', '.ci/**', '.data/**', 'bench/results/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-control-regex': 'off',
    },
  },
  {
    // No import cycles (STYLE.md 11): shared helpers live below the modules that use them.
    // import-x (the maintained, faster fork of eslint-plugin-import, flat-config native) with the
    // TypeScript resolver, so `.js` specifiers of `.ts` files and the @contract alias resolve as
    // tsc resolves them. Type-only imports are erased at runtime and are not counted.
    files: ['**/*.{ts,tsx}'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.tsx', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [
        createTypeScriptImportResolver({
          project: ['backend/tsconfig.json', 'frontend/tsconfig.json', 'frontend/tsconfig.e2e.json', 'bench/tsconfig.json', 'scripts/tsconfig.json', 'testkit/tsconfig.json'],
          noWarnOnMultipleProjects: true,
        }),
      ],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  {
    files: ['backend/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts', 'testkit/**/*.ts', 'frontend/e2e/**/*.ts', '*.config.*', 'frontend/vite.config.ts', 'frontend/vitest.config.ts'],
    languageOptions: { globals: globals.node },
  },
  // testkit/ is the one home of test and tool helpers. Imports go one way: backend tests, the
  // browser suite and the benchmarks use it; it uses none of them, and production code never uses it.
  restrictImports(['testkit/**/*.ts'], ['**/backend/**', '**/frontend/**', '**/bench/**'], 'testkit/ imports nothing from backend, frontend or bench.'),
  restrictImports(['bench/**/*.ts'], ['**/frontend/e2e/**', '**/backend/src/test/**'], 'Shared test and tool helpers live in testkit/.'),
  restrictImports(['backend/src/**/*.ts', 'frontend/src/**/*.{ts,tsx}'], ['**/testkit/**'], 'Production code must not import test helpers.', [
    '**/*.test.ts',
    '**/*.test.tsx',
    'backend/src/test/**',
  ]),
  {
    files: ['frontend/src/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
);
