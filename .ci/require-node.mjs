// Run before `npm run serve` and `npm run test:all` (package.json "preserve", "pretest:all"),
// the bodies of `npm start` and `npm test`, which reach them through .ci/with-node: Loket runs on
// Node 22 LTS or newer. On an older Node some dependencies fail in ways that do not name
// the cause (NestJS's file-type, vue-i18n's @intlify packages), so say it plainly first.
const want = 22;
const major = Number(process.versions.node.split('.')[0]);
if (major < want) {
  console.error(
    [
      '',
      `Loket needs Node ${want} LTS or newer (package.json "engines"); this is Node ${process.versions.node}.`,
      `Either install Node ${want} (https://nodejs.org, or "nvm install" in this folder, which reads .nvmrc),`,
      `or run the same commands through .ci/with-node: it fetches Node ${want} from the npm registry into`,
      '~/.cache/loket and uses it for that command only, leaving your own node as it is:',
      '',
      '    npm start      (and npm test: both go through .ci/with-node by themselves)',
      '    .ci/with-node npm run <script>',
      '',
    ].join('\n'),
  );
  process.exit(1);
}
