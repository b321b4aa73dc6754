import type { CodegenConfig } from '@graphql-codegen/cli';

/** Typed operations from the public schema: every graphql(`...`) in the console is checked against it (`npm run console:codegen`). */
const config: CodegenConfig = {
  schema: 'schema/schema.graphql',
  documents: ['src/console/**/*.tsx', '!src/console/gql/**'],
  generates: {
    'src/console/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: { scalars: { Decimal: 'string', Date: 'string', DateTime: 'string', JSON: 'unknown' }, enumsAsTypes: true, useTypeImports: true },
    },
  },
  ignoreNoDocuments: true,
};
export default config;
