// Compiles a Vue single-file component for Jest: @vue/compiler-sfc (installed with vue, the
// same compiler Vite's plugin uses) turns the <script setup> and <template> into one ES
// module, and swc strips its TypeScript. Styles are left out: component tests look at the
// DOM and behaviour, not at CSS.
import { createHash } from 'node:crypto';
import { compileScript, parse } from '@vue/compiler-sfc';
import { transformSync } from '@swc/core';

export default {
  getCacheKey(source, filename) {
    return createHash('sha256').update(filename).update('\0').update(source).digest('hex');
  },
  process(source, filename) {
    const { descriptor, errors } = parse(source, { filename });
    if (errors.length > 0) throw errors[0];
    const id = createHash('sha256').update(filename).digest('hex').slice(0, 8);
    const script = compileScript(descriptor, { id, inlineTemplate: true, isProd: false });
    const { code } = transformSync(`${script.content}`, {
      filename: `${filename}.ts`,
      jsc: { target: 'es2022', parser: { syntax: 'typescript' }, transform: { useDefineForClassFields: true } },
      module: { type: 'es6' },
      sourceMaps: 'inline',
    });
    return { code };
  },
};
