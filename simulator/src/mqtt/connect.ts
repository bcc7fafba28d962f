import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';

/** The broker used when none is given: HALTUNG_MQTT_URL, else Mosquitto on localhost. */
export function defaultMqttUrl(env: Record<string, string | undefined> = process.env): string {
  return env.HALTUNG_MQTT_URL ?? 'mqtt://127.0.0.1:1883';
}

/**
 * Connects to the broker and fails with a message naming it (rather than retrying forever) when
 * it does not answer within `timeoutMs`. Reconnects automatically after a successful start.
 */
export async function connectMqtt(
  url: string,
  clientId: string,
  options: Partial<IClientOptions> & { timeoutMs?: number } = {},
): Promise<MqttClient> {
  const { timeoutMs = 10_000, ...rest } = options;
  const client = mqtt.connect(url, { clientId, reconnectPeriod: 1000, connectTimeout: timeoutMs, ...rest });
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      client.once('connect', () => {
        clearTimeout(timer);
        resolve();
      });
      client.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
    });
  } catch (error) {
    client.end(true);
    throw new Error(`cannot connect to the MQTT broker at ${url}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  return client;
}
