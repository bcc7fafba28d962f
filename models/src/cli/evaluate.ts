import { evaluateCommand } from '../eval/evaluate-command.js';

process.exitCode = await evaluateCommand(process.argv.slice(2), {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
});
