// ESLint, for the web app: no visible text written into the markup (every text goes through i18next, so that it
// exists in Vietnamese and English), and the React hooks rules. The server's layering is checked by
// dependency-cruiser (.dependency-cruiser.cjs).
import i18next from 'eslint-plugin-i18next';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'web/src/graphql-env.d.ts'] },
  {
    files: ['web/src/**/*.{ts,tsx}'],
    languageOptions: { parser: tseslint.parser, parserOptions: { ecmaFeatures: { jsx: true } } },
    plugins: { i18next },
    rules: {
      'i18next/no-literal-string': [
        'error',
        {
          mode: 'jsx-text-only',
          // Proper names shown as they are in every language: the product, the TLP labels, the languages'
          // own names, GraphiQL, and separators.
          words: { exclude: ['^Postwatch$', '^TLP(:[A-Z+]+)?$', '^Tiếng Việt$', '^English$', '^GraphiQL$', '^[\\s—·:(),?/+-]*$', '^\\(\\?\\)$'] },
        },
      ],
      // Texts in attributes that people read (or hear) go through i18next too.
      'no-restricted-syntax': [
        'error',
        {
          selector: 'JSXAttribute[name.name=/^(aria-label|aria-description|title|alt|placeholder|label)$/] > Literal',
          message: 'Visible text must come from i18next (t(...)), in Vietnamese and English.',
        },
      ],
    },
  },
);
