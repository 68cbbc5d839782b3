// Fan-out benchmark (not a test): `npm run bench:fanout -- --subscribers 10000 [--alerts 20] [--runs 5]`.
//
// Starts Postwatch as a process of its own (DATABASE_URL when set, in a database of its own; otherwise the
// embedded PostgreSQL in a temporary folder), opens N graphql-ws subscribers spread over the demo branches,
// posts alerts one at a time, and prints the delivery latency from each alert's `sent` time (taken in the
// posting transaction, just before its commit) to each receipt: p50, p99, max; lost and duplicate receipts;
// the server's CPU time and resident memory, and its memory per subscriber: (RSS once every subscriber is live −
// RSS before the first connected) / N. Then, as the floor, a plain `ws` server in a process of its own
// broadcasts the same bytes to the same number of sockets. This is done `--runs` times in a row (a new server
// and a new floor each time); each run's figures are printed, then the medians over the runs, and the ratios
// of the medians (p50 and p99 to the floor's); the last line is the p99 ratio. The
// clients do the same in both runs: a plain `ws` socket per subscriber (speaking the graphql-ws protocol in
// the Postwatch run), taking the time when a message arrives, then parsing it.
import { join } from 'node:path';
import WebSocket from 'ws';
import { branchOperators, cpuSeconds, freePort, graphqlData, login, parseArgs, percentiles, prepareDatabase, root, rssMegabytes, startPostwatch, startProcess, waitUntil } from './lib.mjs';

const args = parseArgs(process.argv.slice(2));
const SUBSCRIBERS = Number(args.subscribers ?? 1000);
const ALERTS = Number(args.alerts ?? 20);
const PASSWORD = 'bench-password-0123';
const CONNECT_BATCH = 250;
const RUNS = Number(args.runs ?? 5);

const WATCH = `subscription ($b: ID!) {
  alertPosted(branchId: $b) {
    id identifier deliverySeq sent msgType headline severity urgency certainty tlp
    shipment { trackingNumber } issuerAgency { name }
  }
}`;

await main();

async function main() {
  console.log(`fan-out benchmark: ${SUBSCRIBERS} subscribers, ${ALERTS} alerts, ${RUNS} runs`);
  const runs = [];
  for (let run = 1; run <= RUNS; run++) {
    const database = await prepareDatabase();
    const { server, port } = await startPostwatch(database, {
      // Thousands of dashboards share each branch's account here; the default cap is per person, not per branch.
      MAX_SOCKETS_PER_CONTACT: '1000000',
    });
    let floor;
    let result;
    try {
      result = await measurePostwatch(port, server.child.pid);
      floor = await measureFloor(result.sampleMessage);
    } finally {
      await server.stop();
      await database.drop();
    }
    console.log(`\nrun ${run} of ${RUNS}`);
    runs.push(report(result, floor));
  }
  const median = (key) => medianOf(runs.map((r) => r[key]));
  const figures = ['p50', 'p99', 'floorP50', 'floorP99', 'rss', 'floorRss', 'perSubscriberKb', 'floorPerSubscriberKb', 'lost', 'duplicates', 'cpu'];
  const m = Object.fromEntries(figures.map((key) => [key, median(key)]));
  console.log([
    '',
    `medians of ${runs.length} runs (${SUBSCRIBERS} subscribers, ${ALERTS} alerts each):`,
    `  Postwatch: p50 ${m.p50} ms  p99 ${m.p99} ms  peak RSS ${m.rss.toFixed(0)} MB  ${m.perSubscriberKb.toFixed(1)} KB per subscriber  lost ${m.lost}  duplicates ${m.duplicates}  CPU ${m.cpu.toFixed(2)} s`,
    `  floor:     p50 ${m.floorP50} ms  p99 ${m.floorP99} ms  peak RSS ${m.floorRss.toFixed(0)} MB  ${m.floorPerSubscriberKb.toFixed(1)} KB per subscriber`,
    `  lost in all runs ${runs.reduce((n, r) => n + r.lost, 0)}, duplicates in all runs ${runs.reduce((n, r) => n + r.duplicates, 0)}`,
    `ratio p50 Postwatch / floor (medians): ${(m.p50 / Math.max(m.floorP50, 1)).toFixed(2)}`,
    `ratio p99 Postwatch / floor (medians): ${(m.p99 / Math.max(m.floorP99, 1)).toFixed(2)}`,
  ].join('\n'));
}

