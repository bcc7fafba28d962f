import { parseArgs } from 'node:util';
import pino from 'pino';
import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config/load-config.js';

/** `npm run server -- [--config file]`: the composition root, the only place that reads the environment. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { config: { type: 'string', short: 'c' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    console.log(
      'Usage: npm run server -- [--config server.yaml]\nSettings: see server/README.md (HALTUNG_SERVER_*).',
    );
    return;
  }
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig({ ...(values.config ? { file: values.config } : {}), env: process.env });
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exitCode = 2;
      return;
    }
    throw error;
  }
  const log = pino({ level: config.logLevel });
  const app = await buildApp(config, { logger: log });
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 20_000);
    force.unref();
    await app.close();
    clearTimeout(force);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  await app.listen({ host: config.host, port: config.port });
}

await main();
