// Reconnect benchmark (not a test): `npm run build:server && node bench/reconnect.mjs --dashboards 10000 [--rate 10]`.
//
// Starts Postwatch as a process of its own (in a database of its own on DATABASE_URL's server, which is required:
// the crash below would leave an embedded PostgreSQL behind), with one BRANCH_OPERATOR account per demo branch,
// and opens N dashboards spread over the branches. Each dashboard is a graphql-ws client of its own (`ws`, lazy,
// graphql-ws's default randomised exponential back-off between attempts, retryAttempts raised so that it keeps
// trying) that behaves like the web app's branch feed (web/src/lib/branch-feed.ts): it subscribes to
// `alertPosted(branchId, after)`, keeps the highest deliverySeq received, drops (and counts) a repeat, and when
// its client emits `closed` subscribes again with `after` = the last deliverySeq received. All start after the
// last deliverySeq committed, and a warm-up alert reaches each before the clock starts. The demo liaison posts an
// alert to every branch `--rate` times a second over HTTP throughout (an alert counts as committed only when
// postAlert answered with its id and deliverySeq; while the server is down the posts fail). After 5 s of steady
// state the server is killed with SIGKILL and a new process is started at once on the same port, database and
// JWT secret. Posting goes on for 15 s after the kill (longer, by at most 60 s, while some dashboard has not yet
// received an alert committed after its new subscription started, so that every catch-up time is defined), then
// stops, and the benchmark waits (at most 60 s) until every dashboard holds every committed alert. It prints:
// - restart time: from the kill to the new server's "Postwatch is ready";
// - catch-up time of a dashboard, from the kill: the first moment it receives an alert whose `sent` (set in the
//   posting transaction just before its commit) is after the start of the subscription that
//   delivers it, that subscription having been started after the kill, while holding every committed alert with
//   a lower deliverySeq (no gap); max (the headline figure, target 10 s), p50 and p99 over dashboards, and how
//   many had caught up 5 s and 10 s after the kill;
// - lost: committed alerts (each reaches every branch) that a dashboard never received, summed over dashboards;
//   duplicates: a deliverySeq a dashboard's live subscription received a second time, summed over dashboards;
// - the last line: the time until all were caught up, and its ratio to the 10 s target;
// - the new server's peak CPU (percent of one core, from /proc/<pid>/stat every 250 ms, from ready to the end)
//   and peak RSS; and, to explain the figures: the first connection_ack after the kill split into connection
//   attempt → socket open (TCP and upgrade: a full accept queue shows here, with the machine's TCP listen-queue
//   overflows) and socket open → ack; ack → caught up (the replay); connection attempts; subscription errors;
//   alerts delivered whose posting got no answer (in flight at the crash); out-of-order receipts.
// Receipt times are taken in this process, which handles every dashboard: a replay to many dashboards at once
// queues here too, and that queueing is in the figures (its CPU and event-loop delay are printed).
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { branchOperators, cpuSeconds, freePort, graphqlData, login, parseArgs, percentiles, prepareDatabase, rssMegabytes, startPostwatch, waitUntil } from './lib.mjs';

const args = parseArgs(process.argv.slice(2));
const DASHBOARDS = Number(args.dashboards ?? 1000);
const RATE = Number(args.rate ?? 10);
const PASSWORD = 'bench-password-0123';
const CONNECT_BATCH = 250;
/** Steady state before the crash. */
const STEADY_MS = 5_000;
/** Posting after the kill, at least. */
const POST_AFTER_KILL_MS = 15_000;
/** Posting goes on at most this much longer while some dashboard has not yet caught up. */
const POST_EXTRA_MS = 60_000;
/** Bound on the wait, once posting stopped, for every dashboard to hold every committed alert. */
const SETTLE_MS = 60_000;
const SAMPLE_MS = 250;
/** Posts in flight at most: a tick finding that many still unanswered is skipped (and counted). */
const MAX_POSTS_IN_FLIGHT = 50;
const POST_TIMEOUT_MS = 30_000;
/** What branch-feed.ts waits before subscribing again after the server completed a live feed. */
const RETRY_COMPLETED_MS = 5_000;

const WATCH = `subscription ($b: ID!, $after: String) {
  alertPosted(branchId: $b, after: $after) { id deliverySeq sent headline }
}`;

