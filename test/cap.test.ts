import { readFileSync } from 'node:fs';
import { XMLParser } from 'fast-xml-parser';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { ContactRole } from '../src/platform/contact-role.js';
import { CAP_1_2_XSD } from '../src/modules/cap/cap-v1.2.xsd.js';
import { addAccount, agencyId, alertInput, alertTableCounts, postAlert, recordsDigest } from './helpers/fixtures.js';
import { collect, gql, login, wsClient } from './helpers/graphql.js';
import { startTestServer, waitForSubscribers, type TestServer } from './helpers/server.js';

/** The official OASIS CAP 1.2 schema, copied from the standard (not the copy the server carries). */
const CAP_XSD = readFileSync(new URL('./fixtures/CAP-v1.2.xsd', import.meta.url), 'utf8');

/** Validates `xml` against the fixture copy of the CAP 1.2 schema. */
async function validateAgainstCap(xml: string) {
  return validateXML({ xml: [{ fileName: 'export.xml', contents: xml }], schema: [{ fileName: 'CAP-v1.2.xsd', contents: CAP_XSD }] });
}

const reader = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  isArray: (name) => ['info', 'category', 'parameter', 'area', 'geocode'].includes(name),
});

/** The `alert` element of a CAP document, as plain objects. */
function capOf(xml: string): Record<string, any> {
  return reader.parse(xml).alert;
}

/**
 * `iso` (an instant) as the wall-clock time in Asia/Ho_Chi_Minh with a `+07:00` offset, to the second, worked
 * out with the time-zone database rather than by adding hours.
 */
