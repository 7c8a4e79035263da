// ESLint flat config: typescript-eslint's recommended rules, plus the architecture rule that keeps
// the pure domain (pledges/, matching/, cards/, copy/) free of express, the LINE SDK and the
// transport and bot layers (see ../shared/STYLE.md, "Dependency direction").
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const PURE_DOMAIN_FORBIDDEN = {
  paths: [
    { name: 'express', message: 'Domain code must not depend on the HTTP framework.' },
    { name: '@line/bot-sdk', message: 'Domain code must not depend on the LINE SDK; only src/line/ talks to LINE.' },
    { name: 'supertest', message: 'Test tools do not belong in src/.' },
  ],
  patterns: [
    { group: ['express/*', '@line/*'], message: 'Domain code must not depend on express or the LINE SDK.' },
    {
      group: ['**/http/*', '**/bot/*', '**/line/*', '**/app', '**/compose', '**/main'],
      message: 'Dependencies point from http → bot → domain, never back.',
    },
  ],
};

export default tseslint.config(
  { ignores: ['dist/**', 'coverage/**', 'node_modules/**', 'test-output/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['src/pledges/**/*.ts', 'src/matching/**/*.ts', 'src/cards/**/*.ts', 'src/copy/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', PURE_DOMAIN_FORBIDDEN] },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { module: 'writable', require: 'readonly', __dirname: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
