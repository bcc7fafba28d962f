import { describe, expect, it } from 'vitest';
import { isDeviceTopic, parseTopic, topicFilters, topics } from './topics.js';

describe('MQTT topics', () => {
  it('builds and parses every topic', () => {
    expect(parseTopic(topics.imu('w-17'))).toEqual({ kind: 'device', deviceId: 'w-17', channel: 'imu' });
    expect(parseTopic(topics.control('w-17'))).toEqual({
      kind: 'device',
      deviceId: 'w-17',
      channel: 'control',
    });
    expect(parseTopic(topics.summary('plant-1', 'goods-in'))).toEqual({
      kind: 'summary',
      siteId: 'plant-1',
      zoneId: 'goods-in',
    });
    expect(parseTopic(topics.status('server'))).toEqual({ kind: 'status', component: 'server' });
  });

  it('summary topics carry site and zone only, never a device', () => {
    const t = topics.summary('plant-1', 'goods-in');
    expect(isDeviceTopic(t)).toBe(false);
    expect(t.split('/')).toHaveLength(5);
    expect(isDeviceTopic(topics.feedback('w-1'))).toBe(true);
  });

  it('refuses ids that would break topic syntax or look like a MAC address', () => {
    for (const bad of ['a/b', '+', '#', '', 'A4:C1:38:00:11:22', 'Zone']) {
      expect(() => topics.imu(bad)).toThrow(/invalid topic id/);
    }
    expect(parseTopic('haltung/v1/device/w-1/imu/extra')).toBeNull();
    expect(parseTopic('haltung/v2/device/w-1/imu')).toBeNull();
    expect(parseTopic('haltung/v1/device/w-1/telemetry')).toBeNull();
  });

  it('the shared subscription lets several servers split the summaries', () => {
    expect(topicFilters.sharedSummaries('servers')).toBe('$share/servers/haltung/v1/summary/+/+');
  });
});
