// One transformer for every project's Jest: @swc/jest strips the types and leaves the
// modules as ES modules (Jest runs with --experimental-vm-modules). It does not type-check;
// lint does (`nx run <project>:lint` runs tsc).
//
// `decorators: true` is for the API: NestJS and TypeORM read the design-time types that
// tsc's experimentalDecorators + emitDecoratorMetadata emit (apps/api/tsconfig.json), and
// class fields keep tsc's ES2022 semantics (useDefineForClassFields is on for that target).

/** @param {{ decorators?: boolean }} [options] */
export function swcTransform({ decorators = false } = {}) {
  return {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          target: 'es2022',
          parser: { syntax: 'typescript', decorators },
          transform: decorators ? { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: true } : { useDefineForClassFields: true },
          keepClassNames: true,
        },
        module: { type: 'es6' },
        sourceMaps: 'inline',
      },
    ],
  };
}
