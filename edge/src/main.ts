import { parseArgs } from 'node:util';
import pino from 'pino';
import { createEdgeAgent } from './agent/edge-agent.js';
import { loadClassifier } from './classify/load-classifier.js';
import { ConfigError, loadConfig } from './config/load-config.js';
import { loadRules, RulesError } from './rules/load-rules.js';

const HELP = `Usage: npm run edge -- [options]

The Haltung edge agent: reads IMU frames from the local MQTT broker, warns each wearer on their
own feedback topic, and publishes only anonymous per-(zone, bucket) summaries to the site broker.

Options (each also HALTUNG_EDGE_<NAME> in the environment, or a key in --config):
  --broker <url>          local broker with the device topics   (default mqtt://127.0.0.1:1883)
  --site-broker <url>     broker that receives the summaries    (default: --broker)
  --site <id>             site id in summary topics and payloads (default local)
  --default-zone <id>     zone of devices that announced none   (default unassigned)
  --rules <file>          site rules (YAML/JSON) merged onto edge/rules/default.yaml
  --config <file>         settings file (YAML/JSON): any key of edge/README.md "Configuration"
  --data-dir <dir>        summary spool and held buckets         (default .haltung-edge)
  --on-stop <hold|flush>  at SIGTERM keep open buckets for the restart, or publish them (default hold)
  --bucket-seconds <n>    summary bucket length, whole minutes  (default 900)
  --model <dir>           posture model directory               (default: the shipped model)
  --metrics-port <n>      serve /metrics on 127.0.0.1:<n> (0 = any free port)
  --log-level <level>     fatal|error|warn|info|debug|trace|silent (default info)
  -h, --help              this text
`;

async function main(): Promise<number> {
  let args: ReturnType<typeof parse>;
  try {
    args = parse();
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${HELP}`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(HELP);
    return 0;
  }
  // Configuration and rules are both checked before anything starts, and all problems reported at once.
  let config: ReturnType<typeof loadConfig> | null = null;
  let rules: ReturnType<typeof loadRules> | null = null;
  const problems: string[] = [];
  try {
    config = loadConfig({
      file: args.config,
      env: process.env,
      flagNames: { siteId: 'site', siteBroker: 'site-broker', rulesFile: 'rules', modelDir: 'model' },
      flags: {
        broker: args.broker,
        siteBroker: args['site-broker'],
        siteId: args.site,
        defaultZone: args['default-zone'],
        rulesFile: args.rules,
        dataDir: args['data-dir'],
        onStop: args['on-stop'],
        bucketSeconds: args['bucket-seconds'],
        modelDir: args.model,
        metricsPort: args['metrics-port'],
        logLevel: args['log-level'],
      },
    });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    problems.push(error.message);
  }
  try {
    rules = loadRules(config ? config.rulesFile : (args.rules ?? process.env.HALTUNG_EDGE_RULES_FILE));
  } catch (error) {
    if (!(error instanceof RulesError)) throw error;
    problems.push(error.message);
  }
  if (!config || !rules) {
    process.stderr.write(`${problems.join('\n')}\n`);
    return 2;
  }
  const log = pino({ name: 'haltung-edge', level: config.logLevel });
  let classifier: Awaited<ReturnType<typeof loadClassifier>>;
  try {
    classifier = await loadClassifier(config.modelDir, log);
  } catch (error) {
    process.stderr.write(`cannot load the posture model: ${(error as Error).message}\n`);
    return 2;
  }
  const agent = createEdgeAgent({ config, rules, classifier, log });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'stopping: flushing summaries');
    await agent.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  log.info(
    { broker: config.broker, siteBroker: config.siteBroker ?? config.broker, rules: rules.rules.length },
    'starting',
  );
  await agent.start();
  return -1;
}

function parse() {
  return parseArgs({
    options: {
      broker: { type: 'string' },
      'site-broker': { type: 'string' },
      site: { type: 'string' },
      'default-zone': { type: 'string' },
      rules: { type: 'string' },
      config: { type: 'string' },
      'data-dir': { type: 'string' },
      'on-stop': { type: 'string' },
      'bucket-seconds': { type: 'string' },
      model: { type: 'string' },
      'metrics-port': { type: 'string' },
      'log-level': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  }).values;
}

main().then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error: unknown) => {
    process.stderr.write(`edge agent failed: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
