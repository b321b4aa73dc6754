import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { addDays } from '../../src/modules/cob/cob.service';
import { cli } from '../support/cli';
import { type TestApp, startTestApp } from '../support/test-app';

/**
 * Issue 13, item 6: deleting the newest audit entries and moving the chain's head back passes a
 * plain `audit verify`; a checkpoint signed outside the database (CLI file, audit.checkpoint event
 * after each close of business) catches it.
 */
describe('audit checkpoints anchor the chain outside the database', () => {
  let app: TestApp;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'audit-checkpoint-'));
  const today = () => new Date().toISOString().slice(0, 10);

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  async function tenantWithHistory() {
    const { slug } = await app.createTenant();
    const admin = await app.apiKey(slug, 'LENDER_ADMIN');
    for (const n of [1, 2, 3]) await app.gql(`mutation { createApiKey(input: { name: "k${n}", role: APP }) { secret } }`, {}, admin);
    return { slug, admin };
  }
  /** The attack: delete the newest entries of lane 0 and move its head back to the one before, bypassing triggers. */
  async function truncate(slug: string, keep: number) {
    await app.ownerQuery(`
      BEGIN;
      SET LOCAL session_replication_role = replica;
      DELETE FROM audit_entries WHERE tenant_id = (SELECT id FROM tenants WHERE slug = '${slug}') AND lane = 0 AND seq > ${keep};
      UPDATE audit_heads h SET last_seq = e.seq, last_hash = e.hash FROM audit_entries e
        WHERE h.tenant_id = (SELECT id FROM tenants WHERE slug = '${slug}') AND h.lane = 0 AND e.tenant_id = h.tenant_id AND e.lane = 0 AND e.seq = ${keep};
      COMMIT;`);
  }

  it('writes a signed checkpoint that a later truncation cannot pass, though the chain alone still verifies', async () => {
    const { slug } = await tenantWithHistory();
    const file = path.join(dir, `${slug}.json`);
    const taken = await cli(app.config, 'audit', 'checkpoint', '--tenant', slug, '--out', file);
    expect(taken.code).toBe(0);
    const checkpoint = JSON.parse(readFileSync(file, 'utf8'));
    // tenant.created, three keys and the checkpoint's own admin key: five entries in lane 0.
    expect(checkpoint.heads).toEqual([expect.objectContaining({ lane: 0, seq: 5 })]);
    expect((await cli(app.config, 'audit', 'verify', '--tenant', slug, '--checkpoint', file)).code).toBe(0);

    await truncate(slug, 2);
    // The chain by itself is consistent again: the gap the issue describes.
    expect((await cli(app.config, 'audit', 'verify', '--tenant', slug)).code).toBe(0);
    const res = await cli(app.config, 'audit', 'verify', '--tenant', slug, '--checkpoint', file);
    expect(res.code).toBe(1);
    expect(res.err).toContain('entry 5: TRUNCATED');
  });

  it('refuses a checkpoint that was altered, or signed with another key', async () => {
    const { slug } = await tenantWithHistory();
    const file = path.join(dir, `${slug}-forged.json`);
    await cli(app.config, 'audit', 'checkpoint', '--tenant', slug, '--out', file);
    const checkpoint = JSON.parse(readFileSync(file, 'utf8'));
    writeFileSync(file, JSON.stringify({ ...checkpoint, heads: [{ ...checkpoint.heads[0], seq: 2 }] }));
    const res = await cli(app.config, 'audit', 'verify', '--tenant', slug, '--checkpoint', file);
    expect(res.code).toBe(1);
    expect(res.err).toContain('signature does not verify');
    // Another tenant's checkpoint proves nothing about this one.
    const { slug: other } = await tenantWithHistory();
    writeFileSync(file, JSON.stringify(checkpoint));
    expect((await cli(app.config, 'audit', 'verify', '--tenant', other, '--checkpoint', file)).err).toContain('another tenant');
  });

  it('publishes a checkpoint as an audit.checkpoint event after each close of business', async () => {
    const { slug, admin } = await tenantWithHistory();
    await app.ownerQuery("UPDATE tenants SET timezone = 'UTC' WHERE slug = $1", [slug]);
    expect((await cli(app.config, 'cob', 'run', '--tenant', slug, '--date', addDays(today(), -1))).code).toBe(0);
    const events = await app.gql('{ events(filter: { types: ["audit.checkpoint"] }) { nodes { type data } } }', {}, admin);
    expect(events.errors).toBeUndefined();
    const [published] = events.data!.events.nodes;
    expect(published.type).toBe('audit.checkpoint');
    expect(published.data.heads[0]).toMatchObject({ lane: 0, seq: 5 });
    // The event's data is the checkpoint itself: saved to a file, it verifies.
    const file = path.join(dir, `${slug}-event.json`);
    writeFileSync(file, JSON.stringify(published.data));
    expect((await cli(app.config, 'audit', 'verify', '--tenant', slug, '--checkpoint', file)).code).toBe(0);
  });
});
