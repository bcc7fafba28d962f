import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type LatencyRun, measureWarningLatency } from '../src/warning-latency.js';

/** Warning latency from the true onset of a hazard (simulator ground truth), through the real Mosquitto. */
const WORKERS = 6;
let run: LatencyRun;

beforeAll(async () => {
  run = await measureWarningLatency({ mqttUrl: inject('mqttUrl'), workers: WORKERS, simS: 4 * 60, speed: 8 });
}, 120_000);

afterAll(async () => run?.stop());

describe('edge warning latency from the true onset (simulator ground truth)', () => {
  it('warns every stoop held beyond 60° within the holding time + 1 s at p95', () => {
    const { latenciesS, misses, p50S, p95S, maxS, holdS } = run;
    console.log(
      `edge latency (trunk > 60° held ≥ ${holdS} s): ${JSON.stringify({ hazards: latenciesS.length, misses, p50S, p95S, maxS })}`,
    );
    expect(latenciesS.length).toBeGreaterThanOrEqual(WORKERS);
    expect(p95S).toBeLessThanOrEqual(holdS + 1);
  });

  it("answers every wearer's calibrate with done: each stood up straight when putting it on", () => {
    expect([...run.calibrations.keys()].sort()).toEqual([...run.deviceIds].sort());
    expect(new Set(run.calibrations.values())).toEqual(new Set(['done']));
  });

  it('sends only well-formed warnings with the reason and onset', () => {
    expect(run.warnings.length).toBeGreaterThan(0);
    for (const { warning } of run.warnings) {
      expect(warning.onsetMs).toBeLessThanOrEqual(warning.tMs);
      expect(warning.messageKey).toBe(`warning.${warning.hazard}`);
    }
  });
});
