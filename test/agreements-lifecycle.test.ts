import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContactRole } from '../src/platform/contact-role.js';
import { addAccount, agencyId, alertInput, postAlert, recordsDigest } from './helpers/fixtures.js';
import { gql, login } from './helpers/graphql.js';
import { startTestServer, type TestServer } from './helpers/server.js';

const AGREEMENT_FIELDS = 'id code status signedOn effectiveOn endedOn terminationReason supersedes { code } supersededBy { code }';
const CREATE = `mutation ($input: CreateAgreementInput!) { createAgreement(input: $input) { ${AGREEMENT_FIELDS} } }`;
const SIGN = `mutation ($id: ID!, $input: SignAgreementInput) { signAgreement(id: $id, input: $input) { ${AGREEMENT_FIELDS} } }`;
const SUPERSEDE = `mutation ($oldId: ID!, $newId: ID!) { supersedeAgreement(oldId: $oldId, newId: $newId) { ${AGREEMENT_FIELDS} } }`;
const TERMINATE = `mutation ($id: ID!, $input: TerminateAgreementInput!) { terminateAgreement(id: $id, input: $input) { ${AGREEMENT_FIELDS} } }`;
const REVIEW = `mutation ($id: ID!, $input: AgreementReviewInput!) {
  recordAgreementReview(agreementId: $id, input: $input) { id title heldOn venue findings attendingAgencies { code } agreement { code } } }`;
const UPDATE = `mutation ($id: ID!, $input: UpdateAgreementInput!) { updateAgreement(id: $id, input: $input) { id parties { agency { code } signatory { fullName } } } }`;
const ACTIVE = `query ($a: ID!, $b: ID!) { activeAgreement(agencyId: $a, otherAgencyId: $b) { code } }`;
const AGREEMENT = `query ($id: ID!) { agreement(id: $id) { ${AGREEMENT_FIELDS} reviews { title } } }`;
const RECORD_ACTIVITY = `mutation ($input: RecordJointActivityInput!) {
  recordJointActivity(input: $input) { id kind title startedOn endedOn participantCount agencies { code } agreement { code } documentsDelivered { documentType count } } }`;

/** Today in the province (UTC+07:00), worked out here independently of the code under test. */
const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
const tomorrow = new Date(Date.now() + 31 * 3_600_000).toISOString().slice(0, 10);

