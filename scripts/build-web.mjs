#!/usr/bin/env node
// Builds the web app (Vite) into dist/web when its sources changed since the last build: the files under web/,
// the server files it imports (S10 check, schema.graphql for GraphiQL), and the lock file. `--force` builds anyway. Prints one line either way.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = join(root, 'dist', 'web');
const stampFile = join(outDir, '.source-hash');
const inputs = ['web', 'src/modules/alert/s10.ts', 'schema.graphql', 'package-lock.json'];

function files(path) {
  const full = join(root, path);
  if (!existsSync(full)) return [];
  if (statSync(full).isFile()) return [path];
  return readdirSync(full).flatMap((name) => (name === 'node_modules' ? [] : files(join(path, name))));
}

const hash = createHash('sha256');
for (const file of inputs.flatMap(files).sort()) {
  hash.update(relative(root, join(root, file))).update('\0').update(readFileSync(join(root, file))).update('\0');
}
const digest = hash.digest('hex');
const built = existsSync(join(outDir, 'index.html')) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === digest;
if (built && !process.argv.includes('--force')) {
  console.log('web app: up to date (dist/web)');
  process.exit(0);
}
console.log('web app: building (vite build) into dist/web');
const result = spawnSync(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], {
  cwd: root,
  stdio: 'inherit',
});
if (result.status !== 0) process.exit(result.status ?? 1);
writeFileSync(stampFile, digest);
