import { join } from 'node:path';
import fastifyCors from '@fastify/cors';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import fastifyWebsocket from '@fastify/websocket';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import pino, { type Logger } from 'pino';
import type { AppContext } from './api/context.js';
import { dataRoutes } from './api/routes-data.js';
import { exportRoutes } from './api/routes-export.js';
import { liveRoutes } from './api/routes-live.js';
import { modelRoutes } from './api/routes-model.js';
import { privacyRoutes } from './api/routes-privacy.js';
import type { ServerConfig } from './config/config-schema.js';
import { authenticator } from './http/auth.js';
import { installErrorHandlers } from './http/errors.js';
import { Metrics } from './http/metrics.js';
import { opsRoutes } from './http/routes-ops.js';
import { registerDashboard } from './http/static-files.js';
import { MqttIngest } from './ingest/mqtt-ingest.js';
import { SummarySink } from './ingest/summary-sink.js';
import { NoiseSource } from './privacy/noise.js';
import { SettingsStore } from './settings/settings-store.js';
import { startBackground } from './start-background.js';
import { InfluxClient } from './storage/influx-client.js';

export interface AppDeps {
  logger?: Logger;
  /** Wall clock in ms (tests move it). */
  now?: () => number;
  noise?: NoiseSource;
}

declare module 'fastify' {
  interface FastifyInstance {
    haltung: AppContext & { started: Promise<void> };
  }
}

/** What a request log line shows: no query token, no headers. */
export function requestForLog(req: { method: string; url: string; ip?: string }) {
  return {
    method: req.method,
    url: req.url.replace(/([?&]token=)[^&]*/gi, '$1[redacted]'),
    remoteAddress: req.ip,
  };
}

/**
 * Builds the server without listening: routes, plugins, and the ingest, which starts when the app
 * becomes ready (`app.ready()` or `listen`) and stops on `app.close()`. `app.haltung.started`
 * resolves once the database is set up and summaries are being ingested.
 */
export async function buildApp(config: ServerConfig, deps: AppDeps = {}): Promise<FastifyInstance> {
  const log = deps.logger ?? pino({ level: config.logLevel });
  const now = deps.now ?? Date.now;
  const influx = new InfluxClient({ ...config.influx });
  const metrics = new Metrics();
  const sink = new SummarySink(
    {
      writer: config.instanceId,
      rp: config.influx.retentionPolicy,
      spoolDir: join(config.spoolDir, config.instanceId),
      spoolMaxBytes: config.spoolMaxBytes,
      msgIdMemory: config.msgIdMemory,
      maxOpenCells: config.maxOpenCells,
      lateWindowMs: config.lateWindowHours * 3_600_000,
      clipCount: config.clipCount,
      flushIntervalMs: config.flushIntervalMs,
      now,
    },
    influx,
    metrics,
    log.child({ component: 'sink' }),
  );
  const ctx: AppContext = {
    config,
    influx,
    settings: new SettingsStore(config.privacy, influx, config.influx.retentionPolicy, now),
    sink,
    ingest: new MqttIngest({ ...config.mqtt, ...config }, sink, log.child({ component: 'mqtt' })),
    metrics,
    noise: deps.noise ?? new NoiseSource(config.noiseSecret),
    now,
    state: { dbReady: false },
  };

  // The live feed takes ?token= (browsers cannot set WebSocket headers): keep tokens out of the logs.
  const httpLog = log.child({}, { serializers: { req: requestForLog } });
  const app = Fastify({ loggerInstance: httpLog as FastifyBaseLogger, bodyLimit: 16 * 1024 });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandlers(app);

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: { 'style-src': ["'self'", "'unsafe-inline'"], 'img-src': ["'self'", 'data:'] },
    },
  });
  await app.register(fastifyCors, { origin: config.corsOrigins.length > 0 ? config.corsOrigins : false });
  await app.register(fastifyRateLimit, {
    max: config.rateLimitPerMinute,
    timeWindow: 60_000,
    // By client address: keying by token would let a caller dodge the limit with made-up tokens.
    keyGenerator: (req) => req.ip,
  });
  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'Haltung server API', version: '1.0.0', description: 'Every figure is k-anonymous.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });
  await app.register(fastifyWebsocket, { options: { maxPayload: 4096 } });
  app.decorate('haltung', { ...ctx, started: Promise.resolve() });
  app.addHook('onRequest', authenticator(config.tokens));

  await app.register(opsRoutes(ctx));
  for (const routes of [dataRoutes, exportRoutes, privacyRoutes, modelRoutes, liveRoutes]) {
    await app.register(routes(ctx), { prefix: '/api/v1' });
  }
  await registerDashboard(app, config.dashboardDir);

  const background = startBackground(ctx, log);
  app.haltung.started = background.started;
  app.addHook('onReady', async () => background.start());
  app.addHook('onClose', async () => background.stop());
  return app;
}
