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
    // A missed hazard has an infinite latency; it is reported as its own figure so the percentiles
    // stay numbers (JSON has no Infinity).
    const warned = run.latenciesS.filter(Number.isFinite);
    const p = (q: number) =>
      warned[Math.min(warned.length - 1, Math.ceil(q * warned.length) - 1)] ?? Number.NaN;
    const details = { hazards: run.latenciesS.length, missed: run.misses, holdS: run.holdS };
    return [
      {
        name: 'warning latency p50, warned hazards (trunk > 60°)',
        value: p(0.5),
        unit: 's',
        higherIsBetter: false,
        details,
      },
      {
        name: 'warning latency p95, warned hazards (trunk > 60°)',
        value: p(0.95),
        unit: 's',
        higherIsBetter: false,
        target: run.holdS + 1,
        details,
      },
      {
        name: 'hazards not warned',
        value: run.misses.length,
        unit: 'hazards',
        higherIsBetter: false,
        target: 0,
        details,
      },
    ];
  } finally {
    await services.stop();
  }
}
