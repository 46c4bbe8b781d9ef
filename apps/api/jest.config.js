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
  // On PGlite every test file has a database of its own, so two files run at once. On
  // PostgreSQL they share one database, and the security suites fingerprint the whole of it
  // to prove a refusal changed nothing: there, one file at a time.
  maxWorkers: process.env.DATABASE_URL ? 1 : 2,
};