/** Everything to undo on the way out, whatever happened. */
const cleanup = { dashboards: [], servers: [], database: null, poster: null, sampler: null };
let cleaning = null;

async function main() {
  if (!process.env.DATABASE_URL) {
    console.error('reconnect benchmark: set DATABASE_URL (a PostgreSQL server on which it may create and drop a database)');
    process.exit(2);
  }
  console.log(`reconnect benchmark: ${DASHBOARDS} dashboards, ${RATE} alerts/s`);
  process.once('SIGINT', () => void cleanUp().finally(() => process.exit(130)));
  let exitCode = 0;
  try {
    cleanup.database = await prepareDatabase();
    const result = await measure(cleanup.database);
    report(result);
  } catch (error) {
    console.error(`reconnect benchmark failed: ${error?.stack ?? error}`);
    exitCode = 1;
  } finally {
    await cleanUp();
  }
  process.exit(exitCode);
}

async function measure(database) {
  const port = await freePort();
  const http = `http://127.0.0.1:${port}/graphql`;
  const settings = {
    JWT_SECRET: randomBytes(32).toString('hex'),
    // Thousands of dashboards share each branch's account here; the default cap is per person, not per branch.
    MAX_SOCKETS_PER_CONTACT: '1000000',
  };
  const first = await startServer(database, port, { ...settings, POSTWATCH_SEED_DEMO: 'always' });

  const coordinator = await login(http, 'coordinator@postwatch.demo', 'postwatch-demo');
  const liaison = await login(http, 'liaison@postwatch.demo', 'postwatch-demo');
  const operators = await branchOperators(http, coordinator, PASSWORD);
  const agencies = operators.map(({ branch }) => branch);

  // As the web app's first load: the newest deliverySeq of the branch's alerts (every alert here reaches every
  // branch, so it is the last one committed), or 0.
  const { alerts } = await graphqlData(http, 'query ($b: ID!) { alerts(first: 50, filter: { branchId: $b }) { edges { node { deliverySeq } } } }', { b: agencies[0].id }, operators[0].token);
  const baseline = alerts.edges.reduce((max, e) => Math.max(max, Number(e.node.deliverySeq)), 0);

  const clock = { killAt: Infinity };
  const dashboards = cleanup.dashboards;
  for (let start = 0; start < DASHBOARDS; start += CONNECT_BATCH) {
    const batch = [];
    for (let i = start; i < Math.min(start + CONNECT_BATCH, DASHBOARDS); i++) {
      const { branch, token } = operators[i % operators.length];
      const dashboard = new Dashboard(`ws://127.0.0.1:${port}/graphql`, token, branch.id, clock);
      dashboards.push(dashboard);
      batch.push(dashboard.connected);
      dashboard.start(String(baseline));
    }
    await withTimeout(Promise.all(batch), 60_000, 'dashboards to connect');
  }
  console.log(`  ${dashboards.length} dashboards connected over ${operators.length} branches`);

  const poster = new Poster(http, liaison, agencies.map((a) => a.id));
  cleanup.poster = poster;
  // Warm-up: once every dashboard has the warm-up alert, every subscription is live.
  const warmUp = await poster.postOne('Warm-up');
  if (!warmUp) throw new Error('the warm-up alert was not posted');
  await waitUntil(() => dashboards.every((d) => d.received.has(warmUp.seq)), 60_000, 'the warm-up alert', 20);
  console.log(`  warm-up alert ${warmUp.seq} received by every dashboard; posting ${RATE}/s, crash in ${STEADY_MS / 1000} s`);

  poster.start();
  await sleep(STEADY_MS);

  // The crash, then a new process at once on the same port, database and secret (no demo data loaded again).
  const overflowsBefore = listenOverflows();
  clock.killAt = Date.now();
  const exited = new Promise((resolve) => first.child.once('exit', resolve));
  first.child.kill('SIGKILL');
  await exited;
  let second;
  try {
    second = await startServer(database, port, { ...settings, POSTWATCH_SEED_DEMO: 'never' });
  } catch (error) {
    throw new Error(`the server did not come back after the crash: ${error.message}`);
  }
  const readyAt = Date.now();
  let serverDied = null;
  second.child.once('exit', (code, signal) => (serverDied = `the new server exited (${signal ?? code}) during the run`));
  const sampler = sampleProcess(second.child.pid);
  cleanup.sampler = sampler;
  // This process's own load (every dashboard lives here): receipt times include its queueing.
  const lag = monitorEventLoopDelay({ resolution: 10 });
  lag.enable();
  const ownCpuBefore = process.cpuUsage();
  console.log(`  killed; new server ready after ${((readyAt - clock.killAt) / 1000).toFixed(2)} s`);

  const check = () => {
    if (serverDied) throw new Error(serverDied);
  };
  const postUntil = clock.killAt + POST_AFTER_KILL_MS;
  await waitUntil(() => (check(), Date.now() >= postUntil), POST_AFTER_KILL_MS + 1000, 'the posting period', 20);
  const extraUntil = Date.now() + POST_EXTRA_MS;
  await waitUntil(() => (check(), Date.now() >= extraUntil || dashboards.every((d) => d.liveAgainAt !== null)), POST_EXTRA_MS + 1000, 'dashboards to go live', 20);
  await poster.stop();
  const postingStoppedAt = Date.now();
  const committedSeqs = poster.committed.map((c) => c.seq).sort((a, b) => a - b);
  const complete = new Set();
  const settled = await waitUntil(() => {
    check();
    for (const d of dashboards) if (!complete.has(d) && committedSeqs.every((s) => d.received.has(s))) complete.add(d);
    return complete.size === dashboards.length;
  }, SETTLE_MS, 'every dashboard to hold every committed alert', 20).then(() => true, (error) => {
    if (serverDied) throw error;
    return false;
  });
  const settledAt = Date.now();
  sampler.stop();
  lag.disable();
  const ownCpu = process.cpuUsage(ownCpuBefore);
  const overflows = listenOverflows() - overflowsBefore;
  const client = { overflows, cpuSeconds: (ownCpu.user + ownCpu.system) / 1e6, lagP99: lag.percentile(99) / 1e6, lagMax: lag.max / 1e6 };
  check();

  // BENCH_DEBUG=n: the first n dashboards' receipts around the crash (seq@arrival[sent, subscription start], s from the kill).
  if (process.env.BENCH_DEBUG) {
    const rel = (t) => ((t - clock.killAt) / 1000).toFixed(3);
    for (const d of dashboards.slice(0, Number(process.env.BENCH_DEBUG))) {
      console.log(`dashboard ack ${rel(d.reconnectedAt)} opened ${rel(d.openedAt)}`);
      console.log('  ' + d.receipts.filter((r) => r.at >= clock.killAt - 500).slice(0, 40).map((r) => `${r.seq}@${rel(r.at)}[sent ${rel(r.sent)} sub ${rel(r.startedAt)}]`).join(' '));
    }
    console.log('committed', poster.committed.map((c) => `${c.seq}:${rel(c.sent)}`).join(' '));
  }
  return analyse({ dashboards, poster, committedSeqs, baseline, killAt: clock.killAt, readyAt, postingStoppedAt, settled, settledAt, sampler, client });
}

