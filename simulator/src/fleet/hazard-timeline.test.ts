import { describe, expect, it } from 'vitest';
import { createSyntheticWorker } from '../worker/synthetic-worker.js';
import { HazardTracker, heldOnsets, mergeIntervals } from './hazard-timeline.js';

describe('hazard timeline from the ground truth', () => {
  it('marks a held deep stoop, its onset and a lift on the simulated clock', () => {
    const worker = createSyntheticWorker({
      seed: 4,
      sampleRateHz: 50,
      placements: ['trunk'],
      idealSensors: true,
      task: [
        { activity: 'standing', durationS: 5 },
        { activity: 'stoop_bend', durationS: 14, params: { depthDeg: 90 } },
        { activity: 'standing', durationS: 5 },
        { activity: 'stoop_lift', durationS: 4 },
        { activity: 'standing', durationS: 100 },
      ],
    });
    const tracker = new HazardTracker();
    const startMs = 1_800_000_000_000;
    for (let k = 0; k < 8; k++) {
      const block = worker.next(500);
      tracker.push(block.truth, block.count, startMs + k * 10_000, 50);
    }
    const t = tracker.timeline;
    const held = heldOnsets(mergeIntervals(t.trunkOver60, 1000), 10_000);
    expect(held).toHaveLength(1);
    // The onset is where the truth first exceeds 60°, a second or two into the bend.
    expect((held[0] as number) - startMs).toBeGreaterThan(4000);
    expect((held[0] as number) - startMs).toBeLessThan(9000);
    expect(t.trunkOver20.length).toBeGreaterThanOrEqual(2);
    expect(t.liftOnsetsMs).toHaveLength(1);
    expect((t.liftOnsetsMs[0] as number) - startMs).toBeGreaterThan(25_000);
  });

  it('merges stretches separated by short gaps and counts an open stretch by `now`', () => {
    const ivs = [
      { startMs: 0, endMs: 5000 },
      { startMs: 5400, endMs: 9000 },
      { startMs: 20_000, endMs: null },
    ];
    expect(mergeIntervals(ivs, 1000)).toEqual([
      { startMs: 0, endMs: 9000 },
      { startMs: 20_000, endMs: null },
    ]);
    expect(heldOnsets(ivs, 6000)).toEqual([20_000]);
    expect(heldOnsets(ivs, 6000, 25_000)).toEqual([]);
    expect(ivs[0]).toEqual({ startMs: 0, endMs: 5000 });
  });
});
