/**
 * Benchmarks measure the code as production runs it: graphql-js drops its development-only checks
 * (`instanceOf`, several per cent of a read) under NODE_ENV=production, decided once when it is first
 * loaded, so the entry points import this module before anything else. A comparison's servers run
 * in this one process and so see the same setting. An explicit NODE_ENV is kept.
 */
process.env.NODE_ENV ??= 'production';

export {};
