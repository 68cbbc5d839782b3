// The floor of the query benchmark: a plain `node:http` + `pg` server, in a process of its own, that answers the
// four benchmarked operations (recognised by their operation name) with SQL of its own and gives the same JSON
// bytes as Postwatch for the same viewer. It does what any server must: reads the body, checks the token
// (jose, HS256, issuer, audience, expiry) and the account behind it (one query), then reads the answer. It knows
// only the viewers the benchmark uses (the rules of the viewer's role are written for that role alone), checks
// nothing else, and answers anything else with 400.
import { createServer } from 'node:http';
import { jwtVerify } from 'jose';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.POOL ?? 10) });
const secret = new TextEncoder().encode(process.env.JWT_SECRET);
const PROVINCE_OFFSET_HOURS = 7;
const SEVERITIES = ['EXTREME', 'SEVERE', 'MODERATE', 'MINOR', 'UNKNOWN'];

const handlers = { Me: me, BranchFeed: branchFeed, AlertBoard: alertBoard, JointStatistics: jointStatistics };

const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', async () => {
    try {
      const { operationName, variables } = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      const viewer = await viewerOf(req.headers.authorization);
      const handler = handlers[operationName];
      if (!viewer || !handler) return answer(res, 400, '{"errors":[{"message":"not served by the floor"}]}');
      // Apollo Server ends its JSON answers with a line feed.
      answer(res, 200, `${JSON.stringify({ data: await handler(viewer, variables) })}\n`);
    } catch (error) {
      answer(res, 500, JSON.stringify({ errors: [{ message: String(error) }] }));
    }
  });
});
server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('listening'));
process.on('SIGTERM', () => server.close(() => pool.end().then(() => process.exit(0))));

/** Runs `text` as a named prepared statement (parsed and planned once per connection), as a hand-written server would. */
function run(on, text, values = []) {
  let name = statementNames.get(text);
  if (!name) statementNames.set(text, (name = `s${statementNames.size}`));
  return on.query({ name, text, values });
}
const statementNames = new Map();

function answer(res, status, body) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

/** The signed-in account: the token checked, then the contact, its role and agency (null when refused). */
async function viewerOf(authorization) {
  const token = /^Bearer (.+)$/.exec(authorization ?? '')?.[1];
  if (!token) return null;
  const { payload } = await jwtVerify(token, secret, { algorithms: ['HS256'], issuer: 'postwatch', audience: 'postwatch-api' });
  const { rows: [row] } = await run(pool, 
    'select c.id, c.role, c.active, c.archived_at, c.token_version, c.agency_id, a.path from contact c join agency a on a.id = c.agency_id where c.id = $1',
    [payload.sub],
  );
  if (!row || !row.active || row.archived_at || row.token_version !== payload.ver) return null;
  return { id: row.id, role: row.role, agencyId: row.agency_id, path: row.path };
}

async function me(viewer) {
  const { rows: [c] } = await run(pool, 
    'select c.id, c.full_name, c.email, c.role, a.id as agency_id, a.name, a.level, a.sector from contact c join agency a on a.id = c.agency_id where c.id = $1',
    [viewer.id],
  );
  return { me: { id: c.id, fullName: c.full_name, email: c.email, role: c.role, agency: { id: c.agency_id, name: c.name, level: c.level, sector: c.sector } } };
}

/** What a branch operator sees of alerts (sql on alias `x`, viewer's agency as $1). */
const OPERATOR_SEES = `exists (select 1 from alert_recipient vr where vr.alert_id = x.id and vr.branch_id = $1 and (x.tlp <> 'RED' or vr.direct))`;

const ALERT_COLUMNS = `x.id, x.thread_id, x.identifier, x.delivery_seq, x.msg_type, x.status, x.sent, x.expires, x.urgency, x.severity,
  x.certainty, x.tlp, x.headline, x.description, x.instruction, x.suspicion_reason, x.shipment_tracking_number, x.shipment_declared_contents,
  x.shipment_origin, x.shipment_destination, x.shipment_sender_description, x.shipment_recipient_description, x.references_id,
  x.superseded_by_id, ia.id as issuer_agency_id, ia.name as issuer_agency_name, ic.id as issuer_id, ic.full_name as issuer_name`;

