import { DataSource, type EntitySchema } from 'typeorm';

/** The application's connection pool, as the RLS-bound app role. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export async function createAppDataSource(appUrl: string, entities: (Function | EntitySchema)[], poolSize = 10): Promise<DataSource> {
  const ds = new DataSource({ type: 'postgres', url: appUrl, entities, poolSize, logging: false, synchronize: false, applicationName: 'microlend' });
  return ds.initialize();
}
