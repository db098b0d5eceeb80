// Lint rules: typescript-eslint's recommended set, plus the few habits this project holds to.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['node_modules', 'out', 'dist', 'dist-vsix', '.vscode-test'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      'no-console': 'error',
      eqeqeq: ['error', 'smart'],
      curly: ['error', 'multi-line'],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // The test runner, benchmark and simulator are command-line programs: they print.
    files: ['test/**/*.ts', 'test/**/*.mjs', 'bench/**/*.ts', 'esbuild.js'],
    rules: { 'no-console': 'off' },
  },
  {
    // Plain JavaScript: the build script and the runner's self-test modules are CommonJS.
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: { globals: { ...globals.node } },
  },
);
