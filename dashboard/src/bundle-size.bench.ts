import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';

const TARGET_KB = 300;
const dashboardDir = resolve(import.meta.dirname, '..');

/** Files index.html loads before anything else: the entry script, its preloads and style sheets. */
export function initialAssets(indexHtml: string): { js: string[]; css: string[] } {
  const attr = (re: RegExp) => [...indexHtml.matchAll(re)].map((m) => (m[1] ?? '').replace(/^\//, ''));
  return {
    js: [
      ...attr(/<script[^>]+type="module"[^>]+src="([^"]+)"/g),
      ...attr(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g),
    ],
    css: attr(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/g),
  };
}

/**
 * Builds the dashboard for production into a temporary folder and reports the gzipped size of
 * the JavaScript the first page load needs (lazy chunks such as the chart library excluded).
 */
export default async function bundleSizeBench() {
  const outDir = mkdtempSync(join(tmpdir(), 'haltung-dashboard-'));
  try {
    await build({
      configFile: join(dashboardDir, 'vite.config.ts'),
      root: dashboardDir,
      logLevel: 'warn',
      build: { outDir, emptyOutDir: true },
    });
    const { js, css } = initialAssets(readFileSync(join(outDir, 'index.html'), 'utf8'));
    const gz = (file: string) => gzipSync(readFileSync(join(outDir, file)), { level: 9 }).length / 1024;
    const jsKb = js.reduce((sum, f) => sum + gz(f), 0);
    const cssKb = css.reduce((sum, f) => sum + gz(f), 0);
    const round = (kb: number) => Math.round(kb * 10) / 10;
    return [
      {
        name: 'dashboard initial JavaScript (gzip)',
        value: round(jsKb),
        unit: 'KB',
        higherIsBetter: false,
        target: TARGET_KB,
        details: { files: js, cssKbGzip: round(cssKb) },
      },
    ];
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}