/** The figures, from what each dashboard received and when (see the header for the definitions). */
function analyse({ dashboards, poster, committedSeqs, baseline, killAt, readyAt, postingStoppedAt, settled, settledAt, sampler, client }) {
  const committedSet = new Set(committedSeqs);
  const catchUps = [];
  let lost = 0;
  let duplicates = 0;
  let dashboardsWithLoss = 0;
  let outOfOrder = 0;
  let stale = 0;
  const missingSample = new Map();
  const unconfirmed = new Set();
  const errors = new Map();
  const attempts = [];
  const reconnected = [];
  const ackWaits = [];
  const openWaits = [];
  const replays = [];
  const subscriptions = [];
  for (const d of dashboards) {
    duplicates += d.duplicates;
    outOfOrder += d.outOfOrder;
    stale += d.stale;
    for (const [code, count] of d.errors) errors.set(code, (errors.get(code) ?? 0) + count);
    attempts.push(d.attemptsAfterKill);
    subscriptions.push(d.subscriptionsAfterKill);
    reconnected.push(d.reconnectedAt === null ? Infinity : d.reconnectedAt - killAt);
    const missing = committedSeqs.filter((s) => !d.received.has(s));
    lost += missing.length;
    if (missing.length) dashboardsWithLoss++;
    for (const s of missing) missingSample.set(s, (missingSample.get(s) ?? 0) + 1);
    for (const s of d.received) if (s > baseline && !committedSet.has(s)) unconfirmed.add(s);

    const held = new Set();
    let next = 0; // index of the first committed alert not held yet
    let caughtAt = null;
    for (const r of d.receipts) {
      held.add(r.seq);
      while (next < committedSeqs.length && held.has(committedSeqs[next])) next++;
      const noGap = next === committedSeqs.length || committedSeqs[next] > r.seq;
      if (r.startedAt >= killAt && r.sent > r.startedAt && noGap) {
        caughtAt = r.at;
        break;
      }
    }
    catchUps.push(caughtAt === null ? Infinity : caughtAt - killAt);
    ackWaits.push(d.ackWait ?? Infinity);
    openWaits.push(d.openWait ?? Infinity);
    replays.push(caughtAt === null || d.reconnectedAt === null ? Infinity : caughtAt - d.reconnectedAt);
  }
  return {
    restartMs: readyAt - killAt,
    catchUps,
    lost,
    dashboardsWithLoss,
    missingSample: [...missingSample].sort((a, b) => a[0] - b[0]),
    duplicates,
    outOfOrder,
    stale,
    unconfirmed: [...unconfirmed].sort((a, b) => a - b),
    errors,
    attempts,
    reconnected,
    ackWaits,
    openWaits,
    replays,
    subscriptions,
    posts: poster.summary(killAt, readyAt),
    committed: committedSeqs.length,
    postingMs: postingStoppedAt - killAt,
    catchUpBoundMs: settledAt - killAt,
    settled,
    settleMs: settledAt - postingStoppedAt,
    cpu: sampler.result(),
    client,
    dashboards: dashboards.length,
  };
}

