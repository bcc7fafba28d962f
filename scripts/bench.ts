import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';

/** One measured figure, as every `*.bench.ts` default export returns them. */
interface BenchMetric {
  name: string;
  value: number;
  unit: string;
  higherIsBetter: boolean;
  target?: number;
  details?: Record<string, unknown>;
}

const root = resolve(import.meta.dirname, '..');
const PACKAGES = ['protocol', 'kinematics', 'simulator', 'models', 'edge', 'server', 'dashboard', 'test'];

function findBenches(dir: string): string[] {
  let out: string[] = [];
  for (const entry of readdirSync(dir)) {
    if (entry === 'node_modules') continue;
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) out = out.concat(findBenches(path));
    else if (entry.endsWith('.bench.ts')) out.push(path);
  }
  return out;
}

const { values } = parseArgs({
  options: { filter: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
});
if (values.help) {
  console.log(
    'Usage: npm run bench [-- --filter <substring of the bench file path>]\n' +
      'Runs every */src/**/*.bench.ts in its own process and writes bench/results/latest.{json,md}.',
  );
  process.exit(0);
}

const files = PACKAGES.flatMap((p) => {
  try {
    return findBenches(join(root, p, 'src'));
  } catch {
    return [];
  }
}).filter((f) => !values.filter || f.includes(values.filter));

const results: Array<{ file: string; metrics: BenchMetric[]; error?: string }> = [];
for (const file of files) {
  const rel = relative(root, file);
  console.log(`bench: ${rel}`);
  try {
    // Each bench runs alone in a fresh process so memory and JIT state do not leak between them.
    const out = execFileSync(
      process.execPath,
      ['--import', 'tsx', join(root, 'scripts/bench-one.ts'), file],
      {
        cwd: root,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    const last = out.trim().split('\n').at(-1) ?? '[]';
    const metrics = JSON.parse(last) as BenchMetric[];
    for (const m of metrics) console.log(`  ${m.name}: ${formatValue(m.value)} ${m.unit}${verdict(m)}`);
    results.push({ file: rel, metrics });
  } catch (error) {
    console.error(`  failed: ${(error as Error).message.split('\n')[0]}`);
    results.push({ file: rel, metrics: [], error: (error as Error).message });
  }
}

const version = (pkg: string, from: string) => {
  try {
    const path = execFileSync(process.execPath, ['-p', `require.resolve('${pkg}/package.json')`], {
      cwd: join(root, from),
      encoding: 'utf8',
    }).trim();
    return (JSON.parse(readFileSync(path, 'utf8')) as { version: string }).version;
  } catch {
    return 'not installed';
  }
};
const machine = {
  date: new Date().toISOString(),
  cpu: cpus()[0]?.model ?? 'unknown',
  cores: cpus().length,
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  node: process.version,
  versions: {
    '@tensorflow/tfjs': version('@tensorflow/tfjs', 'models'),
    mqtt: version('mqtt', 'simulator'),
    fastify: version('fastify', 'server'),
  },
};
const report = { machine, results };
mkdirSync(join(root, 'bench/results'), { recursive: true });
writeFileSync(join(root, 'bench/results/latest.json'), `${JSON.stringify(report, null, 2)}\n`);
writeFileSync(join(root, 'bench/results/latest.md'), toMarkdown(report));
console.log('wrote bench/results/latest.json and bench/results/latest.md');
if (results.some((r) => r.error)) process.exitCode = 1;

function formatValue(v: number): string {
  return Math.abs(v) >= 100 ? Math.round(v).toLocaleString('en') : v.toPrecision(3);
}

function verdict(m: BenchMetric): string {
  if (m.target === undefined) return '';
  const ok = m.higherIsBetter ? m.value >= m.target : m.value <= m.target;
  return ` (target ${m.higherIsBetter ? '≥' : '≤'} ${formatValue(m.target)}: ${ok ? 'met' : 'MISSED'})`;
}

function toMarkdown(r: typeof report): string {
  const m = r.machine;
  const lines = [
    '# Haltung benchmarks',
    '',
    `${m.date} · ${m.cpu} · ${m.cores} cores · ${m.memoryGiB} GiB · Node ${m.node} · ` +
      Object.entries(m.versions)
        .map(([k, v]) => `${k} ${v}`)
        .join(' · '),
    '',
    '| bench | metric | value | unit | target |',
    '|---|---|---|---|---|',
  ];
  for (const res of r.results) {
    if (res.error) lines.push(`| ${res.file} | (failed) | | | |`);
    for (const x of res.metrics) {
      const target =
        x.target === undefined
          ? ''
          : `${x.higherIsBetter ? '≥' : '≤'} ${formatValue(x.target)}${verdict(x).includes('MISSED') ? ' **missed**' : ' met'}`;
      lines.push(`| ${res.file} | ${x.name} | ${formatValue(x.value)} | ${x.unit} | ${target} |`);
    }
  }
  return `${lines.join('\n')}\n`;
}
