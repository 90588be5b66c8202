import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';
import globals from 'globals';

const noCodeFromStrings = {
  'no-eval': 'error',
  'no-implied-eval': 'error',
  'no-new-func': 'error',
};

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'demo/public/', 'bench/out/', 'custom-elements.json'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      ...noCodeFromStrings,
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: 'TSEnumDeclaration', message: 'No enums: use string unions (DESIGN.md §3.11).' },
        { selector: 'TSModuleDeclaration[kind="namespace"]', message: 'No namespaces (DESIGN.md §3.11).' },
      ],
    },
  },
  {
    // The DOM-free core: never Lit, never the document (DESIGN.md §3.1).
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['lit', 'lit/*', '@lit/*', 'lit-html', 'lit-element'], message: 'src/ is the DOM-free core: Lit belongs in components/.' }, { group: ['../components/*', '../../components/*'], message: 'src/ must not depend on components/.' }] },
      ],
      'no-restricted-globals': ['error', 'document', 'window', 'customElements', 'HTMLElement', 'localStorage', 'sessionStorage'],
    },
  },
  {
    files: ['components/**/*.ts'],
    plugins: { lit, wc },
    rules: { ...lit.configs.recommended.rules, ...wc.configs.recommended.rules, 'lit/no-template-arrow': 'off' },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.{ts,mjs,js}', 'scripts/**/*.{mjs,ts}', 'bin/**/*.mjs', '*.{js,mjs,ts}', 'demo/**/*.ts', '.ci/**/*.mjs'],
    languageOptions: { globals: { ...globals.node, ...globals.browser, ...globals.mocha } },
    rules: { '@typescript-eslint/no-unused-expressions': 'off' },
  },
);
