import { describe, expect, it } from 'vitest';
import {
  parseDurationS,
  parseMqttUrl,
  parseNumber,
  parsePlacements,
  parseSpeed,
  UsageError,
} from './cli-support.js';

describe('command-line arguments', () => {
  it.each([
    ['90', 90],
    ['90s', 90],
    ['10m', 600],
    ['2h', 7200],
    ['1h30m', 5400],
    ['1m30s', 90],
    ['500ms', 0.5],
  ])('reads the duration %s as %d s', (text, seconds) => {
    expect(parseDurationS(text)).toBe(seconds);
  });

  it.each(['', '10x', 'm', '-5m', '10m x', '0s'])('refuses the duration "%s" with a usage error', (text) => {
    expect(() => parseDurationS(text, '--duration')).toThrow(UsageError);
  });

  it('checks numbers, speeds, placements and broker URLs', () => {
    expect(parseNumber('20', 'workers', 1, 100, true)).toBe(20);
    expect(() => parseNumber('2.5', 'workers', 1, 100, true)).toThrow(
      /--workers "2.5" must be an integer from 1 to 100/,
    );
    expect(() => parseNumber('0', 'zones', 1, 10)).toThrow(UsageError);
    expect(parseSpeed('max')).toBe(Number.POSITIVE_INFINITY);
    expect(parseSpeed(undefined)).toBe(1);
    expect(() => parseSpeed('fast')).toThrow(/--speed/);
    expect(parsePlacements('trunk,upper_arm_left')).toEqual(['trunk', 'upper_arm_left']);
    expect(() => parsePlacements('wrist')).toThrow(/placement "wrist"/);
    expect(parseMqttUrl('mqtt://127.0.0.1:1883')).toBe('mqtt://127.0.0.1:1883');
    expect(() => parseMqttUrl('localhost:1883')).toThrow(/not a URL/);
  });
});
