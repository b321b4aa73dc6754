import { spawn } from 'node:child_process';
import path from 'node:path';
import { startEmbeddedPostgres } from '../../src/platform/db/embedded-postgres';

/**
 * An embedded PostgreSQL in a process of its own, as another checkout's API would run it. (Jest's
 * module sandbox cannot load the ES-module `embedded-postgres`, so a spec starts it through this.)
 */
export async function startPostgresProcess(dataDir: string, port: number): Promise<{ ownerUrl: string; stop(): Promise<void> }> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', __filename, dataDir, String(port)], {
    cwd: path.resolve(__dirname, '..', '..'),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const check = setInterval(() => {
      if (output.includes('ready\n')) (clearInterval(check), resolve());
      else if (child.exitCode !== null) (clearInterval(check), reject(new Error(`embedded PostgreSQL did not start:\n${output}`)));
    }, 50);
  });
  return {
    ownerUrl: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

if (require.main === module) {
  const [dataDir, port] = process.argv.slice(2);
  startEmbeddedPostgres({ dataDir, port: Number(port) }).then(
    (db) => {
      process.stdout.write('ready\n');
      const stop = () => void db.stop().then(() => process.exit(0));
      process.once('SIGTERM', stop);
      process.once('SIGINT', stop);
    },
    (err: Error) => {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    },
  );
}
