import { swcTransform } from '../../jest.swc.mjs';

/** @type {import('jest').Config} */
export default {
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/test'],
  extensionsToTreatAsEsm: ['.ts'],
  // Tests run the domain from source, so they never need a build of libs/domain first.
  moduleNameMapper: {
    '^@loket/domain$': '<rootDir>/../../libs/domain/src/index.ts',
    '^@loket/domain/testing$': '<rootDir>/../../libs/domain/src/testing/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  transform: swcTransform({ decorators: true }),
  testTimeout: 60_000,
  // The attack campaign runs on demand (npm run campaign; docs/campaign.md), not in every test run.
  testPathIgnorePatterns: process.env.LOKET_CAMPAIGN ? ['/node_modules/'] : ['/node_modules/', '<rootDir>/test/campaign/'],
  // Two files at once. On PGlite every test file has a database of its own; on PostgreSQL each
  // worker has one (test/support/postgres-workers.ts), because the security suites fingerprint
  // the whole database to prove a refusal changed nothing.
  maxWorkers: 2,
  globalSetup: '<rootDir>/test/support/postgres-global-setup.ts',
  globalTeardown: '<rootDir>/test/support/postgres-global-teardown.ts',
  setupFiles: ['<rootDir>/test/support/postgres-worker-env.ts', '<rootDir>/test/support/quiet-timers.ts'],
};