function medianOf(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** The Postwatch run: returns latencies, losses, duplicates, server CPU and RSS, and one `next` message's bytes. */
async function measurePostwatch(port, pid) {
  const http = `http://127.0.0.1:${port}/graphql`;
  const coordinator = await login(http, 'coordinator@postwatch.demo', 'postwatch-demo');
  const liaison = await login(http, 'liaison@postwatch.demo', 'postwatch-demo');
  const operators = await branchOperators(http, coordinator, PASSWORD);
  const agencies = operators.map(({ branch }) => branch);

  // Each subscriber speaks the graphql-ws protocol (connection_init, connection_ack, subscribe, next) over a
  // plain \`ws\` socket, so that the client does the same work per message as the floor's: one JSON.parse.
  const subscribers = [];
  let sampleMessage = null;
  // What the server holds before the first subscriber: the baseline of the memory per subscriber.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const baselineRss = rssMegabytes(pid);
  const connectCpuBefore = cpuSeconds(pid);
  const connectStartedAt = Date.now();
  for (let start = 0; start < SUBSCRIBERS; start += CONNECT_BATCH) {
    const batch = [];
    for (let i = start; i < Math.min(start + CONNECT_BATCH, SUBSCRIBERS); i++) {
      const { branch, token } = operators[i % operators.length];
      const subscriber = { received: new Map(), duplicates: 0 };
      const socket = new WebSocket(`ws://127.0.0.1:${port}/graphql`, 'graphql-transport-ws');
      subscriber.socket = socket;
      batch.push(new Promise((resolve, reject) => {
        socket.once('error', reject);
        socket.once('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } })));
        socket.on('message', (data) => {
          const arrived = Date.now();
          const message = JSON.parse(String(data));
          if (message.type === 'connection_ack') {
            socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: WATCH, variables: { b: branch.id } } }));
            resolve();
          } else if (message.type === 'next') {
            if (i === 0) sampleMessage ??= String(data);
            const alert = message.payload.data.alertPosted;
            if (subscriber.received.has(alert.deliverySeq)) subscriber.duplicates++;
            else subscriber.received.set(alert.deliverySeq, arrived - Date.parse(alert.sent));
          } else if (message.type === 'error') {
            console.error('subscription error', JSON.stringify(message.payload));
          }
        });
      }));
      subscribers.push(subscriber);
    }
    await Promise.all(batch);
  }
  const connectSeconds = (Date.now() - connectStartedAt) / 1000;
  const connectCpuMs = ((cpuSeconds(pid) - connectCpuBefore) * 1000) / SUBSCRIBERS;
  console.log(`  ${subscribers.length} subscribers connected and subscribed in ${connectSeconds.toFixed(1)} s, server CPU ${connectCpuMs.toFixed(2)} ms per subscriber`);

  // Warm-up: once every subscriber has the warm-up alert, every subscription is live.
  const warmUp = await post(http, liaison, agencies, 'Warm-up');
  await waitUntil(() => subscribers.every((s) => s.received.has(warmUp.deliverySeq)), 60_000, 'the warm-up alert');

  if (process.env.BENCH_HEAP_SNAPSHOT) {
    // With BENCH_NODE_FLAGS=--heapsnapshot-signal=SIGUSR2: a heap snapshot of the server once all are subscribed.
    process.kill(pid, 'SIGUSR2');
    await new Promise((resolve) => setTimeout(resolve, 15_000));
  }
  const liveRss = rssMegabytes(pid);
  const heap = await heapOf(port);
  const cpuBefore = cpuSeconds(pid);
  const startedAt = Date.now();
  let peakRss = liveRss;
  const posted = [];
  for (let i = 0; i < ALERTS; i++) {
    const alert = await post(http, liaison, agencies, `Bench alert ${i}`);
    posted.push(alert);
    await waitUntil(() => subscribers.every((s) => s.received.has(alert.deliverySeq)), 30_000, `alert ${i}`).catch(() => undefined);
    peakRss = Math.max(peakRss, rssMegabytes(pid));
  }
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const elapsed = (Date.now() - startedAt) / 1000;
  const cpu = cpuSeconds(pid) - cpuBefore;

  const latencies = [];
  let lost = 0;
  let duplicates = 0;
  for (const subscriber of subscribers) {
    duplicates += subscriber.duplicates;
    for (const alert of posted) {
      const latency = subscriber.received.get(alert.deliverySeq);
      if (latency === undefined) lost++;
      else latencies.push(latency);
    }
  }
  for (const subscriber of subscribers) subscriber.socket.terminate();
  return { latencies, lost, duplicates, cpu, elapsed, peakRss, baselineRss, liveRss, heap, sampleMessage, expected: subscribers.length * posted.length };
}

