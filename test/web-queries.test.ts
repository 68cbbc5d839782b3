/// <reference types="vite/client" />
import 'reflect-metadata';
import { createPubSub } from '@graphql-yoga/subscription';
import { print, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { complexityOf, MAX_COMPLEXITY } from '../src/api/complexity.js';
import { buildAppSchema } from '../src/api/schema.js';
import { agencyId, alertInput, postAlert } from './helpers/fixtures.js';
import { gql, login } from './helpers/graphql.js';
import { startTestServer, type TestServer } from './helpers/server.js';

/** Every module of the web app's operations: `operations.ts` and one `operations-<page>.ts` per page that has its own. */
const modules = import.meta.glob<Record<string, unknown>>('../web/src/api/operations*.ts', { eager: true });

/** The web app's operations (not its fragments), by name. */
const webOperations = Object.values(modules)
  .flatMap((module) => Object.entries(module))
  .filter((entry): entry is [string, DocumentNode] => typeof entry[1] === 'object' && (entry[1] as DocumentNode).kind === 'Document')
  .map(([name, document]) => ({ name, document, operation: document.definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition') }))
  .filter((entry) => entry.operation !== undefined);

/** Variables as the app sends them, with the largest page it asks for; `ids` names the records. */
function variablesFor(operation: OperationDefinitionNode, ids: Record<string, string>): Record<string, unknown> {
  const samples: Record<string, unknown> = {
    first: 50,
    email: 'branch@postwatch.demo',
    password: 'postwatch-demo',
    currentPassword: 'postwatch-demo',
    newPassword: 'a new password of the demo',
    outcome: 'RECEIVED',
    trackingNumber: 'RR123456785VN',
    method: 'TYPED',
    reason: 'Cancelled in a test',
    groupBy: 'YEAR',
    includeArchived: true,
    newId: ids.agreementId,
    oldId: ids.agreementId,
    input: alertInput([ids.branchId!]),
    ...ids,
  };
  // Inputs other than the alert's, by their type.
  const inputSamples: Record<string, unknown> = {
    UpdateAlertInput: { headline: 'New headline' },
    CreateAgencyInput: { code: 'PPO-EAST-09', name: 'A new branch', sector: 'POSTAL', level: 'BRANCH', parentId: ids.agencyId },
    UpdateAgencyInput: { name: 'A new name' },
    CreateContactInput: { agencyId: ids.agencyId, fullName: 'A new contact', position: 'Counter clerk' },
    UpdateContactInput: { active: true },
    CreateAgreementInput: { code: 'T-1', title: 'Test', scopeAreas: ['TRAINING'], parties: [{ agencyId: ids.branchId }, { agencyId: ids.branchId }] },
    UpdateAgreementInput: { title: 'Test' },
    SignAgreementInput: {},
    TerminateAgreementInput: { endedOn: '2024-01-01', reason: 'Test' },
    AgreementReviewInput: { title: 'Test', heldOn: '2024-01-01', findings: 'Test', attendingAgencyIds: [ids.branchId] },
  };
  const values: Record<string, unknown> = {};
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    const type = definition.type.kind === 'NonNullType' ? definition.type.type : definition.type;
    values[name] = type.kind === 'NamedType' && type.name.value in inputSamples ? inputSamples[type.name.value] : samples[name] ?? null;
  }
  return values;
}

describe('the web app\'s own operations against the server\'s limits', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('web_queries');
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('finds the operations the app sends', () => {
    const names = webOperations.map((o) => o.operation!.name?.value);
    expect(names).toEqual(expect.arrayContaining(['Login', 'BranchFeed', 'AlertPosted', 'Acknowledge', 'PostAlert', 'AlertBoard', 'AlertAcknowledged', 'ChangePassword', 'ShipmentCheck', 'AlertSighted']));
  });

  let ids: Record<string, string>;
  beforeAll(async () => {
    const branch = await agencyId(server, 'PPO-EAST-01');
    const liaison = await login(server.httpUrl, 'liaison@postwatch.demo');
    const alert = await postAlert(server, liaison, alertInput([branch]));
    const coordinator = await login(server.httpUrl, 'coordinator@postwatch.demo');
    const history = await gql(server.httpUrl, '{ jointHistory(first: 1, filter: { kinds: [JOINT_ACTIVITY] }) { edges { node { subject { ... on JointActivity { id } } } } } }', {}, coordinator);
    const agreements = await gql(server.httpUrl, '{ agreements { id } }', {}, coordinator);
    ids = {
      branchId: branch,
      agencyId: branch,
      id: alert.id,
      alertId: alert.id,
      activityId: history.data!.jointHistory.edges[0].node.subject.id,
      agreementId: agreements.data!.agreements[0].id,
    };
  });

  it('prices each at most a third of the limit, with the page sizes the app uses', async () => {
    const schema = await buildAppSchema(createPubSub());
    const costs = Object.fromEntries(
      webOperations.map(({ name, document, operation }) => [name, complexityOf(schema, document, variablesFor(operation!, ids), operation!.name?.value)]),
    );
    for (const [name, cost] of Object.entries(costs)) expect(cost, name).toBeLessThanOrEqual(MAX_COMPLEXITY / 3);
  });

  it('sends each query over HTTP and gets past every limit (parse, validation, depth, cost)', async () => {
    // As a coordinator, the role that may open every page of the app.
    const coordinator = await login(server.httpUrl, 'coordinator@postwatch.demo');
    for (const { name, document, operation } of webOperations) {
      if (operation!.operation !== 'query') continue;
      const result = await gql(server.httpUrl, print(document), variablesFor(operation!, ids), coordinator);
      const codes = (result.errors ?? []).map((e: { extensions?: { code?: string } }) => e.extensions?.code);
      expect(codes, name).toEqual([]);
    }
  });
});
