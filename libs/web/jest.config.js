import { swcTransform } from '../../jest.swc.mjs';

/** @type {import('jest').Config} */
export default {
  testEnvironment: 'node',
  roots: ['<rootDir>/src'],
  extensionsToTreatAsEsm: ['.ts'],
  // The domain runs from source, so these tests never need a build of libs/domain first.
  moduleNameMapper: {
    '^@loket/domain$': '<rootDir>/../domain/src/index.ts',
    '^@loket/domain/testing$': '<rootDir>/../domain/src/testing/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  transform: swcTransform(),
};
