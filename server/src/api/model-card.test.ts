import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { modelCardResponseSchema } from '@haltung/protocol';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { auth, startApp, testConfig, uniqueDb } from '../test-support.js';
import { knownLimits } from './model-card.js';

const urls = { mqttUrl: inject('mqttUrl'), influxUrl: inject('influxUrl') };
const modelDir = mkdtempSync(join(tmpdir(), 'haltung-model-'));
const emptyDir = mkdtempSync(join(tmpdir(), 'haltung-nomodel-'));
writeFileSync(
  join(modelDir, 'metadata.json'),
  JSON.stringify({
    version: '2.1.0',
    createdAt: '2026-11-01T08:00:00.000Z',
    classes: ['standing', 'walking', 'stooping'],
    training: { seed: 1, epochs: 20, haptCrossValidationMacroF1: 0.97 },
  }),
);
writeFileSync(
  join(modelDir, 'report.json'),
  JSON.stringify({
    data: { hapt: { subjects: 20, windows: 24404 }, simulated: { workers: 50, testWorkers: 10 } },
    haptCrossValidation: {
      model: {
        macroF1: 0.975,
        accuracy: 0.98,
        subjectMacroF1: { worst: { subject: 'hapt:5', value: 0.83 }, median: 0.99 },
        perSubject: { 'hapt:5': { macroF1: 0.83 } },
      },
    },
    simulatedHeldOut: {
      body: { macroF1: 0.85 },
      macroF1ByPlacement: { upper_arm_left: 0.98 },
      flexionMaeDeg: { trunk: 4.6 },
      strain: { agreement: 0.9 },
    },
    accelerometerOnly: {
      haptCrossValidation: {
        model: { macroF1: 0.96, subjectMacroF1: { worst: { value: 0.8 }, median: 0.97 } },
      },
      simulatedHeldOut: { body: { macroF1: 0.84 } },
    },
  }),
);
writeFileSync(
  join(modelDir, 'MODEL_CARD.md'),
  '# Model\n\n## Known limits\n\n- Real data covers only four classes;\n  the rest is simulated.\n- Arms are not seen by a trunk sensor.\n\n## Other\n\n- not a limit\n',
);

let app: FastifyInstance;
let none: FastifyInstance;
let shipped: FastifyInstance;
beforeAll(async () => {
  app = await startApp(testConfig(urls, uniqueDb('model'), { modelDir }));
  none = await startApp(testConfig(urls, uniqueDb('nomodel'), { modelDir: emptyDir }));
  shipped = await startApp(testConfig(urls, uniqueDb('shipped'), {}));
});
afterAll(async () => {
  await Promise.all([app?.close(), none?.close(), shipped?.close()]);
});

describe('GET /api/v1/model', () => {
  it('answers every role with version, classes, evaluation figures and known limits', async () => {
    for (const who of ['officer', 'council', 'admin'] as const) {
      const res = await app.inject({ url: '/api/v1/model', headers: auth(who) });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({
        modelVersion: '2.1.0',
        classes: ['standing', 'walking', 'stooping'],
        metrics: {
          haptCrossValidationMacroF1: 0.975,
          haptCrossValidationAccuracy: 0.98,
          haptCrossValidationWorstSubjectMacroF1: 0.83,
          haptCrossValidationMedianSubjectMacroF1: 0.99,
          simulatedHeldOutBodyMacroF1: 0.85,
          upperArmLeftMacroF1: 0.98,
          trunkFlexionMaeDeg: 4.6,
          strainLevelAgreement: 0.9,
          accelerometerOnlyHaptCrossValidationMacroF1: 0.96,
          accelerometerOnlyHaptCrossValidationWorstSubjectMacroF1: 0.8,
          accelerometerOnlyHaptCrossValidationMedianSubjectMacroF1: 0.97,
          accelerometerOnlySimulatedHeldOutBodyMacroF1: 0.84,
        },
        limits: [
          'Real data covers only four classes; the rest is simulated.',
          'Arms are not seen by a trunk sensor.',
        ],
        source: {
          createdAt: '2026-11-01T08:00:00.000Z',
          files: ['metadata.json', 'report.json', 'MODEL_CARD.md'],
          data: [
            'UCI HAPT (real people, waist): 20 subjects, 24404 windows',
            'simulated workers: 50 (10 held out of training)',
          ],
        },
      });
    }
    expect((await app.inject({ url: '/api/v1/model' })).statusCode).toBe(401);
  });

  it('says clearly when no model is shipped (404)', async () => {
    const res = await none.inject({ url: '/api/v1/model', headers: auth('officer') });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({
      error: 'no posture model is shipped with this server (metadata.json missing)',
      code: 'NOT_FOUND',
      statusCode: 404,
    });
  });

  it('reads the model shipped in models/artifacts/posture by default', async () => {
    const res = await shipped.inject({ url: '/api/v1/model', headers: auth('officer') });
    expect(res.statusCode).toBe(200);
    const card = modelCardResponseSchema.parse(res.json());
    const dir = resolve(import.meta.dirname, '../../../models/artifacts/posture');
    const metadata = JSON.parse(readFileSync(join(dir, 'metadata.json'), 'utf8'));
    expect(card.modelVersion).toBe(metadata.version);
    expect(card.classes).toEqual(metadata.classes);
    expect(card.limits.length).toBeGreaterThan(0);
    expect(Object.keys(card.metrics).length).toBeGreaterThan(0);
  });

  it('takes the limits from the model card’s Known limits section only', () => {
    expect(knownLimits('# x\n- no\n## Known limits\n* one\n  more\n* two\n# Next\n- no')).toEqual([
      'one more',
      'two',
    ]);
    expect(knownLimits('# nothing here')).toEqual([]);
  });
});
