import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../config/config';
import { createServices } from '../../modules';
import { buildServedSchema } from '../http/app';
import { printSortedSchema } from './schema';

/** Writes schema/schema.graphql from the code (`npm run schema:emit`). A test fails when it drifts. */
export async function emittedSchema(): Promise<string> {
  const config = loadConfig({ NODE_ENV: 'test' });
  const services = createServices(config, () => {
    throw new Error('no database while emitting the schema');
  });
  return printSortedSchema(await buildServedSchema({ services }));
}

export const SCHEMA_FILE = path.resolve(__dirname, '..', '..', '..', 'schema', 'schema.graphql');

if (require.main === module) {
  void emittedSchema().then((sdl) => {
    writeFileSync(SCHEMA_FILE, sdl);
    process.stdout.write(`wrote ${SCHEMA_FILE}\n`);
  });
}
