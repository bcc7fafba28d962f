export type { FastifyInstance } from 'fastify';
export { type AppDeps, buildApp } from './app.js';
export {
  type ApiToken,
  type ServerConfig,
  type ServerConfigInput,
  serverConfigSchema,
} from './config/config-schema.js';
export { ConfigError, ENV_VARIABLES, loadConfig } from './config/load-config.js';
export { type Health, healthSchema } from './http/routes-ops.js';
export { MEASUREMENTS } from './storage/schema.js';
