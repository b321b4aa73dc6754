import { readFileSync } from 'node:fs';
import { PERMISSIONS_FILE, SCHEMA_FILE, emittedPermissions, emittedSchema } from './emit-schema';

describe('schema/schema.graphql and schema/permissions.json', () => {
  it('are what the code emits (run `npm run schema:emit` after changing the API or its permissions)', async () => {
    expect(await emittedSchema()).toBe(readFileSync(SCHEMA_FILE, 'utf8'));
    expect(await emittedPermissions()).toBe(readFileSync(PERMISSIONS_FILE, 'utf8'));
  });

  it('names the roles of each root operation, as the permission map does', async () => {
    const map = JSON.parse(await emittedPermissions());
    expect(map.Query.loanProducts).toEqual(expect.arrayContaining(['LENDER_ADMIN']));
    expect(map.Mutation.createLoanProduct).toEqual(['LENDER_ADMIN']);
    expect(map.Mutation.login).toBe('ANYONE');
    expect(map.Query.viewer).toBe('AUTHENTICATED');
  });
});
