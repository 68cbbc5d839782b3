// Counter-check benchmark (not a test): `npm run bench:check [-- --alerts 100000 --checks 500 --bulk 20 --warmup 1000]`.
//
// Starts Postwatch as a process of its own on a database of its own (DATABASE_URL's server is required: the
// alerts are generated there with SQL), posts one alert through the API as a template, copies it into
// `--alerts` alert messages with distinct valid UPU S10 tracking numbers (each delivered to the same branches),
// then, as the demo branch operator over HTTP, after `--warmup` checks that are not measured: `--checks` single shipmentCheck calls one after the other (one in
// ten names a generated alert, which records a sighting) and `--bulk` shipmentChecks calls of 500 numbers. Prints
// p50 and p99 of each beside the budgets (20 ms and 200 ms), and the plans PostgreSQL chooses for the lookup
// (EXPLAIN ANALYZE): the index on shipment_tracking_number, then alert_recipient's primary key.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { s10CheckDigit } from '../dist/src/modules/alert/s10.js';
import { graphqlRequest, login, parseArgs, prepareDatabase, startPostwatch } from './lib.mjs';

const args = parseArgs(process.argv.slice(2));
const ALERTS = Number(args.alerts ?? 100_000);
const CHECKS = Number(args.checks ?? 500);
const BULK = Number(args.bulk ?? 20);
const WARMUP = Number(args.warmup ?? 1000);

if (!process.env.DATABASE_URL) {
  console.log('bench:check needs DATABASE_URL (a PostgreSQL server where it may create a database): the alerts are generated there with SQL');
  process.exit(1);
}

/** A valid S10 number: 2 letters, the 8-digit serial, its check digit (the server's own rule), VN. */
function s10(prefix, serial) {
  const digits = String(serial).padStart(8, '0');
  return `${prefix}${digits}${s10CheckDigit(digits)}VN`;
}

