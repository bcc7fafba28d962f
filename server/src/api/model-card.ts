import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ModelCardResponse } from '@haltung/protocol';
import { HttpError } from '../http/errors.js';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** A file's text, or null when it does not exist. */
async function optionalText(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

function parseJson(text: string, file: string): Json {
  try {
    const value: unknown = JSON.parse(text);
    if (isObject(value)) return value;
  } catch {
    // reported below
  }
  throw new Error(`${file}: not a JSON object`);
}

/** Named figures from the evaluation report (`models` writes report.json beside the model). */
function reportMetrics(report: Json): Record<string, number> {
  const out: Record<string, number> = {};
  const section = (path: string[]): Json | null => {
    let node: unknown = report;
    for (const key of path) node = isObject(node) ? node[key] : undefined;
    return isObject(node) ? node : null;
  };
  const evaluations: [string, string[]][] = [
    ['haptCrossValidation', ['haptCrossValidation', 'model']],
    ['haptCrossValidationBaseline', ['haptCrossValidation', 'baseline']],
    ['simulatedHeldOutBody', ['simulatedHeldOut', 'body']],
    ['simulatedHeldOutArm', ['simulatedHeldOut', 'arm']],
    ['simulatedHeldOutNamedTasks', ['simulatedHeldOut', 'namedTasks']],
    // The same people with the gyroscope left out: many wearables have none.
    ['accelerometerOnlyHaptCrossValidation', ['accelerometerOnly', 'haptCrossValidation', 'model']],
    ['accelerometerOnlySimulatedHeldOutBody', ['accelerometerOnly', 'simulatedHeldOut', 'body']],
  ];
  for (const [name, path] of evaluations) {
    const s = section(path);
    if (!s) continue;
    if (isNumber(s.macroF1)) out[`${name}MacroF1`] = s.macroF1;
    if (isNumber(s.accuracy)) out[`${name}Accuracy`] = s.accuracy;
    // Subjects of the public data set are summarised, never listed.
    const bySubject = isObject(s.subjectMacroF1) ? s.subjectMacroF1 : null;
    const worst = bySubject && isObject(bySubject.worst) ? bySubject.worst.value : undefined;
    if (isNumber(worst)) out[`${name}WorstSubjectMacroF1`] = worst;
    if (bySubject && isNumber(bySubject.median)) out[`${name}MedianSubjectMacroF1`] = bySubject.median;
  }
  const held = section(['simulatedHeldOut']);
  for (const [group, suffix] of [
    ['macroF1ByPlacement', 'MacroF1'],
    ['macroF1ByBodyType', 'MacroF1'],
    ['flexionMaeDeg', 'FlexionMaeDeg'],
  ] as const) {
    const values = held && isObject(held[group]) ? held[group] : {};
    for (const [key, v] of Object.entries(values)) if (isNumber(v)) out[`${camel(key)}${suffix}`] = v;
  }
  const strain = section(['simulatedHeldOut', 'strain']);
  if (strain && isNumber(strain.agreement)) out.strainLevelAgreement = strain.agreement;
  return out;
}

const camel = (s: string) => s.replace(/[_-](\w)/g, (_, c: string) => c.toUpperCase());

/** The bullets of the model card's "Known limits" section, one string each. */
export function knownLimits(markdown: string): string[] {
  const lines = markdown.split(/\r?\n/);
  const start = lines.findIndex((l) => /^#+\s*known limits/i.test(l.trim()));
  if (start < 0) return [];
  const limits: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (/^#/.test(line.trim())) break;
    const bullet = /^\s*[-*]\s+(.*)$/.exec(line);
    if (bullet) limits.push((bullet[1] ?? '').trim());
    else if (line.trim() && limits.length > 0) limits[limits.length - 1] += ` ${line.trim()}`;
  }
  return limits;
}

function dataSources(report: Json | null): string[] {
  const data = report && isObject(report.data) ? report.data : {};
  const out: string[] = [];
  const hapt = isObject(data.hapt) ? data.hapt : null;
  if (hapt)
    out.push(
      `UCI HAPT (real people, waist): ${hapt.subjects ?? '?'} subjects, ${hapt.windows ?? '?'} windows`,
    );
  const sim = isObject(data.simulated) ? data.simulated : null;
  if (sim)
    out.push(`simulated workers: ${sim.workers ?? '?'} (${sim.testWorkers ?? '?'} held out of training)`);
  return out;
}

/**
 * The model card of the model shipped in `dir` (metadata.json required; report.json and
 * MODEL_CARD.md when present). 404 when no model is shipped there.
 */
export async function readModelCard(dir: string | null): Promise<ModelCardResponse> {
  const metadataText = dir ? await optionalText(join(dir, 'metadata.json')) : null;
  if (!dir || metadataText === null) {
    throw new HttpError(
      404,
      'NOT_FOUND',
      'no posture model is shipped with this server (metadata.json missing)',
    );
  }
  const metadata = parseJson(metadataText, 'metadata.json');
  if (typeof metadata.version !== 'string' || !Array.isArray(metadata.classes)) {
    throw new Error('metadata.json: expected "version" (string) and "classes" (array)');
  }
  const files = ['metadata.json'];
  const reportText = await optionalText(join(dir, 'report.json'));
  const report = reportText === null ? null : parseJson(reportText, 'report.json');
  if (report) files.push('report.json');
  const cardText = await optionalText(join(dir, 'MODEL_CARD.md'));
  if (cardText !== null) files.push('MODEL_CARD.md');

  const metrics: Record<string, number> = {};
  const training = isObject(metadata.training) ? metadata.training : {};
  for (const [key, v] of Object.entries(training))
    if (isNumber(v) && /F1|Accuracy/i.test(key)) metrics[key] = v;
  Object.assign(metrics, report ? reportMetrics(report) : {});
  const limits = Array.isArray(metadata.limits)
    ? metadata.limits.filter((l): l is string => typeof l === 'string')
    : cardText === null
      ? []
      : knownLimits(cardText);
  return {
    modelVersion: metadata.version,
    classes: metadata.classes.filter((c): c is string => typeof c === 'string'),
    metrics,
    limits,
    source: {
      createdAt: typeof metadata.createdAt === 'string' ? metadata.createdAt : null,
      files,
      data: dataSources(report),
    },
  };
}