function provinceTime(iso: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Asia/Ho_Chi_Minh', hourCycle: 'h23',
      year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    }).formatToParts(new Date(iso)).map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}+07:00`;
}

const ALERT_FIELDS = `
  id identifier sent msgType status event headline description instruction urgency severity certainty tlp
  suspicionReason expires active
  shipment { trackingNumber declaredContents origin destination senderDescription recipientDescription }
  targets { code name }
  issuerAgency { code name }
  references { id }
  capXml`;
const ALERT = `query ($id: ID!) { alert(id: $id) { ${ALERT_FIELDS} } }`;
const UPDATE = `mutation ($id: ID!, $input: UpdateAlertInput!) { updateAlert(id: $id, input: $input) { ${ALERT_FIELDS} } }`;
const CANCEL = `mutation ($id: ID!, $reason: String!) { cancelAlert(id: $id, reason: $reason) { ${ALERT_FIELDS} } }`;
const IMPORT = `mutation ($xml: String!, $targetIds: [ID!], $expires: DateTimeISO) { importCapAlert(xml: $xml, targetIds: $targetIds, expires: $expires) { alert { ${ALERT_FIELDS} } warnings } }`;

/** The sender every message of the Provincial Police (code PPD) carries. */
const PPD_SENDER = 'PPD@postwatch.invalid';

describe('CAP 1.2 exchange', () => {
  let server: TestServer;
  let ids: Record<string, string>;
  let tokens: Record<'liaison' | 'east' | 'west', string>;
  let baseUrl: string;

  const readAlert = async (id: string, token = tokens.liaison) => {
    const result = await gql(server.httpUrl, ALERT, { id }, token);
    if (!result.data?.alert) throw new Error(`alert ${id}: ${JSON.stringify(result.errors)}`);
    return result.data.alert as Record<string, any>;
  };
  /** Imports `xml`; the answer's alert fields are lifted to `importCapAlert`, beside its `warnings`. */
  const importCap = async (xml: string, token = tokens.liaison, options: { targetIds?: string[]; expires?: string } = {}) => {
    const result = await gql(server.httpUrl, IMPORT, { xml, ...options }, token);
    const answer = result.data?.importCapAlert;
    if (answer) result.data!.importCapAlert = { ...answer.alert, warnings: answer.warnings };
    return result;
  };
  const getCap = (id: string, token?: string) =>
    fetch(`${baseUrl}/cap/alerts/${id}.xml`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

  beforeAll(async () => {
    // No periodic delivery poll during the statement count below.
    server = await startTestServer('cap', { DELIVERY_POLL_MS: '60000' });
    baseUrl = server.httpUrl.replace(/\/graphql$/, '');
    await addAccount(server, {
      agencyCode: 'PPO-WEST-01', role: ContactRole.BRANCH_OPERATOR, email: 'west-cap@postwatch.test', password: 'west-password',
    });
    ids = Object.fromEntries(
      await Promise.all(['PPO', 'PPO-EAST', 'PPO-EAST-01', 'PPO-CITY-01', 'PPO-WEST-01'].map(async (code) => [code, await agencyId(server, code)])),
    );
    tokens = {
      liaison: await login(server.httpUrl, 'liaison@postwatch.demo'),
      east: await login(server.httpUrl, 'branch@postwatch.demo'),
      west: await login(server.httpUrl, 'west-cap@postwatch.test', 'west-password'),
    };
  });

  afterAll(() => server?.stop());

  it('carries the official CAP 1.2 schema at run time', () => {
    expect(CAP_1_2_XSD).toBe(CAP_XSD);
  });

  describe('export', () => {
    it('writes an Alert as CAP 1.2 that validates, with province time, TLP restriction, parameters and one area per target', async () => {
      const expires = new Date(Date.now() + 3 * 86_400_000).toISOString();
      const posted = await postAlert(server, tokens.liaison, alertInput([ids['PPO-EAST']!, ids['PPO-CITY-01']!], { expires }));
      const alert = await readAlert(posted.id);

      const validation = await validateAgainstCap(alert.capXml);
      expect(validation.errors).toEqual([]);
      expect(validation.valid).toBe(true);

      const cap = capOf(alert.capXml);
      expect(alert.capXml).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>/);
      expect(cap['@xmlns']).toBe('urn:oasis:names:tc:emergency:cap:1.2');
      expect(cap.identifier).toBe(posted.identifier);
      expect(cap.sender).toBe(PPD_SENDER);
      expect(cap.sent).toBe(provinceTime(posted.sent));
      expect(cap.sent).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00$/);
      expect(alert.capXml).not.toMatch(/\d\dZ</);
      expect(cap.status).toBe('Actual');
      expect(cap.msgType).toBe('Alert');
      expect(cap.scope).toBe('Restricted');
      expect(cap.restriction).toMatch(/^TLP:AMBER: /);
      expect(cap.references).toBeUndefined();
      expect(cap.info).toHaveLength(1);
      const [info] = cap.info;
      expect(info).toMatchObject({
        category: ['Security'],
        event: 'Suspicious shipment',
        urgency: 'Immediate',
        severity: 'Severe',
        certainty: 'Likely',
        expires: provinceTime(expires),
        senderName: 'Provincial Police (Công an tỉnh)',
        headline: 'Parcel suspected to contain narcotics',
        description: 'Parcel declared as dried tea; the sender used a false address twice this month.',
        instruction: 'Hold the item and call the provincial police duty officer.',
      });
      expect(info.parameter).toEqual([
        { valueName: 'postwatch:tlp', value: 'TLP:AMBER' },
        { valueName: 'postwatch:suspicionReason', value: 'NARCOTICS' },
        { valueName: 'postwatch:shipment:trackingNumber', value: 'RR123456785VN' },
        { valueName: 'postwatch:shipment:declaredContents', value: 'Dried tea, 2 kg' },
        { valueName: 'postwatch:shipment:origin', value: 'City Post Office counter' },
        { valueName: 'postwatch:shipment:destination', value: 'East Town' },
        { valueName: 'postwatch:shipment:senderDescription', value: 'Walk-in customer, no ID shown' },
        { valueName: 'postwatch:shipment:recipientDescription', value: 'Name matches an earlier seizure' },
      ]);
      expect(info.area).toEqual([
        { areaDesc: 'Central Branch (Bưu cục Trung tâm)', geocode: [{ valueName: 'postwatch:agencyCode', value: 'PPO-CITY-01' }] },
        { areaDesc: 'East District Post Office (Bưu điện huyện Đông)', geocode: [{ valueName: 'postwatch:agencyCode', value: 'PPO-EAST' }] },
      ]);
    });

    it('writes an Update and a Cancel that reference the version they replace as sender,identifier,sent', async () => {
      const first = await postAlert(server, tokens.liaison, alertInput([ids['PPO-EAST-01']!], { tlp: 'RED', shipment: null, instruction: null }));
      const updated = await gql(server.httpUrl, UPDATE, { id: first.id, input: { severity: 'EXTREME', tlp: 'GREEN' } }, tokens.liaison);
      const update = updated.data!.updateAlert;
      const cancelled = await gql(server.httpUrl, CANCEL, { id: update.id, reason: 'The parcel was cleared by customs.' }, tokens.liaison);
      const cancel = cancelled.data!.cancelAlert;

      for (const xml of [update.capXml, cancel.capXml]) {
        const validation = await validateAgainstCap(xml);
        expect(validation.errors).toEqual([]);
        expect(validation.valid).toBe(true);
      }
      const updateCap = capOf(update.capXml);
      expect(updateCap).toMatchObject({
        identifier: update.identifier,
        sender: PPD_SENDER,
        sent: provinceTime(update.sent),
        msgType: 'Update',
        references: `${PPD_SENDER},${first.identifier},${provinceTime(first.sent)}`,
      });
      expect(updateCap.restriction).toMatch(/^TLP:GREEN: /);
      expect(updateCap.info[0]).toMatchObject({ severity: 'Extreme' });
      // No shipment and no instruction: neither element nor parameters.
      expect(updateCap.info[0].instruction).toBeUndefined();
      expect(updateCap.info[0].parameter).toEqual([
        { valueName: 'postwatch:tlp', value: 'TLP:GREEN' },
        { valueName: 'postwatch:suspicionReason', value: 'NARCOTICS' },
      ]);

      const cancelCap = capOf(cancel.capXml);
      expect(cancelCap).toMatchObject({
        identifier: cancel.identifier,
        sent: provinceTime(cancel.sent),
        msgType: 'Cancel',
        references: `${PPD_SENDER},${update.identifier},${provinceTime(update.sent)}`,
      });
      expect(cancelCap.info[0]).toMatchObject({ description: 'The parcel was cleared by customs.' });
      expect(cancelCap.info[0].area).toEqual([
        { areaDesc: 'East Town Branch (Bưu cục Thị trấn Đông)', geocode: [{ valueName: 'postwatch:agencyCode', value: 'PPO-EAST-01' }] },
      ]);
    });

    it('escapes markup in the text and replaces characters XML cannot carry', async () => {
      const posted = await postAlert(server, tokens.liaison, alertInput([ids['PPO-EAST-01']!], {
        headline: 'Box <B&C> "urgent" \'now\' ]]>',
        description: 'Line one\nline two\u000Bwith a vertical tab',
      }));
      const { capXml } = await readAlert(posted.id);
      const validation = await validateAgainstCap(capXml);
      expect(validation.errors).toEqual([]);
      const info = capOf(capXml).info[0];
      expect(info.headline).toBe('Box <B&C> "urgent" \'now\' ]]>');
      expect(info.description).toBe('Line one\nline two\uFFFDwith a vertical tab');
    });

    it('gives the CAP XML of an alert delivered live over WebSocket', async () => {
      const client = wsClient(server.wsUrl, tokens.east);
      try {
        const live = collect(client, 'subscription ($b: ID!) { alertPosted(branchId: $b) { id identifier capXml } }', { b: ids['PPO-EAST-01'] });
        await waitForSubscribers(server, ids['PPO-EAST-01']!, 1);
        const posted = await postAlert(server, tokens.liaison, alertInput([ids['PPO-EAST-01']!], { headline: 'Live CAP' }));
        const [received] = await live.waitFor(1);
        expect(live.errors).toEqual([]);
        expect(received!.alertPosted.id).toBe(posted.id);
        expect(received!.alertPosted.capXml).toBe((await readAlert(posted.id, tokens.east)).capXml);
        expect((await validateAgainstCap(received!.alertPosted.capXml)).valid).toBe(true);
        live.dispose();
        await waitForSubscribers(server, ids['PPO-EAST-01']!, 0);
      } finally {
        await client.dispose();
      }
    });

    it('answers capXml for a list of alerts with a fixed number of statements, however many alerts', async () => {
      for (let i = 0; i < 4; i++) {
        const posted = await postAlert(server, tokens.liaison, alertInput([ids['PPO-EAST']!, ids['PPO-WEST-01']!], { headline: `Batch ${i}` }));
        const updated = await gql(server.httpUrl, UPDATE, { id: posted.id, input: { severity: 'MINOR' } }, tokens.liaison);
        await gql(server.httpUrl, CANCEL, { id: updated.data!.updateAlert.id, reason: 'Cleared.' }, tokens.liaison);
      }
      await new Promise((resolve) => setTimeout(resolve, 300)); // let the delivery reads of the posts finish
      // Updates only: the versions they reference are not among the alerts listed, so they are loaded too.
      const query = 'query ($first: Int!) { alerts(first: $first, filter: { msgTypes: [UPDATE] }) { edges { node { msgType capXml } } } }';
      const statementsFor = async (first: number) => {
        const statements: string[] = [];
        const original = pg.Client.prototype.query;
        pg.Client.prototype.query = function (this: pg.Client, ...args: any[]) {
          const text = typeof args[0] === 'string' ? args[0] : args[0]?.text;
          if (typeof text === 'string') statements.push(text);
          return (original as any).apply(this, args);
        } as typeof original;
        try {
          const result = await gql(server.httpUrl, query, { first }, tokens.liaison);
          const nodes = result.data!.alerts.edges.map((edge: any) => edge.node);
          expect(nodes).toHaveLength(first);
          for (const node of nodes) expect(capOf(node.capXml).references).toMatch(/^PPD@postwatch\.invalid,PW-\d{4}-\d{6,},\S+\+07:00$/);
          return statements.filter((text) => !/delivery_counter|delivery_seq > /.test(text));
        } finally {
          pg.Client.prototype.query = original;
        }
      };
      const few = await statementsFor(1);
      const many = await statementsFor(4);
      expect(few.length).toBeGreaterThan(0);
      expect(many.length).toBe(few.length);
    });
  });

  describe('GET /cap/alerts/:id.xml', () => {
    let alert: Record<string, any>;

    beforeAll(async () => {
      const posted = await postAlert(server, tokens.liaison, alertInput([ids['PPO-EAST-01']!], { headline: 'For the GET route' }));
      alert = await readAlert(posted.id, tokens.east);
    });

    it('answers the same CAP XML as the capXml field, as application/cap+xml', async () => {
      for (const token of [tokens.east, tokens.liaison]) {
        const response = await getCap(alert.id, token);
        expect(response.status).toBe(200);
        expect(response.headers.get('content-type')).toBe('application/cap+xml; charset=utf-8');
        expect(await response.text()).toBe(alert.capXml);
      }
    });

    it('answers 401 without a token and with a bad one', async () => {
      for (const token of [undefined, 'not-a-token']) {
        const response = await getCap(alert.id, token);
        expect(response.status).toBe(401);
        expect(response.headers.get('www-authenticate')).toBe('Bearer');
        expect(((await response.json()) as any).errors[0].extensions.code).toBe('UNAUTHENTICATED');
      }
    });

    it("answers 404 to another branch's operator, as for an alert that does not exist", async () => {
      const hidden = await getCap(alert.id, tokens.west);
      expect(hidden.status).toBe(404);
      const hiddenBody = (await hidden.json()) as any;
      expect(hiddenBody.errors[0].extensions.code).toBe('NOT_FOUND');
      expect(hiddenBody.errors[0].message).toBe(`Alert ${alert.id} not found`);
      const missingId = '00000000-0000-4000-8000-000000000000';
      const missing = await getCap(missingId, tokens.east);
      expect(missing.status).toBe(404);
      expect(((await missing.json()) as any).errors[0].message).toBe(`Alert ${missingId} not found`);
      expect((await getCap('not-an-id', tokens.east)).status).toBe(400);
    });
  });

  describe('import', () => {
    it('imports an exported Alert as a new alert with the same content, which the target branch sees', async () => {
      const expires = new Date(Date.now() + 2 * 86_400_000);
      expires.setUTCMilliseconds(0);
      const original = await postAlert(server, tokens.liaison, alertInput([ids['PPO-EAST-01']!, ids['PPO-CITY-01']!], {
        severity: 'EXTREME', urgency: 'EXPECTED', certainty: 'OBSERVED', tlp: 'AMBER_STRICT', suspicionReason: 'WEAPONS',
        event: 'Weapons in the post', expires: expires.toISOString(),
      }));
      const { capXml } = await readAlert(original.id);
      const imported = await importCap(capXml);
      expect(imported.errors).toBeUndefined();
      const copy = imported.data!.importCapAlert;

      expect(copy.id).not.toBe(original.id);
      expect(copy.identifier).not.toBe(original.identifier);
      expect(copy.identifier).toMatch(/^PW-\d{4}-\d{6,}$/);
      expect(copy).toMatchObject({
        msgType: 'ALERT',
        status: 'ACTUAL',
        event: 'Weapons in the post',
        headline: original.headline,
        description: original.description,
        instruction: original.instruction,
        urgency: 'EXPECTED',
        severity: 'EXTREME',
        certainty: 'OBSERVED',
        tlp: 'AMBER_STRICT',
        suspicionReason: 'WEAPONS',
        expires: expires.toISOString(),
        shipment: original.shipment,
        issuerAgency: { code: 'PPD' },
        references: null,
        active: true,
      });
      expect(copy.targets.map((t: any) => t.code).sort()).toEqual(['PPO-CITY-01', 'PPO-EAST-01']);
      expect((await validateAgainstCap(copy.capXml)).valid).toBe(true);

      const seen = await gql(server.httpUrl, '{ alerts(first: 5) { edges { node { id headline } } } }', {}, tokens.east);
      expect(seen.data!.alerts.edges.map((edge: any) => edge.node.id)).toContain(copy.id);
      expect((await getCap(copy.id, tokens.east)).status).toBe(200);
      expect((await getCap(copy.id, tokens.west)).status).toBe(404);
    });

    it('reads a CAP document whose elements carry a namespace prefix, as other systems write them', async () => {
      const original = await postAlert(server, tokens.liaison, alertInput([ids['PPO-EAST-01']!], { headline: 'Prefixed CAP', shipment: null }));
      const exported = (await readAlert(original.id)).capXml as string;
      const prefixed = exported
        .replace('<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">', '<cap:alert xmlns:cap="urn:oasis:names:tc:emergency:cap:1.2">')
        .replace(/<(\/?)([A-Za-z]+)>/g, '<$1cap:$2>');
      expect(prefixed).toContain('<cap:headline>Prefixed CAP</cap:headline>');
      const imported = await importCap(prefixed);
      expect(imported.errors).toBeUndefined();
      expect(imported.data!.importCapAlert).toMatchObject({
        msgType: 'ALERT', headline: 'Prefixed CAP', shipment: null, suspicionReason: 'NARCOTICS', tlp: 'AMBER',
        targets: [{ code: 'PPO-EAST-01', name: 'East Town Branch (Bưu cục Thị trấn Đông)' }],
      });
    });

    it('applies an Update and a Cancel that reference the current version of a Postwatch alert', async () => {
      const original = await postAlert(server, tokens.liaison, alertInput([ids['PPO-EAST-01']!], { headline: 'To be updated by CAP' }));
      const exported = (await readAlert(original.id)).capXml as string;
      const reference = `${PPD_SENDER},${original.identifier},${provinceTime(original.sent)}`;
      const updateXml = exported
        .replace('<msgType>Alert</msgType>', '<msgType>Update</msgType>')
        .replace(`<identifier>${original.identifier}</identifier>`, '<identifier>EXT-UPDATE-1</identifier>')
        .replace('</restriction>', `</restriction>\n  <references>${reference}</references>`)
        .replace('<headline>To be updated by CAP</headline>', '<headline>Updated through CAP</headline>')
        .replace('<severity>Severe</severity>', '<severity>Moderate</severity>');
      const updated = await importCap(updateXml);
      expect(updated.errors).toBeUndefined();
      expect(updated.data!.importCapAlert).toMatchObject({
        msgType: 'UPDATE', headline: 'Updated through CAP', severity: 'MODERATE', references: { id: original.id },
        shipment: original.shipment, targets: [{ code: 'PPO-EAST-01', name: 'East Town Branch (Bưu cục Thị trấn Đông)' }],
      });
      const update = updated.data!.importCapAlert;

      // The same document imported again gives back the same message and posts nothing.
      const before = await recordsDigest(server);
      const again = await importCap(updateXml);
      expect(again.data!.importCapAlert.id).toBe(update.id);
      expect(await recordsDigest(server)).toEqual(before);

      // Another document referring to the replaced version is refused, and changes nothing.
      const stale = await importCap(updateXml.replace('Updated through CAP', 'Updated twice').replace('EXT-UPDATE-1', 'EXT-UPDATE-2'));
      expect(stale.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
      expect(stale.errors![0]!.message).toMatch(/replaced by a later message/);
      expect(await recordsDigest(server)).toEqual(before);

      const cancelXml = (update.capXml as string)
        .replace('<msgType>Update</msgType>', '<msgType>Cancel</msgType>')
        .replace(/<references>[^<]*<\/references>/, `<references>${PPD_SENDER},${update.identifier},${provinceTime(update.sent)}</references>`)
        .replace(/<description>[^<]*<\/description>/, '<description>Withdrawn by the issuing unit.</description>');
      const cancelled = await importCap(cancelXml);
      expect(cancelled.errors).toBeUndefined();
      expect(cancelled.data!.importCapAlert).toMatchObject({
        msgType: 'CANCEL', description: 'Withdrawn by the issuing unit.', references: { id: update.id }, active: false,
      });
      expect((await readAlert(update.id)).active).toBe(false);
    });

    describe('refusals change nothing', () => {
      let exported: string;

      beforeAll(async () => {
        const posted = await postAlert(server, tokens.liaison, alertInput([ids['PPO-EAST']!]));
        exported = (await readAlert(posted.id)).capXml;
      });

      const refused = async (xml: string, token = tokens.liaison) => {
        const counts = await alertTableCounts(server);
        const digest = await recordsDigest(server);
        const result = await importCap(xml, token);
        expect(result.data).toBeNull();
        expect(await alertTableCounts(server)).toEqual(counts);
        expect(await recordsDigest(server)).toEqual(digest);
        const [error] = result.errors!;
        expect(error!.extensions).not.toHaveProperty('stacktrace');
        expect(error!.message).not.toMatch(/\n\s+at /);
        return error!;
      };

      it('refuses XML that is not well-formed, quoting xmllint', async () => {
        const error = await refused(exported.replace('</headline>', '</headlin>'));
        expect(error.extensions!.code).toBe('BAD_USER_INPUT');
        expect(error.message).toMatch(/^The document is not a valid CAP 1\.2 alert: line \d+: parser error : .*headline/);
      });

      it('refuses XML that is not CAP', async () => {
        const error = await refused('<?xml version="1.0" encoding="UTF-8"?>\n<note><to>Branch</to><body>Hold it</body></note>');
        expect(error.extensions!.code).toBe('BAD_USER_INPUT');
        expect(error.message).toMatch(/line 2: .*Element 'note': No matching global declaration available for the validation root/);
      });

      it('refuses CAP that breaks the schema, e.g. a sent time in Z', async () => {
        const error = await refused(exported.replace(/<sent>([^<]*)\+07:00<\/sent>/, '<sent>$1Z</sent>'));
        expect(error.extensions!.code).toBe('BAD_USER_INPUT');
        expect(error.message).toMatch(/Element '\{urn:oasis:names:tc:emergency:cap:1\.2\}sent'/);
      });

      it('refuses a DOCTYPE with an entity', async () => {
        const xml = exported
          .replace('<?xml version="1.0" encoding="UTF-8"?>', '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE alert [<!ENTITY boom "boom boom boom">]>')
          .replace(/<headline>[^<]*<\/headline>/, '<headline>&boom;</headline>');
        const error = await refused(xml);
        expect(error.extensions!.code).toBe('BAD_USER_INPUT');
        expect(error.message).toBe('The CAP document must not contain a DOCTYPE or entity declarations');
      });

      it('refuses a document over 256 KiB', async () => {
        const error = await refused(exported.replace('<alert ', `<!-- ${'x'.repeat(256 * 1024)} -->\n<alert `));
        expect(error.extensions!.code).toBe('BAD_USER_INPUT');
        expect(error.message).toMatch(/at most 262144 bytes/);
      });

      it('refuses an identifier or sender over 255 characters, or holding a comma or a space', async () => {
        const identifier = /<identifier>([^<]+)<\/identifier>/.exec(exported)![1]!;
        for (const [xml, field] of [
          [exported.replace(`<identifier>${identifier}</identifier>`, `<identifier>${'i'.repeat(256)}</identifier>`), 'identifier'],
          [exported.replace(`<identifier>${identifier}</identifier>`, '<identifier>A,B</identifier>'), 'identifier'],
          [exported.replace('<sender>PPD@postwatch.invalid</sender>', `<sender>${'s'.repeat(256)}</sender>`), 'sender'],
        ] as const) {
          const error = await refused(xml);
          expect(error.extensions!.code).toBe('BAD_USER_INPUT');
          expect((error.extensions!.fields as { field: string }[]).map((f) => f.field)).toContain(field);
        }
      });

      it('refuses an unknown target agency code, naming it', async () => {
        const error = await refused(
          exported.replace(
            '<value>PPO-EAST</value>',
            '<value>PPO-NOWHERE-01</value>\n      </geocode>\n    </area>\n    <area>\n      <areaDesc>Elsewhere</areaDesc>\n      <geocode>\n        <valueName>postwatch:agencyCode</valueName>\n        <value>PPO-EAST</value>',
          ),
        );
        expect(error.extensions!.code).toBe('BAD_USER_INPUT');
        expect(error.message).toContain('Unknown or archived target agency codes: PPO-NOWHERE-01');
        expect(error.extensions!.fields).toEqual([
          { field: 'info/area/geocode[postwatch:agencyCode]', message: 'Unknown or archived target agency codes: PPO-NOWHERE-01' },
        ]);
      });

      it('refuses what postAlert refuses: a wrong S10 check digit, an over-long headline', async () => {
        const badS10 = await refused(exported.replace('<value>RR123456785VN</value>', '<value>EB123456789VN</value>'));
        expect(badS10.extensions!.code).toBe('BAD_USER_INPUT');
        expect(badS10.message).toMatch(/info\/parameter\[postwatch:shipment:trackingNumber\]: EB123456789VN: check digit/);
        const long = await refused(exported.replace(/<headline>[^<]*<\/headline>/, `<headline>${'H'.repeat(161)}</headline>`));
        expect(long.message).toBe('The CAP alert does not fit a Postwatch alert: info/headline: must be at most 160 characters');
      });

      it('refuses msgType Ack, and an Update that names no Postwatch message', async () => {
        const ack = await refused(exported.replace('<msgType>Alert</msgType>', '<msgType>Ack</msgType>'));
        expect(ack.extensions!.code).toBe('BAD_USER_INPUT');
        expect(ack.message).toMatch(/msgType Ack cannot be imported/);
        const foreign = await refused(
          exported
            .replace('<msgType>Alert</msgType>', '<msgType>Update</msgType>')
            .replace('</restriction>', '</restriction>\n  <references>ops@police.example,ABC-1,2026-01-01T00:00:00-00:00</references>'),
        );
        expect(foreign.message).toMatch(/can be imported only for a Postwatch alert/);
      });

      it('refuses a branch operator (FORBIDDEN)', async () => {
        const error = await refused(exported, tokens.east);
        expect(error.extensions!.code).toBe('FORBIDDEN');
      });

      it('refuses elements of another namespace, which the schema lets through unchecked', async () => {
        const signed = exported.replace(
          '</alert>',
          '<ds:info xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:urgency>Bogus</ds:urgency></ds:info>\n</alert>',
        );
        const error = await refused(signed);
        expect(error.extensions!.code).toBe('BAD_USER_INPUT');
        expect(error.message).toContain('"http://www.w3.org/2000/09/xmldsig#"');
        // A '>' inside an attribute value must not hide the declaration; nor may a prefix bound on an ancestor.
        const hidden = exported.replace(
          '</alert>',
          '<ds:info note=">" xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:headline>x</ds:headline></ds:info>\n</alert>',
        );
        expect((await refused(hidden)).message).toContain('"http://www.w3.org/2000/09/xmldsig#"');
        const inherited = exported
          .replace('<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"', '<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2" xmlns:ds="http://www.w3.org/2000/09/xmldsig#"')
          .replace('</alert>', '<ds:info><ds:headline>x</ds:headline></ds:info>\n</alert>');
        expect(inherited).toContain('xmlns:ds=');
        expect((await refused(inherited)).message).toContain('"http://www.w3.org/2000/09/xmldsig#"');
        // A namespace name with spaces is reported without a made-up line number.
        const padded = exported.replace('</alert>', '<ds:x xmlns:ds=" http://www.w3.org/2000/09/xmldsig# "/>\n</alert>');
        expect((await refused(padded)).message).not.toContain('NaN');
      });

      it('refuses an expiry beyond what can be stored', async () => {
        // CAP orders expires before senderName; the schema accepts year 9999 with a negative offset (10000 in UTC).
        const error = await refused(exported.replace('<senderName>', '<expires>9999-12-31T23:59:59-12:00</expires>\n    <senderName>'));
        expect(error.extensions!.code).toBe('BAD_USER_INPUT');
        expect(error.message).toBe('expires must be before 2200');
      });
    });

    it('imports a document once, even when it is sent five times at once', async () => {
      const posted = await postAlert(server, tokens.liaison, alertInput([ids['PPO-EAST']!], { headline: 'Imported once' }));
      const exported = ((await readAlert(posted.id)).capXml as string).replace(`<identifier>${posted.identifier}</identifier>`, '<identifier>EXT-ONCE-1</identifier>');
      const before = await alertTableCounts(server);
      const results = await Promise.all([1, 2, 3, 4, 5].map(() => importCap(exported)));
      for (const result of results) expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
      const alertIds = new Set(results.map((result) => result.data!.importCapAlert.id));
      expect(alertIds.size).toBe(1);
      expect((await alertTableCounts(server)).security_alert).toBe(before.security_alert + 1);
    });

    it('checks a document in full before matching its identifier, and refuses other content under a known one', async () => {
      const posted = await postAlert(server, tokens.liaison, alertInput([ids['PPO-EAST']!], { headline: 'Imported then changed' }));
      const exported = ((await readAlert(posted.id)).capXml as string).replace(`<identifier>${posted.identifier}</identifier>`, '<identifier>EXT-CHANGED-1</identifier>');
      const first = await importCap(exported);
      expect(first.errors).toBeUndefined();
      const before = await alertTableCounts(server);
      // The same identifier, now as an Ack, with a wrong S10 check digit, or with another headline: refused, nothing stored.
      const ack = await importCap(exported.replace('<msgType>Alert</msgType>', '<msgType>Ack</msgType>'));
      expect(ack.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
      expect(ack.errors![0]!.message).toMatch(/msgType Ack/);
      const badS10 = await importCap(exported.replace(/RR123456785VN/g, 'RR123456789VN'));
      expect(badS10.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
      expect(badS10.errors![0]!.message).toMatch(/check digit|S10/i);
      const changed = await importCap(exported.replace('Imported then changed', 'Something else entirely'));
      expect(changed.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
      expect(changed.errors![0]!.message).toMatch(/different document with identifier EXT-CHANGED-1/);
      expect(await alertTableCounts(server)).toEqual(before);
      // The very same document still gives back the message it produced.
      const again = await importCap(exported);
      expect(again.data!.importCapAlert.id).toBe(first.data!.importCapAlert.id);
    });

    /** A neighbouring province's alert: two languages, no Postwatch geocodes, its own names for the shipment and reason. */
    const foreignAlert = (trackingNumber: string, expires: string) => `<?xml version="1.0" encoding="UTF-8"?>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
  <identifier>LG-2026-0042</identifier>
  <sender>canhbao@congan.langgieng.example</sender>
  <sent>2026-12-01T08:00:00+07:00</sent>
  <status>Actual</status>
  <msgType>Alert</msgType>
  <scope>Restricted</scope>
  <restriction>Law enforcement and postal operators</restriction>
  <info>
    <language>en-US</language>
    <category>Security</category>
    <event>Suspicious parcel</event>
    <urgency>Immediate</urgency>
    <severity>Severe</severity>
    <certainty>Likely</certainty>
    <eventCode><valueName>reason</valueName><value>drugs</value></eventCode>
    <expires>${expires}</expires>
    <headline>Parcel suspected to hold narcotics</headline>
    <description>Declared as dried tea.</description>
    <parameter><valueName>trackingNumber</valueName><value>${trackingNumber}</value></parameter>
    <area><areaDesc>Neighbouring province</areaDesc></area>
  </info>
  <info>
    <language>vi-VN</language>
    <category>Security</category>
    <event>Bưu gửi khả nghi</event>
    <urgency>Immediate</urgency>
    <severity>Severe</severity>
    <certainty>Likely</certainty>
    <eventCode><valueName>lyDo</valueName><value>Ma túy</value></eventCode>
    <expires>${expires}</expires>
    <headline>Bưu gửi nghi chứa ma túy</headline>
    <description>Khai là chè khô.</description>
    <instruction>Giữ bưu gửi và báo công an.</instruction>
    <parameter><valueName>trackingNumber</valueName><value>${trackingNumber}</value></parameter>
    <parameter><valueName>soHoSo</valueName><value>HS-17</value></parameter>
    <area><areaDesc>Tỉnh láng giềng</areaDesc></area>
  </info>
