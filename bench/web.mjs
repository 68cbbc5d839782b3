// Web app benchmark (not a test): `npm run bench:web [-- --alerts 50]`.
//
// 1. The branch dashboard's first load: the JavaScript the browser fetches for it (the entry script and the
//    modules it preloads, from dist/web/index.html), gzipped as the server sends it, beside the budget (250 KB).
// 2. The time from posting an alert to its row being drawn on the branch dashboard: Postwatch runs as a process
//    of its own (a database of its own, as bench:fanout), a headless Chromium is signed in as the demo branch
//    operator, and alerts are posted one at a time over HTTP. A MutationObserver in the page takes the time the
//    alert's heading is added, and the next animation frame the time it is drawn. Printed: p50 and p95 from the
//    request's start (an upper bound of commit-to-drawn: it includes the HTTP request and the commit) and from
//    the answer's arrival (after the commit: a lower bound), beside the budget (p95 300 ms).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { graphqlRequest, login, parseArgs, prepareDatabase, root, startPostwatch } from './lib.mjs';

const args = parseArgs(process.argv.slice(2));
const ALERTS = Number(args.alerts ?? 50);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const JS_BUDGET_KB = 250;
const P95_BUDGET_MS = 300;

const sizes = firstLoadSizes();
console.log('dashboard first load (dist/web/index.html):');
for (const file of sizes.files) console.log(`  ${file.name}: ${(file.raw / 1024).toFixed(1)} KB, gzipped ${(file.gz / 1024).toFixed(1)} KB`);
console.log(`  JavaScript: ${(sizes.js / 1024).toFixed(1)} KB gzipped (budget ${JS_BUDGET_KB} KB); CSS ${(sizes.css / 1024).toFixed(1)} KB gzipped; fonts load on use`);

if (!existsSync(CHROMIUM)) {
  console.log(`no Chromium at ${CHROMIUM}: the latency part needs one (apt-get install chromium, or CHROMIUM_PATH)`);
  process.exit(1);
}
const latency = await measureLatency();
const p = (values, q) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil(q * values.length) - 1)];
console.log(`alert to drawn row, ${latency.fromRequest.length} alerts, one at a time:`);
console.log(`  from the request's start: p50 ${p(latency.fromRequest, 0.5)} ms, p95 ${p(latency.fromRequest, 0.95)} ms, max ${Math.max(...latency.fromRequest)} ms`);
console.log(`  from the answer (after the commit): p50 ${p(latency.fromAnswer, 0.5)} ms, p95 ${p(latency.fromAnswer, 0.95)} ms`);
console.log(`  the browser fetched ${(latency.transferredJs / 1024).toFixed(1)} KB of JavaScript for the dashboard (as sent, compressed)`);
console.log(`web: dashboard JS ${(sizes.js / 1024).toFixed(1)} KB gzipped (budget ${JS_BUDGET_KB}), alert-to-row p95 ${p(latency.fromRequest, 0.95)} ms (budget ${P95_BUDGET_MS})`);

/** The files index.html loads at once (entry script, modulepreloads, stylesheet), raw and gzipped. */
function firstLoadSizes() {
  const html = readFileSync(join(root, 'dist/web/index.html'), 'utf8');
  const names = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]);
  const files = [...new Set(names)].map((name) => {
    const bytes = readFileSync(join(root, 'dist/web', name));
    return { name, raw: bytes.length, gz: gzipSync(bytes, { level: 6 }).length };
  });
  const sum = (ext) => files.filter((f) => f.name.endsWith(ext)).reduce((total, f) => total + f.gz, 0);
  return { files, js: sum('.js'), css: sum('.css') };
}

async function measureLatency() {
  const database = await prepareDatabase();
  const { server, port, url } = await startPostwatch(database);
  const base = `http://127.0.0.1:${port}`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    let transferredJs = 0;
    page.on('requestfinished', async (request) => {
      if (request.url().endsWith('.js')) transferredJs += (await request.sizes()).responseBodySize;
    });
    await page.addInitScript(() => {
      // The time each heading appears, and the next frame after it (drawn).
      window.__drawn = {};
      new MutationObserver((records) => {
        const added = Date.now();
        for (const record of records) {
          for (const node of record.addedNodes) {
            if (!(node instanceof HTMLElement)) continue;
            for (const heading of node.matches('article') ? [node.querySelector('h3')] : node.querySelectorAll('article h3')) {
              const text = heading?.textContent;
              if (text && !(text in window.__drawn)) requestAnimationFrame(() => { window.__drawn[text] = { added, drawn: Date.now() }; });
            }
          }
        }
      }).observe(document, { childList: true, subtree: true });
    });
    await page.goto(`${base}/?lang=en`);
    await page.getByLabel('Email').fill('branch@postwatch.demo');
    await page.getByLabel('Password').fill('postwatch-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('status').filter({ hasText: 'Live' }).waitFor({ timeout: 30_000 });

    const token = await login(url, 'liaison@postwatch.demo');
    const agencies = await graphqlRequest(url, '{ agencies(level: BRANCH) { id code } }', {}, token);
    const branchId = agencies.data.agencies.find((a) => a.code === 'PPO-EAST-01').id;
    const fromRequest = [];
    const fromAnswer = [];
    for (let i = 0; i < ALERTS; i++) {
      const headline = `Bench alert ${i + 1}`;
      const started = Date.now();
      const result = await graphqlRequest(url, 'mutation ($input: PostAlertInput!) { postAlert(input: $input) { id } }', {
        input: { targetIds: [branchId], headline, description: 'Benchmark alert.', urgency: 'EXPECTED', severity: 'MODERATE', certainty: 'POSSIBLE', suspicionReason: 'OTHER', shipment: { trackingNumber: 'RR123456785VN' } },
      }, token);
      const answered = Date.now();
      if (result.errors) throw new Error(JSON.stringify(result.errors));
      const drawn = await page.waitForFunction((h) => window.__drawn[h]?.drawn, headline, { timeout: 10_000 }).then((handle) => handle.jsonValue());
      fromRequest.push(drawn - started);
      fromAnswer.push(Math.max(0, drawn - answered));
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return { fromRequest, fromAnswer, transferredJs };
  } finally {
    await browser.close();
    await server.stop();
    await database.drop();
  }
}

