import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { isTopicId } from '@haltung/protocol';
import { defaultMqttUrl } from '../mqtt/connect.js';
import { ImuRecorder } from '../replay/record.js';
import { parseDurationS, parseMqttUrl, runCli, UsageError } from './cli-support.js';
import { createProgress } from './progress.js';

const HELP = `Usage: npm run record -- --out FILE [options]

Records binary (or JSON) IMU frames from MQTT into the common CSV format (gzipped when FILE ends
in .gz): subject = device id, t_ms from each device's first sample. Stops on Ctrl-C or after --duration.

Options:
  --out FILE         output file (required)
  --broker URL       MQTT broker (default $HALTUNG_MQTT_URL or mqtt://127.0.0.1:1883)
  --device ID        record only this device (default: all devices)
  --label TEXT       the label column (default unlabelled)
  --duration D       stop after this wall time, e.g. 90s, 10m
  -h, --help         this help

Example:
  npm run record -- --out file.csv.gz --device sim-1
`;

await runCli('record', async (signal, log) => {
  const { values, positionals } = parseArgs({
    options: {
      out: { type: 'string' },
      broker: { type: 'string' },
      device: { type: 'string' },
      label: { type: 'string', default: 'unlabelled' },
      duration: { type: 'string' },
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
  if (!values.out) throw new UsageError('--out FILE is required');
  if (values.device !== undefined && !isTopicId(values.device)) {
    throw new UsageError(`device id "${values.device}" is not a valid topic id`);
  }
  if (/[,"\r\n]/.test(values.label) || values.label === '')
    throw new UsageError('--label must be non-empty, without commas or quotes');
  const durationS = values.duration === undefined ? undefined : parseDurationS(values.duration, '--duration');
  const recorder = new ImuRecorder({
    mqttUrl: parseMqttUrl(values.broker ?? defaultMqttUrl()),
    out: values.out,
    label: values.label,
    logger: log,
    ...(values.device ? { deviceId: values.device } : {}),
  });
  await recorder.start();
  const progress = createProgress(
    durationS ?? 0,
    '{value}/{total} s | {samples} samples from {devices} devices',
    ' s',
  );
  const started = performance.now();
  try {
    while (!signal.aborted) {
      const elapsedS = (performance.now() - started) / 1000;
      progress.update(Math.floor(elapsedS), {
        samples: recorder.stats.samples,
        devices: recorder.stats.devices,
      });
      if (durationS !== undefined && elapsedS >= durationS) break;
      await sleep(500, undefined, { signal }).catch(() => {});
    }
  } finally {
    progress.stop();
    const stats = await recorder.stop();
    log.info({ out: values.out, ...stats }, 'recording closed');
  }
});
