import { spawn } from 'node:child_process';
import path from 'node:path';
import { runCli } from '../../src/cli';
import type { Config } from '../../src/config/config';

const ROOT = path.resolve(__dirname, '..', '..');

export interface CliRun {
  code: number | null;
  out: string;
  err: string;
}

/** Runs the real CLI in-process against a test database, capturing what it prints. */
export async function cli(config: Config, ...args: string[]): Promise<CliRun> {
  let out = '';
  let err = '';
  const code = await runCli(['node', 'microlend', ...args], { out: (t) => void (out += t), err: (t) => void (err += t) }, config);
  return { code, out, err };
}

/**
 * Runs `bin/microlend` as its own process, the way a user does. Asynchronous (a synchronous spawn
 * would freeze this process, and with it the app a spec serves from it, for as long as the CLI takes
 * to compile and boot on a loaded machine); resolves on `close`, once the process has exited and both
 * streams are drained, so nothing it printed is lost. A CLI still running after `timeoutMs` is killed
 * and the run fails with everything it printed so far.
 */
export function cliProcess(args: string[], env: NodeJS.ProcessEnv, timeoutMs = 150_000): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'microlend'), ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`microlend ${args.join(' ')} still running after ${timeoutMs} ms\nstdout: ${out}\nstderr: ${err}`));
    }, timeoutMs);
    child.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, out, err });
    });
  });
}


/** The run, when it exited 0; otherwise fails with its exit code and everything it printed (not an empty stdout). */
export function succeeded(run: CliRun): CliRun {
  if (run.code !== 0) throw new Error(`microlend exited with ${run.code}\nstderr: ${run.err}\nstdout: ${run.out}`);
  return run;
}
