import { parseArgs } from 'node:util';
import { createRecordingWriter } from '../files/write-recording.js';
import { Fleet } from '../fleet/fleet.js';
import { defaultMqttUrl } from '../mqtt/connect.js';
import { TASK_NAMES, type TaskName } from '../types.js';
import { createSyntheticWorker } from '../worker/synthetic-worker.js';
import { appendWorker } from '../worker/write-worker.js';
import {
  parseDurationS,
  parseMqttUrl,
  parseNumber,
  parsePlacements,
  parseSpeed,
  runCli,
  UsageError,
} from './cli-support.js';
import { createProgress } from './progress.js';

const HELP = `Usage: npm run simulate -- [options]

Simulates workers wearing IMUs. Publishes their binary IMU frames to MQTT as a fleet moving between
zones, or, with --out, writes labelled samples to a CSV file (common format) without MQTT.

Options:
  --workers N        number of workers (default 10)
  --zones Z          number of zones, zone-1 … zone-Z (default 3)
  --duration D       simulated time: 90s, 10m, 2h, 1h30m (default 10m)
  --speed S          simulated time per wall time (default 1; "max" = as fast as possible)
  --broker URL       MQTT broker (default $HALTUNG_MQTT_URL or mqtt://127.0.0.1:1883)
  --site ID          site id for logs (default site-1)
  --seed N           random seed; the same seed gives the same data (default 1)
  --rate HZ          sample rate, 20–200 (default 50)
  --frame N          samples per MQTT frame (default 25)
  --placement P,…    trunk, pelvis, upper_arm_left, upper_arm_right; round robin (default trunk)
  --task T,…         ${TASK_NAMES.join(', ')}; round robin (default: all but office)
  --out FILE         write a CSV (.csv or .csv.gz) instead of publishing
  --label KIND       with --out: activity (default) or posture
  -h, --help         this help

Examples:
  npm run simulate -- --workers 20 --zones 4 --duration 10m --speed 10
  npm run simulate -- --workers 3 --duration 5m --out data.csv.gz
`;

await runCli('simulate', async (signal, log) => {
  const { values, positionals } = parseArgs({
    options: {
      workers: { type: 'string', default: '10' },
      zones: { type: 'string', default: '3' },
      duration: { type: 'string', default: '10m' },
      speed: { type: 'string' },
      broker: { type: 'string' },
      site: { type: 'string', default: 'site-1' },
      seed: { type: 'string', default: '1' },
      rate: { type: 'string', default: '50' },
      frame: { type: 'string', default: '25' },
      placement: { type: 'string', default: 'trunk' },
      task: { type: 'string' },
      out: { type: 'string' },
      label: { type: 'string', default: 'activity' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const workers = parseNumber(values.workers, 'workers', 1, 100_000, true);
  const zones = parseNumber(values.zones, 'zones', 1, 1000, true);
  const durationS = parseDurationS(values.duration, '--duration');
  const seed = parseNumber(values.seed, 'seed', 0, 2 ** 31, true);
  const sampleRateHz = parseNumber(values.rate, 'rate', 20, 200);
  const samplesPerFrame = parseNumber(values.frame, 'frame', 1, 1000, true);
  const placements = parsePlacements(values.placement);
  const tasks =
    values.task?.split(',').map((t) => {
      if (!(TASK_NAMES as readonly string[]).includes(t))
        throw new UsageError(`task "${t}" is not one of ${TASK_NAMES.join(', ')}`);
      return t as TaskName;
    }) ?? TASK_NAMES.filter((t) => t !== 'office');
  if (values.label !== 'activity' && values.label !== 'posture') {
    throw new UsageError(`--label "${values.label}" must be activity or posture`);
  }

  if (values.out) {
    if (values.broker || values.speed)
      throw new UsageError('--out writes a file; --broker and --speed do not apply');
    const writer = createRecordingWriter(values.out);
    const progress = createProgress(workers * durationS, '{value}/{total} worker-s', ' worker-s');
    try {
      for (let i = 0; i < workers && !signal.aborted; i++) {
        const worker = createSyntheticWorker({
          seed: seed * 100_003 + i,
          sampleRateHz,
          placements: [placements[i % placements.length] ?? 'trunk'],
          task: tasks[i % tasks.length] as TaskName,
          id: `w${i + 1}`,
        });
        await appendWorker(writer, worker, {
          durationS,
          label: values.label,
          signal,
          onProgress: (s) => progress.update(i * durationS + s),
        });
      }
    } finally {
      progress.stop();
      await writer.close();
    }
    log.info(
      { out: values.out, workers, durationS, rows: writer.rowsWritten },
      signal.aborted ? 'interrupted, file closed' : 'written',
    );
    return;
  }

  const fleet = new Fleet({
    mqttUrl: parseMqttUrl(values.broker ?? defaultMqttUrl()),
    workers,
    zones,
    siteId: values.site,
    seed,
    sampleRateHz,
    samplesPerFrame,
    placements,
    tasks,
    speed: parseSpeed(values.speed),
    logger: log,
  });
  await fleet.start();
  const progress = createProgress(
    durationS,
    '{value}/{total} s simulated | {frames} frames | {warnings} warnings',
    ' s',
  );
  try {
    const stats = await fleet.run(durationS, {
      signal,
      onProgress: (p) =>
        progress.update(Math.round(p.simulatedS), { frames: p.frames, warnings: p.warnings }),
    });
    progress.stop();
    log.info({ ...stats }, signal.aborted ? 'interrupted' : 'done');
  } finally {
    progress.stop();
    await fleet.stop();
  }
});
