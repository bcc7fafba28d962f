import type { EdgeAgent } from '@haltung/edge';
import { listen, runId, startAgent, testConfig, waitFor } from '@haltung/edge/testing';
import { type ControlMessage, decodeFeedback, topics, type Warning } from '@haltung/protocol';
import { createSyntheticWorker, heldOnsets, type TaskStep, VirtualWearable } from '@haltung/simulator';

/**
 * Warning latency against the simulator's ground truth, through a real broker and a real edge
 * agent. Scripted workers stoop deeply (trunk > 60°: the hazard "held ≥ 10 s" and, beyond ~85°,
 * "severe at once") with upright work between stoops longer than the rules' cool-down, so every
 * held stoop is a hazard the agent must warn. Frames are paced at `speed` × real time.
 *
 * Latency of a hazard = (sim time the frame holding the triggering sample was complete − true
 * onset) + (wall time from publishing that frame to receiving the warning). The first term is
 * what a wearable streaming in real time adds by batching samples into frames, the second the
 * agent's and the broker's real processing delay, so the figure does not depend on `speed`.
 */
export interface LatencyRun {
  /** Latency per true hazard, seconds, sorted; Infinity for a missed one. */
  latenciesS: number[];
  misses: string[];
  p50S: number;
  p95S: number;
  maxS: number;
  warnings: Array<{ deviceId: string; warning: Warning; wallMs: number }>;
  /** The calibration result each device got back (done / failed). */
  calibrations: Map<string, 'done' | 'failed'>;
  deviceIds: string[];
  holdS: number;
  agent: EdgeAgent;
  stop(): Promise<void>;
}

const RATE_HZ = 50;
const PER_FRAME = 25;
const HOLD_S = 10;
const CALIBRATE = JSON.stringify({ v: 1, kind: 'calibrate' } satisfies ControlMessage);

// Each wearer stands up straight and presses calibrate when putting the wearable on (as the
// fleet does), so angles are against true upright, as the simulator's truth is.
const script = (depthDeg: number): TaskStep[] => [
  { activity: 'standing', durationS: 6, params: { still: 1, straight: 1 } },
  { activity: 'standing', durationS: 14 },
  { activity: 'walking', durationS: 20 },
  { activity: 'stoop_bend', durationS: 16, params: { depthDeg } },
  { activity: 'walking', durationS: 25 },
  { activity: 'standing', durationS: 15 },
  { activity: 'stoop_bend', durationS: 13, params: { depthDeg: depthDeg - 10 } },
];

interface SentFrame {
  endMs: number;
  wallMs: number;
}

export async function measureWarningLatency(options: {
  mqttUrl: string;
  workers: number;
  simS: number;
  speed: number;
}): Promise<LatencyRun> {
  const { mqttUrl, workers, simS, speed } = options;
  const agent = await startAgent(testConfig({ broker: mqttUrl, siteId: runId('lat') }));
  const bus = await listen(mqttUrl, ['haltung/v1/device/+/feedback']);
  const warnings: LatencyRun['warnings'] = [];
  const calibrations: LatencyRun['calibrations'] = new Map();
  bus.client.on('message', (topic, payload) => {
    const decoded = decodeFeedback(payload);
    const deviceId = topic.split('/')[3] as string;
    if (!decoded.ok) return;
    if (decoded.value.kind === 'calibration') calibrations.set(deviceId, decoded.value.status);
    else warnings.push({ deviceId, warning: decoded.value, wallMs: Date.now() });
  });
  const stop = async () => {
    await bus.client.endAsync();
    await agent.kill();
  };
  const startMs = Date.now() - 2 * 3600_000;
  const wearables = Array.from({ length: workers }, (_, i) => {
    const deviceId = runId(`lat${i}`);
    const worker = createSyntheticWorker({
      seed: 500 + i,
      sampleRateHz: RATE_HZ,
      placements: ['trunk'],
      task: script(80 + (i % 4) * 6),
      id: deviceId,
    });
    return new VirtualWearable(deviceId, 'trunk', worker, 'zone-1', startMs);
  });
  const sent = new Map<string, SentFrame[]>(wearables.map((w) => [w.deviceId, []]));
  // Frames are made before the clock starts: the simulation's physics must not compete with the
  // agent for this process's event loop while latency is measured.
  const frameMs = (PER_FRAME * 1000) / RATE_HZ;
  const ticks: Array<Array<{ deviceId: string; bytes: Uint8Array; t0Ms: number }>> = [];
  for (let simMs = 0; simMs < simS * 1000; simMs += frameMs) {
    ticks.push(wearables.map((w) => ({ deviceId: w.deviceId, ...w.nextFrame(PER_FRAME) })));
  }
  const wallStart = performance.now();
  for (const [k, tick] of ticks.entries()) {
    const waitMs = wallStart + ((k + 1) * frameMs) / speed - performance.now();
    if (waitMs > 1) await new Promise((r) => setTimeout(r, waitMs));
    for (const frame of tick) {
      bus.client.publish(topics.imu(frame.deviceId), Buffer.from(frame.bytes), { qos: 0 });
      sent.get(frame.deviceId)?.push({ endMs: frame.t0Ms + frameMs, wallMs: Date.now() });
      if (k === 0) bus.client.publish(topics.control(frame.deviceId), CALIBRATE, { qos: 1 });
    }
  }
  const frames = workers * ticks.length;
  await waitFor(() => agent.metrics.frames.total() >= frames, 'every frame processed', 60_000);
  await new Promise((r) => setTimeout(r, 300));

  const latenciesS: number[] = [];
  const misses: string[] = [];
  for (const w of wearables) {
    const mine = warnings.filter(
      (r) => r.deviceId === w.deviceId && r.warning.hazard === 'trunk_flexion_severe',
    );
    const intervals = w.hazards.timeline.trunkOver60;
    for (const onsetMs of heldOnsets(intervals, HOLD_S * 1000, w.startMs + simS * 1000)) {
      const endMs = intervals.find((iv) => iv.startMs === onsetMs)?.endMs ?? Number.POSITIVE_INFINITY;
      // The warning of this episode: raised between the true onset and the episode's end.
      const hit = mine.find((r) => r.warning.tMs >= onsetMs - 1000 && r.warning.tMs <= endMs);
      const frame = hit && sent.get(w.deviceId)?.find((f) => f.endMs >= hit.warning.tMs);
      if (!hit || !frame) {
        misses.push(`${w.deviceId} @${((onsetMs - w.startMs) / 1000).toFixed(1)} s`);
        latenciesS.push(Number.POSITIVE_INFINITY);
        continue;
      }
      latenciesS.push((frame.endMs - onsetMs + (hit.wallMs - frame.wallMs)) / 1000);
    }
  }
  latenciesS.sort((a, b) => a - b);
  const p = (q: number) =>
    latenciesS[Math.min(latenciesS.length - 1, Math.ceil(q * latenciesS.length) - 1)] ?? Number.NaN;
  return {
    latenciesS,
    misses,
    p50S: p(0.5),
    p95S: p(0.95),
    maxS: p(1),
    warnings,
    calibrations,
    deviceIds: wearables.map((w) => w.deviceId),
    holdS: HOLD_S,
    agent,
    stop,
  };
}
