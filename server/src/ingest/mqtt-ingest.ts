import { MAX_SUMMARY_BYTES, topicFilters } from '@haltung/protocol';
import mqtt, { type MqttClient } from 'mqtt';
import type { Logger } from 'pino';
import type { SummarySink } from './summary-sink.js';

const SUBSCRIBE_TIMEOUT_MS = 10_000;

/** Rejects when `promise` has not settled within `ms` (a lost connection leaves MQTT.js requests pending). */
function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer from the broker within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export interface MqttIngestOptions {
  url: string;
  username?: string;
  password?: string;
  instanceId: string;
  /** null: a plain subscription with one session (a single instance, no shared subscriptions). */
  shareGroup: string | null;
  /** 5, or 4 (MQTT 3.1.1: no session expiry or receive maximum properties). */
  protocolVersion: 4 | 5;
  sessionExpirySeconds: number;
  receiveMaximum: number;
  /** Parallel sessions of this instance in the share group; their fsyncs are grouped. Keep it fixed. */
  connections: number;
}

/**
 * Subscribes to every site's summaries through an MQTT 5 shared subscription (QoS 1, persistent
 * session under a fixed client id) and acknowledges each message only after the sink has stored
 * it durably or dropped it as invalid, so a crash never loses an acknowledged summary.
 */
export class MqttIngest {
  private clients: MqttClient[] = [];
  /** Sessions whose subscription the broker has acknowledged since their last (re)connect. */
  private readonly subscribed = new Set<number>();
  /** One session re-subscribes at a time (see `subscribe`). */
  private resubscribing: Promise<void> = Promise.resolve();
  /** Messages wait for this (the restored spool and cells) before they reach the sink. */
  private sinkReady: Promise<void> = Promise.resolve();
  private subscribedWaiters: Array<() => void> = [];

  constructor(
    private readonly options: MqttIngestOptions,
    private readonly sink: SummarySink,
    private readonly log: Logger,
  ) {}

  /** True while every session of this instance is connected and subscribed. */
  get connected(): boolean {
    return this.clients.length > 0 && this.subscribed.size === this.clients.length;
  }

  /** Fixed per instance and session number, so the broker keeps and redelivers to the same session. */
  clientId(n: number): string {
    const group = this.options.shareGroup;
    return group
      ? `haltung-${group}-${this.options.instanceId}-${n}`
      : `haltung-${this.options.instanceId}-${n}`;
  }

  /** The shared filter, or the plain one when there is no share group. */
  get filter(): string {
    const group = this.options.shareGroup;
    return group ? topicFilters.sharedSummaries(group) : topicFilters.allSummaries;
  }

  /** Every session of a plain subscription would receive every summary: one session then. */
  get sessions(): number {
    return this.options.shareGroup ? this.options.connections : 1;
  }

  /**
   * Connects and subscribes at once; messages are held unacknowledged until `sinkReady` resolves
   * (dropped unacknowledged if it rejects), so the subscription exists while the sink restores its
   * state: a summary published to a share group that has no subscription yet is dropped by the broker.
   */
  start(sinkReady: Promise<void> = Promise.resolve()): void {
    this.sinkReady = sinkReady;
    this.log.info(
      { filter: this.filter, sessions: this.sessions, protocolVersion: this.options.protocolVersion },
      'subscribing to summaries',
    );
    for (let n = 0; n < this.sessions; n++) this.clients.push(this.connect(n));
  }

  /** Resolves true once every session is subscribed, false after `timeoutMs`. */
  whenSubscribed(timeoutMs: number): Promise<boolean> {
    if (this.connected) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.subscribedWaiters.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }

  private connect(n: number): MqttClient {
    const o = this.options;
    const client = mqtt.connect(o.url, {
      protocolVersion: o.protocolVersion,
      clientId: this.clientId(n),
      clean: false,
      ...(o.username ? { username: o.username } : {}),
      ...(o.password ? { password: o.password } : {}),
      reconnectPeriod: 1000,
      // We subscribe on every connect ourselves (see `subscribe`).
      resubscribe: false,
      connectTimeout: 10_000,
      ...(o.protocolVersion === 5
        ? {
            properties: {
              sessionExpiryInterval: o.sessionExpirySeconds,
              receiveMaximum: o.receiveMaximum,
              // The broker must not even send us payloads far beyond a summary's size limit.
              maximumPacketSize: MAX_SUMMARY_BYTES * 4,
            },
          }
        : {}),
    });
    // MQTT.js sends the PUBACK of a QoS 1 message only when this callback is called.
    client.handleMessage = (packet, done) => {
      if (packet.cmd !== 'publish') return done();
      const payload = typeof packet.payload === 'string' ? Buffer.from(packet.payload) : packet.payload;
      this.sinkReady
        .then(() => this.sink.accept(packet.topic, payload))
        .then(
          (result) => {
            if (result !== 'stored') this.log.debug({ topic: packet.topic, result }, 'summary dropped');
            done();
          },
          // Stopping: leave it unacknowledged, the broker redelivers it to this session later.
          (error: Error) => this.log.warn({ err: error.message }, 'summary left unacknowledged'),
        );
    };
    client.on('connect', (connack) => {
      this.subscribed.delete(n);
      this.log.info({ session: n, sessionPresent: connack.sessionPresent }, 'connected to MQTT broker');
      this.resubscribing = this.resubscribing.then(() => this.subscribe(n, client));
    });
    client.on('close', () => {
      this.subscribed.delete(n);
    });
    client.on('error', (error) => this.log.warn({ err: error.message }, 'MQTT error'));
    return client;
  }

  /**
   * Unsubscribes, then subscribes the shared filter. Mosquitto 2.0.11 (Debian's) restores a
   * persistent session with a `$share/…` subscription after a broker restart (sessionPresent=true)
   * but delivers nothing to it, and a second SUBSCRIBE does not repair it; an UNSUBSCRIBE first does.
   * A plain subscription is not affected. Sessions do this one after the other: while one is
   * briefly unsubscribed, this instance's other sessions still hold the group's subscription, so
   * the broker never sees the group without a subscriber (a summary published then would be dropped).
   */
  private async subscribe(n: number, client: MqttClient): Promise<void> {
    const filter = this.filter;
    const shared = this.options.shareGroup !== null;
    try {
      // A plain subscription is not affected, and unsubscribing it would drop what is published meanwhile.
      if (shared) await withTimeout(client.unsubscribeAsync(filter), SUBSCRIBE_TIMEOUT_MS);
      await withTimeout(client.subscribeAsync(filter, { qos: 1 }), SUBSCRIBE_TIMEOUT_MS);
      if (!client.connected) return;
      this.subscribed.add(n);
      if (this.connected) for (const wake of this.subscribedWaiters.splice(0)) wake();
      this.log.info(
        { session: n, filter },
        shared ? 'unsubscribed and subscribed again (Mosquitto shared-session bug)' : 'subscribed',
      );
    } catch (error) {
      // The next reconnect tries again; /healthz reports the session as not ingesting meanwhile.
      this.log.error(
        { err: (error as Error).message, session: n, filter },
        'subscribing to summaries failed',
      );
    }
  }

  async stop(): Promise<void> {
    const clients = this.clients;
    this.clients = [];
    this.subscribed.clear();
    await Promise.all(clients.map((c) => c.endAsync(true)));
  }
}
