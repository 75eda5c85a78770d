/**
 * Two projects: unit tests load TypeScript directly (a file runs in about a second); the end-to-end tests, some of
 * which run the built entry point as `npm start` does, build it first. Jest runs a project's global set-up only
 * when one of its tests is selected, so `npx jest test/unit/...` never builds.
 */
const shared = {
  testEnvironment: 'node',
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
};

/** @type {import('jest').Config} */
module.exports = {
  // The end-to-end tests start real HTTP servers; a hung one should fail fast, not stall CI.
  testTimeout: 20000,
  // Most of an end-to-end test is waiting (timers, loopback, a child process): four files at once on two cores
  // take a third of the wall time of one at a time. Each harness has its own ports, store and schema.
  maxWorkers: 4,
  projects: [
    { ...shared, displayName: 'unit', roots: ['<rootDir>/test/unit'], globalSetup: '<rootDir>/test/setup/postgres.js' },
    {
      ...shared,
      displayName: 'e2e',
      roots: ['<rootDir>/test/e2e'],
      globalSetup: '<rootDir>/test/setup/build-and-postgres.js',
    },
  ],
};
