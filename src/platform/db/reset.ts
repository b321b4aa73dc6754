import { Client } from 'pg';
import type { Config } from '../../config/config';
import { startEmbeddedPostgres } from './embedded-postgres';

/**
 * Drops the embedded database so the next boot starts empty. Refuses to touch a DATABASE_URL server,
 * and (startEmbeddedPostgres checks `SHOW data_directory`) any server on EMBEDDED_PG_PORT whose data
 * is not this checkout's.
 */
export async function resetEmbeddedDatabase(config: Config): Promise<void> {
  if (config.databaseUrl) throw new Error('reset only applies to the embedded database; drop your own database yourself');
  const embedded = await startEmbeddedPostgres({ dataDir: config.embedded.dataDir, port: config.embedded.port });
  const client = new Client({ connectionString: embedded.ownerUrl });
  await client.connect();
  try {
    await client.query('DROP DATABASE IF EXISTS microlend WITH (FORCE)');
  } finally {
    await client.end();
    await embedded.stop();
  }
}
