// Lint for the whole workspace. The module boundaries of docs/architecture.md are enforced here:
// libs/domain stays pure TypeScript, libs/web is the Vue shell the two web apps share
// (no app, no server framework), and no app imports another app.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import pluginVue from 'eslint-plugin-vue';
import prettier from 'eslint-config-prettier/flat';

const frameworks = ['@nestjs/*', 'typeorm', 'typeorm/*', 'socket.io', 'socket.io-client', 'vue', 'vue-*', 'pinia', 'pg', '@electric-sql/*', 'express'];
const apps = ['@loket/api', '@loket/api/**', '@loket/counter', '@loket/counter/**', '@loket/display', '@loket/display/**', '**/apps/**'];
const serverFrameworks = ['@nestjs/*', 'typeorm', 'typeorm/*', 'socket.io', 'pg', '@electric-sql/*', 'express'];
const otherApps = (self) =>
  ['api', 'counter', 'display'].filter((app) => app !== self).flatMap((app) => [`@loket/${app}`, `@loket/${app}/**`, `**/apps/${app}/**`, `**/${app}/src/**`]);

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/coverage/**', '**/.nx/**', '**/test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
    // vue-tsc type-checks every name (as typescript-eslint advises for .ts files); ESLint's
    // no-undef knows no browser globals (window, setTimeout) in <script setup lang="ts">.
    rules: { 'no-undef': 'off' },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'vue/multi-word-component-names': 'off',
    },
  },
  {
    files: ['libs/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: frameworks, message: 'libs/domain is pure TypeScript: no framework imports.' },
            { group: apps, message: 'libs/domain never imports an app.' },
            { group: ['@loket/web', '@loket/web/**', '**/libs/web/**', '**/web/src/**'], message: 'libs/domain never imports libs/web.' },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'Time is a parameter in libs/domain: take `now` instead of reading the clock.',
        },
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'Time is a parameter in libs/domain: take `now` instead of reading the clock.',
        },
        { selector: "MemberExpression[object.name='performance'][property.name='now']", message: 'Time is a parameter in libs/domain.' },
      ],
    },
  },
  {
    // libs/web may use vue, pinia, vue-i18n, socket.io-client and @loket/domain; never an app.
    files: ['libs/web/**/*.{ts,vue}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: apps, message: 'libs/web never imports an app.' },
            { group: serverFrameworks, message: 'libs/web runs in the browser: no server framework.' },
          ],
        },
      ],
    },
  },
  {
    // Type-aware rules: a promise nobody awaits loses its error (an unhandled rejection, or a
    // desk action that silently failed), and a switch over a union must name every member so
    // adding a status or an error code fails lint where it is not handled. projectService finds
    // each file's nearest tsconfig.json; the web projects' spec files live in tsconfig.spec.json.
    files: ['**/*.ts', '**/*.vue'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname, extraFileExtensions: ['.vue'] } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
    },
  },
  {
    files: ['libs/web/src/**/*.spec.ts', 'apps/counter/src/**/*.spec.ts', 'apps/display/src/**/*.spec.ts'],
    languageOptions: {
      parserOptions: {
        projectService: false,
        project: ['./libs/web/tsconfig.spec.json', './apps/counter/tsconfig.spec.json', './apps/display/tsconfig.spec.json'],
      },
    },
  },
  ...['api', 'counter', 'display'].map((app) => ({
    files: [`apps/${app}/**/*.{ts,vue}`],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: otherApps(app), message: 'An app never imports another app; share through libs/domain (or libs/web for the Vue shell).' }] },
      ],
    },
  })),
  // Layout is Prettier's (prettier.config.mjs): this turns off the ESLint rules that would
  // argue with it, such as eslint-plugin-vue's self-closing and line-break rules.
  prettier,
);
