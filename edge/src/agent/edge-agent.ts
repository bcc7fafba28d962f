import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { topicFilters, topics } from '@haltung/protocol';
import mqtt, { type MqttClient } from 'mqtt';
import type { Logger } from 'pino';
import type { PostureClassifier } from '../classify/posture-classifier.js';
import type { EdgeConfig } from '../config/config-schema.js';
import { createEdgeMetrics, type EdgeMetrics } from '../metrics/edge-metrics.js';
import { startMetricsServer } from '../metrics/metrics-server.js';
import type { RuleSet } from '../rules/rule-schema.js';
import { SummarySpool } from '../spool/summary-spool.js';
import { takeHeldBuckets, writeHeldBuckets } from '../summary/held-buckets.js';
import { EdgeCore } from './edge-core.js';
import { SitePublisher } from './site-publisher.js';

export interface EdgeAgentOptions {
  config: EdgeConfig;
  rules: RuleSet;
  classifier: PostureClassifier;
  log: Logger;
}

export interface EdgeAgent {
  readonly core: EdgeCore;
  readonly metrics: EdgeMetrics;
  /** `http://127.0.0.1:<port>/metrics` once started with a metrics port, else null. */
  readonly metricsUrl: string | null;
  /** Connects, subscribes and starts ticking; resolves once subscribed to the local broker. */
  start(): Promise<void>;
  /**
   * Publishes the buckets that are over, then (`onStop: hold`, the default) keeps the open ones on
   * disk for the next start or (`flush`) publishes them now; tries `drainMs` to deliver the spool,
   * then disconnects. What is not delivered stays spooled for the next start.
   */
  stop(drainMs?: number): Promise<void>;
  /** Stops at once without flushing (a crash, for tests); spooled summaries survive. */
  kill(): Promise<void>;
  /** Summaries waiting in the spool. */
  readonly pendingSummaries: number;
}

/** Builds an agent (not started): the local and site MQTT clients around an EdgeCore. */
export function createEdgeAgent(options: EdgeAgentOptions): EdgeAgent {
  const { config, log } = options;
  const metrics = createEdgeMetrics();
  const instance = randomUUID().slice(0, 8);
  const spool = new SummarySpool(join(config.dataDir, 'spool'), config.spoolMaxFiles, (name, why) => {
    metrics.spoolDropped.inc({ why });
    log.warn({ file: name, why }, 'dropped a spooled summary');
  });
  let local: MqttClient | null = null;
  let site: MqttClient | null = null;
  let publisher: SitePublisher | null = null;
  let timer: NodeJS.Timeout | null = null;
  let metricsServer: Awaited<ReturnType<typeof startMetricsServer>> | null = null;

  const core = new EdgeCore({
    config,
    rules: options.rules,
    classifier: options.classifier,
    metrics,
    log,
    publishFeedback: (deviceId, message) => {
      local?.publish(topics.feedback(deviceId), JSON.stringify(message), { qos: 1 });
    },
    publishSummary: (summary) => publisher?.submit(summary),
  });
  metrics.registry.gauge('haltung_edge_devices', 'Devices tracked', () => core.registry.size);
  metrics.registry.gauge(
    'haltung_edge_spool_summaries',
    'Summaries waiting for the site broker',
    () => spool.size,
  );

  const onTick = () => {
    try {
      core.tick();
      publisher?.drain();
    } catch (error) {
      log.error({ err: error }, 'tick failed');
    }
  };

  let closed = false;
  const closeClients = async (force: boolean) => {
    if (closed) return;
    closed = true;
    if (timer) clearInterval(timer);
    timer = null;
    // The site client never needs a graceful end: whatever it has not delivered is still spooled.
    await Promise.all([local?.endAsync(force), site?.endAsync(true)]);
    await metricsServer?.close();
    metricsServer = null;
    options.classifier.dispose();
  };

  return {
    core,
    metrics,
    get metricsUrl() {
      return metricsServer?.url ?? null;
    },
    get pendingSummaries() {
      return spool.size;
    },
    async start() {
      // Before any frame: a device that comes back adds to the bucket it had open.
      const held = takeHeldBuckets(config.dataDir);
      if (held.ok) {
        const r = core.resume(held.devices);
        if (r.devices > 0) log.info(r, 'took back the open buckets held at the last stop');
      } else {
        metrics.drops.inc({ reason: 'bad_held_buckets' });
        log.error({ error: held.error, movedTo: held.movedTo }, 'held buckets unreadable: moved aside');
      }
      if (config.metricsPort !== undefined) {
        metricsServer = await startMetricsServer(metrics.registry, config.metricsPort);
        log.info({ url: metricsServer.url }, 'metrics on localhost');
      }
      site = mqtt.connect(config.siteBroker ?? config.broker, {
        clientId: `haltung-edge-site-${instance}`,
        reconnectPeriod: 1000,
        connectTimeout: 5000,
      });
      site.on('error', (err) => log.warn({ err: err.message }, 'site broker'));
      site.on('connect', () => log.info('connected to the site broker'));
      publisher = new SitePublisher(site, spool, metrics, log);
      local = mqtt.connect(config.broker, {
        clientId: `haltung-edge-${instance}`,
        reconnectPeriod: 1000,
        connectTimeout: 5000,
      });
      local.on('error', (err) => log.warn({ err: err.message }, 'local broker'));
      local.on('message', (topic, payload) => core.handleMessage(topic, payload));
      const client = local;
      const subscribed = new Promise<void>((resolve) => {
        // Subscribe on every connect without a kept session (the first one and after a broker restart).
        client.on('connect', (ack) => {
          log.info('connected to the local broker');
          if (ack.sessionPresent) return resolve();
          client
            .subscribeAsync({
              [topicFilters.allImu]: { qos: 0 },
              [topicFilters.allControl]: { qos: 1 },
              [topicFilters.allZone]: { qos: 1 },
            })
            .then(() => resolve())
            .catch((err: Error) => log.warn({ err: err.message }, 'subscribe failed'));
        });
      });
      await subscribed;
      timer = setInterval(onTick, config.tickMs);
      log.info({ site: config.siteId, spooled: spool.size }, 'edge agent started');
    },
    async stop(drainMs = 5000) {
      if (closed) return;
      if (timer) clearInterval(timer);
      timer = null;
      if (config.onStop === 'hold') {
        const held = core.hold();
        writeHeldBuckets(config.dataDir, held, Date.now());
        log.info({ devices: held.length }, 'open buckets held on disk for the next start');
      } else {
        core.flushAll();
      }
      const delivered = (await publisher?.flush(drainMs)) ?? false;
      log.info({ delivered, spooled: spool.size }, 'edge agent stopping');
      await closeClients(false);
    },
    async kill() {
      await closeClients(true);
    },
  };
}
