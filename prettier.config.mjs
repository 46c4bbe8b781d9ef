// The formatter for the whole workspace, set to the style the code was already written in:
// single quotes, semicolons, trailing commas and long lines (160, so a use case reads as
// one line per step; no line goes past it). Lint runs `prettier --check` (format:check).
/** @type {import('prettier').Config} */
export default {
  printWidth: 160,
  singleQuote: true,
  semi: true,
  trailingComma: 'all',
  // Vue templates keep eslint-plugin-vue's layout: one attribute per line once there are several.
  singleAttributePerLine: true,
  // The default ('css') never adds or removes whitespace that the browser would render, so a
  // reformatted template looks exactly as before on every screen.
  htmlWhitespaceSensitivity: 'css',
  overrides: [
    // docker/compose.yaml and the CI files quote with double quotes, as YAML usually does.
    { files: ['*.yaml', '*.yml'], options: { singleQuote: false } },
  ],
};