/** The floor: a plain ws server (own process) broadcasting the same bytes to as many sockets. */
async function measureFloor(message) {
  const port = await freePort();
  const server = await startProcess('plain ws', [join(root, 'bench/plain-ws-server.mjs')], { PORT: String(port) }, 'listening');
  try {
    const sockets = [];
    const receipts = [];
    const baselineRss = rssMegabytes(server.child.pid);
    for (let start = 0; start < SUBSCRIBERS; start += CONNECT_BATCH) {
      const batch = [];
      for (let i = start; i < Math.min(start + CONNECT_BATCH, SUBSCRIBERS); i++) {
        const socket = new WebSocket(`ws://127.0.0.1:${port}`);
        const received = [];
        // As the Postwatch run's subscribers do, every client parses what it receives.
        socket.on('message', (data) => {
          received.push(Date.now());
          JSON.parse(String(data));
        });
        receipts.push(received);
        sockets.push(socket);
        batch.push(new Promise((resolve, reject) => { socket.once('open', resolve); socket.once('error', reject); }));
      }
      await Promise.all(batch);
    }
    const latencies = [];
    const liveRss = rssMegabytes(server.child.pid);
    let peakRss = liveRss;
    for (let i = 0; i < ALERTS; i++) {
      const sentAt = await server.request({ broadcast: message });
      peakRss = Math.max(peakRss, rssMegabytes(server.child.pid));
      await waitUntil(() => receipts.every((r) => r.length > i), 30_000, `broadcast ${i}`);
      for (const received of receipts) latencies.push(received[i] - sentAt);
    }
    for (const socket of sockets) socket.terminate();
    return { latencies, peakRss, baselineRss, liveRss };
  } finally {
    await server.stop();
  }
}

/** Prints one run's figures; returns them for the medians. */
function report(result, floor) {
  const mine = percentiles(result.latencies);
  const base = percentiles(floor.latencies);
  const perSubscriberKb = ((result.liveRss - result.baselineRss) * 1024) / SUBSCRIBERS;
  const floorPerSubscriberKb = ((floor.liveRss - floor.baselineRss) * 1024) / SUBSCRIBERS;
  const lines = [
    `Postwatch (graphql-ws): ${result.expected} expected receipts`,
    `  latency from commit (ms): p50 ${mine.p50}  p99 ${mine.p99}  max ${mine.max}`,
    `  lost ${result.lost}  duplicates ${result.duplicates}`,
    `  server CPU ${result.cpu.toFixed(2)} s over ${result.elapsed.toFixed(1)} s (${((result.cpu / result.elapsed) * 100).toFixed(0)}% of one core), peak RSS ${result.peakRss.toFixed(0)} MB`,
    `  memory per subscriber: (${result.liveRss.toFixed(0)} MB live − ${result.baselineRss.toFixed(0)} MB before) / ${SUBSCRIBERS} = ${perSubscriberKb.toFixed(1)} KB`,
    `  once all were live: V8 heap ${result.heap.used.toFixed(0)} MB used of ${result.heap.total.toFixed(0)} MB, external ${result.heap.external.toFixed(0)} MB`,
    `plain ws floor (same ${Buffer.byteLength(result.sampleMessage ?? '')} bytes, same sockets):`,
    `  latency from send (ms): p50 ${base.p50}  p99 ${base.p99}  max ${base.max}; server peak RSS ${floor.peakRss.toFixed(0)} MB, ${floorPerSubscriberKb.toFixed(1)} KB per socket`,
    `ratio p50 Postwatch / floor: ${(mine.p50 / Math.max(base.p50, 1)).toFixed(2)}, p99: ${(mine.p99 / Math.max(base.p99, 1)).toFixed(2)}`,
  ];
  console.log(lines.join('\n'));
  return {
    p50: mine.p50, p99: mine.p99, floorP50: base.p50, floorP99: base.p99, rss: result.peakRss, floorRss: floor.peakRss,
    perSubscriberKb, floorPerSubscriberKb, lost: result.lost, duplicates: result.duplicates, cpu: result.cpu,
  };
}

// ---------------------------------------------------------------------------------------------------------

async function post(http, token, agencies, headline) {
  const { postAlert } = await graphqlData(http, 'mutation ($input: PostAlertInput!) { postAlert(input: $input) { id deliverySeq sent } }', {
    input: {
      targetIds: [agencies[0].id, ...agencies.slice(1).map((a) => a.id)],
      headline, description: 'Benchmark alert', urgency: 'IMMEDIATE', severity: 'SEVERE', certainty: 'LIKELY',
      suspicionReason: 'NARCOTICS', tlp: 'AMBER', shipment: { trackingNumber: 'RR123456785VN' },
    },
  }, token);
  return postAlert;
}

/** The server's V8 heap (used, total) and external memory in MB, from its /metrics (prom-client's defaults). */
async function heapOf(port) {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const value = (name) => Number(new RegExp(`^${name} ([0-9.e+]+)`, 'm').exec(text)?.[1] ?? NaN) / 2 ** 20;
  return { used: value('postwatch_nodejs_heap_size_used_bytes'), total: value('postwatch_nodejs_heap_size_total_bytes'), external: value('postwatch_nodejs_external_memory_bytes') };
}

