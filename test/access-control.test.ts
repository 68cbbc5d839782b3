import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Viewer } from '../src/platform/viewer-scope.js';
import { canSeeAlert } from '../src/modules/access/alert-visibility.js';
import { SecurityAlert } from '../src/modules/alert/security-alert.entity.js';
import { ContactRole } from '../src/platform/contact-role.js';
import { Contact } from '../src/modules/contact/contact.entity.js';
import { Agency } from '../src/modules/agency/agency.entity.js';
import { AgreementParty } from '../src/modules/agreement/agreement-party.entity.js';
import { Agreement } from '../src/modules/agreement/agreement.entity.js';
import { ScopeArea } from '../src/modules/agreement/agreement.enums.js';
import { AlertSnapshots } from '../src/realtime/alert-snapshots.js';
import {
  addAccount, agencyId, alertInput, auditEntriesAfter, lastAuditId, postAlert, recordsDigest,
} from './helpers/fixtures.js';
import { collect, gql, login, wsClient, type GraphQLResponse } from './helpers/graphql.js';
import { startTestServer, waitForSubscribers, type TestServer } from './helpers/server.js';

const JWT_SECRET = 'access-control-test-secret-of-32-chars-or-more';
const key = new TextEncoder().encode(JWT_SECRET);
const PASSWORD = 'a-long-test-password';

/** The accounts of the suite, by name. Demo accounts plus one per situation the rules tell apart. */
const ACCOUNTS = {
  east: { email: 'branch@postwatch.demo' }, // operator of PPO-EAST-01 (demo)
  west: { email: 'west@postwatch.test', agencyCode: 'PPO-WEST-01', role: ContactRole.BRANCH_OPERATOR },
  liaison: { email: 'liaison@postwatch.demo' }, // PPD (demo)
  districtLiaison: { email: 'east.police@postwatch.test', agencyCode: 'PPD-EAST', role: ContactRole.POLICE_LIAISON },
  coordinator: { email: 'coordinator@postwatch.demo' }, // PPO (demo)
  outsideCoordinator: { email: 'dic.coordinator@postwatch.test', agencyCode: 'DIC', role: ContactRole.COORDINATOR },
  auditor: { email: 'auditor@postwatch.demo' },
  leaver: { email: 'leaver@postwatch.test', agencyCode: 'PPO-CITY-01', role: ContactRole.BRANCH_OPERATOR },
} as const;
type AccountName = keyof typeof ACCOUNTS;

/** One attack: who, what they send, and what must come back. */
interface Attack {
  name: string;
  /** An account, `null` for no token, or a function making a raw token. */
  as: AccountName | null | (() => Promise<string>);
  query: string;
  variables?: () => Record<string, unknown>;
  operationName?: string;
  /** The error code expected, or a check of the data that came back. */
  expect: { code: string } | { data: (data: Record<string, any>) => void };
  /** The one audit entry the attempt must leave; absent: it must leave none. */
  audit?: { operation: string; outcome: 'SUCCESS' | 'REFUSED'; errorCode?: string; actor: AccountName | null };
}

