import { createHash, randomBytes } from 'node:crypto';
import { ConfigError, loadConfig } from './config';

describe('config', () => {
  it('boots with development defaults on a bare machine: embedded database, Postgres queues, in-process worker', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ env: 'development', port: 4000, databaseUrl: undefined, redisUrl: undefined, inProcessWorker: true });
    expect(c.embedded.dataDir).toMatch(/postgres$/);
  });
  it('refuses a production boot without its secrets', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://x@db/y' })).toThrow(ConfigError);
  });
  describe('production refuses development and weak secrets', () => {
    const good = () => ({
      NODE_ENV: 'production', DATABASE_URL: 'postgres://owner@db/microlend',
      JWT_SECRET: randomBytes(48).toString('base64'), MASTER_KEY: randomBytes(32).toString('base64'), APP_DB_PASSWORD: randomBytes(32).toString('base64'),
    });
    const devMasterKey = createHash('sha256').update('microlend-development-only-master-key').digest().toString('base64');
    it('accepts random secrets', () => {
      expect(loadConfig(good()).env).toBe('production');
      expect(loadConfig({ ...good(), JWT_SECRET: randomBytes(24).toString('base64') }).env).toBe('production'); // 32 characters
    });
    it.each([
      ['JWT_SECRET', 'microlend-development-only-jwt-secret-change-me', /JWT_SECRET is a development value/],
      ['MASTER_KEY', devMasterKey, /MASTER_KEY is a development value/],
      ['APP_DB_PASSWORD', 'microlend-app-dev', /APP_DB_PASSWORD is a development value/],
      ['MASTER_KEY', Buffer.alloc(32).toString('base64'), /MASTER_KEY is all zeros/],
      ['MASTER_KEY', Buffer.from('a'.repeat(32)).toString('base64'), /MASTER_KEY is low-entropy/],
      ['JWT_SECRET', 'a'.repeat(64), /JWT_SECRET is low-entropy/],
      ['JWT_SECRET', 'abc'.repeat(22), /JWT_SECRET is low-entropy/],
      ['APP_DB_PASSWORD', 'a'.repeat(64), /APP_DB_PASSWORD is low-entropy/],
      ['JWT_SECRET', `${randomBytes(48).toString('base64').slice(0, 31)}`, /JWT_SECRET(: Too small| is 31 bytes)/],
      ['APP_DB_PASSWORD', `${randomBytes(48).toString('base64').slice(0, 31)}`, /APP_DB_PASSWORD is 31 bytes; at least 32/],
    ])('refuses %s = %s', (name, value, message) => {
      expect(() => loadConfig({ ...good(), [name]: value })).toThrow(ConfigError);
      expect(() => loadConfig({ ...good(), [name]: value })).toThrow(message);
    });
    it('names every offending variable at once, and the app role URL carrying the development password', () => {
      expect(() => loadConfig({ ...good(), JWT_SECRET: 'microlend-development-only-jwt-secret-change-me', MASTER_KEY: devMasterKey }))
        .toThrow(/JWT_SECRET[\s\S]*MASTER_KEY/);
      const { DATABASE_URL: _owner, APP_DB_PASSWORD: _pw, ...rest } = good();
      void _owner; void _pw;
      expect(() => loadConfig({ ...rest, APP_DATABASE_URL: 'postgres://microlend_app:microlend-app-dev@db/microlend', REDIS_URL: 'redis://r:6379' }))
        .toThrow(/APP_DATABASE_URL carries the development password/);
      expect(loadConfig({ ...rest, APP_DATABASE_URL: 'postgres://microlend_app:s3cret@db/microlend', REDIS_URL: 'redis://r:6379' }).env).toBe('production');
    });
    it('keeps development and test on their defaults', () => {
      expect(loadConfig({ NODE_ENV: 'test', JWT_SECRET: 'a'.repeat(64), MASTER_KEY: Buffer.alloc(32).toString('base64') }).env).toBe('test');
    });
  });
  it('names each bad setting', () => {
    expect(() => loadConfig({ PORT: 'eighty', REDIS_URL: 'not a url' })).toThrow(/PORT[\s\S]*REDIS_URL/);
  });
  it('gives close of business its own working memory, as PostgreSQL spells a size', () => {
    expect(loadConfig({}).cobWorkMem).toBe('64MB');
    expect(loadConfig({ COB_WORK_MEM: '256MB' }).cobWorkMem).toBe('256MB');
    expect(loadConfig({}).cobSamplePercent).toBe(1);
    expect(loadConfig({ COB_SAMPLE_PERCENT: '0' }).cobSamplePercent).toBe(0);
    expect(() => loadConfig({ COB_SAMPLE_PERCENT: '101' })).toThrow(/COB_SAMPLE_PERCENT/);
    expect(() => loadConfig({ COB_WORK_MEM: '64 MB; DROP TABLE loans' })).toThrow(/COB_WORK_MEM/);
  });
  it('runs the worker separately when a database is configured, unless told otherwise', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://a@b/c' }).inProcessWorker).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgres://a@b/c', IN_PROCESS_WORKER: 'true' }).inProcessWorker).toBe(true);
  });
  it('distributes on Citus only when asked', () => {
    expect(loadConfig({}).citus).toEqual({ distribute: false });
    expect(loadConfig({ CITUS_DISTRIBUTE: 'true' }).citus).toEqual({ distribute: true });
    expect(() => loadConfig({ CITUS_DISTRIBUTE: 'yes' })).toThrow(/CITUS_DISTRIBUTE/);
  });
  it('runs a deployed process on the app role alone: no migrations at boot, queues on Redis', () => {
    const app = 'postgres://microlend_app:pw@db/microlend';
    expect(loadConfig({ APP_DATABASE_URL: app, REDIS_URL: 'redis://r:6379' })).toMatchObject({ databaseUrl: undefined, migrateOnBoot: false, inProcessWorker: false });
    expect(() => loadConfig({ APP_DATABASE_URL: app, REDIS_URL: 'redis://r:6379', MIGRATE_ON_BOOT: 'true' })).toThrow(/MIGRATE_ON_BOOT needs DATABASE_URL/);
    expect(() => loadConfig({ APP_DATABASE_URL: app })).toThrow(/set REDIS_URL/);
    expect(loadConfig({}).migrateOnBoot).toBe(true);
    expect(loadConfig({ DATABASE_URL: 'postgres://a@b/c', MIGRATE_ON_BOOT: 'false' }).migrateOnBoot).toBe(false);
  });
});
