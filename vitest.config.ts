import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

// One Vitest run covers every package: unit tests beside the code, and the end-to-end tests in
// test/. The global setup starts (or finds) the real Mosquitto and InfluxDB once for all of them.
const nodeProject = (name: string) => ({
  extends: true as const,
  test: { name, root: `./${name}`, include: ['src/**/*.test.ts'], environment: 'node' as const },
});

export default defineConfig({
  test: {
    globalSetup: [resolve(import.meta.dirname, 'test/src/services/global-setup.ts')],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      nodeProject('protocol'),
      nodeProject('kinematics'),
      nodeProject('simulator'),
      nodeProject('models'),
      nodeProject('edge'),
      nodeProject('server'),
      {
        extends: true,
        test: {
          name: 'dashboard',
          root: './dashboard',
          include: ['src/**/*.test.{ts,tsx}'],
          environment: 'jsdom',
        },
      },
      {
        extends: true,
        test: { name: 'test', root: './test', include: ['src/**/*.test.ts', 'e2e/**/*.test.ts'] },
      },
    ],
  },
});
