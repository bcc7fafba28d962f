import { pathToFileURL } from 'node:url';

// Runs one bench file and prints its metrics as the last line of stdout (read by scripts/bench.ts).
const file = process.argv[2];
if (!file) throw new Error('usage: bench-one.ts <file.bench.ts>');
const mod = (await import(pathToFileURL(file).href)) as { default?: () => Promise<unknown[]> };
if (typeof mod.default !== 'function') throw new Error(`${file} has no default export function`);
const metrics = await mod.default();
process.stdout.write(`\n${JSON.stringify(metrics)}\n`);
process.exit(0);
