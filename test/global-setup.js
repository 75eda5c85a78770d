// The process tests run the built entry point, as `npm start` does: build it first so they never test a stale dist/.
const { execFileSync } = require('node:child_process');
const { resolve } = require('node:path');

module.exports = () => {
  const root = resolve(__dirname, '..');
  execFileSync(process.execPath, [resolve(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
    cwd: root,
    stdio: 'inherit',
  });
};
