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
  it('names each bad setting', () => {
    expect(() => loadConfig({ PORT: 'eighty', REDIS_URL: 'not a url' })).toThrow(/PORT[\s\S]*REDIS_URL/);
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
