import { swcTransform } from '../../jest.swc.mjs';

/** @type {import('jest').Config} */
export default {
  testEnvironment: 'node',
  roots: ['<rootDir>/src'],
  extensionsToTreatAsEsm: ['.ts', '.vue'],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'vue', 'json'],
  // Store tests run the domain from source, so they never need a build of libs/domain first.
  moduleNameMapper: {
    '^@loket/domain$': '<rootDir>/../../libs/domain/src/index.ts',
    '^@loket/web$': '<rootDir>/../../libs/web/src/index.ts',
    '^@loket/domain/testing$': '<rootDir>/../../libs/domain/src/testing/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  // The compile-time flags Vite defines for the build (vite.config.ts), so Vue and vue-i18n do not warn.
  globals: {
    __VUE_OPTIONS_API__: true,
    __VUE_PROD_DEVTOOLS__: false,
    __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: false,
    __VUE_I18N_FULL_INSTALL__: true,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
  },
  // Component tests (`@jest-environment jsdom` in the file) mount .vue files compiled by jest.vue.mjs.
  transform: { ...swcTransform(), '^.+\\.vue$': '<rootDir>/jest.vue.mjs' },
};