describe('agreements: DRAFT → ACTIVE → SUPERSEDED | TERMINATED, reviews, joint activities', () => {
  let server: TestServer;
  let coordinator: string;
  let branch: string;
  let liaison: string;
  let outsider: string;
  let policeCoordinator: string;
  const ids: Record<string, string> = {};
  const signatories: Record<string, string> = {};

  const codeOf = async (id: string) => (await gql(server.httpUrl, AGREEMENT, { id }, coordinator)).data!.agreement;
  /**
   * A draft between the post office and the police, prepared by the post office's coordinator; with
   * signatories, each side names its own (the police coordinator adds theirs, keeping the post office's).
   */
  const draft = async (code: string, withSignatories = true) => {
    const result = await gql(server.httpUrl, CREATE, {
      input: {
        code, title: `Test regulation ${code}`, scopeAreas: ['INTERNAL_SECURITY', 'TRAINING'], signedOn: '2024-03-01',
        parties: [
          { agencyId: ids.PPO, signatoryId: withSignatories ? signatories.PPO : null, signatoryPosition: 'Director' },
          { agencyId: ids.PPD },
        ],
      },
    }, coordinator);
    expect(result.errors).toBeUndefined();
    const id = result.data!.createAgreement.id as string;
    if (withSignatories) {
      const police = await gql(server.httpUrl, UPDATE, {
        id, input: { parties: [{ agencyId: ids.PPO }, { agencyId: ids.PPD, signatoryId: signatories.PPD, signatoryPosition: 'Director' }] },
      }, policeCoordinator);
      expect(police.errors).toBeUndefined();
      expect(police.data!.updateAgreement.parties.map((p: any) => [p.agency.code, p.signatory?.fullName ?? null]).sort()).toEqual([
        ['PPD', 'Director of the Provincial Police (demo)'], ['PPO', 'Director of the Provincial Post Office (demo)'],
      ]);
    }
    return id;
  };
  /** Runs a mutation expected to fail with `code`, and checks that no record changed. */
  const refused = async (query: string, variables: Record<string, unknown>, code: string, token = coordinator) => {
    const before = await recordsDigest(server);
    const result = await gql(server.httpUrl, query, variables, token);
    expect(result.data?.[Object.keys(result.data ?? {})[0] ?? ''] ?? null).toBeNull();
    expect(result.errors?.[0]?.extensions?.code).toBe(code);
    expect(await recordsDigest(server)).toEqual(before);
    return result.errors![0]!;
  };

  beforeAll(async () => {
    server = await startTestServer('agreements-lifecycle');
    [coordinator, branch, liaison] = await Promise.all(['coordinator', 'branch', 'liaison'].map((w) => login(server.httpUrl, `${w}@postwatch.demo`)));
    for (const code of ['PPO', 'PPD', 'PPO-EAST-01', 'PPD-EAST', 'DIC', 'VNPOST', 'PPO-CITY-01']) ids[code] = await agencyId(server, code);
    for (const code of ['PPO', 'PPD']) {
      const contacts = await gql(server.httpUrl, 'query ($a: ID) { contacts(agencyId: $a) { id position } }', { a: ids[code] }, coordinator);
      signatories[code] = contacts.data!.contacts.find((c: { position: string }) => c.position === 'Director').id;
    }
    await addAccount(server, { agencyCode: 'PPD-EAST', role: ContactRole.COORDINATOR, email: 'east.coordinator@example.test', password: 'long-enough-password' });
    outsider = await login(server.httpUrl, 'east.coordinator@example.test', 'long-enough-password');
    await addAccount(server, { agencyCode: 'PPD', role: ContactRole.COORDINATOR, email: 'police.coordinator@example.test', password: 'long-enough-password' });
    policeCoordinator = await login(server.httpUrl, 'police.coordinator@example.test', 'long-enough-password');
    const list = await gql(server.httpUrl, '{ agreements { id code } }', {}, coordinator);
    for (const a of list.data!.agreements) ids[a.code] = a.id;
  });
  afterAll(() => server?.stop());

  it('looks up the active agreement between two agencies through the agencies above them', async () => {
    const found = await gql(server.httpUrl, ACTIVE, { a: ids['PPO-EAST-01'], b: ids['PPD-EAST'] }, coordinator);
    expect(found.data!.activeAgreement).toEqual({ code: 'QC-PH-2021' });
    // The post office and the information department have no agreement.
    const none = await gql(server.httpUrl, ACTIVE, { a: ids['PPO-EAST-01'], b: ids.DIC }, coordinator);
    expect(none.data!.activeAgreement).toBeNull();
    // Two branches of the same post office are not bound to each other by it.
    const same = await gql(server.httpUrl, ACTIVE, { a: ids['PPO-EAST-01'], b: ids['PPO-CITY-01'] }, coordinator);
    expect(same.data!.activeAgreement).toBeNull();
  });

  it('refuses illegal transitions and changes nothing', async () => {
    const unsigned = await draft('T-UNSIGNED', false);
    const error = await refused(SIGN, { id: unsigned }, 'BAD_USER_INPUT');
    expect(error.message).toMatch(/No signatory for PPD, PPO|No signatory for PPO, PPD/);
    // Each side names its own signatory: the post office cannot sign for the police.
    const naming = await refused(CREATE, {
      input: { code: 'T-FOR-THEM', title: 'x', scopeAreas: ['TRAINING'], parties: [{ agencyId: ids.PPO }, { agencyId: ids.PPD, signatoryId: signatories.PPD }] },
    }, 'FORBIDDEN');
    expect(naming.message).toContain('PPD');
    const d = await draft('T-DRAFT');
    await refused(UPDATE, { id: d, input: { parties: [{ agencyId: ids.PPO }, { agencyId: ids.PPD, signatoryId: null }] } }, 'FORBIDDEN');
    await refused(SIGN, { id: d, input: { signedOn: tomorrow } }, 'BAD_USER_INPUT');
    await refused(SIGN, { id: d, input: { signedOn: '2024-03-01', effectiveOn: '2024-02-01' } }, 'BAD_USER_INPUT');
    await refused(TERMINATE, { id: d, input: { endedOn: today, reason: 'Never signed' } }, 'BAD_USER_INPUT');
    await refused(SUPERSEDE, { oldId: d, newId: ids['QC-PH-2021'] }, 'BAD_USER_INPUT');
    await refused(SUPERSEDE, { oldId: ids['290/QC-PH'], newId: d }, 'BAD_USER_INPUT');
    await refused(SUPERSEDE, { oldId: ids['QC-PH-2021'], newId: ids['QC-PH-2021'] }, 'BAD_USER_INPUT');
    await refused(SIGN, { id: ids['QC-PH-2021'] }, 'BAD_USER_INPUT');
    await refused(REVIEW, { id: d, input: { title: 'Review', heldOn: '2024-05-01', findings: 'Fine.', attendingAgencyIds: [ids.PPO] } }, 'BAD_USER_INPUT');
    await refused(SIGN, { id: d }, 'FORBIDDEN', branch);
    await refused(SIGN, { id: d }, 'FORBIDDEN', liaison);
    await refused(SIGN, { id: d }, 'FORBIDDEN', outsider);
    await refused(SIGN, { id: '00000000-0000-4000-8000-000000000000' }, 'NOT_FOUND');
    await refused(TERMINATE, { id: ids['QC-PH-2021'], input: { endedOn: '2020-01-01', reason: 'Too early' } }, 'BAD_USER_INPUT');
    await refused(TERMINATE, { id: ids['QC-PH-2021'], input: { endedOn: today, reason: '   ' } }, 'BAD_USER_INPUT');
    expect((await codeOf(d)).status).toBe('DRAFT');
  });

  it('signs a draft, puts it in the place of the regulation in force, reviews and terminates it', async () => {
    const successor = await draft('T-SUCCESSOR');
    // A successor that does not bind every party of the regulation it replaces is refused.
    const partial = await gql(server.httpUrl, CREATE, {
      input: {
        code: 'T-PARTIAL', title: 'Partial', scopeAreas: ['TRAINING'], signedOn: '2024-03-01',
        parties: [{ agencyId: ids.PPO, signatoryId: signatories.PPO }, { agencyId: ids.DIC }],
      },
    }, coordinator);
    await refused(SUPERSEDE, { oldId: ids['QC-PH-2021'], newId: partial.data!.createAgreement.id }, 'BAD_USER_INPUT');

    const replaced = await gql(server.httpUrl, SUPERSEDE, { oldId: ids['QC-PH-2021'], newId: successor }, coordinator);
    expect(replaced.errors).toBeUndefined();
    expect(replaced.data!.supersedeAgreement).toMatchObject({
      code: 'T-SUCCESSOR', status: 'ACTIVE', signedOn: '2024-03-01', effectiveOn: '2024-03-01', supersedes: { code: 'QC-PH-2021' },
    });
    expect(await codeOf(ids['QC-PH-2021'])).toMatchObject({ status: 'SUPERSEDED', endedOn: '2024-03-01', supersededBy: { code: 'T-SUCCESSOR' } });
    const active = await gql(server.httpUrl, ACTIVE, { a: ids['PPO-EAST-01'], b: ids['PPD-EAST'] }, coordinator);
    expect(active.data!.activeAgreement).toEqual({ code: 'T-SUCCESSOR' });
    await refused(SUPERSEDE, { oldId: ids['QC-PH-2021'], newId: successor }, 'BAD_USER_INPUT');

    const review = await gql(server.httpUrl, REVIEW, {
      id: successor,
      input: { title: 'First-year review', heldOn: '2025-03-01', venue: 'Provincial Police', findings: 'On track.', attendingAgencyIds: [ids.PPO, ids.PPD] },
    }, coordinator);
    expect(review.errors).toBeUndefined();
    expect(review.data!.recordAgreementReview).toMatchObject({ heldOn: '2025-03-01', agreement: { code: 'T-SUCCESSOR' } });
    expect(review.data!.recordAgreementReview.attendingAgencies.map((a: { code: string }) => a.code).sort()).toEqual(['PPD', 'PPO']);
    await refused(REVIEW, { id: successor, input: { title: 'Too early', heldOn: '2024-01-01', findings: 'x', attendingAgencyIds: [ids.PPO] } }, 'BAD_USER_INPUT');

    const terminated = await gql(server.httpUrl, TERMINATE, { id: successor, input: { endedOn: '2025-12-31', reason: 'Replaced by a national regulation' } }, coordinator);
    expect(terminated.data!.terminateAgreement).toMatchObject({ status: 'TERMINATED', endedOn: '2025-12-31', terminationReason: 'Replaced by a national regulation' });
    const none = await gql(server.httpUrl, ACTIVE, { a: ids['PPO-EAST-01'], b: ids['PPD-EAST'] }, coordinator);
    expect(none.data!.activeAgreement).toBeNull();
    await refused(TERMINATE, { id: successor, input: { endedOn: '2025-12-31', reason: 'Again' } }, 'BAD_USER_INPUT');

    const timeline = await gql(server.httpUrl, `query ($f: JointHistoryFilter) { jointHistory(first: 10, filter: $f) {
      edges { node { kind occurredAt subject { ... on Agreement { code } ... on AgreementReview { title } } } } } }`, { f: { agreementId: successor } }, coordinator);
    expect(timeline.data!.jointHistory.edges.map((e: any) => [e.node.kind, e.node.occurredAt])).toEqual([
      ['AGREEMENT_TERMINATED', '2025-12-30T17:00:00.000Z'],
      ['AGREEMENT_REVIEWED', '2025-02-28T17:00:00.000Z'],
      ['AGREEMENT_SIGNED', '2024-02-29T17:00:00.000Z'],
    ]);
  });

  it('lets exactly one of two concurrent signatures through', async () => {
    const d = await draft('T-RACE');
    const results = await Promise.all([1, 2, 3].map(() => gql(server.httpUrl, SIGN, { id: d }, coordinator)));
    expect(results.filter((r) => r.data?.signAgreement?.status === 'ACTIVE')).toHaveLength(1);
    expect(results.filter((r) => r.errors?.[0]?.extensions?.code === 'BAD_USER_INPUT')).toHaveLength(2);
  });

  it('records joint activities under an agreement in force, and refuses the rest', async () => {
    const input = {
      kind: 'DOCUMENT_DELIVERY', title: 'CCCD delivery drive', startedOn: '2020-06-01', endedOn: '2020-06-30',
      agencyIds: [ids['PPO-EAST-01'], ids.PPD], agreementId: ids['290/QC-PH'],
      documentsDelivered: [{ documentType: 'CCCD', count: 1200 }, { documentType: 'PASSPORT', count: 3 }],
    };
    const recorded = await gql(server.httpUrl, RECORD_ACTIVITY, { input }, coordinator);
    expect(recorded.errors).toBeUndefined();
    expect(recorded.data!.recordJointActivity).toMatchObject({
      kind: 'DOCUMENT_DELIVERY', endedOn: '2020-06-30', agreement: { code: '290/QC-PH' },
      documentsDelivered: [{ documentType: 'CCCD', count: 1200 }, { documentType: 'PASSPORT', count: 3 }],
    });
    // Regulation 290 ended on 2021-04-21: an activity of 2022 was not done under it.
    await refused(RECORD_ACTIVITY, { input: { ...input, startedOn: '2022-01-10', endedOn: null } }, 'BAD_USER_INPUT');
    await refused(RECORD_ACTIVITY, { input: { ...input, kind: 'TRAINING' } }, 'BAD_USER_INPUT');
    await refused(RECORD_ACTIVITY, { input: { ...input, startedOn: tomorrow, endedOn: null, agreementId: null } }, 'BAD_USER_INPUT');
    await refused(RECORD_ACTIVITY, { input: { ...input, endedOn: '2020-05-01' } }, 'BAD_USER_INPUT');
    await refused(RECORD_ACTIVITY, { input: { ...input, documentsDelivered: [{ documentType: 'CCCD', count: 1 }, { documentType: 'CCCD', count: 2 }] } }, 'BAD_USER_INPUT');
    await refused(RECORD_ACTIVITY, { input: { ...input, documentsDelivered: [{ documentType: 'CCCD', count: -1 }] } }, 'BAD_USER_INPUT');
    await refused(RECORD_ACTIVITY, { input: { ...input, agencyIds: ['00000000-0000-4000-8000-000000000000'] } }, 'BAD_USER_INPUT');
    await refused(RECORD_ACTIVITY, { input }, 'FORBIDDEN', branch);
    await refused(RECORD_ACTIVITY, { input: { ...input, agencyIds: [ids.DIC] } }, 'FORBIDDEN');
    const stats = await gql(server.httpUrl, `{ jointStatistics(groupBy: YEAR, filter: { from: "2020-01-01", to: "2020-12-31", kinds: [JOINT_ACTIVITY] }) {
      total { activities documentsDelivered { documentType count } } } }`, {}, coordinator);
    // 2020 of the demo data: 41,260 CCCD and 160 passports over 7 branches, 1 information exchange; plus this drive.
    expect(stats.data!.jointStatistics.total.activities).toBe(7 + 1 + 1);
    expect(stats.data!.jointStatistics.total.documentsDelivered).toEqual([
      { documentType: 'CMND', count: 1_424 },
      { documentType: 'CCCD', count: 41_260 + 1_200 },
      { documentType: 'PASSPORT', count: 160 + 3 },
    ]);
  });

  it('posts alerts under the agreement in force by default, and refuses one that is not', async () => {
    const east = ids['PPO-EAST-01']!;
    const byDefault = await gql(server.httpUrl, 'mutation ($input: PostAlertInput!) { postAlert(input: $input) { agreement { code } } }', { input: alertInput([east]) }, liaison);
    expect(byDefault.errors).toBeUndefined();
    // The demo regulation was superseded and its successor terminated in the tests above: only T-RACE is in force.
    expect(byDefault.data!.postAlert.agreement).toEqual({ code: 'T-RACE' });
    await refused('mutation ($input: PostAlertInput!) { postAlert(input: $input) { id } }', { input: alertInput([east], { agreementId: ids['290/QC-PH'] }) }, 'BAD_USER_INPUT', liaison);
    const alert = await postAlert(server, liaison, alertInput([east]));
    expect(alert.id).toBeTruthy();
  });

  it('keeps the successor slot for who runs the agreement, and refuses a stray claim cleanly', async () => {
    // T-RACE (PPO and PPD) is the agreement in force here.
    const inForce = ids['T-RACE'] ?? (await gql(server.httpUrl, '{ agreements(status: ACTIVE) { id code } }', {}, coordinator)).data!.agreements[0].id;
    ids['T-RACE'] = inForce;
    const planned = { code: 'T-PLANNED', title: 'Planned successor', scopeAreas: ['TRAINING'], signedOn: '2025-01-01', supersedesId: inForce };
    const parties = [{ agencyId: ids.PPO, signatoryId: signatories.PPO }, { agencyId: ids.PPD }];
    // A district police coordinator is not party to T-RACE: they may not plan its successor.
    await refused(CREATE, { input: { ...planned, parties: [{ agencyId: ids.PPO }, { agencyId: ids['PPD-EAST'] }] } }, 'FORBIDDEN', outsider);
    const claim = await gql(server.httpUrl, CREATE, { input: { ...planned, parties } }, coordinator);
    expect(claim.data!.createAgreement.supersedes).toEqual({ code: 'T-RACE' });
    // Signing a planned successor directly would leave two agreements in force.
    await refused(SIGN, { id: claim.data!.createAgreement.id }, 'BAD_USER_INPUT');
    // Another draft cannot take the place the planned one is prepared for, until that one is archived.
    const other = await draft('T-OTHER');
    const blocked = await refused(SUPERSEDE, { oldId: inForce, newId: other }, 'BAD_USER_INPUT');
    expect(blocked.message).toContain('T-PLANNED');
    await gql(server.httpUrl, 'mutation ($id: ID!) { archiveAgreement(id: $id) { id } }', { id: claim.data!.createAgreement.id }, coordinator);
    const replaced = await gql(server.httpUrl, SUPERSEDE, { oldId: inForce, newId: other }, coordinator);
    expect(replaced.data!.supersedeAgreement).toMatchObject({ code: 'T-OTHER', status: 'ACTIVE', supersedes: { code: 'T-RACE' } });
    ids['T-OTHER'] = other;
  });

  it('does not let a district coordinator bind the provincial office above them', async () => {
    await addAccount(server, { agencyCode: 'PPO-EAST', role: ContactRole.COORDINATOR, email: 'ppo.east.coordinator@example.test', password: 'long-enough-password' });
    const district = await login(server.httpUrl, 'ppo.east.coordinator@example.test', 'long-enough-password');
    const input = {
      code: 'T-DISTRICT', title: 'District agreement', scopeAreas: ['TRAINING'], signedOn: '2025-01-01',
      parties: [{ agencyId: ids.PPO }, { agencyId: ids.PPD }, { agencyId: await agencyId(server, 'PPO-EAST') }],
    };
    const error = await refused(CREATE, { input }, 'FORBIDDEN', district);
    expect(error.message).toContain('PPO');
    // Their own district and the other side is fine.
    const own = await gql(server.httpUrl, CREATE, { input: { ...input, parties: [input.parties[2], { agencyId: ids['PPD-EAST'] }] } }, district);
    expect(own.data!.createAgreement.status).toBe('DRAFT');
  });

  it('looks up only agreements in effect today, and ends one before it takes effect', async () => {
    const future = await draft('T-FUTURE');
    // The draft names its signature day (2024-03-01): signing keeps it; a day the draft leaves open may be given.
    const other = await refused(SIGN, { id: future, input: { signedOn: '2025-01-01', effectiveOn: '2199-12-31' } }, 'BAD_USER_INPUT');
    expect(other.extensions!.fields).toEqual([{ field: 'input.signedOn', message: "must be the draft's 2024-03-01 (change the draft first)" }]);
    const signed = await gql(server.httpUrl, SIGN, { id: future, input: { signedOn: '2024-03-01', effectiveOn: '2199-12-31' } }, coordinator);
    expect(signed.data!.signAgreement).toMatchObject({ status: 'ACTIVE', effectiveOn: '2199-12-31' });
    const active = await gql(server.httpUrl, ACTIVE, { a: ids['PPO-EAST-01'], b: ids['PPD-EAST'] }, coordinator);
    expect(active.data!.activeAgreement).toEqual({ code: 'T-OTHER' });
    // A successor that takes effect later cannot replace the agreement in force now (it would leave a gap).
    const later = await draft('T-LATER');
    await gql(server.httpUrl, UPDATE, { id: later, input: { effectiveOn: '2199-12-31' } }, coordinator);
    // New terms: the police name their signatory again.
    await gql(server.httpUrl, UPDATE, {
      id: later, input: { parties: [{ agencyId: ids.PPO }, { agencyId: ids.PPD, signatoryId: signatories.PPD }] },
    }, policeCoordinator);
    const gap = await refused(SUPERSEDE, { oldId: ids['T-OTHER'], newId: later }, 'BAD_USER_INPUT');
    expect(gap.message).toContain('takes effect on 2199-12-31');
    const ended = await gql(server.httpUrl, TERMINATE, { id: future, input: { endedOn: '2025-06-30', reason: 'Signed by mistake' } }, coordinator);
    expect(ended.data!.terminateAgreement).toMatchObject({ status: 'TERMINATED', endedOn: '2025-06-30' });
  });

  it('never leaves a signed agreement archived or changed by a concurrent update', async () => {
    for (let round = 0; round < 5; round++) {
      const d = await draft(`T-RACE-ARCHIVE-${round}`);
      const [signed] = await Promise.all([
        gql(server.httpUrl, SIGN, { id: d }, coordinator),
        gql(server.httpUrl, 'mutation ($id: ID!) { archiveAgreement(id: $id) { id archivedAt } }', { id: d }, coordinator),
        gql(server.httpUrl, UPDATE, { id: d, input: { parties: [{ agencyId: ids.PPO }, { agencyId: ids['PPD-EAST'] }] } }, coordinator),
      ]);
      const [row] = await server.app.orm.em.getConnection().execute<{ status: string; archived_at: Date | null; parties: string }[]>(
        `select a.status, a.archived_at, string_agg(g.code, ',' order by g.code) as parties
           from agreement a join agreement_party p on p.agreement_id = a.id join agency g on g.id = p.agency_id
          where a.id = ? group by a.id`,
        [d],
      );
      if (row!.status === 'ACTIVE') {
        expect(row!.archived_at).toBeNull();
        expect(row!.parties).toBe('PPD,PPO'); // signed as the signatories named them
        expect(signed.errors).toBeUndefined();
      } else {
        expect(signed.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      }
    }
  });

  it("does not let a district coordinator record figures for another district's branch", async () => {
    const district = await login(server.httpUrl, 'ppo.east.coordinator@example.test', 'long-enough-password');
    const input = {
      kind: 'DOCUMENT_DELIVERY', title: 'Delivery', startedOn: '2024-06-01',
      agencyIds: [ids['PPO-EAST-01'], await agencyId(server, 'PPO-WEST-01')],
      documentsDelivered: [{ documentType: 'CCCD', count: 10 }],
    };
    const error = await refused(RECORD_ACTIVITY, { input }, 'FORBIDDEN', district);
    expect(error.message).toContain('PPO-WEST-01');
    const own = await gql(server.httpUrl, RECORD_ACTIVITY, { input: { ...input, agencyIds: [ids['PPO-EAST-01'], ids['PPD-EAST']] } }, district);
    expect(own.errors).toBeUndefined();
  });

  it('does not show a planned successor as having replaced the agreement in force', async () => {
    const planned = await gql(server.httpUrl, CREATE, {
      input: { code: 'T-PLAN-2', title: 'Plan', scopeAreas: ['TRAINING'], supersedesId: ids['T-OTHER'], parties: [{ agencyId: ids.PPO }, { agencyId: ids.PPD }] },
    }, coordinator);
    expect(planned.errors).toBeUndefined();
    expect((await codeOf(ids['T-OTHER']!)).supersededBy).toBeNull();
    await gql(server.httpUrl, 'mutation ($id: ID!) { archiveAgreement(id: $id) { id } }', { id: planned.data!.createAgreement.id }, coordinator);
  });

  it("clears the other side's signatory when the terms change, and refuses an expired successor", async () => {
    const d = await draft('T-TERMS');
    const changed = await gql(server.httpUrl, UPDATE, { id: d, input: { title: 'New terms the police have not seen' } }, coordinator);
    expect(changed.data!.updateAgreement.parties.map((p: any) => [p.agency.code, p.signatory?.fullName ?? null]).sort()).toEqual([
      ['PPD', null], ['PPO', 'Director of the Provincial Post Office (demo)'],
    ]);
    const error = await refused(SIGN, { id: d }, 'BAD_USER_INPUT');
    expect(error.message).toBe('No signatory for PPD');

    const expired = await draft('T-EXPIRED');
    await gql(server.httpUrl, UPDATE, { id: expired, input: { expiresOn: '2024-06-30' } }, coordinator);
    await gql(server.httpUrl, UPDATE, {
      id: expired, input: { parties: [{ agencyId: ids.PPO }, { agencyId: ids.PPD, signatoryId: signatories.PPD }] },
    }, policeCoordinator);
    const gap = await refused(SUPERSEDE, { oldId: ids['T-OTHER'], newId: expired }, 'BAD_USER_INPUT');
    expect(gap.message).toContain('expired on 2024-06-30');
  });
});
