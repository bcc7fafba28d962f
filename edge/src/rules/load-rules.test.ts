import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRules, mergeRules, RulesError } from './load-rules.js';

const dir = mkdtempSync(join(tmpdir(), 'haltung-rules-'));
const write = (name: string, text: string) => {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
};

describe('loadRules', () => {
  it('loads the shipped defaults with every hazard the ergonomics reference asks for', () => {
    const rules = loadRules();
    expect(rules.hysteresisDeg).toBe(5);
    expect(rules.recoverS).toBe(0.8);
    const hazards = new Set(rules.rules.map((r) => r.hazard));
    expect([...hazards].sort()).toEqual([
      'arm_elevation_held',
      'arm_overhead',
      'bending_frequency',
      'lift_stooped',
      'lifting_frequency',
      'trunk_flexion_held',
      'trunk_flexion_severe',
      'trunk_twist',
    ]);
    const iso = rules.rules.find((r) => r.id === 'trunk-iso11226');
    expect(iso).toMatchObject({ fromDeg: 20, toDeg: 60, limitAtFromS: 240, limitAtToS: 60 });
  });

  it('merges a site file onto the defaults: change, disable and add rules', () => {
    const site = write(
      'site.yaml',
      [
        'version: 1',
        'cooldownS: 45',
        'rules:',
        '  - { id: trunk-over-60, holdS: 5 }',
        '  - { id: bending-frequency, enabled: false }',
        '  - id: arm-quick-overhead',
        '    hazard: arm_overhead',
        '    kind: hold',
        '    measure: arm_elevation',
        '    aboveDeg: 120',
        '    holdS: 1',
        '    escalateAfterS: 5',
      ].join('\n'),
    );
    const rules = loadRules(site);
    expect(rules.cooldownS).toBe(45);
    expect(rules.rules.find((r) => r.id === 'trunk-over-60')).toMatchObject({ holdS: 5, aboveDeg: 60 });
    expect(rules.rules.find((r) => r.id === 'bending-frequency')?.enabled).toBe(false);
    expect(rules.rules.find((r) => r.id === 'arm-quick-overhead')).toMatchObject({ aboveDeg: 120 });
  });

  it('reads JSON too, and can replace the defaults entirely', () => {
    const site = write(
      'site.json',
      JSON.stringify({
        version: 1,
        replaceDefaults: true,
        rules: [
          {
            id: 'only',
            hazard: 'trunk_flexion_severe',
            kind: 'hold',
            measure: 'trunk_flexion',
            aboveDeg: 70,
            holdS: 2,
            escalateAfterS: 20,
          },
        ],
      }),
    );
    expect(loadRules(site).rules.map((r) => r.id)).toEqual(['only']);
  });

  it('lists every problem of an invalid site file, naming the file and the field', () => {
    const site = write(
      'bad.yaml',
      [
        'version: 1',
        'hysteresisDeg: -3',
        'rules:',
        '  - { id: trunk-over-60, holdS: 40 }',
        '  - { id: trunk-severe, suppressedBy: [no-such-rule] }',
        '  - { id: new-rule, kind: hold }',
      ].join('\n'),
    );
    let error: unknown;
    try {
      loadRules(site);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RulesError);
    const message = (error as Error).message;
    expect(message).toContain(site);
    expect(message).toMatch(/hysteresisDeg/);
    expect(message).toMatch(/escalateAfterS: must be longer than holdS/);
    expect(message).toMatch(/unknown rule id no-such-rule/);
    expect(message).toMatch(/new-rule/);
  });

  it('refuses an unreadable or non-YAML file with a clear error', () => {
    expect(() => loadRules(join(dir, 'missing.yaml'))).toThrow(/cannot read/);
    expect(() => loadRules(write('broken.yaml', 'rules: [\n'))).toThrow(/not YAML/);
    expect(() => mergeRules(loadRules(), { version: 2 }, 'inline')).toThrow(RulesError);
  });
});
