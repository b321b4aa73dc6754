import 'reflect-metadata';
import type { Server } from 'node:http';
import express from 'express';
import { loadConfig } from './config/config';
import { mountHealth, mountMetrics } from './app/http/app';
import { bootRuntime } from './app/runtime';

/** The job worker entry point (`npm run worker`): processes queued jobs until SIGTERM, then drains. */
async function main(): Promise<void> {
  const config = loadConfig();
  const runtime = await bootRuntime(config, { migrate: false, worker: true });
  // Probes and metrics for the orchestrator, when a port is given (the chart gives one).
  let server: Server | null = null;
  if (config.workerHttpPort) {
    const app = express();
    app.disable('x-powered-by');
    mountHealth(app, runtime);
    mountMetrics(app, runtime);
    server = await new Promise<Server>((resolve) => {
      const s = app.listen(config.workerHttpPort!, () => resolve(s));
    });
  }
  runtime.logger.info({ backend: runtime.queue.backend.kind, httpPort: config.workerHttpPort }, 'worker started');
  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    runtime.logger.info('worker draining');
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
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
