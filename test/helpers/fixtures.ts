import { Agency } from '../../src/modules/agency/agency.entity.js';
import { hashPassword } from '../../src/platform/password.js';
import { ContactRole } from '../../src/platform/contact-role.js';
import { Contact } from '../../src/modules/contact/contact.entity.js';
import { gql } from './graphql.js';
import type { TestServer } from './server.js';

/** Id of the demo agency with this code. */
export async function agencyId(server: TestServer, code: string): Promise<string> {
  const agency = await server.app.orm.em.fork().findOneOrFail(Agency, { code });
  return agency.id;
}

/** Adds a contact who can log in, straight into the database (a fixture, not an API under test). */
export async function addAccount(
  server: TestServer,
  options: { agencyCode: string; role: ContactRole; email: string; password: string; active?: boolean; phone?: string },
): Promise<string> {
  const em = server.app.orm.em.fork();
  const contact = em.create(Contact, {
    agency: await em.findOneOrFail(Agency, { code: options.agencyCode }),
    fullName: `Test ${options.role.toLowerCase()}`,
    position: 'Test account',
    role: options.role,
    email: options.email,
    passwordHash: await hashPassword(options.password),
    active: options.active ?? true,
    phone: options.phone ?? null,
  });
  await em.flush();
  return contact.id;
}

/** Rows in table `table` of the test database, counted with SQL. */
export async function countRows(server: TestServer, table: string): Promise<number> {
  const [row] = await server.app.orm.em.getConnection().execute<{ n: string }[]>(`select count(*)::text as n from "${table}"`);
  return Number(row!.n);
}

/** Counts of every table a postAlert writes to, to check that a refused post wrote nothing. */
export async function alertTableCounts(server: TestServer): Promise<Record<string, number>> {
  const tables = ['security_alert', 'security_alert_target', 'alert_recipient', 'delivery_counter'];
  const counts = await Promise.all(tables.map((table) => countRows(server, table)));
  return Object.fromEntries(tables.map((table, i) => [table, counts[i]!]));
}

export const POST_ALERT = `
  mutation Post($input: PostAlertInput!) {
    postAlert(input: $input) {
      id identifier deliverySeq msgType status category event headline description instruction
      urgency severity certainty tlp suspicionReason sent expires active
      shipment { trackingNumber declaredContents origin destination senderDescription recipientDescription }
      issuer { email role }
      issuerAgency { code }
      targets { code }
    }
  }`;

/** A valid PostAlertInput; `overrides` replace fields. */
export function alertInput(targetIds: string[], overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    targetIds,
    headline: 'Parcel suspected to contain narcotics',
    description: 'Parcel declared as dried tea; the sender used a false address twice this month.',
    instruction: 'Hold the item and call the provincial police duty officer.',
    urgency: 'IMMEDIATE',
    severity: 'SEVERE',
    certainty: 'LIKELY',
    suspicionReason: 'NARCOTICS',
    tlp: 'AMBER',
    shipment: {
      trackingNumber: 'RR123456785VN',
      declaredContents: 'Dried tea, 2 kg',
      origin: 'City Post Office counter',
      destination: 'East Town',
      senderDescription: 'Walk-in customer, no ID shown',
      recipientDescription: 'Name matches an earlier seizure',
    },
    ...overrides,
  };
}

/** Posts an alert through the API and returns its data, failing the test on any error. */
export async function postAlert(server: TestServer, token: string, input: Record<string, unknown>): Promise<Record<string, any>> {
  const result = await gql(server.httpUrl, POST_ALERT, { input }, token);
  if (!result.data?.postAlert) throw new Error(`postAlert failed: ${JSON.stringify(result.errors)}`);
  return result.data.postAlert;
}

/** Tables that hold the platform's records (not the audit trail or the login counters). */
const RECORD_TABLES = [
  'agency', 'contact', 'agreement', 'agreement_party', 'agreement_review', 'agreement_review_attendee',
  'security_alert', 'security_alert_target', 'alert_recipient', 'delivery_counter', 'joint_activity',
  'joint_activity_agency', 'acknowledgement',
];

/**
 * A digest of every row of every record table (md5 of the rows as text, in a fixed order): equal digests
 * before and after an attack mean that it changed nothing.
 */
export async function recordsDigest(server: TestServer): Promise<Record<string, string>> {
  const connection = server.app.orm.em.getConnection();
  const digests = await Promise.all(
    RECORD_TABLES.map(async (table) => {
      const [row] = await connection.execute<{ digest: string }[]>(
        `select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as digest from "${table}" t`,
      );
      return [table, row!.digest] as const;
    }),
  );
  return Object.fromEntries(digests);
}

/** The audit entries written since entry `afterId` (exclusive), oldest first. */
export async function auditEntriesAfter(server: TestServer, afterId: string): Promise<Record<string, any>[]> {
  return server.app.orm.em.getConnection().execute(
    `select id::text, actor_id, actor_role, operation, operation_type, target_type, target_id, outcome, error_code,
            client_address, request_id, detail
       from audit_entry where id > ? order by id`,
    [afterId],
  );
}

/** Id of the newest audit entry ('0' when there is none). */
export async function lastAuditId(server: TestServer): Promise<string> {
  const [row] = await server.app.orm.em.getConnection().execute<{ id: string }[]>(
    `select coalesce(max(id), 0)::text as id from audit_entry`,
  );
  return row!.id;
}
