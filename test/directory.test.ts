import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoData } from '../src/db/seed/seed.js';
import { agencyId, countRows } from './helpers/fixtures.js';
import { gql, login } from './helpers/graphql.js';
import { startTestServer, type TestServer } from './helpers/server.js';

describe('agencies, contacts and agreements from the demo data set', () => {
  let server: TestServer;
  let token: string;
  const query = async (q: string, variables: Record<string, unknown> = {}) => {
    const result = await gql(server.httpUrl, q, variables, token);
    expect(result.errors).toBeUndefined();
    return result.data!;
  };

  beforeAll(async () => {
    server = await startTestServer('directory');
    token = await login(server.httpUrl, 'auditor@postwatch.demo');
  });
  afterAll(() => server?.stop());

  it('has the post office hierarchy of the source document', async () => {
    const { agencies } = await query('{ agencies(sector: POSTAL) { code level parent { code } } }');
    const byLevel = (level: string) => agencies.filter((a: any) => a.level === level);
    expect(byLevel('NATIONAL').map((a: any) => a.code)).toEqual(['VNPOST']);
    expect(byLevel('PROVINCIAL')).toEqual([{ code: 'PPO', level: 'PROVINCIAL', parent: { code: 'VNPOST' } }]);
    expect(byLevel('DISTRICT').length).toBeGreaterThanOrEqual(2);
    expect(byLevel('DISTRICT').every((a: any) => a.parent.code === 'PPO')).toBe(true);
    const districts = new Set(byLevel('DISTRICT').map((a: any) => a.code));
    expect(byLevel('BRANCH').length).toBeGreaterThanOrEqual(6);
    expect(byLevel('BRANCH').every((a: any) => districts.has(a.parent.code))).toBe(true);
  });

  it('filters agencies by level and parent, and lists children', async () => {
    const ppd = await agencyId(server, 'PPD');
    const { agencies } = await query('query ($p: ID) { agencies(parentId: $p, level: DISTRICT) { code sector } }', { p: ppd });
    expect(agencies.map((a: any) => a.code).sort()).toEqual(['PPD-CITY', 'PPD-EAST', 'PPD-WEST']);
    expect(agencies.every((a: any) => a.sector === 'POLICE')).toBe(true);

    const { agency } = await query('query ($id: ID!) { agency(id: $id) { code children { code } } }', {
      id: await agencyId(server, 'PPO-EAST'),
    });
    expect(agency).toEqual({ code: 'PPO-EAST', children: [{ code: 'PPO-EAST-02' }, { code: 'PPO-EAST-01' }] });
  });

  it('answers NOT_FOUND for an unknown agency and BAD_USER_INPUT for a malformed id', async () => {
    const missing = await gql(server.httpUrl, '{ agency(id: "00000000-0000-4000-8000-000000000000") { id } }', {}, token);
    expect(missing.errors![0]!.extensions!.code).toBe('NOT_FOUND');
    const malformed = await gql(server.httpUrl, '{ agency(id: "PPO") { id } }', {}, token);
    expect(malformed.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
  });

  it('lists the contacts of an agency, with the demo accounts', async () => {
    const { contacts } = await query('query ($a: ID) { contacts(agencyId: $a) { fullName email role position } }', {
      a: await agencyId(server, 'PPD'),
    });
    expect(contacts).toContainEqual({
      fullName: 'Demo Liaison Officer', email: 'liaison@postwatch.demo', role: 'POLICE_LIAISON',
      position: 'Liaison officer for postal security',
    });
    expect(contacts.find((c: any) => c.role === null).fullName).toBe('Director of the Provincial Police (demo)');
  });

  it('has the demo accounts of the README: one per role, an operator for every branch, two liaisons, a coordinator on each side', async () => {
    const { contacts } = await query('{ contacts { email role agency { code level } } }');
    const accounts = contacts.filter((c: any) => c.role).map((c: any) => [c.email, c.role, c.agency.code]);
    expect(accounts.sort()).toEqual([
      ['auditor@postwatch.demo', 'AUDITOR', 'DIC'],
      ['branch2@postwatch.demo', 'BRANCH_OPERATOR', 'PPO-CITY-01'],
      ['branch3@postwatch.demo', 'BRANCH_OPERATOR', 'PPO-CITY-02'],
      ['branch4@postwatch.demo', 'BRANCH_OPERATOR', 'PPO-CITY-03'],
      ['branch5@postwatch.demo', 'BRANCH_OPERATOR', 'PPO-EAST-02'],
      ['branch6@postwatch.demo', 'BRANCH_OPERATOR', 'PPO-WEST-01'],
      ['branch7@postwatch.demo', 'BRANCH_OPERATOR', 'PPO-WEST-02'],
      ['branch@postwatch.demo', 'BRANCH_OPERATOR', 'PPO-EAST-01'],
      ['coordinator2@postwatch.demo', 'COORDINATOR', 'PPD'],
      ['coordinator@postwatch.demo', 'COORDINATOR', 'PPO'],
      ['liaison2@postwatch.demo', 'POLICE_LIAISON', 'PPD-PC04'],
      ['liaison@postwatch.demo', 'POLICE_LIAISON', 'PPD'],
    ]);
    const { agencies } = await query('{ agencies(level: BRANCH) { code } }');
    const operated = accounts.filter(([, role]: string[]) => role === 'BRANCH_OPERATOR').map(([, , code]: string[]) => code);
    expect(operated.sort()).toEqual(agencies.map((a: any) => a.code).sort());
    // Every account signs in with the demo password.
    for (const [email] of accounts) expect(await login(server.httpUrl, email)).toEqual(expect.any(String));
  });

  it('has Regulation 290, superseded by the regulation signed at its 10-year review on 21 April', async () => {
    const { agreements } = await query(`{
      agreements {
        code status signedOn scopeAreas
        supersedes { code } supersededBy { code }
        parties { agency { code } signatory { fullName } signatoryPosition }
        reviews { heldOn title attendingAgencies { code } }
      }
    }`);
    expect(agreements.map((a: any) => [a.code, a.status])).toEqual([
      ['QC-PH-2021', 'ACTIVE'],
      ['290/QC-PH', 'SUPERSEDED'],
    ]);
    const [current, old] = agreements;
    expect(current.signedOn).toBe('2021-04-21');
    expect(current.supersedes).toEqual({ code: '290/QC-PH' });
    expect(old.supersededBy).toEqual({ code: 'QC-PH-2021' });
    expect(old.scopeAreas).toEqual(expect.arrayContaining(['INTERNAL_SECURITY', 'NETWORK_SAFETY', 'INFORMATION_SECURITY']));
    expect(current.parties.map((p: any) => p.agency.code).sort()).toEqual(['PPD', 'PPO']);
    expect(old.reviews).toHaveLength(1);
    expect(old.reviews[0].heldOn).toBe('2021-04-21');
    expect(old.reviews[0].attendingAgencies.map((a: any) => a.code).sort()).toEqual(['DIC', 'PPD', 'PPO', 'VNPOST']);

    const active = await query('{ agreements(status: ACTIVE) { code } }');
    expect(active.agreements).toEqual([{ code: 'QC-PH-2021' }]);
  });

  it('loads the demo data set only once', async () => {
    const before = await Promise.all(['agency', 'contact', 'agreement', 'agreement_party'].map((t) => countRows(server, t)));
    expect(await seedDemoData(server.app.orm)).toBe('already-present');
    const after = await Promise.all(['agency', 'contact', 'agreement', 'agreement_party'].map((t) => countRows(server, t)));
    expect(after).toEqual(before);
  });
});
