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
};
