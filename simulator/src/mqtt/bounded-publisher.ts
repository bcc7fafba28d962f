import type { IClientPublishOptions, MqttClient } from 'mqtt';

/**
 * Publishes with back-pressure: at most `maxInFlight` messages are handed to the client and not yet
 * confirmed (written to the socket for QoS 0, acknowledged for QoS 1). `publish` resolves once the
 * message is accepted; callers that await it never buffer more than that many messages.
 */
export class BoundedPublisher {
  private inFlight = 0;
  private waiters: Array<() => void> = [];
  private failure: Error | null = null;
  /** Messages confirmed by the client, and failed publishes. */
  published = 0;
  failed = 0;

  constructor(
    private readonly client: MqttClient,
    readonly maxInFlight = 256,
  ) {
    if (!(maxInFlight >= 1)) throw new Error(`maxInFlight ${maxInFlight} must be at least 1`);
  }

  async publish(
    topic: string,
    payload: Buffer | string,
    options: IClientPublishOptions = { qos: 0 },
  ): Promise<void> {
    while (this.inFlight >= this.maxInFlight) {
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
    if (this.failure) throw this.failure;
    this.inFlight++;
    this.client.publish(topic, payload, options, (error) => {
      this.inFlight--;
      if (error) {
        this.failed++;
        this.failure ??= new Error(`publish to ${topic} failed: ${error.message}`, { cause: error });
      } else {
        this.published++;
      }
      this.waiters.shift()?.();
    });
  }

  /** Waits until every message handed over is confirmed. */
  async drain(): Promise<void> {
    while (this.inFlight > 0) {
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
    if (this.failure) throw this.failure;
  }

  get pending(): number {
    return this.inFlight;
  }
}
