import { readdir, stat, writeFile } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import type { SensorPlacement } from '@haltung/kinematics';
import { PLACEMENTS } from '@haltung/protocol';
import { readRecordings } from '@haltung/simulator';
import { labelTable } from '../labels/label-map.js';
import type { BackendPreference } from '../runtime/backend.js';
import { DEFAULT_POSTURE_MODEL_DIR, loadPostureModel, type PostureModel } from '../runtime/posture-model.js';
import { formatReport } from './format-report.js';
import { predictStream, type WindowPrediction } from './predict-stream.js';
import { type EvaluationReport, scorePredictions } from './score-predictions.js';

/** Where the command writes: stdout for the report, stderr for progress and errors. */
export interface CommandIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

const USAGE = `Usage: npm run evaluate -- --data <file or folder> [--json] [--predictions out.csv]
  [--model <dir>] [--placement pelvis|trunk|upper_arm_left|upper_arm_right] [--backend auto|wasm|cpu]

Classifies recordings in the common CSV format (plain or gzipped, any sample rate, any mounting)
with the shipped posture model and with a baseline (inclination threshold against the first second),
and prints precision/recall/F1 per class, macro-F1, per-subject spread and confusion matrices.
--predictions writes file,subject,label,t_ms,class,confidence,trunk_flexion_deg,strain per window.

Label table (dataset label -> Haltung class):
${labelTable()
  .map(([k, v]) => `  ${k} -> ${v}`)
  .join('\n')}`;

/** Recording files under `path` (itself if a file): *.csv and *.csv.gz, sorted. */
async function findFiles(path: string): Promise<string[]> {
  const info = await stat(path).catch(() => undefined);
  if (!info) throw new Error(`--data ${path}: no such file or folder`);
  if (info.isFile()) return [path];
  const out: string[] = [];
  for (const entry of (await readdir(path, { withFileTypes: true })).sort((a, b) =>
    a.name.localeCompare(b.name),
  )) {
    const full = join(path, entry.name);
    if (entry.isDirectory()) out.push(...(await findFiles(full)));
    else if (/\.csv(\.gz)?$/i.test(entry.name)) out.push(full);
  }
  return out;
}

const csvField = (v: string | number) => (typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '') : v);

function predictionsCsv(rows: readonly WindowPrediction[]): string {
  const lines = ['file,subject,label,t_ms,class,confidence,trunk_flexion_deg,strain'];
  for (const r of rows) {
    lines.push(
      [
        r.file,
        r.subject,
        r.label,
        Math.round(r.tMs),
        r.class,
        Number(r.confidence.toFixed(4)),
        Number(r.trunkFlexionDeg.toFixed(1)),
        r.strain,
      ]
        .map(csvField)
        .join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}

/**
 * `npm run evaluate`: returns the exit code (0 ok, 1 some file failed or nothing to score,
 * 2 usage error). Malformed files are reported with file and line and skipped.
 */
export async function evaluateCommand(argv: readonly string[], io: CommandIo): Promise<number> {
  let values: ReturnType<typeof parse>['values'];
  try {
    values = parse(argv).values;
  } catch (error) {
    io.err(`error: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    io.out(USAGE);
    return 0;
  }
  if (!values.data) {
    io.err(`error: --data is required\n\n${USAGE}`);
    return 2;
  }
  const placement = values.placement as SensorPlacement;
  if (!(PLACEMENTS as readonly string[]).includes(placement)) {
    io.err(`error: --placement must be one of ${PLACEMENTS.join(', ')}`);
    return 2;
  }
  let files: string[];
  try {
    files = await findFiles(values.data);
  } catch (error) {
    io.err(`error: ${(error as Error).message}`);
    return 2;
  }
  if (files.length === 0) {
    io.err(`error: --data ${values.data}: no .csv or .csv.gz recordings found`);
    return 2;
  }
  let model: PostureModel;
  try {
    model = await loadPostureModel(values.model, { backend: values.backend as BackendPreference });
  } catch (error) {
    io.err(`error: ${(error as Error).message}`);
    return 1;
  }
  const rows: WindowPrediction[] = [];
  let failed = 0;
  try {
    for (const [i, file] of files.entries()) {
      const name = files.length === 1 ? basename(file) : relative(values.data, file);
      try {
        for (const rec of await readRecordings(file)) {
          rows.push(...predictStream(model, rec, { file: name, subject: rec.subject, placement }));
        }
        io.err(`[${i + 1}/${files.length}] ${name}`);
      } catch (error) {
        failed++;
        io.err(`error: ${(error as Error).message}`);
      }
    }
  } finally {
    model.dispose();
  }
  if (values.predictions) await writeFile(values.predictions, predictionsCsv(rows));
  const report: EvaluationReport = scorePredictions(rows);
  if (report.windows.scored === 0) {
    io.err('error: no window carries a label that maps to a Haltung class; nothing to score');
    return 1;
  }
  io.out(
    values.json
      ? JSON.stringify(
          { modelVersion: model.metadata.version, files: files.length, failed, ...report },
          null,
          2,
        )
      : `Posture model ${model.metadata.version} (${model.backend}) on ${files.length - failed} file(s)\n\n${formatReport(report)}`,
  );
  return failed > 0 ? 1 : 0;
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    options: {
      data: { type: 'string' },
      json: { type: 'boolean', default: false },
      predictions: { type: 'string' },
      model: { type: 'string', default: DEFAULT_POSTURE_MODEL_DIR },
      placement: { type: 'string', default: 'pelvis' },
      backend: { type: 'string', default: 'auto' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
}
