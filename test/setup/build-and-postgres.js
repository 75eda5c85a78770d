// The process tests run the built entry point, as `npm start` does: build it first so they never test a stale dist/.
// Only the end-to-end project runs this: unit tests load TypeScript directly and need no build.
const { execFileSync } = require('node:child_process');
const { resolve } = require('node:path');
const postgres = require('./postgres');

module.exports = async () => {
  const root = resolve(__dirname, '../..');
  execFileSync(process.execPath, [resolve(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
    cwd: root,
    stdio: 'inherit',
  });
  await postgres();
};
