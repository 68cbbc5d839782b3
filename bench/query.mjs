// Query throughput benchmark (not a test): `npm run bench:query [-- --connections 16 --seconds 10 --only dashboard]`.
//
// Starts Postwatch as a process of its own (DATABASE_URL when set, in a database of its own; otherwise the
// embedded PostgreSQL in a temporary folder), makes the data set of query-data.mjs through the API, and sends
// four operations of the web app, exactly as it sends them (web-operations.mjs), at a fixed number of
// connections (autocannon), each after a warm-up:
//   me         `Me` as a branch operator;
//   dashboard  `BranchFeed` (first: 50): the branch dashboard's first load, as the branch's operator;
//   board      `AlertBoard`: the liaison's board of an alert acknowledged by every branch and sighted at three;
//   statistics `JointStatistics` by year, unfiltered, as a coordinator (the Statistics page).
// Then the same against the floor (query-floor.mjs: plain node:http + pg, in a process of its own, on the same
// database), after checking that the floor answers with the same bytes. For each it prints requests per second,
// p50 and p99 latency, the server's CPU time per request, and the ratio of the two throughputs; the last lines
// read `query <name>: <N> req/s, floor <M> req/s, ratio <N/M>`.
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import { cpuSeconds, freePort, parseArgs, prepareDatabase, root, rssMegabytes, startPostwatch, startProcess } from './lib.mjs';
import { prepareQueryData } from './query-data.mjs';
import { webOperations } from './web-operations.mjs';

const args = parseArgs(process.argv.slice(2));
const CONNECTIONS = Number(args.connections ?? 16);
const SECONDS = Number(args.seconds ?? 10);
const WARM_UP_SECONDS = 3;

await main();

async function main() {
  console.log(`query benchmark: ${CONNECTIONS} connections, ${SECONDS} s per run after ${WARM_UP_SECONDS} s of warm-up`);
  const database = await prepareDatabase();
  const secret = randomBytes(32).toString('hex');
  const { server, url } = await startPostwatch(database, { JWT_SECRET: secret });
  let floor;
  const results = [];
  try {
    const ids = await prepareQueryData(url);
    const operations = await webOperations();
    const floorPort = await freePort();
    floor = await startProcess('floor', [join(root, 'bench/query-floor.mjs')], { DATABASE_URL: databaseUrl(database), JWT_SECRET: secret, PORT: String(floorPort) }, 'listening');
    const floorUrl = `http://127.0.0.1:${floorPort}/graphql`;
    const cases = [
      ['me', operations.MeQuery, 'Me', {}, ids.operator],
      ['dashboard', operations.BranchFeedQuery, 'BranchFeed', { branchId: ids.branchId, first: 50 }, ids.operator],
      ['board', operations.AlertBoardQuery, 'AlertBoard', { id: ids.boardAlertId }, ids.liaison],
      ['statistics', operations.JointStatisticsQuery, 'JointStatistics', { filter: null, groupBy: 'YEAR' }, ids.coordinator],
    ].filter(([name]) => !args.only || args.only.split(',').includes(name));
    for (const [name, query, operationName, variables, token] of cases) {
      const request = {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query, operationName, variables }),
      };
      const mine = await answer(url, request);
      const theirs = await answer(floorUrl, request);
      if (mine !== theirs) throw new Error(`${name}: the floor's answer differs from Postwatch's\n${difference(mine, theirs)}`);
      if (mine.includes('"errors"')) throw new Error(`${name}: Postwatch answered with errors: ${mine.slice(0, 500)}`);
      console.log(`\n${name}: ${Buffer.byteLength(mine)} bytes, the floor's are the same`);
      const postwatch = await load(url, request, server.child.pid);
      console.log(`  Postwatch ${describe(postwatch)}`);
      const plain = await load(floorUrl, request, floor.child.pid);
      console.log(`  floor     ${describe(plain)}`);
      results.push({ name, postwatch, plain });
    }
  } finally {
    await floor?.stop();
    await server.stop();
    await database.drop();
  }
  console.log('');
  for (const { name, postwatch, plain } of results) {
    console.log(`query ${name}: ${postwatch.rps.toFixed(0)} req/s, floor ${plain.rps.toFixed(0)} req/s, ratio ${(postwatch.rps / plain.rps).toFixed(2)}`);
  }
}

/** The URL the floor connects with: the benchmark's own database, or the embedded cluster's. */
function databaseUrl(database) {
  if (database.env.DATABASE_URL) return database.env.DATABASE_URL;
  return `postgresql://postgres:postwatch-embedded@127.0.0.1:${database.env.POSTWATCH_EMBEDDED_PG_PORT}/postwatch`;
}

async function answer(url, { method, headers, body }) {
  const response = await fetch(url, { method, headers, body });
  return response.text();
}

function difference(a, b) {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return `Postwatch: …${a.slice(Math.max(0, i - 200), i + 200)}\nfloor:     …${b.slice(Math.max(0, i - 200), i + 200)}`;
}

/** A warm-up, then SECONDS at CONNECTIONS connections: req/s, latency percentiles, server CPU per request. */
async function load(url, request, pid) {
  await autocannon({ url, ...request, connections: CONNECTIONS, duration: WARM_UP_SECONDS });
  const cpuBefore = cpuSeconds(pid);
  const result = await autocannon({ url, ...request, connections: CONNECTIONS, duration: SECONDS });
  const cpu = cpuSeconds(pid) - cpuBefore;
  const requests = result.requests.total;
  if (result.non2xx || result.errors || result.timeouts) throw new Error(`${url}: ${result.non2xx} non-2xx answers, ${result.errors} errors, ${result.timeouts} timeouts`);
  return {
    rps: requests / SECONDS,
    p50: result.latency.p50,
    p99: result.latency.p99,
    cpuMs: (cpu * 1000) / requests,
    rss: rssMegabytes(pid),
  };
}

function describe(r) {
  return `${r.rps.toFixed(0).padStart(6)} req/s  p50 ${r.p50} ms  p99 ${r.p99} ms  server CPU ${r.cpuMs.toFixed(2)} ms/request  RSS ${r.rss.toFixed(0)} MB`;
}

