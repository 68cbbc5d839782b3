// Bundle sizes per page (not a test): `npm run bench:bundle`.
//
// Reads Vite's manifest (dist/web/.vite/manifest.json) and prints, for the app's first load (index.html's entry
// and every chunk it imports statically) and then for each page loaded on demand (its chunk and the chunks it
// imports that the first load does not hold), the JavaScript and CSS a browser fetches, raw and gzipped as the
// server sends it. The last line is the first load's JavaScript beside its budget (250 KB gzipped).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { root } from './lib.mjs';

const JS_BUDGET_KB = 250;
const web = join(root, 'dist/web');
const manifest = JSON.parse(readFileSync(join(web, '.vite/manifest.json'), 'utf8'));

/** Every manifest key `key` loads before it runs: itself and its static imports, transitively. */
function closure(key, seen = new Set()) {
  if (seen.has(key)) return seen;
  seen.add(key);
  for (const next of manifest[key]?.imports ?? []) closure(next, seen);
  return seen;
}

/** The files (JS and CSS) of a set of manifest keys. */
function filesOf(keys) {
  return [...new Set([...keys].flatMap((key) => [manifest[key].file, ...(manifest[key].css ?? [])]))];
}

function size(files) {
  let raw = 0;
  let gz = 0;
  let js = 0;
  for (const file of files) {
    const bytes = readFileSync(join(web, file));
    raw += bytes.length;
    const zipped = gzipSync(bytes, { level: 6 }).length;
    gz += zipped;
    if (file.endsWith('.js')) js += zipped;
  }
  return { raw, gz, js };
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const entry = Object.keys(manifest).find((key) => manifest[key].isEntry && key.endsWith('index.html'));
const firstLoad = closure(entry);
const first = size(filesOf(firstLoad));
console.log(`first load (sign-in, alerts, history, account): ${kb(first.raw)}, gzipped ${kb(first.gz)} (JavaScript ${kb(first.js)})`);

const pages = Object.keys(manifest).filter((key) => /src\/pages\/[A-Za-z]+\.tsx$/.test(key) && manifest[key].isDynamicEntry);
for (const key of pages.sort()) {
  const extra = [...closure(key)].filter((k) => !firstLoad.has(k));
  const files = filesOf(extra);
  const s = size(files);
  console.log(`page ${key.replace(/^.*\//, '').replace('.tsx', '')}: +${kb(s.raw)}, gzipped +${kb(s.gz)} (JavaScript +${kb(s.js)}) in ${files.length} file(s)`);
}
// Other parts of the app loaded on demand (the camera's barcode reader); GraphiQL's own chunks are left out.
const lazy = Object.keys(manifest).filter((key) => manifest[key].isDynamicEntry && key.startsWith('src/') && !pages.includes(key));
for (const key of lazy.sort()) {
  const s = size(filesOf([...closure(key)].filter((k) => !firstLoad.has(k))));
  console.log(`on demand ${key.replace(/^.*\//, '')}: +${kb(s.raw)}, gzipped +${kb(s.gz)}`);
}
console.log(`first load JavaScript ${kb(first.js)} gzipped, budget ${JS_BUDGET_KB} KB: ratio ${(first.js / 1024 / JS_BUDGET_KB).toFixed(2)}`);
