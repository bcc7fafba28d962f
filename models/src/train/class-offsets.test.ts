import { describe, expect, it } from 'vitest';
import { scoreClassification } from '../metrics/classification-metrics.js';
import {
  groupedMacroF1,
  type OffsetTuningInput,
  predictWithOffsets,
  tuneClassOffsets,
} from './class-offsets.js';
import { seededRandom } from './seeded-random.js';

/**
 * Three classes; the network's evidence for class 2 is `shortfall` logits too low (a prior learned
 * from balanced draws that does not hold on new people), so its true windows are often read as 0.
 */
function biasedWindows(n: number, shortfall: number, seed = 7, members = 2): OffsetTuningInput {
  const next = seededRandom(seed);
  const labels = new Int32Array(n);
  const probabilities = Array.from({ length: members }, () => new Float32Array(n * 3));
  for (let i = 0; i < n; i++) {
    const t = i % 3;
    labels[i] = t;
    for (const p of probabilities) {
      const z = [0, 1, 2].map((j) => (j === t ? 1.2 : 0) + 1.5 * next() - (j === 2 ? shortfall : 0));
      const e = z.map(Math.exp);
      const total = e.reduce((a, b) => a + b, 0);
      e.forEach((v, j) => {
        p[i * 3 + j] = v / total;
      });
    }
  }
  return {
    classes: 3,
    memberProbabilities: probabilities,
    labels,
    groups: new Uint8Array(n),
    scored: [[0, 1, 2]],
  };
}

describe('class offsets', () => {
  it('raise the evidence of a class the network under-calls, and macro-F1 with it', () => {
    const input = biasedWindows(3000, 1);
    const tuned = tuneClassOffsets(input);
    expect(tuned.offsets[2]).toBeGreaterThan((tuned.offsets[0] as number) + 0.5);
    expect(tuned.after).toBeGreaterThan(tuned.before + 0.03);
    // The tuned offsets hold on other windows drawn the same way (not a fit to these ones).
    const fresh = biasedWindows(3000, 1, 8);
    const plain = groupedMacroF1(fresh, predictWithOffsets(fresh, [0, 0, 0]));
    const offset = groupedMacroF1(fresh, predictWithOffsets(fresh, tuned.offsets));
    expect(offset).toBeGreaterThan(plain + 0.03);
  });

  it('stay at 0 for a classifier whose thresholds are already right', () => {
    const tuned = tuneClassOffsets(biasedWindows(3000, 0));
    expect(tuned.offsets.every((o) => Math.abs(o) <= 0.1)).toBe(true);
    expect(tuned.after - tuned.before).toBeLessThan(0.01);
  });

  it('score as the reports do: macro-F1 over the classes with true windows, group by group', () => {
    const input = biasedWindows(600, 1);
    // Window 5 is a transition (not scored); the second half are another group scored over 0 and 2.
    input.labels[5] = -1;
    input.groups.fill(1, 300);
    input.scored = [
      [0, 1, 2],
      [0, 2],
    ];
    const predicted = predictWithOffsets(input, [0, 0, 0]);
    const names = ['a', 'b', 'c'];
    const group = (g: number, classes: string[]) => {
      const rows = [...input.labels.keys()].filter(
        (i) => input.groups[i] === g && (input.labels[i] as number) >= 0,
      );
      return scoreClassification(
        rows.map((i) => names[input.labels[i] as number] as string),
        rows.map((i) => names[predicted[i] as number] as string),
        classes,
      ).macroF1;
    };
    expect(groupedMacroF1(input, predicted)).toBeCloseTo((group(0, names) + group(1, ['a', 'c'])) / 2, 12);
  });

  it("decide as the model with the offsets in its logits would: argmax of the members' mean softmax(log p + b)", () => {
    const input = biasedWindows(300, 1);
    const offsets = [0.3, -0.7, 1.1];
    const predicted = predictWithOffsets(input, offsets);
    for (let i = 0; i < 300; i++) {
      const mean = [0, 0, 0];
      for (const p of input.memberProbabilities) {
        const z = [0, 1, 2].map((j) => Math.log(p[i * 3 + j] as number) + (offsets[j] as number));
        const e = z.map((v) => Math.exp(v));
        const total = e.reduce((a, b) => a + b, 0);
        e.forEach((v, j) => {
          mean[j] = (mean[j] as number) + v / total;
        });
      }
      expect(predicted[i]).toBe(mean.indexOf(Math.max(...mean)));
    }
  });

  it('refuse probabilities that do not fit the windows, saying which', () => {
    const input = biasedWindows(30, 1);
    expect(() => tuneClassOffsets({ ...input, memberProbabilities: [new Float32Array(10)] })).toThrow(
      /member 0: 10 probabilities for 30 windows × 3 classes/,
    );
  });
});
