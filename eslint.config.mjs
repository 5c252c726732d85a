import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/*
 * Layering: transport (routes, http, bot) → service → repository, and only the composition root
 * (src/main.ts) wires bot/ in. Import strings are relative, so each rule is made per folder depth:
 * `(../){depth}bot/` is the project's bot/ folder only when it climbs exactly to the root.
 * test/unit/layering.test.ts shows that a wrong arrow fails.
 */
const up = (depth) => `^(\\.\\./){${depth}}`;
const DEPTHS = [1, 2, 3, 4, 5];
const inFolder = (root, depth, name = '*') => `${root}/${'*/'.repeat(depth - 1)}${name}`;
const noBot = (depth) => ({
  regex: `${up(depth)}bot(/|$)`,
  // Type-only imports are no wiring (src/db/schema.ts reads the bot's table types).
  allowTypeImports: true,
  message: 'Only the composition root (src/main.ts) imports bot/: pass what the bot needs through buildServer({ plugins }).',
});
const noServiceOrTransport = {
  regex: '(^|/)([\\w-]+-(service|routes)|http/[\\w-]+)$',
  message: 'A repository is SQL only: it imports no services, routes or http/ (the service calls the repository, not the other way).',
};
const noTransport = {
  regex: '(^|/)([\\w-]+-routes|http/[\\w-]+)$',
  message: 'A service knows no routes and no HTTP: the routes call the service, and its errors come from src/shared/errors.ts.',
};
const layering = DEPTHS.flatMap((depth) => [
  {
    files: [inFolder('src', depth, '*.ts')],
    ignores: ['src/main.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [noBot(depth)] }] },
  },
  {
    files: [inFolder('src', depth, '*-service.ts')],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [noBot(depth), noTransport] }] },
  },
  {
    files: [inFolder('src', depth, '*-repository.ts')],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [noBot(depth), noServiceOrTransport] }] },
  },
  {
    // The tabs run in the browser: from the server they take types, and values only from src/shared/
    // (framework-free constants such as the action statuses).
    files: [inFolder('tabs', depth, '*.ts'), inFolder('tabs', depth, '*.tsx'), inFolder('tabs', depth, '*.mts')],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: `${up(depth)}src/(?!shared/)`,
              allowTypeImports: true,
              message: 'The tabs import only types from the server (import type), values only from src/shared/.',
            },
          ],
        },
      ],
    },
  },
]);

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.data/**', 'appPackage/build/**', 'coverage/**', 'test-results/**', 'build/**', '*.config.js', '*.config.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  ...layering,
  {
    // A Fluent Spinner is role="progressbar": without a label axe fails it (aria-progressbar-name), and
    // the browser tests catch that only when their check happens to land while something loads.
    files: ['tabs/**/*.tsx'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "JSXOpeningElement[name.name='Spinner']:not(:has(> JSXAttribute[name.name=/^(label|aria-label)$/]))",
          message: 'Give every Spinner a label (or aria-label): screen readers announce it as a nameless progress bar otherwise.',
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    languageOptions: { globals: { require: 'readonly', module: 'writable', process: 'readonly', __dirname: 'readonly', console: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
