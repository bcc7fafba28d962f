import { listen, runId, startAgent, testConfig, waitFor } from '@haltung/edge/testing';
import { topics } from '@haltung/protocol';
import { BoundedPublisher, createSyntheticWorker, VirtualWearable } from '@haltung/simulator';
import { describe, expect, inject, it } from 'vitest';

/**
 * False warnings: workers who only walk and stand upright for 30 simulated minutes, through the
 * real Mosquitto and a real edge agent, must get no warning at all (ergonomics.md §7 target 4).
 */
const SIM_S = 30 * 60;
const RATE_HZ = 50;
const PER_FRAME = 25;

describe('edge agent and upright work', () => {
  it('sends no warning to workers walking and standing for 30 simulated minutes', async () => {
    const mqttUrl = inject('mqttUrl');
    const agent = await startAgent(testConfig({ broker: mqttUrl, siteId: runId('upright') }));
    const bus = await listen(mqttUrl, ['haltung/v1/device/+/feedback']);
    try {
      const startMs = Date.now() - 3 * 3600_000;
      const wearables = [0, 1, 2].map((i) => {
        const deviceId = runId(`upright${i}`);
        const worker = createSyntheticWorker({
          seed: 900 + i,
          sampleRateHz: RATE_HZ,
          placements: ['trunk'],
          task: [
            { activity: 'walking', durationS: 30 + 20 * i },
            { activity: 'standing', durationS: 25 },
            { activity: 'walking', durationS: 12 },
            { activity: 'standing', durationS: 60 },
          ],
          id: deviceId,
        });
        return new VirtualWearable(deviceId, 'trunk', worker, 'zone-1', startMs);
      });
      const publisher = new BoundedPublisher(bus.client, 64);
      const frames = Math.floor((SIM_S * RATE_HZ) / PER_FRAME);
      for (let k = 0; k < frames; k++) {
        for (const w of wearables) {
          const frame = w.nextFrame(PER_FRAME);
          await publisher.publish(topics.imu(w.deviceId), Buffer.from(frame.bytes), { qos: 1 });
        }
      }
      await publisher.drain();
      await waitFor(() => agent.metrics.frames.total() === frames * wearables.length, 'all frames', 60_000);
      await new Promise((r) => setTimeout(r, 200));

      // The ground truth agrees this was upright work: no trunk beyond 60°, no lift.
      for (const w of wearables) {
        expect(w.hazards.timeline.trunkOver60).toEqual([]);
        expect(w.hazards.timeline.liftOnsetsMs).toEqual([]);
      }
      expect(agent.metrics.drops.total()).toBe(0);
      expect(bus.messages.map((m) => m.payload.toString())).toEqual([]);
      expect(agent.metrics.warnings.total()).toBe(0);
    } finally {
      await bus.client.endAsync();
      await agent.kill();
    }
  }, 180_000);
});
