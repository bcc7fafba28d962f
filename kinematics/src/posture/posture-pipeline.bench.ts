import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { LiftDetector } from '../lift/lift-detector.js';
import { fromAxisAngle } from '../math/quat.js';
import { bodyPose, ramp, synthesize, walkingAcc, walkingSway } from '../testing/synth.js';
import { extractFeatures } from '../windows/extract-features.js';
import { Windower } from '../windows/windower.js';
import type { PostureSample } from './posture-sample.js';
import { PostureTracker } from './posture-tracker.js';

/** One minute of mixed activity (walk, stand, bend, lift) at 50 Hz with a gyroscope. */
function recording(gyro: boolean) {
  return synthesize({
    rateHz: 50,
    durationS: 60,
    gyro,
    accNoise: 0.05,
    mount: fromAxisAngle([1, 2, 3], 1),
    pose: (t) => {
      const gait = t < 20 ? walkingSway(t) : { flexDeg: 0, sideDeg: 0 };
      return bodyPose(gait.flexDeg + 60 * (ramp(t, 30, 32) - ramp(t, 40, 42)), gait.sideDeg);
    },
    linearAcc: (t) => (t < 20 ? walkingAcc(t) : [0, 0, 0]),
  });
}

function timeIt(fn: () => void, minMs = 1500): { perRun: number; runs: number } {
  fn(); // warm up the JIT
  let runs = 0;
  const start = performance.now();
  while (performance.now() - start < minMs) {
    fn();
    runs++;
  }
  return { perRun: (performance.now() - start) / runs, runs };
}

export default async function bench() {
  const results = [];
  // Upper-back sensors with and without a gyroscope, and a belt sensor (which also learns its
  // forward axis from the steps).
  const runs = [
    { gyro: true, placement: 'trunk' },
    { gyro: false, placement: 'trunk' },
    { gyro: true, placement: 'pelvis' },
  ] as const;
  for (const { gyro, placement } of runs) {
    const raw = recording(gyro);
    const t = timeIt(() => {
      const tracker = new PostureTracker({ placement });
      const windower = new Windower<PostureSample>();
      const lifts = new LiftDetector();
      for (const s of raw) {
        for (const p of tracker.push(s)) {
          lifts.push(p);
          const w = windower.push(p);
          if (w) extractFeatures(w);
        }
      }
    });
    results.push({
      name: `pipeline throughput (50 Hz input, ${gyro ? 'acc+gyro' : 'acc only'}${placement === 'pelvis' ? ', belt sensor' : ''}): resample, track, lift, windows, features`,
      value: (raw.length / t.perRun) * 1000,
      unit: 'input samples/s',
      higherIsBetter: true,
      // 100 wearables at 50 Hz on one gateway core, with 10× headroom.
      target: 50_000,
      details: { runs: t.runs, msPerMinuteOfData: t.perRun },
    });
  }

  const canonical = recording(false);
  const tracker = new PostureTracker({ placement: 'trunk' });
  const samples = canonical.flatMap((s) => tracker.push(s));
  const windows = new Windower<PostureSample>().pushAll(samples);
  const f = timeIt(() => {
    for (const w of windows) extractFeatures(w);
  });
  results.push({
    name: 'extractFeatures (50-sample windows)',
    value: (windows.length / f.perRun) * 1000,
    unit: 'windows/s',
    higherIsBetter: true,
    target: 10_000,
    details: { windowsPerRun: windows.length },
  });

  // Memory per tracker: bounded rings only, so it must not grow with the stream length.
  setFlagsFromString('--expose_gc');
  const gc = runInNewContext('gc') as () => void;
  const many: PostureTracker[] = [];
  const raw = recording(true).slice(0, 500);
  gc();
  // Typed arrays live outside the JS heap, so count their backing stores too.
  const used = () => process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
  const before = used();
  for (let i = 0; i < 500; i++) {
    const tr = new PostureTracker({ placement: 'trunk' });
    for (const s of raw) tr.push(s);
    many.push(tr);
  }
  gc();
  const perTracker = (used() - before) / many.length;
  results.push({
    name: 'heap per PostureTracker after 10 s of data',
    value: perTracker / 1024,
    unit: 'KiB',
    higherIsBetter: false,
    target: 64,
    details: { trackers: many.length },
  });
  return results;
}