function report(r) {
  const s = (ms) => (Number.isFinite(ms) ? (ms / 1000).toFixed(2) : 'never');
  const c = percentiles(r.catchUps);
  const rc = percentiles(r.reconnected);
  const ack = percentiles(r.ackWaits);
  const open = percentiles(r.openWaits);
  const rp = percentiles(r.replays);
  const never = r.catchUps.filter((t) => !Number.isFinite(t)).length;
  const at = (ms) => r.catchUps.filter((t) => t <= ms).length;
  const errors = [...r.errors].map(([code, n]) => `${code} ${n}`).join(', ') || 'none';
  const lines = [
    '',
    `Postwatch restart under ${r.dashboards} dashboards, ${RATE} alerts/s to every branch:`,
    `  restart (kill → new server ready): ${s(r.restartMs)} s`,
    `  first connection_ack from the kill (s): p50 ${s(rc.p50)}  p99 ${s(rc.p99)}  max ${s(rc.max)}; of which attempt → socket open: p50 ${s(open.p50)}  max ${s(open.max)}, socket open → ack: p50 ${s(ack.p50)}  max ${s(ack.max)}`,
    `  connection attempts after the kill per dashboard: p50 ${percentiles(r.attempts).p50}  max ${percentiles(r.attempts).max}; subscriptions started: max ${percentiles(r.subscriptions).max}; ack → caught up (s): p50 ${s(rp.p50)}  max ${s(rp.max)}`,
    `  caught up from the kill (s): p50 ${s(c.p50)}  p99 ${s(c.p99)}  max ${s(c.max)}; by 5 s ${at(5_000)}/${r.dashboards}, by 10 s ${at(10_000)}/${r.dashboards}${never ? `; never ${never}` : ''}`,
    `  posts: ${r.posts.committedBefore} committed before the kill, ${r.posts.failedDown} failed while down, ${r.posts.committedAfter} committed after (${r.posts.failedAfter} failed after ready, ${r.posts.skipped} skipped with ${MAX_POSTS_IN_FLIGHT} in flight); posting ran ${s(r.postingMs)} s after the kill`,
    `  ${r.committed} committed alerts × ${r.dashboards} dashboards: lost ${r.lost} (${r.dashboardsWithLoss} dashboards), duplicates ${r.duplicates}; ${r.settled ? `all held ${s(r.settleMs)} s after posting stopped` : `not all held ${s(r.settleMs)} s after posting stopped`}`,
    `  out-of-order receipts ${r.outOfOrder}; repeats ignored from disposed subscriptions ${r.stale}; subscription errors: ${errors}`,
    `  delivered alerts whose posting got no answer (in flight at the crash, or past the ${POST_TIMEOUT_MS / 1000} s timeout): ${r.unconfirmed.length ? r.unconfirmed.join(', ') : 'none'}`,
    ...(r.missingSample.length ? [`  missing deliverySeq (dashboards): ${r.missingSample.slice(0, 20).map(([seq, n]) => `${seq} (${n})`).join(', ')}${r.missingSample.length > 20 ? ', …' : ''}`] : []),
    `  new server: peak CPU ${r.cpu.peakCpu.toFixed(0)}% of one core, CPU ${r.cpu.cpuSeconds.toFixed(2)} s over ${r.cpu.seconds.toFixed(1)} s, peak RSS ${r.cpu.peakRss.toFixed(0)} MB`,
    `  this process (all dashboards) meanwhile: CPU ${r.client.cpuSeconds.toFixed(2)} s, event-loop delay p99 ${r.client.lagP99.toFixed(0)} ms, max ${r.client.lagMax.toFixed(0)} ms; TCP listen-queue overflows (whole machine) ${r.client.overflows}`,
    `reconnect ${r.dashboards} dashboards: all caught up in ${never ? `>${s(r.catchUpBoundMs)} (${never} never did)` : s(c.max)} s (target 10 s, ratio ${never ? `>${(r.catchUpBoundMs / 10_000).toFixed(2)}` : (c.max / 10_000).toFixed(2)}), lost ${r.lost}, duplicates ${r.duplicates}`,
  ];
  console.log(lines.join('\n'));
}

