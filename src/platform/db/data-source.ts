import { DataSource, type EntitySchema } from 'typeorm';

/** The application's connection pool, as the RLS-bound app role. */
export async function createAppDataSource(
  appUrl: string,
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: (Function | EntitySchema)[],
  opts: { poolSize?: number; statementTimeoutMs?: number } = {},
): Promise<DataSource> {
  // statement_timeout is set for every connection of the pool (0: none); a transaction that needs
  // longer (a close-of-business partition) raises it with SET LOCAL.
  const extra = opts.statementTimeoutMs ? { statement_timeout: opts.statementTimeoutMs } : {};
  const ds = new DataSource({ type: 'postgres', url: appUrl, entities, poolSize: opts.poolSize ?? 10, logging: false, synchronize: false, applicationName: 'microlend', extra });
  return ds.initialize();
}
