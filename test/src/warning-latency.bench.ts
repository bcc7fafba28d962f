import { startServices } from './services/index.js';
import { measureWarningLatency } from './warning-latency.js';

/** Warning latency p50/p95 from the true onset, wearables → Mosquitto → edge agent → feedback topic. */
export default async function bench() {
  const services = await startServices({
    name: `bench-${process.pid}`,
    ports: 'auto',
    env: process.env,
    ephemeral: true,
  });
  try {
    const run = await measureWarningLatency({
      mqttUrl: services.mqttUrl,
      workers: 12,
      simS: 4 * 60,
      speed: 8,
    });
    await run.stop();
    const details = { hazards: run.latenciesS.length, misses: run.misses.length, holdS: run.holdS };
    return [
      {
        name: 'warning latency p50 (trunk > 60°)',
        value: run.p50S,
        unit: 's',
        higherIsBetter: false,
        details,
      },
      {
        name: 'warning latency p95 (trunk > 60°)',
        value: run.p95S,
        unit: 's',
        higherIsBetter: false,
        target: run.holdS + 1,
        details,
      },
    ];
  } finally {
    await services.stop();
  }
}