// ---------------------------------------------------------------------------------------------------------

/**
 * One dashboard: its own graphql-ws client and the branch feed of web/src/lib/branch-feed.ts (without the
 * first load over HTTP, the "away" count and the acknowledgement refresh, which do not touch delivery).
 */
class Dashboard {
  constructor(url, token, branchId, clock) {
    this.branchId = branchId;
    this.clock = clock;
    /** The highest deliverySeq received, as text (branch-feed.ts's `lastSeq`). */
    this.lastSeq = null;
    this.max = 0;
    this.received = new Set();
    /** Each first receipt, in arrival order: deliverySeq, arrival, `sent`, start of the delivering subscription. */
    this.receipts = [];
    this.duplicates = 0;
    this.outOfOrder = 0;
    this.stale = 0;
    this.errors = new Map();
    this.dispose = null;
    this.stopped = false;
    this.attemptsAfterKill = 0;
    this.subscriptionsAfterKill = 0;
    /** The first connection_ack after the kill, and how long it came after its socket opened. */
    this.reconnectedAt = null;
    this.connectingAt = null;
    this.openedAt = null;
    /** After the kill: from the attempt that succeeded to its socket's opening, and from there to connection_ack. */
    this.openWait = null;
    this.ackWait = null;
    /** When it first received, after the kill, an alert committed after its new subscription started. */
    this.liveAgainAt = null;
    this.client = createClient({
      url,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${token}` },
      // Lazy, and graphql-ws's own retry wait (randomised exponential back-off); only the number of attempts is
      // raised, so that the client keeps trying while the server is down.
      retryAttempts: Infinity,
    });
    this.connected = new Promise((resolve) => {
      const off = this.client.on('connected', () => {
        off();
        resolve();
      });
    });
    this.client.on('connecting', () => {
      this.connectingAt = Date.now();
      if (this.connectingAt >= this.clock.killAt) this.attemptsAfterKill++;
    });
    this.client.on('opened', () => {
      this.openedAt = Date.now();
      if (this.openWait === null && this.openedAt >= this.clock.killAt) this.openWait = this.openedAt - this.connectingAt;
    });
    this.client.on('connected', () => {
      const now = Date.now();
      if (this.reconnectedAt !== null || now < this.clock.killAt) return;
      this.reconnectedAt = now;
      this.ackWait = now - this.openedAt;
    });
    // A closed socket: start again after the last message received (graphql-ws would resend the first `after`).
    this.client.on('closed', (event) => {
      if (this.stopped || this.lastSeq === null || this.dispose === null) return;
      if (event?.code === 4401) return;
      const resumeAfter = this.lastSeq;
      setTimeout(() => {
        if (!this.stopped) this.subscribe(resumeAfter);
      }, 0);
    });
  }

  /** As the web app after its first load: `after` is the newest deliverySeq known (0: none yet). */
  start(after) {
    if (after !== '0') this.lastSeq = after;
    this.subscribe(after);
  }

  subscribe(after) {
    this.dispose?.();
    let active = true;
    const startedAt = Date.now();
    if (startedAt >= this.clock.killAt) this.subscriptionsAfterKill++;
    const unsubscribe = this.client.subscribe({ query: WATCH, variables: { b: this.branchId, after } }, {
      next: (result) => {
        const at = Date.now();
        if (!active || this.stopped) {
          if (result.data?.alertPosted) this.stale++;
          return;
        }
        // graphql-ws hands a refusal of the operation as a result with errors, then completes.
        if (result.errors?.length) {
          active = false;
          this.refused(result.errors[0]?.extensions?.code ?? 'GRAPHQL_ERROR');
          return;
        }
        const alert = result.data?.alertPosted;
        if (alert) this.receive(alert, at, startedAt);
      },
      error: (error) => {
        if (!active || this.stopped) return;
        active = false;
        // A list of GraphQL errors, or a socket error / close that graphql-ws does not retry: with its default
        // shouldRetry, a refused connection (server down) ends the subscription here; the `closed` event that
        // follows subscribes again (as in the web app, whose own shouldRetry retries those inside graphql-ws).
        this.refused(Array.isArray(error) ? error[0]?.extensions?.code ?? 'GRAPHQL_ERROR' : null, error);
      },
      complete: () => {
        // The server ended a live feed it should keep: start again after what was received.
        if (!active || this.stopped) return;
        active = false;
        this.dispose = null;
        this.count('COMPLETED');
        setTimeout(() => {
          if (!this.stopped && this.dispose === null) this.subscribe(this.lastSeq ?? after);
        }, RETRY_COMPLETED_MS);
      },
    });
    this.dispose = () => {
      active = false;
      unsubscribe();
    };
  }

  /** The subscription was refused or failed: counted by code (a refusal is not retried, as in the web app). */
  refused(code, error) {
    this.dispose?.();
    this.dispose = null;
    if (code) this.count(code);
    else if (error?.code !== undefined && error.code !== 1006) this.count(`close ${error.code}`);
  }

  count(what) {
    this.errors.set(what, (this.errors.get(what) ?? 0) + 1);
  }

  receive(alert, at, startedAt) {
    const seq = Number(alert.deliverySeq);
    if (this.received.has(seq)) {
      this.duplicates++;
      return;
    }
    this.received.add(seq);
    if (seq < this.max) this.outOfOrder++;
    const sent = Date.parse(alert.sent);
    this.receipts.push({ seq, at, sent, startedAt });
    if (seq > this.max) {
      this.max = seq;
      this.lastSeq = alert.deliverySeq;
    }
    if (this.liveAgainAt === null && startedAt >= this.clock.killAt && sent > startedAt) this.liveAgainAt = at;
  }

  close() {
    this.stopped = true;
    this.dispose?.();
    this.dispose = null;
    // Not awaited: a client waiting to retry never settles it; the process exits after the clean-up.
    this.client.dispose().catch(() => undefined);
  }
}

/** Posts an alert to every branch `RATE` times a second as the liaison; counts what was committed and what failed. */
class Poster {
  constructor(http, token, targetIds) {
    this.http = http;
    this.token = token;
    this.targetIds = targetIds;
    /** { seq, sent, answeredAt } of each alert postAlert answered for. */
    this.committed = [];
    this.failures = []; // times of failed posts
    this.skipped = 0;
    this.inFlight = new Set();
    this.stopped = false;
    this.timer = null;
    this.number = 0;
  }

  start() {
    const interval = 1000 / RATE;
    const t0 = performance.now();
    let n = 0;
    const tick = () => {
      if (this.stopped) return;
      if (this.inFlight.size >= MAX_POSTS_IN_FLIGHT) this.skipped++;
      else void this.postOne(`Bench alert ${this.number++}`);
      n++;
      this.timer = setTimeout(tick, Math.max(0, t0 + n * interval - performance.now()));
    };
    tick();
  }

  async stop() {
    this.stopped = true;
    clearTimeout(this.timer);
    await Promise.allSettled([...this.inFlight]);
  }

  /** One post: its { seq, sent } when postAlert answered with them, else null (and counted as failed). */
  postOne(headline) {
    const attempt = (async () => {
      try {
        const response = await fetch(this.http, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${this.token}` },
          body: JSON.stringify({
            query: 'mutation ($input: PostAlertInput!) { postAlert(input: $input) { id deliverySeq sent } }',
            variables: {
              input: {
                targetIds: this.targetIds,
                headline, description: 'Benchmark alert', urgency: 'IMMEDIATE', severity: 'SEVERE', certainty: 'LIKELY',
                suspicionReason: 'NARCOTICS', tlp: 'AMBER', shipment: { trackingNumber: 'RR123456785VN' },
              },
            },
          }),
          signal: AbortSignal.timeout(POST_TIMEOUT_MS),
        });
        const body = await response.json();
        const alert = body.data?.postAlert;
        if (!alert?.id || !alert.deliverySeq) throw new Error(JSON.stringify(body.errors));
        const committed = { seq: Number(alert.deliverySeq), sent: Date.parse(alert.sent), answeredAt: Date.now() };
        this.committed.push(committed);
        return committed;
      } catch {
        this.failures.push(Date.now());
        return null;
      }
    })();
    this.inFlight.add(attempt);
    void attempt.finally(() => this.inFlight.delete(attempt));
    return attempt;
  }

  summary(killAt, readyAt) {
    return {
      committedBefore: this.committed.filter((c) => c.answeredAt < killAt).length,
      committedAfter: this.committed.filter((c) => c.answeredAt >= killAt).length,
      failedDown: this.failures.filter((t) => t >= killAt && t < readyAt).length,
      failedAfter: this.failures.filter((t) => t >= readyAt).length,
      skipped: this.skipped,
    };
  }
}

