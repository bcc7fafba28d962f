import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './load-config.js';

const env = {
  HALTUNG_SERVER_MQTT_URL: 'mqtt://127.0.0.1:1883',
  HALTUNG_SERVER_INFLUX_URL: 'http://127.0.0.1:8086',
};

describe('loadConfig', () => {
  it('reads HALTUNG_SERVER_* with safe defaults (k = 5, 15-min buckets, 400 days, no noise)', () => {
    const c = loadConfig({
      env: {
        ...env,
        HALTUNG_SERVER_TOKENS: 'ehs:safety_officer:abcdefghijklmnop1,wc:works_council:abcdefghijklmnop2',
      },
    });
    expect(c.privacy).toEqual({
      k: 5,
      bucketSeconds: 900,
      retentionDays: 400,
      epsilon: null,
      timeZone: 'Europe/Berlin',
    });
    expect(c.tokens.map((t) => t.role)).toEqual(['safety_officer', 'works_council']);
    expect(c.corsOrigins).toEqual([]);
    expect(c.influx.database).toBe('haltung');
  });

  it('merges a YAML file with the environment, the environment winning', () => {
    const dir = mkdtempSync(join(tmpdir(), 'haltung-cfg-'));
    const file = join(dir, 'server.yaml');
    writeFileSync(
      file,
      'port: 9000\nprivacy:\n  k: 8\n  epsilon: 1\ninflux:\n  url: http://db:8086\n  database: plant\n',
    );
    const c = loadConfig({
      file,
      env: { HALTUNG_SERVER_MQTT_URL: env.HALTUNG_SERVER_MQTT_URL, HALTUNG_SERVER_K: '10' },
    });
    expect(c.port).toBe(9000);
    expect(c.privacy).toMatchObject({ k: 10, epsilon: 1, bucketSeconds: 900 });
    expect(c.influx).toMatchObject({ url: 'http://db:8086', database: 'plant' });
  });

  it('lists every problem at once, naming the variable to fix', () => {
    let error: unknown;
    try {
      loadConfig({
        env: {
          HALTUNG_SERVER_INFLUX_URL: 'not a url',
          HALTUNG_SERVER_K: '1',
          HALTUNG_SERVER_BUCKET_SECONDS: '60',
          HALTUNG_SERVER_PORT: 'eighty',
          HALTUNG_SERVER_TIME_ZONE: 'Mars/Base',
          HALTUNG_SERVER_TOKENS: 'short:admin:123',
        },
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const expected of [
      'HALTUNG_SERVER_PORT: not a number',
      'mqtt',
      'influx.url (HALTUNG_SERVER_INFLUX_URL)',
      'privacy.k (HALTUNG_SERVER_K)',
      'privacy.bucketSeconds (HALTUNG_SERVER_BUCKET_SECONDS)',
      'privacy.timeZone (HALTUNG_SERVER_TIME_ZONE)',
      'tokens.0.token: tokens must be at least 16 characters',
    ]) {
      expect(problems).toContain(expected);
    }
  });
});
