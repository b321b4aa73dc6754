import { readFileSync } from 'node:fs';
import { SCHEMA_FILE, emittedSchema } from './emit-schema';

describe('schema/schema.graphql', () => {
  it('is what the code emits (run `npm run schema:emit` after changing the API)', async () => {
    expect(await emittedSchema()).toBe(readFileSync(SCHEMA_FILE, 'utf8'));
  });
});
