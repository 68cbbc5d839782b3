#!/usr/bin/env node
// Before `npm start`: compile the server (tsc, incremental) and build the web app when its sources changed.
// With NODE_ENV=production nothing is built: what was built is served, and a missing build is an error.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const run = (args) => {
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

if (process.env.NODE_ENV === 'production') {
  const missing = ['dist/src/main.js', 'dist/web/index.html'].filter((file) => !existsSync(new URL(`../${file}`, import.meta.url)));
  if (missing.length > 0) {
    console.error(`NODE_ENV=production serves what was built, and ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} missing: run \`npm run build\` first.`);
    process.exit(1);
  }
  process.exit(0);
}
run(['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json']);
run(['scripts/build-web.mjs']);