describe('access control: attacks through the real server', () => {
  let server: TestServer;
  const tokens = {} as Record<AccountName, string>;
  const contactIds = {} as Record<AccountName, string>;
  const ids: Record<string, string> = {};
  const alerts: Record<string, string> = {};

  const signed = (claims: Record<string, unknown>, sub: string, exp: number, signingKey = key) =>
    new SignJWT({ ver: 0, ...claims })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(sub)
      .setIssuer('postwatch')
      .setAudience('postwatch-api')
      .setIssuedAt()
      .setExpirationTime(exp)
      .sign(signingKey);
  const inAnHour = () => Math.floor(Date.now() / 1000) + 3600;

  beforeAll(async () => {
    server = await startTestServer('access', { JWT_SECRET, LOGIN_MAX_FAILURES_PER_ADDRESS: '1000' });
    for (const code of ['PPO', 'PPO-EAST', 'PPO-EAST-01', 'PPO-WEST-01', 'PPO-CITY-01', 'PPD', 'DIC']) {
      ids[code] = await agencyId(server, code);
    }
    for (const [name, account] of Object.entries(ACCOUNTS) as [AccountName, (typeof ACCOUNTS)[AccountName]][]) {
      if ('agencyCode' in account) {
        await addAccount(server, { ...account, password: PASSWORD, phone: '+84 200 111 0000' });
      }
      tokens[name] = await login(server.httpUrl, account.email, 'agencyCode' in account ? PASSWORD : undefined);
      contactIds[name] = (await gql(server.httpUrl, '{ me { id } }', {}, tokens[name])).data!.me.id;
    }
    const post = (name: AccountName, targets: string[], overrides: Record<string, unknown>) =>
      postAlert(server, tokens[name], alertInput(targets.map((code) => ids[code]!), overrides)).then((a) => a.id as string);
    alerts.westAmber = await post('liaison', ['PPO-WEST-01'], { headline: 'West only', tlp: 'AMBER' });
    alerts.redThroughDistrict = await post('liaison', ['PPO-EAST'], { headline: 'Red via district', tlp: 'RED' });
    alerts.redNamed = await post('liaison', ['PPO-EAST-01'], { headline: 'Red named', tlp: 'RED' });
    alerts.eastAmber = await post('liaison', ['PPO-EAST-01'], { headline: 'East amber', tlp: 'AMBER' });
    alerts.westStrict = await post('liaison', ['PPO-WEST-01'], { headline: 'West strict', tlp: 'AMBER_STRICT' });
    alerts.districtPolice = await post('districtLiaison', ['PPO-EAST-01'], { headline: 'From district police', tlp: 'GREEN' });
    // A draft agreement between the police and the department, not the post office's business (a fixture: the
    // post-office coordinator administers neither party).
    const em = server.app.orm.em.fork();
    const draft = em.create(Agreement, { code: 'DRAFT-PPD-DIC', title: 'Draft between the police and the department', scopeAreas: [ScopeArea.INFORMATION_SECURITY] });
    for (const code of ['PPD', 'DIC']) em.create(AgreementParty, { agreement: draft, agency: em.getReference(Agency, ids[code]!) });
    await em.flush();
    alerts.draftAgreement = draft.id;
    await gql(
      server.httpUrl,
      'mutation ($id: ID!) { updateContact(id: $id, input: { active: false }) { active } }',
      { id: contactIds.leaver },
      tokens.coordinator,
    );
  });

  afterAll(() => server?.stop());

  const ALERT_BY_ID = 'query ($id: ID!) { alert(id: $id) { id headline } }';
  const headlines = (connection: { edges: { node: { headline: string } }[] }) => connection.edges.map((e) => e.node.headline);
  const POST = 'mutation ($input: PostAlertInput!) { postAlert(input: $input) { id } }';

  const attacks: Attack[] = [
    {
      name: "a branch operator reads another branch's alert by id",
      as: 'east', query: ALERT_BY_ID, variables: () => ({ id: alerts.westAmber }), expect: { code: 'NOT_FOUND' },
    },
    {
      name: 'a branch operator lists alerts filtered on another branch',
      as: 'east',
      query: 'query ($b: ID) { alerts(filter: { branchId: $b }) { totalCount edges { node { id } } } }',
      variables: () => ({ b: ids['PPO-WEST-01'] }),
      expect: { data: (d) => expect(d.alerts).toEqual({ totalCount: 0, edges: [] }) },
    },
    {
      name: "a branch operator lists the issuing police agency's alerts",
      as: 'east',
      query: 'query ($p: ID) { alerts(first: 100, filter: { issuerAgencyId: $p }) { totalCount edges { node { headline } } } }',
      variables: () => ({ p: ids.PPD }),
      expect: { data: (d) => {
        expect(headlines(d.alerts).sort()).toEqual(['East amber', 'Red named']);
        expect(d.alerts.totalCount).toBe(2);
      } },
    },
    {
      name: "a branch operator reaches another branch's alerts through agency { alerts }",
      as: 'east',
      query: 'query ($id: ID!) { agency(id: $id) { alerts { totalCount edges { node { id } } } } }',
      variables: () => ({ id: ids['PPO-WEST-01'] }),
      expect: { data: (d) => expect(d.agency.alerts).toEqual({ totalCount: 0, edges: [] }) },
    },
    {
      name: 'a branch operator lists the whole post office through agency { alerts }',
      as: 'east',
      query: 'query ($id: ID!) { agency(id: $id) { alerts(first: 100) { totalCount edges { node { headline } } } } }',
      variables: () => ({ id: ids.PPO }),
      expect: { data: (d) => expect(headlines(d.agency.alerts).sort()).toEqual(['East amber', 'From district police', 'Red named']) },
    },
    {
      name: "a branch operator reads another branch's operator by id",
      as: 'east', query: 'query ($id: ID!) { contact(id: $id) { id } }', variables: () => ({ id: contactIds.west }),
      expect: { code: 'NOT_FOUND' },
    },
    {
      name: "a branch operator lists another branch's contacts, and through agency { contacts }",
      as: 'east',
      query: 'query ($a: ID!) { contacts(agencyId: $a) { id } agency(id: $a) { contacts { id } } }',
      variables: () => ({ a: ids['PPO-WEST-01'] }),
      expect: { data: (d) => expect(d).toEqual({ contacts: [], agency: { contacts: [] } }) },
    },
    {
      name: 'a branch operator reaches other contacts through alert { issuer { agency { contacts } } }',
      as: 'east',
      query: 'query ($id: ID!) { alert(id: $id) { issuer { email phone agency { contacts { email } } } } }',
      variables: () => ({ id: alerts.eastAmber }),
      // The liaison who posted to them is visible, with details; their colleagues are not.
      expect: { data: (d) => expect(d.alert.issuer).toEqual({
        email: 'liaison@postwatch.demo', phone: '+84 200 000 0002', agency: { contacts: [{ email: 'liaison@postwatch.demo' }] },
      }) },
    },
    {
      name: 'a branch operator reads the signatories of an agreement',
      as: 'east',
      query: '{ agreements { code parties { signatoryPosition signatory { id } } } }',
      expect: { data: (d) => {
        expect(d.agreements.map((a: any) => a.code)).toEqual(['QC-PH-2021', '290/QC-PH']);
        expect(d.agreements.flatMap((a: any) => a.parties.map((p: any) => p.signatory))).toEqual([null, null, null, null]);
      } },
    },
    {
      name: "a branch operator reads an agreement their agency is not party to",
      as: 'east', query: 'query ($id: ID!) { agreement(id: $id) { id } }', variables: () => ({ id: alerts.draftAgreement }),
      expect: { code: 'NOT_FOUND' },
    },
    {
      name: 'a liaison of another police agency reads the phone of a branch its alerts never reached',
      as: 'districtLiaison',
      query: 'query ($a: ID!) { contacts(agencyId: $a) { fullName phone email } }',
      variables: () => ({ a: ids['PPO-WEST-01'] }),
      // The branch's demo operator (branch6@postwatch.demo) and the suite's own, by name; neither's details.
      expect: { data: (d) => expect(d.contacts).toEqual([
        { fullName: 'Hoàng Thị Mai Anh', phone: null, email: null },
        { fullName: 'Test branch_operator', phone: null, email: null },
      ]) },
    },
    {
      name: "a liaison reads another police agency's alert",
      as: 'liaison', query: ALERT_BY_ID, variables: () => ({ id: alerts.districtPolice }), expect: { code: 'NOT_FOUND' },
    },
    {
      name: "a liaison lists alerts and finds only their own agency's",
      as: 'districtLiaison', query: '{ alerts(first: 100) { totalCount edges { node { headline } } } }',
      expect: { data: (d) => expect(headlines(d.alerts)).toEqual(['From district police']) },
    },
    {
      name: 'TLP:RED reaching a branch through its district office',
      as: 'east', query: ALERT_BY_ID, variables: () => ({ id: alerts.redThroughDistrict }), expect: { code: 'NOT_FOUND' },
    },
    {
      name: 'TLP:RED seen by a coordinator who is not a named recipient',
      as: 'coordinator', query: ALERT_BY_ID, variables: () => ({ id: alerts.redNamed }), expect: { code: 'NOT_FOUND' },
    },
    {
      name: "TLP:AMBER+STRICT read by a coordinator outside the recipients' organisation",
      as: 'outsideCoordinator', query: ALERT_BY_ID, variables: () => ({ id: alerts.westStrict }), expect: { code: 'NOT_FOUND' },
    },
    {
      name: "TLP:AMBER+STRICT read by a coordinator of the recipients' own organisation (allowed)",
      as: 'coordinator', query: ALERT_BY_ID, variables: () => ({ id: alerts.westStrict }),
      expect: { data: (d) => expect(d.alert.headline).toBe('West strict') },
    },
    {
      name: 'a branch operator posts an alert',
      as: 'east', query: POST, variables: () => ({ input: alertInput([ids['PPO-EAST-01']!]) }), expect: { code: 'FORBIDDEN' },
      audit: { operation: 'postAlert', outcome: 'REFUSED', errorCode: 'FORBIDDEN', actor: 'east' },
    },
    {
      name: 'an auditor posts an alert',
      as: 'auditor', query: POST, variables: () => ({ input: alertInput([ids['PPO-EAST-01']!]) }), expect: { code: 'FORBIDDEN' },
      audit: { operation: 'postAlert', outcome: 'REFUSED', errorCode: 'FORBIDDEN', actor: 'auditor' },
    },
    {
      name: 'an auditor creates an agency',
      as: 'auditor',
      query: 'mutation { createAgency(input: { code: "X-1", name: "X", sector: POSTAL, level: BRANCH }) { id } }',
      expect: { code: 'FORBIDDEN' },
      audit: { operation: 'createAgency', outcome: 'REFUSED', errorCode: 'FORBIDDEN', actor: 'auditor' },
    },
    {
      name: 'an auditor archives a contact',
      as: 'auditor', query: 'mutation ($id: ID!) { archiveContact(id: $id) { id } }', variables: () => ({ id: contactIds.east }),
      expect: { code: 'FORBIDDEN' },
      audit: { operation: 'archiveContact', outcome: 'REFUSED', errorCode: 'FORBIDDEN', actor: 'auditor' },
    },
    {
      name: 'a branch operator makes themselves a coordinator',
      as: 'east', query: 'mutation ($id: ID!) { updateContact(id: $id, input: { role: COORDINATOR }) { role } }',
      variables: () => ({ id: contactIds.east }), expect: { code: 'FORBIDDEN' },
      audit: { operation: 'updateContact', outcome: 'REFUSED', errorCode: 'FORBIDDEN', actor: 'east' },
    },
    {
      name: 'a liaison creates a coordinator account',
      as: 'liaison',
      query: `mutation ($a: ID!) { createContact(input: { agencyId: $a, fullName: "Me too", position: "x", role: COORDINATOR,
        email: "sneaky@postwatch.test", password: "a-very-long-password" }) { id } }`,
      variables: () => ({ a: ids.PPD }), expect: { code: 'FORBIDDEN' },
      audit: { operation: 'createContact', outcome: 'REFUSED', errorCode: 'FORBIDDEN', actor: 'liaison' },
    },
    {
      name: 'a coordinator makes themselves a branch operator',
      as: 'coordinator', query: 'mutation ($id: ID!) { updateContact(id: $id, input: { role: BRANCH_OPERATOR }) { role } }',
      variables: () => ({ id: contactIds.coordinator }), expect: { code: 'BAD_USER_INPUT' },
      audit: { operation: 'updateContact', outcome: 'REFUSED', errorCode: 'BAD_USER_INPUT', actor: 'coordinator' },
    },
    {
      name: 'a coordinator moves themselves to the police to read its alerts',
      as: 'coordinator', query: 'mutation ($id: ID!, $a: ID!) { updateContact(id: $id, input: { agencyId: $a }) { id } }',
      variables: () => ({ id: contactIds.coordinator, a: ids.PPD }), expect: { code: 'BAD_USER_INPUT' },
      audit: { operation: 'updateContact', outcome: 'REFUSED', errorCode: 'BAD_USER_INPUT', actor: 'coordinator' },
    },
    {
      name: 'a coordinator creates an auditor account for themselves',
      as: 'coordinator',
      query: `mutation ($a: ID!) { createContact(input: { agencyId: $a, fullName: "Shadow", position: "x", role: AUDITOR,
        email: "shadow@postwatch.test", password: "a-very-long-password" }) { id } }`,
      variables: () => ({ a: ids.PPO }), expect: { code: 'FORBIDDEN' },
      audit: { operation: 'createContact', outcome: 'REFUSED', errorCode: 'FORBIDDEN', actor: 'coordinator' },
    },
    {
      name: 'a post-office coordinator creates a police liaison',
      as: 'coordinator',
      query: `mutation ($a: ID!) { createContact(input: { agencyId: $a, fullName: "Fake police", position: "x", role: POLICE_LIAISON,
        email: "fake.police@postwatch.test", password: "a-very-long-password" }) { id } }`,
      variables: () => ({ a: ids.PPD }), expect: { code: 'FORBIDDEN' },
      audit: { operation: 'createContact', outcome: 'REFUSED', errorCode: 'FORBIDDEN', actor: 'coordinator' },
    },
    {
      name: "a coordinator takes over the auditor's account by setting its password",
      as: 'coordinator', query: 'mutation ($id: ID!) { updateContact(id: $id, input: { password: "taken-over-password" }) { id } }',
      variables: () => ({ id: contactIds.auditor }), expect: { code: 'FORBIDDEN' },
      audit: { operation: 'updateContact', outcome: 'REFUSED', errorCode: 'FORBIDDEN', actor: 'coordinator' },
    },
    {
      name: 'a coordinator moves their own agency into another organisation',
      as: 'coordinator', query: 'mutation ($id: ID!, $p: ID!) { updateAgency(id: $id, input: { parentId: $p }) { id } }',
      variables: () => ({ id: ids.PPO, p: ids.DIC }), expect: { code: 'FORBIDDEN' },
      audit: { operation: 'updateAgency', outcome: 'REFUSED', errorCode: 'FORBIDDEN', actor: 'coordinator' },
    },
    {
      name: 'a coordinator of another organisation adds a branch to the post office',
      as: 'outsideCoordinator',
      query: 'mutation ($p: ID!) { createAgency(input: { code: "PPO-EAST-99", name: "Planted", sector: POSTAL, level: BRANCH, parentId: $p }) { id } }',
      variables: () => ({ p: ids['PPO-EAST'] }), expect: { code: 'FORBIDDEN' },
      audit: { operation: 'createAgency', outcome: 'REFUSED', errorCode: 'FORBIDDEN', actor: 'outsideCoordinator' },
    },
    {
      name: 'a NUL character in an id, to slip past the audit trail',
      as: 'east', query: 'mutation ($id: ID!) { archiveContact(id: $id) { id } }',
      variables: () => ({ id: `${contactIds.west}\u0000` }), expect: { code: 'BAD_USER_INPUT' },
      audit: { operation: 'archiveContact', outcome: 'REFUSED', errorCode: 'BAD_USER_INPUT', actor: 'east' },
    },
    {
      name: 'a mutation under an operation name the document does not hold',
      as: 'east', query: 'mutation Real($id: ID!) { archiveContact(id: $id) { id } }',
      variables: () => ({ id: contactIds.west }), operationName: 'Other', expect: { code: 'OPERATION_RESOLUTION_FAILURE' },
      audit: { operation: 'archiveContact', outcome: 'REFUSED', errorCode: 'OPERATION_RESOLUTION_FAILURE', actor: 'east' },
    },
    {
      name: "a liaison posts for another agency through an input field that does not exist",
      as: 'liaison', query: POST,
      variables: () => ({ input: { ...alertInput([ids['PPO-EAST-01']!]), issuerAgencyId: ids['PPD'] } }),
      expect: { code: 'BAD_USER_INPUT' },
      audit: { operation: 'postAlert', outcome: 'REFUSED', errorCode: 'BAD_USER_INPUT', actor: 'liaison' },
    },
    {
      name: 'a token that claims a role its contact does not have',
      as: () => signed({ role: 'POLICE_LIAISON' }, contactIds.east, inAnHour()),
      query: POST, variables: () => ({ input: alertInput([ids['PPO-EAST-01']!]) }), expect: { code: 'FORBIDDEN' },
      audit: { operation: 'postAlert', outcome: 'REFUSED', errorCode: 'FORBIDDEN', actor: 'east' },
    },
    {
      name: 'a forged token (signed with another key)',
      as: () => signed({}, contactIds.liaison, inAnHour(), new TextEncoder().encode('x'.repeat(48))),
      query: POST, variables: () => ({ input: alertInput([ids['PPO-EAST-01']!]) }), expect: { code: 'UNAUTHENTICATED' },
      audit: { operation: 'postAlert', outcome: 'REFUSED', errorCode: 'UNAUTHENTICATED', actor: null },
    },
    {
      name: 'an expired token',
      as: () => signed({}, contactIds.liaison, Math.floor(Date.now() / 1000) - 5),
      query: POST, variables: () => ({ input: alertInput([ids['PPO-EAST-01']!]) }), expect: { code: 'UNAUTHENTICATED' },
      audit: { operation: 'postAlert', outcome: 'REFUSED', errorCode: 'UNAUTHENTICATED', actor: null },
    },
    {
      name: 'the token of a disabled contact',
      as: () => signed({}, contactIds.leaver, inAnHour()),
      query: '{ me { id } }', expect: { code: 'UNAUTHENTICATED' },
    },
    {
      name: 'no token at all, on a mutation',
      as: null, query: 'mutation ($id: ID!) { archiveAgency(id: $id) { id } }', variables: () => ({ id: ids['PPO-CITY-01'] }),
      expect: { code: 'UNAUTHENTICATED' },
      audit: { operation: 'archiveAgency', outcome: 'REFUSED', errorCode: 'UNAUTHENTICATED', actor: null },
    },
    {
      name: 'a branch operator reads the audit trail',
      as: 'east', query: '{ auditLog { totalCount } }', expect: { code: 'FORBIDDEN' },
    },
    {
      name: 'a liaison reads the audit trail',
      as: 'liaison', query: '{ auditLog { totalCount } }', expect: { code: 'FORBIDDEN' },
    },
  ];

  it('has at least 25 attacks', () => {
    expect(attacks.length).toBeGreaterThanOrEqual(25);
  });

  it.each(attacks.map((attack) => [attack.name, attack] as const))('%s', async (_name, attack) => {
    const token = attack.as === null ? undefined : typeof attack.as === 'function' ? await attack.as() : tokens[attack.as];
    const digest = await recordsDigest(server);
    const auditMark = await lastAuditId(server);

    const result: GraphQLResponse = await gql(server.httpUrl, attack.query, attack.variables?.() ?? {}, token, attack.operationName);

    if ('code' in attack.expect) {
      expect(result.errors?.[0]?.extensions?.code, JSON.stringify(result)).toBe(attack.expect.code);
      expect(JSON.stringify(result)).not.toMatch(/stack|select |\.ts:\d/i);
    } else {
      expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
      attack.expect.data(result.data!);
    }
    expect(await recordsDigest(server)).toEqual(digest);
    const entries = await auditEntriesAfter(server, auditMark);
    if (!attack.audit) {
      expect(entries).toEqual([]);
      return;
    }
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      operation: attack.audit.operation,
      operation_type: 'MUTATION',
      outcome: attack.audit.outcome,
      error_code: attack.audit.errorCode ?? null,
      actor_id: attack.audit.actor ? contactIds[attack.audit.actor] : null,
      client_address: expect.stringMatching(/127\.0\.0\.1/),
    });
    expect(entries[0]!.request_id).toEqual(expect.any(String));
  });

  it("ends every earlier token of a contact whose password changes, even once re-enabled", async () => {
    const password = 'first-long-password';
    const id = await addAccount(server, {
      agencyCode: 'PPO-CITY-01', role: ContactRole.BRANCH_OPERATOR, email: 'rotating@postwatch.test', password,
    });
    const old = await login(server.httpUrl, 'rotating@postwatch.test', password);
    const update = (input: string) =>
      gql(server.httpUrl, `mutation ($id: ID!) { updateContact(id: $id, input: ${input}) { id } }`, { id }, tokens.coordinator);
    await update('{ password: "second-long-password" }');
    expect((await gql(server.httpUrl, '{ me { id } }', {}, old)).errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    const second = await login(server.httpUrl, 'rotating@postwatch.test', 'second-long-password');
    await update('{ active: false }');
    await update('{ active: true }');
    for (const token of [old, second]) {
      expect((await gql(server.httpUrl, '{ me { id } }', {}, token)).errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    }
    const third = await login(server.httpUrl, 'rotating@postwatch.test', 'second-long-password');
    expect((await gql(server.httpUrl, '{ me { id } }', {}, third)).data!.me.id).toBe(id);
  });

  describe('over WebSocket', () => {
    const WATCH = 'subscription ($b: ID!) { alertPosted(branchId: $b) { headline tlp } }';

    it('refuses a branch operator subscribing to another branch, and audits the attempt', async () => {
      const mark = await lastAuditId(server);
      const client = wsClient(server.wsUrl, tokens.east);
      const sub = collect(client, WATCH, { b: ids['PPO-WEST-01'] });
      const [error] = (await sub.waitForError()) as { extensions: { code: string } }[];
      expect(error!.extensions.code).toBe('FORBIDDEN');
      const entries = await auditEntriesAfter(server, mark);
      expect(entries).toEqual([
        expect.objectContaining({
          operation: 'alertPosted', operation_type: 'SUBSCRIPTION', outcome: 'REFUSED', error_code: 'FORBIDDEN',
          actor_id: contactIds.east, target_type: 'Agency', target_id: ids['PPO-WEST-01'],
        }),
      ]);
      await client.dispose();
    });

    it('does not deliver TLP:RED through an ancestor, delivers the next alert, and audits the start', async () => {
      const mark = await lastAuditId(server);
      const client = wsClient(server.wsUrl, tokens.east);
      const sub = collect(client, WATCH, { b: ids['PPO-EAST-01'] });
      await waitForSubscribers(server, ids['PPO-EAST-01']!, 1);
      await postAlert(server, tokens.liaison, alertInput([ids['PPO-EAST']!], { headline: 'Red again', tlp: 'RED' }));
      await postAlert(server, tokens.liaison, alertInput([ids['PPO-EAST']!], { headline: 'Green after', tlp: 'GREEN' }));
      const [first] = await sub.waitFor(1);
      expect(first!.alertPosted).toEqual({ headline: 'Green after', tlp: 'GREEN' });
      expect(sub.received).toHaveLength(1);
      const entries = await auditEntriesAfter(server, mark);
      expect(entries[0]).toMatchObject({ operation: 'alertPosted', outcome: 'SUCCESS', actor_id: contactIds.east });
      await client.dispose();
    });

    it('refuses a mutation sent over WebSocket, and audits the attempt', async () => {
      const mark = await lastAuditId(server);
      const client = wsClient(server.wsUrl, tokens.liaison);
      const sub = collect(client, 'mutation ($input: PostAlertInput!) { postAlert(input: $input) { id } }', {
        input: alertInput([ids['PPO-EAST-01']!]),
      });
      const [error] = (await sub.waitForError()) as { message: string; extensions: { code: string } }[];
      expect(error).toMatchObject({ extensions: { code: 'BAD_REQUEST' } });
      expect(error!.message).toMatch(/Only subscriptions/);
      expect(await auditEntriesAfter(server, mark)).toEqual([
        expect.objectContaining({ operation: 'postAlert', outcome: 'REFUSED', error_code: 'BAD_REQUEST', actor_id: contactIds.liaison }),
      ]);
      await client.dispose();
    });

    it("closes a contact's open sockets with 4401 when a coordinator archives them", async () => {
      const password = 'another-long-password';
      const id = await addAccount(server, {
        agencyCode: 'PPO-CITY-01', role: ContactRole.BRANCH_OPERATOR, email: 'soon.gone@postwatch.test', password,
      });
      const token = await login(server.httpUrl, 'soon.gone@postwatch.test', password);
      const closed = new Promise<{ code: number; reason: string }>((resolve) => {
        collect(wsClient(server.wsUrl, token, resolve), WATCH, { b: ids['PPO-CITY-01'] });
      });
      await waitForSubscribers(server, ids['PPO-CITY-01']!, 1);
      const archived = await gql(server.httpUrl, 'mutation ($id: ID!) { archiveContact(id: $id) { active } }', { id }, tokens.coordinator);
      expect(archived.data!.archiveContact).toEqual({ active: false });
      const { code, reason } = await closed;
      expect({ code, reason }).toEqual({ code: 4401, reason: 'Unauthorized: the account changed; sign in again' });
      const again = await gql(server.httpUrl, '{ me { id } }', {}, token);
      expect(again.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    });
  });

  it('decides live delivery exactly as queries do, for every account and every alert', async () => {
    const snapshots = new AlertSnapshots(server.app.orm);
    const em = server.app.orm.em.fork();
    const all = await em.find(SecurityAlert, {});
    for (const name of Object.keys(ACCOUNTS) as AccountName[]) {
      if (name === 'leaver') continue;
      const contact = await em.findOneOrFail(Contact, { id: contactIds[name] }, { populate: ['agency'] });
      const viewer: Viewer = {
        contactId: contact.id, role: contact.role!, agencyId: contact.agency.id, email: contact.email!,
        agencyLineage: contact.agency.getEntity().lineage(),
      };
      const listed = await gql(server.httpUrl, '{ alerts(first: 100) { edges { node { id } } } }', {}, tokens[name]);
      const byQuery = new Set(listed.data!.alerts.edges.map((e: any) => e.node.id));
      for (const alert of all) {
        const snapshot = (await snapshots.load(alert.id))!;
        expect([name, alert.headline, canSeeAlert(viewer, snapshot.audience)]).toEqual([name, alert.headline, byQuery.has(alert.id)]);
      }
    }
  });

  describe('the audit trail', () => {
    it('records logins, failed and successful, without the password', async () => {
      const mark = await lastAuditId(server);
      await gql(server.httpUrl, 'mutation { login(email: "auditor@postwatch.demo", password: "wrong-password") { token } }');
      await login(server.httpUrl, 'auditor@postwatch.demo');
      const entries = await auditEntriesAfter(server, mark);
      expect(entries).toEqual([
        expect.objectContaining({
          operation: 'login', outcome: 'REFUSED', error_code: 'UNAUTHENTICATED', actor_id: null,
          detail: { email: 'auditor@postwatch.demo' },
        }),
        expect.objectContaining({
          operation: 'login', outcome: 'SUCCESS', actor_id: contactIds.auditor, actor_role: 'AUDITOR',
          target_type: 'Contact', target_id: contactIds.auditor,
        }),
      ]);
      expect(JSON.stringify(entries)).not.toContain('wrong-password');
    });

    it('can be read by auditors and coordinators, newest first, with filters', async () => {
      const result = await gql(
        server.httpUrl,
        `{ auditLog(first: 5, filter: { operation: "postAlert", outcome: REFUSED }) {
            totalCount edges { node { operation outcome errorCode actor { email } } }
          } }`,
        {},
        tokens.auditor,
      );
      expect(result.errors).toBeUndefined();
      const { totalCount, edges } = result.data!.auditLog;
      // Refused posts above: east, auditor, a false role claim, a forged token, an expired token, the post with
      // an unknown input field, and the post sent over WebSocket.
      expect(totalCount).toBe(7);
      expect(edges.every((e: any) => e.node.operation === 'postAlert' && e.node.outcome === 'REFUSED')).toBe(true);
    });

    it("hides from a coordinator the entries about alerts they may not see, and not from an auditor", async () => {
      const query = `query ($t: String) { auditLog(first: 100, filter: { operation: "postAlert", outcome: SUCCESS, targetId: $t }) { totalCount } }`;
      const count = async (token: string, alertId: string) =>
        (await gql(server.httpUrl, query, { t: alertId }, token)).data!.auditLog.totalCount;
      expect(await count(tokens.coordinator, alerts.redNamed!)).toBe(0);
      expect(await count(tokens.auditor, alerts.redNamed!)).toBe(1);
      expect(await count(tokens.coordinator, alerts.westStrict!)).toBe(1);
      expect(await count(tokens.outsideCoordinator, alerts.westStrict!)).toBe(0);

      // Entries about the alert through the alertId they keep (an acknowledgement, targeted at the acknowledgement).
      const ack = await gql(server.httpUrl, 'mutation ($a: ID!) { acknowledgeAlert(alertId: $a, outcome: RECEIVED) { id } }', { a: alerts.redNamed }, tokens.east);
      expect(ack.errors).toBeUndefined();
      const acks = async (token: string) =>
        ((await gql(server.httpUrl, '{ auditLog(first: 100, filter: { operation: "acknowledgeAlert" }) { edges { node { targetId detail } } } }', {}, token)).data!
          .auditLog.edges as { node: { targetId: string; detail: { alertId?: string } | null } }[]).map((e) => e.node);
      expect((await acks(tokens.auditor)).filter((n) => n.detail?.alertId === alerts.redNamed)).toHaveLength(1);
      expect((await acks(tokens.coordinator)).filter((n) => n.detail?.alertId === alerts.redNamed || n.targetId === ack.data!.acknowledgeAlert.id)).toEqual([]);
    });

    it('refuses any change to an entry, even straight in the database', async () => {
      const connection = server.app.orm.em.getConnection();
      await expect(connection.execute(`update audit_entry set outcome = 'SUCCESS'`)).rejects.toThrow(/append-only/);
      await expect(connection.execute(`delete from audit_entry`)).rejects.toThrow(/append-only/);
      await expect(connection.execute(`truncate audit_entry`)).rejects.toThrow(/append-only/);
    });
  });
});