/** The branch dashboard's first load, for a branch operator watching their own branch. */
async function branchFeed(viewer, { branchId, first }) {
  if (viewer.role !== 'BRANCH_OPERATOR' || branchId !== viewer.agencyId) throw new Error('the floor serves a branch operator on their branch');
  const where = `${OPERATOR_SEES} and exists (select 1 from alert_recipient fr where fr.alert_id = x.id and fr.branch_id = $2)`;
  const [page, count] = await Promise.all([
    run(pool, 
      `select ${ALERT_COLUMNS}, (x.references_id is not null and exists (select 1 from security_alert x2 where x2.id = x.references_id and
         exists (select 1 from alert_recipient vr where vr.alert_id = x2.id and vr.branch_id = $1 and (x2.tlp <> 'RED' or vr.direct)))) as references_visible
       from security_alert x join agency ia on ia.id = x.issuer_agency_id join contact ic on ic.id = x.issuer_id
       where ${where} order by x.delivery_seq desc limit $3`,
      [viewer.agencyId, branchId, first],
    ),
    run(pool, `select count(*)::int as n from security_alert x where ${where}`, [viewer.agencyId, branchId]),
  ]);
  const acks = await currentAcks(page.rows.map((r) => r.id), viewer.agencyId);
  const now = new Date();
  return {
    alerts: {
      totalCount: count.rows[0].n,
      edges: page.rows.map((row) => ({ node: alertFields(row, row.references_visible, acks.get(row.id) ?? [], now) })),
    },
  };
}

/** The current acknowledgement of each branch per alert (only `branchId`'s when given), in commit order. */
async function currentAcks(alertIds, branchId) {
  const { rows } = await run(pool, 
    `select distinct on (k.alert_id, k.branch_id) k.alert_id, k.id, k.delivery_seq, k.outcome, k.note, k.at, k.revision,
            b.id as branch_id, b.name as branch_name, c.id as contact_id, c.full_name as contact_name
       from acknowledgement k join agency b on b.id = k.branch_id join contact c on c.id = k.acknowledged_by_id
      where k.alert_id = any($1::uuid[]) ${branchId ? 'and k.branch_id = $2' : ''}
      order by k.alert_id, k.branch_id, k.revision desc`,
    branchId ? [alertIds, branchId] : [alertIds],
  );
  rows.sort((a, b) => Number(a.delivery_seq) - Number(b.delivery_seq));
  const byAlert = new Map();
  for (const k of rows) {
    const ack = {
      id: k.id, deliverySeq: k.delivery_seq, outcome: k.outcome, note: k.note, at: k.at.toISOString(), revision: k.revision,
      branch: { id: k.branch_id, name: k.branch_name }, acknowledgedBy: { id: k.contact_id, fullName: k.contact_name },
    };
    byAlert.set(k.alert_id, [...(byAlert.get(k.alert_id) ?? []), ack]);
  }
  return byAlert;
}

/** The web app's AlertFields fragment, in its order. */
function alertFields(row, referencesVisible, acknowledgements, now) {
  return {
    id: row.id, threadId: row.thread_id, identifier: row.identifier, deliverySeq: row.delivery_seq, msgType: row.msg_type, status: row.status,
    active: !row.superseded_by_id && row.msg_type !== 'CANCEL' && (!row.expires || row.expires > now),
    sent: row.sent.toISOString(), expires: row.expires?.toISOString() ?? null,
    urgency: row.urgency, severity: row.severity, certainty: row.certainty, tlp: row.tlp, headline: row.headline, description: row.description,
    instruction: row.instruction, suspicionReason: row.suspicion_reason,
    shipment: row.shipment_tracking_number === null ? null : {
      trackingNumber: row.shipment_tracking_number, declaredContents: row.shipment_declared_contents, origin: row.shipment_origin,
      destination: row.shipment_destination, senderDescription: row.shipment_sender_description, recipientDescription: row.shipment_recipient_description,
    },
    issuerAgency: { id: row.issuer_agency_id, name: row.issuer_agency_name },
    issuer: { id: row.issuer_id, fullName: row.issuer_name },
    references: referencesVisible ? { id: row.references_id } : null,
    acknowledgements,
  };
}

/** The liaison's board: one alert of the liaison's agency with every branch's acknowledgement and sightings. */
async function alertBoard(viewer, { id }) {
  if (viewer.role !== 'POLICE_LIAISON') throw new Error('the floor serves a liaison');
  // A liaison sees the alerts of their own agency: the referenced and replacing versions are of the same agency.
  const [alert, targets, pending, sightings, acks] = await Promise.all([
    run(pool, 
      `select ${ALERT_COLUMNS} from security_alert x join agency ia on ia.id = x.issuer_agency_id join contact ic on ic.id = x.issuer_id
        where x.id = $1 and x.issuer_agency_id = $2`,
      [id, viewer.agencyId],
    ),
    run(pool, 'select a.id, a.name from security_alert_target t join agency a on a.id = t.agency_id where t.security_alert_id = $1 order by a.name', [id]),
    run(pool, 
      `select b.id, b.name from alert_recipient r join agency b on b.id = r.branch_id
        where r.alert_id = $1 and not exists (select 1 from acknowledgement k where k.alert_id = r.alert_id and k.branch_id = r.branch_id)`,
      [id],
    ),
    run(pool, 
      `select s.id, s.delivery_seq, s.method, s.sighted_at, b.id as branch_id, b.name as branch_name, c.id as contact_id, c.full_name as contact_name
         from shipment_sighting s join agency b on b.id = s.branch_id join contact c on c.id = s.contact_id
        where s.alert_id = $1 order by s.delivery_seq`,
      [id],
    ),
    currentAcks([id]),
  ]);
  const row = alert.rows[0];
  if (!row) throw new Error('not found');
  return {
    alert: {
      ...alertFields(row, row.references_id !== null, acks.get(id) ?? [], new Date()),
      supersededBy: row.superseded_by_id ? { id: row.superseded_by_id } : null,
      targets: targets.rows.map((t) => ({ id: t.id, name: t.name })),
      pendingBranches: pending.rows.sort((a, b) => a.name.localeCompare(b.name)).map((b) => ({ id: b.id, name: b.name })),
      sightings: sightings.rows.map((s) => ({
        id: s.id, deliverySeq: s.delivery_seq, method: s.method, sightedAt: s.sighted_at.toISOString(),
        branch: { id: s.branch_id, name: s.branch_name }, contact: { id: s.contact_id, fullName: s.contact_name },
      })),
    },
  };
}

