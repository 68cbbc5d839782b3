import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agencyId, alertInput, auditEntriesAfter, lastAuditId, postAlert, recordsDigest } from './helpers/fixtures.js';
import { gql, login } from './helpers/graphql.js';
import { startTestServer, type TestServer } from './helpers/server.js';

describe('coordinators manage agencies, contacts and agreements', () => {
  let server: TestServer;
  let coordinator: string;
  let liaison: string;
  const ids: Record<string, string> = {};

  /** Runs an operation as the coordinator and returns its data, failing on any error. */
  const run = async (query: string, variables: Record<string, unknown> = {}) => {
    const result = await gql(server.httpUrl, query, variables, coordinator);
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    return result.data!;
  };
  /** Runs an operation that must be refused with `code`, and checks that it changed no record. */
  const refused = async (code: string, query: string, variables: Record<string, unknown> = {}, field?: string) => {
    const before = await recordsDigest(server);
    const result = await gql(server.httpUrl, query, variables, coordinator);
    expect(result.errors?.[0]?.extensions?.code, JSON.stringify(result)).toBe(code);
    if (field) expect(result.errors![0]!.extensions!.fields.map((f: { field: string }) => f.field)).toContain(field);
    expect(await recordsDigest(server)).toEqual(before);
    return result.errors![0]!;
  };

  beforeAll(async () => {
    server = await startTestServer('administration');
    coordinator = await login(server.httpUrl, 'coordinator@postwatch.demo');
    liaison = await login(server.httpUrl, 'liaison@postwatch.demo');
    for (const code of ['VNPOST', 'PPO', 'PPO-EAST', 'PPO-EAST-01', 'PPO-EAST-02', 'PPO-WEST', 'PPO-WEST-01', 'PPD', 'DIC']) {
      ids[code] = await agencyId(server, code);
    }
  });
  afterAll(() => server?.stop());

  const CREATE_AGENCY = 'mutation ($input: CreateAgencyInput!) { createAgency(input: $input) { id code level parent { code } } }';
  const UPDATE_AGENCY = 'mutation ($id: ID!, $input: UpdateAgencyInput!) { updateAgency(id: $id, input: $input) { code name parent { code } } }';
  const ARCHIVE_AGENCY = 'mutation ($id: ID!) { archiveAgency(id: $id) { archivedAt } }';

  describe('agencies', () => {
    it('creates a branch under a district office and audits it', async () => {
      const mark = await lastAuditId(server);
      const { createAgency } = await run(CREATE_AGENCY, {
        input: { code: 'PPO-EAST-03', name: 'East Market Branch', sector: 'POSTAL', level: 'BRANCH', parentId: ids['PPO-EAST'] },
      });
      expect(createAgency).toMatchObject({ code: 'PPO-EAST-03', level: 'BRANCH', parent: { code: 'PPO-EAST' } });
      ids['PPO-EAST-03'] = createAgency.id;
      const { agency } = await run('query ($id: ID!) { agency(id: $id) { children { code } } }', { id: ids['PPO-EAST'] });
      expect(agency.children.map((c: { code: string }) => c.code)).toContain('PPO-EAST-03');
      const [entry] = await auditEntriesAfter(server, mark);
      expect(entry).toMatchObject({ operation: 'createAgency', outcome: 'SUCCESS', target_type: 'Agency', target_id: createAgency.id });
      // An alert to the district now reaches the new branch as well.
      const alert = await postAlert(server, liaison, alertInput([ids['PPO-EAST']!]));
      const reached = await server.app.orm.em.getConnection().execute(
        'select count(*)::int as n from alert_recipient where alert_id = ? and branch_id = ?', [alert.id, createAgency.id]);
      expect(reached[0].n).toBe(1);
    });

    it('keeps the tree whole when changes race: two crossed moves make no loop, a branch created while its district moves follows it', async () => {
      const district = async (code: string) =>
        (await run(CREATE_AGENCY, { input: { code, name: code, sector: 'POSTAL', level: 'DISTRICT', parentId: ids.PPO } })).createAgency.id as string;
      const [d1, d2, moving] = [await district('PPO-RACE-1'), await district('PPO-RACE-2'), await district('PPO-RACE-3')];
      const crossed = await Promise.all([
        gql(server.httpUrl, UPDATE_AGENCY, { id: d1, input: { parentId: d2 } }, coordinator),
        gql(server.httpUrl, UPDATE_AGENCY, { id: d2, input: { parentId: d1 } }, coordinator),
      ]);
      // One move wins; the other finds its new parent under the agency itself.
      expect(crossed.map((r) => r.errors?.[0]?.extensions?.code ?? 'OK').sort()).toEqual(['BAD_USER_INPUT', 'OK']);
      const [created] = await Promise.all([
        gql(server.httpUrl, CREATE_AGENCY, { input: { code: 'PPO-RACE-3-01', name: 'Race branch', sector: 'POSTAL', level: 'BRANCH', parentId: moving } }, coordinator),
        gql(server.httpUrl, UPDATE_AGENCY, { id: moving, input: { parentId: ids['PPO-EAST'] } }, coordinator),
      ]);
      const branchId = created.data!.createAgency.id as string;
      // Every path is its parent's path and its own id: no loop, nothing stale.
      const rows = await server.app.orm.em.getConnection().execute<{ id: string; path: string; parent_path: string | null }[]>(
        `select a.id, a.path, p.path as parent_path from agency a left join agency p on p.id = a.parent_id where a.code like 'PPO-RACE-%'`,
      );
      for (const row of rows) expect(row.path, row.id).toBe(`${row.parent_path}${row.id}/`);
      expect(rows.find((r) => r.id === branchId)!.path).toContain(`/${ids['PPO-EAST']}/${moving}/`);
    });

    it.each([
      ['a code already used', { code: 'PPO-EAST-01', name: 'Twin' }, 'code'],
      ['a code in lower case', { code: 'ppo-x', name: 'X' }, 'code'],
      ['a branch under a branch', { code: 'PPO-SUB', name: 'Sub', parentIdOf: 'PPO-EAST-01' }, 'parentId'],
      ['a provincial office under a district', { code: 'PPO-UP', name: 'Up', level: 'PROVINCIAL' }, 'parentId'],
      ['a police unit under a post office', { code: 'PPD-IN-PPO', name: 'Police', sector: 'POLICE', level: 'DISTRICT', parentIdOf: 'PPO' }, 'parentId'],
      ['an unknown parent', { code: 'PPO-ORPHAN', name: 'Orphan', parentId: '00000000-0000-4000-8000-000000000000' }, 'parentId'],
      ['a blank name', { code: 'PPO-BLANK', name: '  ' }, 'name'],
    ])('refuses an agency with %s', async (_label, input, field) => {
      const { parentIdOf, ...rest } = input as Record<string, string>;
      const variables = { input: { sector: 'POSTAL', level: 'BRANCH', parentId: ids[parentIdOf ?? 'PPO-EAST'], ...rest } };
      await refused('BAD_USER_INPUT', CREATE_AGENCY, variables, field);
    });

    it.each([
      ['at the top of a hierarchy', {}],
      ['under an agency of another organisation', { parentIdOf: 'PPD' }],
    ])('refuses to create an agency %s, outside what the coordinator administers', async (_label, { parentIdOf }: { parentIdOf?: string }) => {
      const input = { code: 'OUTSIDE-1', name: 'Outside', sector: 'POLICE', level: 'DISTRICT', ...(parentIdOf ? { parentId: ids[parentIdOf] } : {}) };
      await refused('FORBIDDEN', CREATE_AGENCY, { input });
    });

    it('moves a branch to another district office, and alerts follow the new tree', async () => {
      const { updateAgency } = await run(UPDATE_AGENCY, { id: ids['PPO-EAST-02'], input: { parentId: ids['PPO-WEST'], name: 'East Riverside (moved)' } });
      expect(updateAgency).toEqual({ code: 'PPO-EAST-02', name: 'East Riverside (moved)', parent: { code: 'PPO-WEST' } });
      const [{ path }] = await server.app.orm.em.getConnection().execute<{ path: string }[]>(
        `select path from agency where code = 'PPO-EAST-02'`);
      expect(path).toBe(`/${ids.VNPOST}/${ids.PPO}/${ids['PPO-WEST']}/${ids['PPO-EAST-02']}/`);
      // An alert to the East district no longer reaches it; one to the West district does.
      const reaches = async (target: string) => {
        const alert = await postAlert(server, liaison, alertInput([ids[target]!]));
        const [row] = await server.app.orm.em.getConnection().execute(
          'select count(*)::int as n from alert_recipient where alert_id = ? and branch_id = ?', [alert.id, ids['PPO-EAST-02']]);
        return row.n;
      };
      expect(await reaches('PPO-EAST')).toBe(0);
      expect(await reaches('PPO-WEST')).toBe(1);
      await run(UPDATE_AGENCY, { id: ids['PPO-EAST-02'], input: { parentId: ids['PPO-EAST'] } });
    });

    it('moves a district office with everything under it', async () => {
      await run(UPDATE_AGENCY, { id: ids['PPO-EAST'], input: { parentId: ids['PPO-WEST'] } });
      const rows = await server.app.orm.em.getConnection().execute<{ path: string }[]>(
        `select path from agency where path like ?`, [`%/${ids['PPO-EAST']}/%`]);
      expect(rows.length).toBeGreaterThanOrEqual(3);
      for (const { path } of rows) expect(path.startsWith(`/${ids.VNPOST}/${ids.PPO}/${ids['PPO-WEST']}/${ids['PPO-EAST']}/`)).toBe(true);
      await run(UPDATE_AGENCY, { id: ids['PPO-EAST'], input: { parentId: ids.PPO } });
    });

    it('refuses to move an agency under itself or one of its branches, or to blank its name', async () => {
      await refused('BAD_USER_INPUT', UPDATE_AGENCY, { id: ids['PPO-EAST'], input: { parentId: ids['PPO-EAST-01'] } }, 'parentId');
      await refused('BAD_USER_INPUT', UPDATE_AGENCY, { id: ids['PPO-EAST'], input: { parentId: ids['PPO-EAST'] } }, 'parentId');
      await refused('BAD_USER_INPUT', UPDATE_AGENCY, { id: ids['PPO-EAST'], input: { name: null } }, 'name');
    });

    it('refuses to move agencies out of, or into, what the coordinator administers', async () => {
      await refused('FORBIDDEN', UPDATE_AGENCY, { id: ids['PPO-WEST'], input: { parentId: ids.VNPOST } });
      await refused('FORBIDDEN', UPDATE_AGENCY, { id: ids.PPO, input: { parentId: ids.DIC } });
      await refused('FORBIDDEN', UPDATE_AGENCY, { id: ids.PPD, input: { name: 'Renamed police' } });
    });

    it('archives a branch with nobody in it; it leaves lists and cannot be targeted', async () => {
      await refused('BAD_USER_INPUT', ARCHIVE_AGENCY, { id: ids['PPO-EAST'] }, 'id');
      const { archiveAgency } = await run(ARCHIVE_AGENCY, { id: ids['PPO-EAST-03'] });
      expect(archiveAgency.archivedAt).toEqual(expect.any(String));
      const listed = await run('query ($p: ID) { agencies(parentId: $p) { code } }', { p: ids['PPO-EAST'] });
      expect(listed.agencies.map((a: { code: string }) => a.code)).not.toContain('PPO-EAST-03');
      const all = await run('query ($p: ID) { agencies(parentId: $p, includeArchived: true) { code } }', { p: ids['PPO-EAST'] });
      expect(all.agencies.map((a: { code: string }) => a.code)).toContain('PPO-EAST-03');
      const post = await gql(server.httpUrl, 'mutation ($input: PostAlertInput!) { postAlert(input: $input) { id } }',
        { input: alertInput([ids['PPO-EAST-03']!]) }, liaison);
      expect(post.errors![0]!.message).toMatch(/archived/);
    });
  });

  const CREATE_CONTACT = 'mutation ($input: CreateContactInput!) { createContact(input: $input) { id email role agency { code } } }';
  const UPDATE_CONTACT = 'mutation ($id: ID!, $input: UpdateContactInput!) { updateContact(id: $id, input: $input) { role active } }';

  describe('contacts', () => {
    let operatorId: string;

    it('creates a branch operator who can sign in', async () => {
      const { createContact } = await run(CREATE_CONTACT, {
        input: {
          agencyId: ids['PPO-EAST-02'], fullName: 'New Operator', position: 'Counter clerk', role: 'BRANCH_OPERATOR',
          email: 'New.Operator@PostWatch.test', phone: '+84 200 123 4567', password: 'a-password-of-length',
        },
      });
      expect(createContact).toMatchObject({ email: 'new.operator@postwatch.test', role: 'BRANCH_OPERATOR', agency: { code: 'PPO-EAST-02' } });
      operatorId = createContact.id;
      const token = await login(server.httpUrl, 'new.operator@postwatch.test', 'a-password-of-length');
      expect((await gql(server.httpUrl, '{ me { role } }', {}, token)).data!.me.role).toBe('BRANCH_OPERATOR');
    });

    it.each([
      ['a branch operator at a district office', { agencyOf: 'PPO-EAST', role: 'BRANCH_OPERATOR', email: 'a@postwatch.test' }, 'role'],
      ['a liaison at a post office', { agencyOf: 'PPO', role: 'POLICE_LIAISON', email: 'b@postwatch.test' }, 'role'],
      ['an e-mail already used', { agencyOf: 'PPO-EAST-01', role: 'BRANCH_OPERATOR', email: 'LIAISON@postwatch.demo' }, 'email'],
      ['a role without an e-mail', { agencyOf: 'PPO-EAST-01', role: 'BRANCH_OPERATOR' }, 'email'],
      ['a password of 11 characters', { agencyOf: 'PPO-EAST-01', role: 'BRANCH_OPERATOR', email: 'c@postwatch.test', password: '12345678901' }, 'password'],
      ['an e-mail that is not one', { agencyOf: 'PPO', email: 'not-an-email' }, 'email'],
      ['a telephone number that is not one', { agencyOf: 'PPO', phone: 'call me' }, 'phone'],
    ])('refuses a contact with %s', async (_label, input, field) => {
      const { agencyOf, ...rest } = input as Record<string, string>;
      await refused('BAD_USER_INPUT', CREATE_CONTACT, { input: { fullName: 'Someone', position: 'Officer', agencyId: ids[agencyOf!], ...rest } }, field);
    });

    it.each([
      ['at an agency of another organisation', { agencyOf: 'PPD', role: 'POLICE_LIAISON', email: 'd@postwatch.test' }],
      ['with the AUDITOR role', { agencyOf: 'PPO', role: 'AUDITOR', email: 'e@postwatch.test' }],
    ])('refuses a contact %s', async (_label, input) => {
      const { agencyOf, ...rest } = input as Record<string, string>;
      await refused('FORBIDDEN', CREATE_CONTACT, { input: { fullName: 'Someone', position: 'Officer', agencyId: ids[agencyOf!], ...rest } });
    });

    it('changes a role: earlier tokens end, the next sign-in has the new role', async () => {
      const token = await login(server.httpUrl, 'new.operator@postwatch.test', 'a-password-of-length');
      await run(UPDATE_CONTACT, { id: operatorId, input: { role: 'COORDINATOR' } });
      expect((await gql(server.httpUrl, '{ me { role } }', {}, token)).errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
      const again = await login(server.httpUrl, 'new.operator@postwatch.test', 'a-password-of-length');
      expect((await gql(server.httpUrl, '{ me { role } }', {}, again)).data!.me.role).toBe('COORDINATOR');
      await run(UPDATE_CONTACT, { id: operatorId, input: { role: 'BRANCH_OPERATOR' } });
    });

    it("refuses to touch an auditor's account, or a contact of another organisation", async () => {
      const { contacts } = await run('query ($a: ID) { contacts(agencyId: $a) { id } }', { a: ids.DIC });
      await refused('FORBIDDEN', UPDATE_CONTACT, { id: contacts[0].id, input: { password: 'taken-over-password' } });
      const police = await run('query ($a: ID) { contacts(agencyId: $a) { id } }', { a: ids.PPD });
      await refused('FORBIDDEN', UPDATE_CONTACT, { id: police.contacts[0].id, input: { position: 'Renamed' } });
      await refused('FORBIDDEN', 'mutation ($id: ID!) { archiveContact(id: $id) { id } }', { id: police.contacts[0].id });
    });

    it('audits which fields an update gave, by name only: a disabling tells from a password reset', async () => {
      const mark = await lastAuditId(server);
      await run(UPDATE_CONTACT, { id: operatorId, input: { active: false } });
      await run(UPDATE_CONTACT, { id: operatorId, input: { password: 'another password of the test', active: true } });
      const entries = await auditEntriesAfter(server, mark);
      expect(entries.map((e) => [e.operation, e.outcome, e.target_id, e.detail])).toEqual([
        ['updateContact', 'SUCCESS', operatorId, { id: operatorId, fields: 'active=false' }],
        ['updateContact', 'SUCCESS', operatorId, { id: operatorId, fields: 'active=true, password' }],
      ]);
      expect(JSON.stringify(entries)).not.toContain('another password of the test');
      await run(UPDATE_CONTACT, { id: operatorId, input: { password: 'a-password-of-length' } });
    });

    it('archives a contact: no more sign-in, out of lists', async () => {
      await run('mutation ($id: ID!) { archiveContact(id: $id) { active archivedAt } }', { id: operatorId });
      const again = await gql(server.httpUrl, 'mutation { login(email: "new.operator@postwatch.test", password: "a-password-of-length") { token } }');
      expect(again.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
      const { contacts } = await run('query ($a: ID) { contacts(agencyId: $a) { id } }', { a: ids['PPO-EAST-02'] });
      expect(contacts.map((c: { id: string }) => c.id)).not.toContain(operatorId);
      await refused('BAD_USER_INPUT', UPDATE_CONTACT, { id: operatorId, input: { active: true } }, 'id');
    });

    it("refuses a coordinator's own password and e-mail through updateContact (changePassword asks for the current one)", async () => {
      const token = await login(server.httpUrl, 'coordinator@postwatch.demo');
      const me = (await gql(server.httpUrl, '{ me { id email } }', {}, token)).data!.me;
      for (const [field, input] of [['password', { password: 'a password set without the old one' }], ['email', { email: 'taken.over@postwatch.test' }]] as const) {
        const result = await gql(server.httpUrl, UPDATE_CONTACT, { id: me.id, input }, token);
        expect(result.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', fields: [{ field, message: 'cannot be changed on your own account' }] });
      }
      // Nothing changed: the demo password still signs in, under the same e-mail.
      expect(await login(server.httpUrl, 'coordinator@postwatch.demo')).toEqual(expect.any(String));
      expect((await gql(server.httpUrl, '{ me { email } }', {}, token)).data!.me.email).toBe(me.email);
    });

    it('keeps an archived contact out even when an enabling raced the archiving (active set again), and archiving again disables it', async () => {
      const token = await login(server.httpUrl, 'coordinator@postwatch.demo');
      // The state a race of updateContact(active: true) and archiveContact can leave: archived, yet active.
      await server.app.orm.em.getConnection().execute('update contact set active = true where id = ?', [operatorId]);
      const again = await gql(server.httpUrl, 'mutation { login(email: "new.operator@postwatch.test", password: "a-password-of-length") { token } }');
      expect(again.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
      const archived = await gql(server.httpUrl, 'mutation ($id: ID!) { archiveContact(id: $id) { active archivedAt } }', { id: operatorId }, token);
      expect(archived.data!.archiveContact.active).toBe(false);
      expect(archived.data!.archiveContact.archivedAt).toEqual(expect.any(String));
    });
  });

  const CREATE_AGREEMENT = 'mutation ($input: CreateAgreementInput!) { createAgreement(input: $input) { id code status parties { agency { code } signatory { fullName } } } }';

  describe('agreements', () => {
    let draftId: string;

    it('creates a draft between two agencies, with signatories', async () => {
      const { contacts } = await run('query ($a: ID) { contacts(agencyId: $a) { id position } }', { a: ids.PPO });
      const director = contacts.find((c: { position: string }) => c.position === 'Director');
      const { createAgreement } = await run(CREATE_AGREEMENT, {
        input: {
          code: 'QC-PH-2031-DRAFT', title: 'Next coordination regulation', scopeAreas: ['TRAINING', 'NETWORK_SAFETY'],
          signedOn: '2031-04-21', effectiveOn: '2031-05-01',
          parties: [{ agencyId: ids.PPO, signatoryId: director.id, signatoryPosition: 'Director' }, { agencyId: ids.PPD }],
        },
      });
      expect(createAgreement).toMatchObject({ code: 'QC-PH-2031-DRAFT', status: 'DRAFT' });
      expect(createAgreement.parties).toEqual([
        { agency: { code: 'PPD' }, signatory: null },
        { agency: { code: 'PPO' }, signatory: { fullName: 'Director of the Provincial Post Office (demo)' } },
      ]);
      draftId = createAgreement.id;
    });

    it.each([
      ['a single party', { parties: [{ agencyOf: 'PPO' }] }, 'parties'],
      ['the same party twice', { parties: [{ agencyOf: 'PPO' }, { agencyOf: 'PPO' }] }, 'parties'],
      ['a signatory from another agency', { parties: [{ agencyOf: 'PPD', signatoryOf: 'coordinator' }, { agencyOf: 'PPO' }] }, 'parties.0.signatoryId'],
      ['an effective date before the signature', { signedOn: '2031-05-02', effectiveOn: '2031-05-01' }, 'effectiveOn'],
      ['a code already used', { code: '290/QC-PH' }, 'code'],
      ['no scope area', { scopeAreas: [] }, 'scopeAreas'],
      ['a date out of the era', { signedOn: '0001-01-01' }, 'signedOn'],
    ])('refuses an agreement with %s', async (_label, overrides, field) => {
      const me = await run('{ me { id } }');
      const { parties, ...rest } = overrides as { parties?: { agencyOf: string; signatoryOf?: string }[] };
      const input = {
        code: 'QC-PH-X', title: 'X', scopeAreas: ['TRAINING'],
        parties: (parties ?? [{ agencyOf: 'PPO' }, { agencyOf: 'PPD' }]).map((p) => ({
          agencyId: ids[p.agencyOf], ...(p.signatoryOf ? { signatoryId: me.me.id } : {}),
        })),
        ...rest,
      };
      await refused('BAD_USER_INPUT', CREATE_AGREEMENT, { input }, field);
    });

    it('refuses an agreement between parties the coordinator does not administer', async () => {
      const input = { code: 'QC-PH-Y', title: 'Y', scopeAreas: ['TRAINING'], parties: [{ agencyId: ids.PPD }, { agencyId: ids.DIC }] };
      await refused('FORBIDDEN', CREATE_AGREEMENT, { input });
    });

    it('changes a draft but not an agreement in force; archives a draft but not an agreement in force', async () => {
      const updated = await run('mutation ($id: ID!) { updateAgreement(id: $id, input: { title: "Renamed" }) { title } }', { id: draftId });
      expect(updated.updateAgreement.title).toBe('Renamed');
      const { agreements } = await run('{ agreements(status: ACTIVE) { id } }');
      const active = agreements[0].id;
      await refused('BAD_USER_INPUT', 'mutation ($id: ID!) { updateAgreement(id: $id, input: { title: "No" }) { id } }', { id: active }, 'id');
      await refused('BAD_USER_INPUT', 'mutation ($id: ID!) { archiveAgreement(id: $id) { id } }', { id: active }, 'id');
      await run('mutation ($id: ID!) { archiveAgreement(id: $id) { archivedAt } }', { id: draftId });
      const listed = await run('{ agreements { id } }');
      expect(listed.agreements.map((a: { id: string }) => a.id)).not.toContain(draftId);
    });
  });
});
