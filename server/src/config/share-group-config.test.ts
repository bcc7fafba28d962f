import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './load-config.js';

const env = {
  HALTUNG_SERVER_MQTT_URL: 'mqtt://127.0.0.1:1883',
  HALTUNG_SERVER_INFLUX_URL: 'http://127.0.0.1:8086',
};

describe('optional share group and MQTT protocol version', () => {
  it('defaults to the shared group haltung-server over MQTT 5', () => {
    const c = loadConfig({ env });
    expect(c.shareGroup).toBe('haltung-server');
    expect(c.mqtt.protocolVersion).toBe(5);
  });

  it('an empty HALTUNG_SERVER_SHARE_GROUP means no share group (plain subscription)', () => {
    expect(loadConfig({ env: { ...env, HALTUNG_SERVER_SHARE_GROUP: '' } }).shareGroup).toBeNull();
    expect(loadConfig({ env: { ...env, HALTUNG_SERVER_SHARE_GROUP: 'plant-b' } }).shareGroup).toBe('plant-b');
  });

  it('reads shareGroup: null and mqtt.protocolVersion from the file, and refuses other versions', () => {
    const dir = mkdtempSync(join(tmpdir(), 'haltung-cfg-'));
    const file = join(dir, 'server.yaml');
    writeFileSync(file, 'shareGroup: null\nmqtt:\n  url: mqtt://127.0.0.1:1883\n  protocolVersion: 4\n');
    const c = loadConfig({ file, env: { HALTUNG_SERVER_INFLUX_URL: env.HALTUNG_SERVER_INFLUX_URL } });
    expect(c.shareGroup).toBeNull();
    expect(c.mqtt.protocolVersion).toBe(4);

    writeFileSync(file, 'mqtt:\n  url: mqtt://127.0.0.1:1883\n  protocolVersion: 3\n');
    const refused = (() => {
      try {
        loadConfig({ file, env: { HALTUNG_SERVER_INFLUX_URL: env.HALTUNG_SERVER_INFLUX_URL } });
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    expect(refused).toBeInstanceOf(ConfigError);
    expect((refused as ConfigError).problems.join('\n')).toContain('mqtt.protocolVersion');
  });
});
