// The linter of `npm test`: typescript-eslint's type-aware rules. The one mistake tsc accepts in
// chango code is a `send` or `recv` without `await`: `no-floating-promises` catches it, and it
// accepts a goroutine written `void f()`.
import js from '@eslint/js';
import { existsSync } from 'node:fs';
import tseslint from 'typescript-eslint';

// The benchmarks import peers that only `npm run bench` installs (bench/package.json): like the
// type check, lint them once they are there (CI installs them).
const benchInstalled = existsSync(new URL('bench/node_modules/.package-lock.json', import.meta.url));

export default tseslint.config(
  // bench/.cache holds the bundles bench/run.ts and bench/ab.ts build (generated, git-ignored).
  {
    ignores: [
      'dist/',
      'docs/api/',
      'coverage/',
      '**/node_modules/',
      'bench/.cache/',
      ...(benchInstalled ? [] : ['bench/']),
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      // Go's idioms, kept deliberately: `ch.trySend(v) || (await ch.send(v))` is the try-first
      // send, `_` is Go's blank identifier (`for await (const _ of tick(10))`, `using _ = ...`).
      '@typescript-eslint/no-unused-expressions': ['error', { allowShortCircuit: true, allowTernary: true }],
      '@typescript-eslint/no-unused-vars': ['error', { varsIgnorePattern: '^_', argsIgnorePattern: '^_' }],
      // An aborted operation rejects with `signal.reason`, whatever it is, as the platform does.
      '@typescript-eslint/prefer-promise-reject-errors': 'off',
      // A goroutine is an async function; it need not await anything.
      '@typescript-eslint/require-await': 'off',
      'no-empty': ['error', { allowEmptyCatch: true }],
      // The core's casts spell out the type a hot path works with; error messages describe
      // whatever value a caller passed.
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
      '@typescript-eslint/no-base-to-string': 'off',
    },
  },
  {
    // Tests and benchmarks await plain values to yield a microtask, poke at untyped peers and
    // thenables, and hold `@ts-expect-error` lines whose types are errors on purpose.
    files: ['test/**', 'bench/**'],
    rules: {
      '@typescript-eslint/await-thenable': 'off',
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-misused-promises': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/restrict-template-expressions': 'off',
      'no-useless-assignment': 'off',
    },
  },
  {
    // Plain JavaScript (runtime checks, configs): no type information, and its globals are the
    // runtime's (Node, Deno, the browser), which tsc does not see either.
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
    rules: {
      ...tseslint.configs.disableTypeChecked.rules,
      'no-undef': 'off',
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
);