/** `jointStatistics` by year for a coordinator, over the whole history (no filter). */
async function jointStatistics(viewer, { filter, groupBy }) {
  if (viewer.role !== 'COORDINATOR' || filter || groupBy !== 'YEAR') throw new Error('the floor serves a coordinator, by year, unfiltered');
  // A coordinator sees every activity, and the alerts of the community labels, of their own agency, TLP:AMBER+STRICT
  // ones delivered at or under their agency, TLP:RED ones naming their agency.
  const visible = `(x.tlp in ('CLEAR', 'GREEN', 'AMBER') or x.issuer_agency_id = $1
    or (x.tlp = 'AMBER_STRICT' and exists (select 1 from alert_recipient r join agency b on b.id = r.branch_id where r.alert_id = x.id and b.path like $2))
    or (x.tlp = 'RED' and exists (select 1 from alert_recipient r where r.alert_id = x.id and r.branch_id = $1 and r.direct)))
    and x.msg_type = 'ALERT' and x.status = 'ACTUAL'`;
  const year = `extract(year from x.sent at time zone 'UTC' + interval '${PROVINCE_OFFSET_HOURS} hours')::int`;
  const client = await pool.connect();
  try {
    const { rows: activities } = await run(client, 
      `select extract(year from started_on)::int as year, count(*)::int as activities, coalesce(sum(participant_count), 0)::int as attendances,
              coalesce(sum(cmnd_delivered), 0)::int as cmnd, coalesce(sum(cccd_delivered), 0)::int as cccd, coalesce(sum(passports_delivered), 0)::int as passports
         from joint_activity group by rollup (1)`,
    );
    const { rows: alerts } = await run(client, 
      `select ${year} as year, x.severity, count(*)::int as n from security_alert x where ${visible} group by grouping sets ((1, 2), (1), (2), ())`,
      [viewer.agencyId, `${viewer.path}%`],
    );
    // Each delivery of a visible alert, with its branch's first acknowledgement of any version of the alert.
    const { rows: acks } = await run(client, 
      `with firsts as (select v.thread_id, k.branch_id, min(k.at) as at from acknowledgement k join security_alert v on v.id = k.alert_id group by 1, 2),
            d as (select ${year} as year, extract(epoch from f.at - x.sent) as seconds
                    from security_alert x join alert_recipient rc on rc.alert_id = x.id
                    left join firsts f on f.thread_id = x.thread_id and f.branch_id = rc.branch_id where ${visible})
       select year, count(*)::int as deliveries, count(seconds)::int as acknowledged,
              percentile_cont(0.5) within group (order by seconds) filter (where seconds is not null) as median
         from d group by rollup (1)`,
      [viewer.agencyId, `${viewer.path}%`],
    );
    const years = [...new Set([...activities, ...alerts, ...acks].map((r) => r.year).filter((y) => y !== null))].sort((a, b) => a - b);
    const group = (year) => {
      const a = activities.find((r) => r.year === year);
      const total = alerts.find((r) => r.year === year && r.severity === null);
      const k = acks.find((r) => r.year === year);
      const deliveries = k?.deliveries ?? 0;
      return {
        key: year === null ? 'TOTAL' : String(year),
        agency: null,
        activities: a?.activities ?? 0,
        attendances: a?.attendances ?? 0,
        alerts: total?.n ?? 0,
        alertsBySeverity: SEVERITIES.map((severity) => ({ severity, count: alerts.find((r) => r.year === year && r.severity === severity)?.n ?? 0 })),
        branchDeliveries: deliveries,
        acknowledgementRate: deliveries ? k.acknowledged / deliveries : null,
        medianSecondsToAcknowledge: k?.median ?? null,
        documentsDelivered: [
          { documentType: 'CMND', count: a?.cmnd ?? 0 },
          { documentType: 'CCCD', count: a?.cccd ?? 0 },
          { documentType: 'PASSPORT', count: a?.passports ?? 0 },
        ],
      };
    };
    return { jointStatistics: { groupBy: 'YEAR', groups: years.map(group), total: group(null) } };
  } finally {
    client.release();
  }
}
