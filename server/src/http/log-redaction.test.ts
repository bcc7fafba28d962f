import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, inject, it } from 'vitest';
import { buildApp } from '../app.js';
import { TOKENS, testConfig, uniqueDb } from '../test-support.js';

describe('request logs', () => {
  it('never contain an API token passed on the URL (live feed)', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const config = testConfig(
      { mqttUrl: inject('mqttUrl'), influxUrl: inject('influxUrl') },
      uniqueDb('logs'),
    );
    const app = await buildApp(config, { logger: pino({ level: 'info' }, sink) });
    try {
      const res = await app.inject({ url: `/api/v1/me?token=${TOKENS.admin}&x=1` });
      expect(res.statusCode).toBe(401); // a query token is only honoured on WebSocket upgrades
      const log = lines.join('');
      expect(log).toContain('token=[redacted]&x=1');
      expect(log).not.toContain(TOKENS.admin);
    } finally {
      await app.close();
    }
  });
});