/**
 * Postwatch (`dist/src/main.js`) on `port` (the same port for the second start, which lib.mjs's startPostwatch
 * cannot do: it picks a free one), warnings only in the log, no address limit on logins.
 */
/** Postwatch on `port` (the same one again after the crash), registered for clean-up. */
async function startServer(database, port, env) {
  const { server } = await startPostwatch(database, env, port);
  cleanup.servers.push(server);
  return server;
}

/** Stops a server still running (SIGTERM, then SIGKILL after 15 s); one already gone is left alone. */
function stopServer({ child }) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

function cleanUp() {
  cleaning ??= (async () => {
    cleanup.sampler?.stop();
    if (cleanup.poster) await withTimeout(cleanup.poster.stop(), 15_000, 'posts in flight').catch(() => undefined);
    for (const dashboard of cleanup.dashboards) dashboard.close();
    for (const server of cleanup.servers) await stopServer(server);
    await cleanup.database?.drop().catch((error) => console.error(`could not drop the benchmark database: ${error.message}`));
  })();
  return cleaning;
}

/** CPU (percent of one core over each interval) and RSS of `pid`, every SAMPLE_MS until stopped. */
function sampleProcess(pid) {
  const first = { cpu: cpuSeconds(pid), at: performance.now() };
  let last = first;
  let peakCpu = 0;
  let peakRss = rssMegabytes(pid);
  const sample = () => {
    try {
      const now = { cpu: cpuSeconds(pid), at: performance.now() };
      if (now.at > last.at) peakCpu = Math.max(peakCpu, ((now.cpu - last.cpu) / ((now.at - last.at) / 1000)) * 100);
      peakRss = Math.max(peakRss, rssMegabytes(pid));
      last = now;
    } catch {
      // the process is gone
    }
  };
  const timer = setInterval(sample, SAMPLE_MS);
  let stopped = false;
  return {
    stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      sample();
    },
    result: () => ({ peakCpu, peakRss, cpuSeconds: last.cpu - first.cpu, seconds: (last.at - first.at) / 1000 }),
  };
}

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms))),
  ]).finally(() => clearTimeout(timer));
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** TcpExt ListenOverflows of the whole machine (/proc/net/netstat): connections dropped for a full accept queue. */
function listenOverflows() {
  try {
    const lines = readFileSync('/proc/net/netstat', 'utf8').split('\n').filter((l) => l.startsWith('TcpExt:'));
    const names = lines[0].split(' ');
    return Number(lines[1].split(' ')[names.indexOf('ListenOverflows')]);
  } catch {
    return NaN;
  }
}

// Last: the classes above must be defined before main runs.
await main();