</alert>`;

    it('imports a foreign alert in Vietnamese, with the targets and expiry given, keeping its tracking number and reason', async () => {
      const xml = foreignAlert('RR 123-456-785 vn', '2026-01-01T00:00:00+07:00');
      expect((await validateAgainstCap(xml)).valid).toBe(true);
      const expires = new Date(Date.now() + 86_400_000).toISOString();
      const result = await importCap(xml, tokens.liaison, { targetIds: [ids['PPO-EAST']!], expires });
      expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
      const imported = result.data!.importCapAlert;
      expect(imported.headline).toBe('Bưu gửi nghi chứa ma túy');
      expect(imported.instruction).toBe('Giữ bưu gửi và báo công an.');
      expect(imported.description).toBe('Khai là chè khô.\n\n[en-US] Parcel suspected to hold narcotics\nDeclared as dried tea.');
      expect(imported.shipment.trackingNumber).toBe('RR123456785VN');
      expect(imported.suspicionReason).toBe('NARCOTICS');
      expect(new Date(imported.expires).toISOString()).toBe(expires);
      expect(imported.targets.map((t: { code: string }) => t.code)).toEqual(['PPO-EAST']);
      expect(imported.warnings).toEqual(expect.arrayContaining([
        expect.stringMatching(/info block in vi-VN; the text of the others \(en-US\)/),
        expect.stringMatching(/expiry \(2025-12-31T17:00:00.000Z\) has passed/),
        expect.stringMatching(/Areas not imported .*"Tỉnh láng giềng"/),
        expect.stringMatching(/Not imported: info\/parameter\[soHoSo\] = "HS-17"/),
      ]));
      // The branches under the target see it.
      const seen = await gql(server.httpUrl, 'query ($id: ID!) { alert(id: $id) { shipment { trackingNumber } } }', { id: imported.id }, tokens.east);
      expect(seen.data!.alert.shipment.trackingNumber).toBe('RR123456785VN');
    });

    it('answers every problem of a foreign alert at once, and stores nothing', async () => {
      const xml = foreignAlert('RR123456789VN', '2026-01-01T00:00:00+07:00').replace('LG-2026-0042', 'LG-2026-0043');
      const counts = await alertTableCounts(server);
      const result = await importCap(xml);
      expect(result.data).toBeNull();
      const error = result.errors![0]!;
      expect(error.extensions!.code).toBe('BAD_USER_INPUT');
      const fields = (error.extensions!.fields as { field: string }[]).map((f) => f.field).sort();
      expect(fields).toEqual(['info/area/geocode[postwatch:agencyCode]', 'info/expires', 'info/parameter[trackingNumber]']);
      expect(await alertTableCounts(server)).toEqual(counts);
    });

    it('keeps the status of an Exercise: it is not posted as an Actual alert', async () => {
      const posted = await postAlert(server, tokens.liaison, alertInput([ids['PPO-EAST']!]));
      const exported = (await readAlert(posted.id)).capXml as string;
      const STATS = '{ jointStatistics(groupBy: KIND, filter: { kinds: [ALERT] }) { total { alerts branchDeliveries } } }';
      const before = await gql(server.httpUrl, STATS, {}, tokens.liaison);
      const exercise = await importCap(exported.replace('<status>Actual</status>', '<status>Exercise</status>'));
      expect(exercise.errors).toBeUndefined();
      expect(exercise.data!.importCapAlert.status).toBe('EXERCISE');
      // An exercise is not counted as a real alert in the statistics.
      const after = await gql(server.httpUrl, STATS, {}, tokens.liaison);
      expect(after.data!.jointStatistics.total).toEqual(before.data!.jointStatistics.total);
    });
  });
});
