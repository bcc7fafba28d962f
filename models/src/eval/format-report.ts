import type { ClassifierScores, EvaluationReport } from './score-predictions.js';

const f3 = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : '  -  ');
const pad = (s: string | number, n: number) => String(s).padStart(n);

function confusionLines(title: string, scores: ClassifierScores): string[] {
  const names = scores.classes;
  const width = Math.max(8, ...names.map((n) => n.length)) + 1;
  const lines = [`${title} (rows: true class, columns: predicted; "other" = a class outside these)`];
  lines.push(''.padEnd(width) + names.map((n) => pad(n.slice(0, 10), 11)).join('') + pad('other', 8));
  scores.confusion.forEach((row, i) => {
    const name = names[i] as string;
    const other = (scores.perClass[name]?.support ?? 0) - row.reduce((a, b) => a + b, 0);
    lines.push(name.padEnd(width) + row.map((v) => pad(v, 11)).join('') + pad(other, 8));
  });
  return lines;
}

/** The human-readable evaluation report: per class, macro-F1, per subject, confusion matrices. */
export function formatReport(report: EvaluationReport): string {
  const { model, baseline } = report;
  const w = report.windows;
  const lines = [
    `Windows: ${w.total} (scored ${w.scored}; not scored: ${w.transition} across a label change or transition, ${w.unknown} unlabelled)`,
    '',
    `${'class'.padEnd(20)}${'model'.padEnd(30)}baseline (inclination threshold)`,
    `${''.padEnd(20)}${'precision recall  F1    '.padEnd(30)}precision recall  F1      windows`,
  ];
  for (const c of report.classes) {
    const m = model.perClass[c];
    const b = baseline.perClass[c];
    if (!m || !b) continue;
    lines.push(
      c.padEnd(20) +
        `${f3(m.precision)}     ${f3(m.recall)}  ${f3(m.f1)}`.padEnd(30) +
        `${f3(b.precision)}     ${f3(b.recall)}  ${f3(b.f1)}   ${pad(m.support, 6)}`,
    );
  }
  lines.push(
    `${'macro-F1'.padEnd(20)}${f3(model.macroF1).padEnd(30)}${f3(baseline.macroF1)}`,
    `${'accuracy'.padEnd(20)}${f3(model.accuracy).padEnd(30)}${f3(baseline.accuracy)}`,
    '',
    `Per subject (${Object.keys(model.perSubject).length} subjects)     worst            median   best`,
  );
  for (const [name, s] of [
    ['model', model],
    ['baseline', baseline],
  ] as const) {
    for (const [what, sp] of [
      ['macro-F1', s.subjectMacroF1],
      ['accuracy', s.subjectAccuracy],
    ] as const) {
      if (!sp) continue;
      lines.push(
        `${`${name} ${what}`.padEnd(30)}${`${f3(sp.worst.value)} (${sp.worst.subject})`.padEnd(17)}` +
          `${f3(sp.median)}    ${f3(sp.best.value)} (${sp.best.subject})`,
      );
    }
  }
  lines.push(
    '',
    ...confusionLines('Model confusion', model),
    '',
    ...confusionLines('Baseline confusion', baseline),
  );
  return lines.join('\n');
}
