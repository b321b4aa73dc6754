/**
 * Which layer may import which (docs/architecture.md). `npm run deps:check` runs it; .ci/run fails on
 * a wrong-way import. Specs are outside the rules: a spec may boot the whole app.
 */
const SPEC = '\\.(spec|e2e-spec|property\\.spec|golden\\.spec)\\.ts$';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'core-is-pure',
      comment: 'core/ is pure domain logic: money, schedules, replay, rules. It imports only core/ (and libraries).',
      severity: 'error',
      from: { path: '^src/core/', pathNot: SPEC },
      to: { path: '^(src/(?!core/)|migrations/)' },
    },
    {
      name: 'config-stands-alone',
      comment: 'config/ reads the environment into one typed object; it imports only config/ and core/.',
      severity: 'error',
      from: { path: '^src/config/', pathNot: SPEC },
      to: { path: '^(src/(?!(config|core)/)|migrations/)' },
    },
    {
      name: 'platform-knows-no-module',
      comment: 'platform/ is the mechanisms (tenancy, database, GraphQL plumbing, auth). It imports core/, config/ and platform/, never a module, the app or the migrations.',
      severity: 'error',
      from: { path: '^src/platform/', pathNot: SPEC },
      to: { path: '^(src/(modules|app|cli)/|migrations/)' },
    },
    {
      name: 'platform-data-speaks-no-graphql',
      comment: 'The database, auth, tenancy and queue mechanisms refuse with DomainError (core/domain-error.ts); only the GraphQL layer turns errors into GraphQL errors.',
      severity: 'error',
      from: { path: '^src/platform/(db|auth|tenancy|queue|crypto)/', pathNot: SPEC },
      to: { path: '^src/platform/(graphql|http)/' },
    },
    {
      name: 'modules-do-not-compose',
      comment: 'Modules are composed by src/app/; a module never imports the composition, the CLI or the entry points.',
      severity: 'error',
      from: { path: '^src/modules/', pathNot: SPEC },
      to: { path: '^src/(app|cli)/|^src/(main|worker)\\.ts$' },
    },
    {
      name: 'use-cases-speak-no-graphql-errors',
      comment: 'Modules and the CLI refuse with DomainError and read errors with asDomainError (platform/db/domain-errors.ts); only the GraphQL layer maps them to GraphQL errors (platform/graphql/errors.ts).',
      severity: 'error',
      from: { path: '^src/(modules|cli)/', pathNot: SPEC },
      to: { path: '^src/platform/graphql/errors\\.ts$' },
    },
    {
      name: 'modules-open-no-transaction',
      comment: 'A unit of work (one transaction) is opened by a boundary: the request, a job, a CLI command, or the Units the app hands a module that commits in parts. A module never opens one itself.',
      severity: 'error',
      from: { path: '^src/modules/', pathNot: SPEC },
      to: { path: '^src/platform/(tenancy/(run-in-context|tenant-transaction)|db/(data-source|database))\\.ts$' },
    },
    {
      name: 'modules-meet-at-their-faces',
      comment: 'A module imports another only through its index.ts, the face that says what it offers; the files behind it are its own.',
      severity: 'error',
      from: { path: '^src/modules/([^/]+)/', pathNot: SPEC },
      to: { path: '^src/modules/[^/]+/.+', pathNot: ['^src/modules/$1/', '^src/modules/[^/]+/index\\.ts$'] },
    },
    {
      name: 'no-cycles',
      comment: 'No import cycle anywhere in src/ (a module that needs another that needs it shares something that belongs lower: core or platform).',
      severity: 'error',
      from: { path: '^src/', pathNot: SPEC },
      to: { circular: true },
    },
    {
      name: 'migrations-are-sql',
      comment: 'A migration is frozen SQL: it may use platform helpers that write SQL, never a module (whose code changes after the migration ran).',
      severity: 'error',
      from: { path: '^migrations/' },
      to: { path: '^src/(modules|app|cli)/' },
    },
    {
      name: 'no-unresolvable',
      comment: 'An import that resolves to nothing is a typo or a missing dependency. Type expressions (`typeof import(...)`, a package\'s typings by path) are TypeScript\'s to resolve, and tsc does.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true, dependencyTypesNot: ['type-only', 'type-import', 'unknown'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], extensions: ['.ts', '.js', '.json', '.d.ts'] },
  },
};
