import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Outside compiler/, only its index.ts (`compiler`, which re-exports the runtime contract): nothing past it. */
const DEEP_COMPILER = { regex: '(^|/)compiler/.', message: 'import the compiler through compiler/index.ts (`compiler`), not its modules' };
const NO_LOCAL = { regex: '(^|/)local(/|$)', message: 'lambdas/ and lib/ never import local/ (the embedded stack); put shared code in lambdas/shared' };
const layer = (who, folders) => ({
  regex: `^(\\.\\./)+(${folders.join('|')})(/|$)`,
  message: `${who} must not import ${folders.join(', ')} (a wrong-way import): move what both need into lambdas/shared`,
});
/** compiler/ is pure: no packages but zod, no I/O. */
const COMPILER_PURE = [{ regex: '^(?!zod$)(?!\\.)', message: 'compiler/ imports only zod and its own modules (no I/O, no other packages)' }];
/** A compiler file `depth` folders deep (compiler/x.ts is 1) leaves compiler/ with `depth` `../`. */
const outsideCompiler = (depth) => ({
  regex: `^(\\.\\./){${depth}}`, message: 'compiler/ imports nothing of the project outside compiler/',
});

export default tseslint.config(
  { ignores: ['node_modules/**', 'cdk.out/**', 'coverage/**', '.studio/**', 'web/dist/**', 'web/.dist-test/**', 'schema/**', '.scratch/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', process: 'readonly', console: 'readonly', __dirname: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-properties': ['error',
        { object: 'it', property: 'only' }, { object: 'it', property: 'skip' },
        { object: 'describe', property: 'only' }, { object: 'describe', property: 'skip' },
        { object: 'test', property: 'only' }, { object: 'test', property: 'skip' }],
    },
  },
  // Architecture (ARCHITECTURE.md), one no-restricted-imports per file set (a later block replaces an earlier one's).
  { files: ['**/*.ts', '**/*.tsx'], ignores: ['compiler/**', 'test/compiler/**'], rules: { 'no-restricted-imports': ['error', { patterns: [DEEP_COMPILER] }] } },
  { files: ['lambdas/**/*.ts', 'lib/**/*.ts'], rules: { 'no-restricted-imports': ['error', { patterns: [DEEP_COMPILER, NO_LOCAL] }] } },
  { files: ['lambdas/store/**/*.ts'], rules: { 'no-restricted-imports': ['error', { patterns: [DEEP_COMPILER, NO_LOCAL, layer('store', ['api', 'reports', 'runs', 'tasks', 'webhooks', 'workflows'])] }] } },
  { files: ['lambdas/runs/**/*.ts', 'lambdas/tasks/**/*.ts', 'lambdas/reports/**/*.ts'], rules: { 'no-restricted-imports': ['error', { patterns: [DEEP_COMPILER, NO_LOCAL, layer('a function', ['api'])] }] } },
  { files: ['lambdas/api/**/*.ts'], rules: { 'no-restricted-imports': ['error', { patterns: [DEEP_COMPILER, NO_LOCAL, layer('api', ['reports'])] }] } },
  // Handlers log through Powertools (shared/powertools.ts: structured JSON), never console.
  { files: ['lambdas/**/*.ts'], ignores: ['**/*.test.ts'], rules: { 'no-console': 'error' } },
  ...[1, 2, 3].map((depth) => ({
    files: [`compiler/${'*/'.repeat(depth - 1)}*.ts`],
    rules: { 'no-restricted-imports': ['error', { patterns: [...COMPILER_PURE, outsideCompiler(depth)] }] },
  })),
);
