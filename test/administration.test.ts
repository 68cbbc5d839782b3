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

    it.each([
      ['a code already used', { code: 'PPO-EAST-01', name: 'Twin', sector: 'POSTAL', level: 'BRANCH' }, 'code'],
      ['a code in lower case', { code: 'ppo-x', name: 'X', sector: 'POSTAL', level: 'BRANCH' }, 'code'],
      ['a branch under a branch', { code: 'PPO-SUB', name: 'Sub', sector: 'POSTAL', level: 'BRANCH', parentIdOf: 'PPO-EAST-01' }, 'parentId'],
      ['a provincial office under a district', { code: 'PPO-UP', name: 'Up', sector: 'POSTAL', level: 'PROVINCIAL', parentIdOf: 'PPO-EAST' }, 'parentId'],
      ['an unknown parent', { code: 'PPO-ORPHAN', name: 'Orphan', sector: 'POSTAL', level: 'BRANCH', parentId: '00000000-0000-4000-8000-000000000000' }, 'parentId'],
      ['a blank name', { code: 'PPO-BLANK', name: '  ', sector: 'POSTAL', level: 'BRANCH' }, 'name'],
    ])('refuses an agency with %s', async (_label, input, field) => {
      const { parentIdOf, ...rest } = input as Record<string, string>;
      await refused('BAD_USER_INPUT', CREATE_AGENCY, { input: { ...rest, ...(parentIdOf ? { parentId: ids[parentIdOf] } : {}) } }, field);
    });

    it('moves a district office with its branches, and alerts follow the new tree', async () => {
      const { updateAgency } = await run(UPDATE_AGENCY, { id: ids['PPO-WEST'], input: { parentId: ids.VNPOST, name: 'West District Post Office (moved)' } });
      expect(updateAgency).toEqual({ code: 'PPO-WEST', name: 'West District Post Office (moved)', parent: { code: 'VNPOST' } });
      const paths = await server.app.orm.em.getConnection().execute<{ code: string; path: string }[]>(
        `select code, path from agency where code like 'PPO-WEST%' order by code`);
      for (const { path } of paths) expect(path.startsWith(`/${ids.VNPOST}/${ids['PPO-WEST']}/`)).toBe(true);
      // The provincial post office no longer holds the West branches: an alert to it misses them.
      const alert = await postAlert(server, liaison, alertInput([ids.PPO!]));
      const reached = await server.app.orm.em.getConnection().execute(
        'select count(*)::int as n from alert_recipient where alert_id = ? and branch_id = ?', [alert.id, ids['PPO-WEST-01']]);
      expect(reached[0].n).toBe(0);
      await run(UPDATE_AGENCY, { id: ids['PPO-WEST'], input: { parentId: ids.PPO } });
    });

    it('refuses to move an agency under itself or under one of its own branches', async () => {
      await refused('BAD_USER_INPUT', UPDATE_AGENCY, { id: ids.PPO, input: { parentId: ids['PPO-EAST'] } }, 'parentId');
      await refused('BAD_USER_INPUT', UPDATE_AGENCY, { id: ids.PPO, input: { parentId: ids.PPO } }, 'parentId');
      await refused('BAD_USER_INPUT', UPDATE_AGENCY, { id: ids.PPO, input: { name: null } }, 'name');
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
      ['an e-mail already used', { agencyOf: 'PPD', role: 'POLICE_LIAISON', email: 'LIAISON@postwatch.demo' }, 'email'],
      ['a role without an e-mail', { agencyOf: 'PPD', role: 'POLICE_LIAISON' }, 'email'],
      ['a password of 11 characters', { agencyOf: 'PPD', role: 'POLICE_LIAISON', email: 'c@postwatch.test', password: '12345678901' }, 'password'],
      ['an e-mail that is not one', { agencyOf: 'PPD', email: 'not-an-email' }, 'email'],
      ['a telephone number that is not one', { agencyOf: 'PPD', phone: 'call me' }, 'phone'],
    ])('refuses a contact with %s', async (_label, input, field) => {
      const { agencyOf, ...rest } = input as Record<string, string>;
      await refused('BAD_USER_INPUT', CREATE_CONTACT, { input: { fullName: 'Someone', position: 'Officer', agencyId: ids[agencyOf!], ...rest } }, field);
    });

    it('changes a role, which applies to the next request of an existing token', async () => {
      const token = await login(server.httpUrl, 'new.operator@postwatch.test', 'a-password-of-length');
      await run(UPDATE_CONTACT, { id: operatorId, input: { role: 'AUDITOR' } });
      expect((await gql(server.httpUrl, '{ me { role } }', {}, token)).data!.me.role).toBe('AUDITOR');
      await run(UPDATE_CONTACT, { id: operatorId, input: { role: 'BRANCH_OPERATOR' } });
    });

    it('archives a contact: no more sign-in, out of lists', async () => {
      await run('mutation ($id: ID!) { archiveContact(id: $id) { active archivedAt } }', { id: operatorId });
      const again = await gql(server.httpUrl, 'mutation { login(email: "new.operator@postwatch.test", password: "a-password-of-length") { token } }');
      expect(again.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
      const { contacts } = await run('query ($a: ID) { contacts(agencyId: $a) { id } }', { a: ids['PPO-EAST-02'] });
      expect(contacts.map((c: { id: string }) => c.id)).not.toContain(operatorId);
      await refused('BAD_USER_INPUT', UPDATE_CONTACT, { id: operatorId, input: { active: true } }, 'id');
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
