import 'reflect-metadata';
import { CommanderError } from 'commander';
import { buildCli, describeFailure } from './cli/commands';
import { type Config, loadConfig } from './config/config';

/** The command-line entry point (`npx microlend …`). */
export async function runCli(
  argv: string[],
  io = { out: (t: string) => void process.stdout.write(t), err: (t: string) => void process.stderr.write(t) },
  config?: Config,
): Promise<number> {
  try {
    await buildCli(config ?? loadConfig(), io).parseAsync(argv);
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    const { message, code } = describeFailure(err);
    io.err(`error: ${message}\n`);
    return code;
  }
}

if (require.main === module) {
  void runCli(process.argv).then((code) => {
    process.exitCode = code;
  });
}
