import { existsSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BucketLedger } from './bucket-ledger.js';
import { type HeldDevice, takeHeldBuckets, writeHeldBuckets } from './held-buckets.js';

const dir = () => mkdtempSync(join(tmpdir(), 'held-'));

function heldDevice(): HeldDevice {
  const ledger = new BucketLedger(900);
  const counts = ledger.at('dock-1', 1_800_000_000_000) as NonNullable<ReturnType<BucketLedger['at']>>;
  counts.observedSeconds = 42;
  counts.postureSeconds.stooping = 12;
  counts.hazards.trunk_flexion_severe = { warning: 1, high: 0 };
  return { deviceId: 'dev-1', latestTMs: 1_800_000_000_500, lastSeenMs: 5, ...ledger.snapshot() };
}

describe('held buckets (open buckets across a restart)', () => {
  it('round-trips through the file, which only the agent may read, and is gone once taken', () => {
    const d = dir();
    writeHeldBuckets(d, [heldDevice()], 1);
    expect(statSync(join(d, 'open-buckets.json')).mode & 0o077).toBe(0);
    const read = takeHeldBuckets(d);
    expect(read).toEqual({ ok: true, devices: [heldDevice()] });
    expect(existsSync(join(d, 'open-buckets.json'))).toBe(false);
    expect(takeHeldBuckets(d)).toEqual({ ok: true, devices: [] });
  });

  it('a damaged file is moved aside with a clear error, never read twice, and the agent carries on', () => {
    const d = dir();
    writeFileSync(join(d, 'open-buckets.json'), '{"v":1,"savedAtMs":1,"devices":[{"deviceId":"x"}]}');
    const read = takeHeldBuckets(d);
    expect(read.ok).toBe(false);
    expect(!read.ok && read.error).toMatch(/latestTMs/);
    expect(readdirSync(d).some((f) => f.startsWith('open-buckets.json.bad-'))).toBe(true);
    expect(takeHeldBuckets(d)).toEqual({ ok: true, devices: [] });
    writeFileSync(join(d, 'open-buckets.json'), 'not json');
    expect(takeHeldBuckets(d).ok).toBe(false);
  });

  it('a ledger takes back its buckets, refusing ones of another length or already closed', () => {
    const held = heldDevice();
    const same = new BucketLedger(900);
    expect(same.restore(held)).toBe(0);
    expect(same.at('dock-1', 1_800_000_000_000)?.observedSeconds).toBe(42);
    const other = new BucketLedger(300);
    expect(other.restore(held)).toBe(1);
    expect(other.openCount).toBe(0);
    const closed = new BucketLedger(900);
    expect(closed.restore({ ...held, closedBeforeMs: 1_800_000_900_000 })).toBe(1);
    expect(closed.at('dock-1', 1_800_000_000_000)).toBeNull();
  });
});
