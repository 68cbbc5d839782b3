import { Agency } from '../../src/modules/agency/agency.entity.js';
import { hashPassword } from '../../src/modules/auth/password.js';
import { ContactRole } from '../../src/modules/contact/contact-role.js';
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
  options: { agencyCode: string; role: ContactRole; email: string; password: string; active?: boolean },
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