const database = await prepareDatabase();
const { server, url } = await startPostwatch(database);
const db = new pg.Client({ connectionString: database.env.DATABASE_URL });
await db.connect();
try {
  const liaison = await login(url, 'liaison@postwatch.demo');
  const branch = await login(url, 'branch@postwatch.demo');
  const agencies = (await graphqlRequest(url, '{ agencies(sector: POSTAL) { id code } }', {}, liaison)).data.agencies;
  const district = agencies.find((a) => a.code === 'PPO-EAST').id;
  const template = await graphqlRequest(url, 'mutation ($input: PostAlertInput!) { postAlert(input: $input) { id } }', {
    input: { targetIds: [district], headline: 'Benchmark alert', description: 'Generated.', instruction: 'Hold the item.', urgency: 'EXPECTED', severity: 'MODERATE', certainty: 'POSSIBLE', suspicionReason: 'OTHER', shipment: { trackingNumber: 'RR123456785VN' } },
  }, liaison);
  const templateId = template.data.postAlert.id;

  // Generate the alerts: copies of the template, each its own thread, number and recipients.
  const started = Date.now();
  const numbers = Array.from({ length: ALERTS }, (_, i) => s10('BX', i + 1));
  for (let offset = 0; offset < ALERTS; offset += 20_000) {
    const slice = numbers.slice(offset, offset + 20_000);
    const ids = slice.map(() => randomUUID());
    const serials = slice.map((_, i) => offset + i + 1);
    await db.query(
      `insert into security_alert (id, identifier, delivery_seq, sent, status, msg_type, thread_id, category, event, urgency, severity, certainty,
         headline, description, instruction, suspicion_reason, tlp, shipment_tracking_number, issuer_id, issuer_agency_id, agreement_id)
       select g.id, 'PW-BENCH-' || g.n, 1000000000 + g.n, now() - make_interval(secs => g.n), t.status, 'ALERT', g.id, t.category, t.event,
         t.urgency, t.severity, t.certainty, t.headline, t.description, t.instruction, t.suspicion_reason, t.tlp, g.tn, t.issuer_id,
         t.issuer_agency_id, t.agreement_id
       from security_alert t, unnest($1::uuid[], $2::int[], $3::text[]) as g(id, n, tn) where t.id = $4`,
      [ids, serials, slice, templateId],
    );
    await db.query(
      `insert into alert_recipient (alert_id, branch_id, direct)
       select g.id, r.branch_id, r.direct from unnest($1::uuid[]) as g(id), alert_recipient r where r.alert_id = $2`,
      [ids, templateId],
    );
  }
  await db.query('update delivery_counter set value = (select max(delivery_seq) from security_alert)');
  // As a database that has been running: statistics and visibility maps up to date, the generation's WAL written out.
  await db.query('vacuum analyze security_alert');
  await db.query('vacuum analyze alert_recipient');
  await db.query('checkpoint');
  console.log(`${ALERTS} alerts generated in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  // Single checks, one after the other: one in ten names a generated alert (a match and a sighting).
  const CHECK = 'mutation ($n: String!) { shipmentCheck(trackingNumber: $n) { trackingNumber matches { id headline instruction } } }';
  // Warm-up, not measured: a server that has been running has compiled its hot paths (JIT) and filled its pools.
  for (let i = 0; i < WARMUP; i++) await graphqlRequest(url, CHECK, { n: i % 10 === 0 ? numbers[i] : s10('LW', 30_000_000 + i) }, branch);
  const single = [];
  const singleMatch = [];
  const singleMiss = [];
  let matched = 0;
  for (let i = 0; i < CHECKS; i++) {
    const number = i % 10 === 0 ? numbers[Math.floor(Math.random() * ALERTS)] : s10('LX', 10_000_000 + i);
    const t0 = performance.now();
    const result = await graphqlRequest(url, CHECK, { n: number }, branch);
    const ms = performance.now() - t0;
    single.push(ms);
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    matched += result.data.shipmentCheck.matches.length;
    (result.data.shipmentCheck.matches.length > 0 ? singleMatch : singleMiss).push(ms);
  }

  // Manifests: 500 numbers a call, 50 of them named in alerts.
  const CHECKS_MANY = 'mutation ($n: [String!]!) { shipmentChecks(trackingNumbers: $n) { trackingNumber matches { id } } }';
  const bulk = [];
  for (let i = 0; i < BULK; i++) {
    const list = Array.from({ length: 500 }, (_, j) => (j % 10 === 0 ? numbers[Math.floor(Math.random() * ALERTS)] : s10('LY', 20_000_000 + i * 500 + j)));
    const t0 = performance.now();
    const result = await graphqlRequest(url, CHECKS_MANY, { n: list }, branch);
    bulk.push(performance.now() - t0);
    if (result.errors) throw new Error(JSON.stringify(result.errors));
  }

  // The lookup as the service asks it: the active alerts naming the number (index on shipment_tracking_number),
  // then their recipients (primary key of alert_recipient), whose visibility is decided in memory.
  const number = numbers[12345 % ALERTS];
  const explain = async (sql, params) =>
    (await db.query(`explain (analyze, costs off, timing off, summary off) ${sql}`, params)).rows.map((row) => row['QUERY PLAN']).join('\n');
  const candidatesPlan = await explain(
    `select a.* from security_alert a
     where a.shipment_tracking_number in ($1) and a.superseded_by_id is null and a.msg_type <> 'CANCEL'
       and (a.expires is null or a.expires > now()) order by a.delivery_seq desc`,
    [number],
  );
  const [found] = (await db.query('select id from security_alert where shipment_tracking_number = $1', [number])).rows;
  const recipientsPlan = await explain(
    'select r.alert_id, r.branch_id, r.direct, b.path from alert_recipient r join agency b on b.id = r.branch_id where r.alert_id = any($1::uuid[])',
    [[found.id]],
  );
  const planText = `${candidatesPlan}\n-- then --\n${recipientsPlan}`;
  console.log(`plan of the lookup (EXPLAIN ANALYZE):\n${planText.replace(/^/gm, '  ')}`);

  const p = (values, q) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil(q * values.length) - 1)].toFixed(1);
  console.log(`shipmentCheck, one number (${CHECKS} calls, ${matched} matches): p50 ${p(single, 0.5)} ms, p99 ${p(single, 0.99)} ms (budget p99 20 ms)`);
  console.log(`  of which a match (a sighting written): p50 ${p(singleMatch, 0.5)} ms, p99 ${p(singleMatch, 0.99)} ms; no match: p50 ${p(singleMiss, 0.5)} ms, p99 ${p(singleMiss, 0.99)} ms`);
  console.log(`shipmentChecks, 500 numbers (${BULK} calls): p50 ${p(bulk, 0.5)} ms, p99 ${p(bulk, 0.99)} ms (budget p99 200 ms)`);
  const usesIndex = planText.includes('security_alert_shipment_tracking_number_index');
  console.log(`check: one p99 ${p(single, 0.99)} ms, 500 p99 ${p(bulk, 0.99)} ms, index on shipment_tracking_number ${usesIndex ? 'used' : 'NOT used'}`);
} finally {
  await db.end();
  await server.stop();
  await database.drop();
}

