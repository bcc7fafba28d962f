import { MAX_SUMMARY_BYTES, topicFilters } from '@haltung/protocol';
import mqtt, { type MqttClient } from 'mqtt';
import type { Logger } from 'pino';
import type { SummarySink } from './summary-sink.js';

export interface MqttIngestOptions {
  url: string;
  username?: string;
  password?: string;
  instanceId: string;
  shareGroup: string;
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
  private readonly up = new Set<number>();

  constructor(
    private readonly options: MqttIngestOptions,
    private readonly sink: SummarySink,
    private readonly log: Logger,
  ) {}

  /** True while every session of this instance is connected. */
  get connected(): boolean {
    return this.clients.length > 0 && this.up.size === this.clients.length;
  }

  /** Fixed per instance and session number, so the broker keeps and redelivers to the same session. */
  clientId(n: number): string {
    return `haltung-${this.options.shareGroup}-${this.options.instanceId}-${n}`;
  }

  start(): void {
    for (let n = 0; n < this.options.connections; n++) this.clients.push(this.connect(n));
  }

  private connect(n: number): MqttClient {
    const o = this.options;
    const client = mqtt.connect(o.url, {
      protocolVersion: 5,
      clientId: this.clientId(n),
      clean: false,
      ...(o.username ? { username: o.username } : {}),
      ...(o.password ? { password: o.password } : {}),
      reconnectPeriod: 1000,
      connectTimeout: 10_000,
      properties: {
        sessionExpiryInterval: o.sessionExpirySeconds,
        receiveMaximum: o.receiveMaximum,
        // The broker must not even send us payloads far beyond a summary's size limit.
        maximumPacketSize: MAX_SUMMARY_BYTES * 4,
      },
    });
    // MQTT.js sends the PUBACK of a QoS 1 message only when this callback is called.
    client.handleMessage = (packet, done) => {
      if (packet.cmd !== 'publish') return done();
      const payload = typeof packet.payload === 'string' ? Buffer.from(packet.payload) : packet.payload;
      this.sink.accept(packet.topic, payload).then(
        (result) => {
          if (result !== 'stored') this.log.debug({ topic: packet.topic, result }, 'summary dropped');
          done();
        },
        // Stopping: leave it unacknowledged, the broker redelivers it to this session later.
        (error: Error) => this.log.warn({ err: error.message }, 'summary left unacknowledged'),
      );
    };
    client.on('connect', (connack) => {
      this.up.add(n);
      this.log.info({ session: n, sessionPresent: connack.sessionPresent }, 'connected to MQTT broker');
      client.subscribe(topicFilters.sharedSummaries(o.shareGroup), { qos: 1 }, (error) => {
        if (error) this.log.error({ err: error }, 'subscribing to summaries failed');
      });
    });
    client.on('close', () => {
      this.up.delete(n);
    });
    client.on('error', (error) => this.log.warn({ err: error.message }, 'MQTT error'));
    return client;
  }

  async stop(): Promise<void> {
    const clients = this.clients;
    this.clients = [];
    this.up.clear();
    await Promise.all(clients.map((c) => c.endAsync(true)));
  }
}
