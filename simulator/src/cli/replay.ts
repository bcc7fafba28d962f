import { parseArgs } from 'node:util';
import { isTopicId } from '@haltung/protocol';
import { defaultMqttUrl } from '../mqtt/connect.js';
import { loadReplaySources, replayRecordings } from '../replay/replay.js';
import { parseMqttUrl, parseNumber, parsePlacements, parseSpeed, runCli, UsageError } from './cli-support.js';
import { createProgress } from './progress.js';

const HELP = `Usage: npm run replay -- FILE… [options]

Replays recordings in the common CSV format (plain or .gz) to MQTT as binary IMU frames, one device
per recording (a file with several subjects gives several devices), all on one clock.

Options:
  --broker URL       MQTT broker (default $HALTUNG_MQTT_URL or mqtt://127.0.0.1:1883)
  --speed S          1 = as recorded (default); 5 = five times faster; "max" = as fast as possible
  --rate HZ          resample every recording to this rate (default: each file's own rate)
  --placement P      where the sensor was worn: trunk, pelvis (default), upper_arm_left, upper_arm_right
  --device ID,…      device ids in order (default: from the file names)
  --zone ID          also publish each device's zone (retained)
  --frame N          samples per frame (default 25)
  -h, --help         this help

Example:
  npm run replay -- ../shared/data/uci-hapt/exp01_user01.csv.gz --speed 5
`;

await runCli('replay', async (signal, log) => {
  const { values, positionals } = parseArgs({
    options: {
      broker: { type: 'string' },
      speed: { type: 'string' },
      rate: { type: 'string' },
      placement: { type: 'string', default: 'pelvis' },
      device: { type: 'string' },
      zone: { type: 'string' },
      frame: { type: 'string', default: '25' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) {
    process.stdout.write(HELP);
    return;
  }
  if (positionals.length === 0) throw new UsageError('name at least one recording file');
  const placements = parsePlacements(values.placement);
  if (placements.length !== 1) throw new UsageError('--placement takes one placement');
  const deviceIds = values.device?.split(',');
  for (const id of deviceIds ?? [])
    if (!isTopicId(id)) throw new UsageError(`device id "${id}" is not a valid topic id`);
  if (values.zone !== undefined && !isTopicId(values.zone))
    throw new UsageError(`zone "${values.zone}" is not a valid topic id`);
  const options = {
    mqttUrl: parseMqttUrl(values.broker ?? defaultMqttUrl()),
    speed: parseSpeed(values.speed),
    rateHz: values.rate === undefined ? undefined : parseNumber(values.rate, 'rate', 1, 1000),
    samplesPerFrame: parseNumber(values.frame, 'frame', 1, 1000, true),
    zoneId: values.zone,
  };
  const sources = await loadReplaySources(positionals, {
    placement: placements[0],
    ...(deviceIds ? { deviceIds } : {}),
  });
  log.info(
    {
      devices: sources.map(
        (s) => `${s.deviceId} (${s.recording.count} samples, ${s.recording.sampleRateHz} Hz)`,
      ),
    },
    'replaying',
  );
  let progress: ReturnType<typeof createProgress> | null = null;
  try {
    const stats = await replayRecordings(sources, {
      ...options,
      signal,
      logger: log,
      onProgress: (p) => {
        progress ??= createProgress(
          Math.ceil(p.totalS),
          '{value}/{total} s replayed | {frames} frames',
          ' s',
        );
        progress.update(Math.floor(p.replayedS), { frames: p.frames });
      },
    });
    if (signal.aborted) log.info({ ...stats }, 'interrupted');
  } finally {
    (progress as ReturnType<typeof createProgress> | null)?.stop();
  }
});
