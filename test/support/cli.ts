import { runCli } from '../../src/cli';
import type { Config } from '../../src/config/config';

/** Runs the real CLI in-process against a test database, capturing what it prints. */
export async function cli(config: Config, ...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(['node', 'microlend', ...args], { out: (t) => void (out += t), err: (t) => void (err += t) }, config);
  return { code, out, err };
}
