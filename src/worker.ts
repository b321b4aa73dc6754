import 'reflect-metadata';
import { loadConfig } from './config/config';
import { bootRuntime } from './platform/runtime';

/** The job worker entry point (`npm run worker`): processes queued jobs until SIGTERM, then drains. */
async function main(): Promise<void> {
  const config = loadConfig();
  const runtime = await bootRuntime(config, { migrate: false, worker: true });
  runtime.logger.info({ backend: runtime.queue.backend.kind }, 'worker started');
  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    runtime.logger.info('worker draining');
    await runtime.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown());
  process.on('SIGINT', () => void shutdown());
}

main().catch((err) => {
  process.stderr.write(`worker failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exit(1);
});
