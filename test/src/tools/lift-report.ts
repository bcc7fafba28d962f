import { LiftDetector, type LiftEvent, PostureTracker } from '@haltung/kinematics';
import { ACTIVITIES, createSyntheticWorker } from '@haltung/simulator';

/**
 * Lift detector against the simulator's truth: precision and recall per kind (stoop / squat lift)
 * and placement, on warehouse pickers (named task: lifts among bends, carrying and walking).
 * `npx tsx test/src/tools/lift-report.ts [workers] [minutes]`.
 */
const workers = Number(process.argv[2] ?? 12);
const minutes = Number(process.argv[3] ?? 20);
const STOOP = ACTIVITIES.indexOf('stoop_lift');
const SQUAT = ACTIVITIES.indexOf('squat_lift');
const MATCH_MS = 2500;

for (const placement of ['trunk', 'pelvis'] as const) {
  const tally = { stoop: { truth: 0, found: 0 }, squat: { truth: 0, found: 0 }, events: 0, falseEvents: 0 };
  const falseBy = new Map<string, number>();
  for (let i = 0; i < workers; i++) {
    const rate = [50, 25, 100][i % 3] as number;
    const worker = createSyntheticWorker({
      seed: Number(process.env.SEED ?? 9000) + i,
      sampleRateHz: rate,
      placements: [placement],
      task: 'warehouse_picking',
    });
    const tracker = new PostureTracker({ placement });
    const detector = new LiftDetector({ placement });
    const truth: Array<{ tMs: number; kind: 'stoop' | 'squat' }> = [];
    const activityAt: number[] = [];
    const events: LiftEvent[] = [];
    const total = minutes * 60 * rate;
    for (let done = 0; done < total; ) {
      const n = Math.min(rate * 10, total - done);
      const b = worker.next(n);
      const sensor = b.sensors[placement];
      if (!sensor) throw new Error('no sensor');
      for (let k = 0; k < n; k++) {
        const tMs = ((done + k) * 1000) / rate;
        if ((done + k) % (rate / 5) === 0) activityAt.push(b.truth.activity[k] as number);
        if (b.truth.liftOnset[k] === 1) {
          const a = b.truth.activity[k];
          truth.push({ tMs, kind: a === SQUAT ? 'squat' : a === STOOP ? 'stoop' : 'stoop' });
        }
        const g = sensor.gyro;
        for (const s of tracker.push({
          tMs,
          acc: [
            sensor.acc[k * 3] as number,
            sensor.acc[k * 3 + 1] as number,
            sensor.acc[k * 3 + 2] as number,
          ],
          gyro: g ? [g[k * 3] as number, g[k * 3 + 1] as number, g[k * 3 + 2] as number] : null,
        })) {
          const e = detector.push(s);
          if (e) events.push(e);
        }
      }
      done += n;
    }
    // Truth onset = the load leaves the ground; the detector's onset is when the body went down.
    const used = new Set<number>();
    for (const t of truth) {
      tally[t.kind].truth++;
      const j = events.findIndex(
        (e, idx) => !used.has(idx) && t.tMs >= e.onsetMs - MATCH_MS && t.tMs <= e.endMs + MATCH_MS,
      );
      if (j >= 0) {
        used.add(j);
        tally[t.kind].found++;
      }
    }
    events.forEach((e, idx) => {
      if (used.has(idx)) return;
      const mid = Math.round(((e.onsetMs + e.endMs) / 2 / 1000) * 5);
      const name = `${ACTIVITIES[activityAt[mid] as number]} (${e.kind})`;
      falseBy.set(name, (falseBy.get(name) ?? 0) + 1);
    });
    tally.events += events.length;
    tally.falseEvents += events.length - used.size;
  }
  const pct = (a: number, b: number) => `${((100 * a) / Math.max(1, b)).toFixed(0)} %`;
  console.log(
    `${placement}: stoop lifts ${tally.stoop.found}/${tally.stoop.truth} (${pct(tally.stoop.found, tally.stoop.truth)}), ` +
      `squat lifts ${tally.squat.found}/${tally.squat.truth} (${pct(tally.squat.found, tally.squat.truth)}), ` +
      `precision ${pct(tally.events - tally.falseEvents, tally.events)} of ${tally.events} events`,
  );
  console.log(
    `  false events during: ${[...falseBy]
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
  );
}
