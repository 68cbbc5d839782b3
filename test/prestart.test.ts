import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const root = new URL('..', import.meta.url).pathname;
const run = promisify(execFile);

describe('npm start\'s build step (scripts/prestart.mjs)', () => {
  it('with NODE_ENV=production builds nothing and serves what was built', async () => {
    const stamp = join(root, 'dist/web/.source-hash');
    const before = statSync(stamp).mtimeMs;
    const { stdout, stderr } = await run(process.execPath, ['scripts/prestart.mjs'], { cwd: root, env: { ...process.env, NODE_ENV: 'production' } });
    expect(stdout + stderr).toBe('');
    expect(statSync(stamp).mtimeMs).toBe(before);
  });

  it('with NODE_ENV=production and no build, stops with a message saying what to run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'postwatch-prestart-'));
    try {
      mkdirSync(join(dir, 'scripts'));
      copyFileSync(join(root, 'scripts/prestart.mjs'), join(dir, 'scripts/prestart.mjs'));
      const failure = await run(process.execPath, ['scripts/prestart.mjs'], { cwd: dir, env: { ...process.env, NODE_ENV: 'production' } }).then(
        () => null,
        (err: { code: number; stderr: string }) => err,
      );
      expect(failure?.code).toBe(1);
      expect(failure?.stderr).toContain('dist/src/main.js and dist/web/index.html are missing: run `npm run build` first');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('otherwise leaves an up-to-date web app alone', async () => {
    const { stdout } = await run(process.execPath, ['scripts/build-web.mjs'], { cwd: root });
    expect(stdout.trim()).toBe('web app: up to date (dist/web)');
  });
});
