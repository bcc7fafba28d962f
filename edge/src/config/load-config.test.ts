import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, envName, loadConfig } from './load-config.js';

describe('loadConfig', () => {
  it('has working defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ broker: 'mqtt://127.0.0.1:1883', siteId: 'local', bucketSeconds: 900 });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('layers file < environment < flags', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'edge-config-')), 'edge.yaml');
    writeFileSync(file, 'siteId: from-file\ntickMs: 100\nbucketSeconds: 600\n');
    const config = loadConfig({
      file,
      env: { HALTUNG_EDGE_TICK_MS: '200', HALTUNG_EDGE_SITE_BROKER: 'mqtt://site:1883' },
      flags: { tickMs: '300', broker: undefined },
    });
    expect(config).toMatchObject({
      siteId: 'from-file',
      bucketSeconds: 600,
      tickMs: 300,
      siteBroker: 'mqtt://site:1883',
    });
    expect(envName('siteBroker')).toBe('HALTUNG_EDGE_SITE_BROKER');
  });

  it('lists every problem at once, with where each value came from', () => {
    let error: unknown;
    try {
      loadConfig({
        env: { HALTUNG_EDGE_BUCKET_SECONDS: '90', HALTUNG_EDGE_SITE_ID: 'Plant 1' },
        flags: { broker: 'http://x', tickMs: 'soon' },
        flagNames: { tickMs: 'tick' },
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toMatch(/broker \(from --broker\): must be an MQTT URL/);
    expect(problems).toMatch(/tickMs \(from --tick\)/);
    expect(problems).toMatch(/bucketSeconds \(from HALTUNG_EDGE_BUCKET_SECONDS\)/);
    expect(problems).toMatch(/siteId \(from HALTUNG_EDGE_SITE_ID\)/);
  });

  it('refuses unknown keys in a file, and a file that is not an object', () => {
    const dir = mkdtempSync(join(tmpdir(), 'edge-config-'));
    writeFileSync(join(dir, 'a.yaml'), 'brokr: mqtt://x:1\n');
    writeFileSync(join(dir, 'b.yaml'), '- 1\n');
    expect(() => loadConfig({ file: join(dir, 'a.yaml') })).toThrow(/brokr/);
    expect(() => loadConfig({ file: join(dir, 'b.yaml') })).toThrow(/must be a YAML\/JSON object/);
  });
});
