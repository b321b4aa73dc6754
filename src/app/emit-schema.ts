import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../config/config';
import { createServices } from './composition';
import { buildServedSchema } from './http/app';
import { printSortedSchema } from '../platform/graphql/schema';

/** Writes schema/schema.graphql from the code (`npm run schema:emit`). A test fails when it drifts. */
export async function emittedSchema(): Promise<string> {
  const config = loadConfig({ NODE_ENV: 'test' });
  const none = (): never => {
    throw new Error('no database or queue while emitting the schema');
  };
  const services = createServices(config, none, none);
  return printSortedSchema(await buildServedSchema({ services }));
}

export const SCHEMA_FILE = path.resolve(__dirname, '..', '..', 'schema', 'schema.graphql');

if (require.main === module) {
  void emittedSchema().then((sdl) => {
    writeFileSync(SCHEMA_FILE, sdl);
    process.stdout.write(`wrote ${SCHEMA_FILE}\n`);
  });
}
