/// <reference lib="dom" />
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_PATH, launchBrowser } from './helpers/browser.js';
import { agencyId, recordsDigest } from './helpers/fixtures.js';
import { gql, login } from './helpers/graphql.js';
import { startTestServer, type TestServer } from './helpers/server.js';
import { seriousViolations, signInAt } from './helpers/web.js';

/**
 * The Agreements page in a real Chromium, against a real server and database: coordinators draft, sign,
 * supersede, review, terminate and archive agreements from the page, in Vietnamese and English; the server's
 * refusals are shown in words; other roles read without actions. Skipped, by name, where no Chromium is installed.
 */

const JWT_SECRET = 'web-agreements-test-secret-of-at-least-32-characters';
const POLICE_COORDINATOR = 'coordinator2@postwatch.demo';

/** The demo data (src/db/seed/demo-data.ts), as the test knows it. */
const PPO_NAME = 'Provincial Post Office (Bưu điện tỉnh)';
const PPD_NAME = 'Provincial Police (Công an tỉnh)';
const PPO_DIRECTOR = 'Director of the Provincial Post Office (demo)';
const PPD_DIRECTOR = 'Director of the Provincial Police (demo)';

const AGREEMENT = `query ($id: ID!) { agreement(id: $id) {
  id code title status scopeAreas signedOn effectiveOn expiresOn endedOn terminationReason archivedAt
  supersedes { id code } supersededBy { id code }
  parties { agency { code } signatory { fullName } signatoryPosition }
  reviews { title heldOn venue findings attendingAgencies { code } }
} }`;
const CREATE = 'mutation ($input: CreateAgreementInput!) { createAgreement(input: $input) { id } }';
const UPDATE = 'mutation ($id: ID!, $input: UpdateAgreementInput!) { updateAgreement(id: $id, input: $input) { id } }';
const LIST = 'query ($archived: Boolean!) { agreements(includeArchived: $archived) { id code } }';

describe.skipIf(!CHROMIUM_PATH)('the Agreements page in a browser', () => {
  let server: TestServer;
  let browser: Browser;
  let base: string;
  let coordinator: string;
  let policeCoordinator: string;
  const ids: Record<string, string> = {};
  const directors: Record<string, string> = {};
  const open: BrowserContext[] = [];

  beforeAll(async () => {
    server = await startTestServer('web_agreements', { JWT_SECRET });
    base = `http://127.0.0.1:${server.app.port}`;
    for (const code of ['PPO', 'PPD']) ids[code] = await agencyId(server, code);
    // Each side names its own signatory: the demo's police coordinator names the police's.
    coordinator = await login(server.httpUrl, 'coordinator@postwatch.demo');
    policeCoordinator = await login(server.httpUrl, POLICE_COORDINATOR);
    for (const code of ['PPO', 'PPD']) {
      const contacts = await gql(server.httpUrl, 'query ($a: ID) { contacts(agencyId: $a) { id fullName } }', { a: ids[code] }, coordinator);
      directors[code] = contacts.data!.contacts.find((c: { fullName: string }) => c.fullName === (code === 'PPO' ? PPO_DIRECTOR : PPD_DIRECTOR)).id;
    }
    const list = await gql(server.httpUrl, LIST, { archived: true }, coordinator);
    for (const a of list.data!.agreements) ids[a.code] = a.id;
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    for (const context of open) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
  });

  /** A fresh browser profile signed in as `email`, in `lang`. */
  const signIn = async (email: string, lang: 'vi' | 'en'): Promise<Page> => (await signInAt(browser, base, email, lang, { open })).page;

  const agreement = async (id: string) => (await gql(server.httpUrl, AGREEMENT, { id }, coordinator)).data!.agreement;
  /** The id in the address of an agreement's page. */
  const idInAddress = (page: Page) => decodeURIComponent(new URL(page.url()).pathname.replace('/agreements/', ''));

  /** A draft between the post office and the police over the API, each side naming its director (as the lifecycle test does). */
  async function draftWithSignatories(code: string, title: string, day: string): Promise<string> {
    const created = await gql(server.httpUrl, CREATE, {
      input: {
        code, title, scopeAreas: ['INTERNAL_SECURITY', 'PUBLIC_ORDER'], signedOn: day, effectiveOn: day,
        parties: [{ agencyId: ids.PPO, signatoryId: directors.PPO, signatoryPosition: 'Director' }, { agencyId: ids.PPD }],
      },
    }, coordinator);
    expect(created.errors).toBeUndefined();
    const id = created.data!.createAgreement.id as string;
    const named = await gql(server.httpUrl, UPDATE, {
      id, input: { parties: [{ agencyId: ids.PPO }, { agencyId: ids.PPD, signatoryId: directors.PPD, signatoryPosition: 'Director' }] },
    }, policeCoordinator);
    expect(named.errors).toBeUndefined();
    return id;
  }

  let first: string;
  let second: string;

  it('a coordinator signs an agreement and supersedes it from the page: drafted and signed in English, superseded in Vietnamese', async () => {
    // English: a new draft from the list, the post office naming its director; the police party is left to the police.
    const page = await signIn('coordinator@postwatch.demo', 'en');
    await page.goto(`${base}/agreements?lang=en`);
    await page.getByRole('button', { name: 'New draft', exact: true }).click();
    const form = page.getByRole('form', { name: 'New draft agreement' });
    await form.getByLabel('Number', { exact: true }).fill('QC-PH-TEST-1');
    await form.getByLabel('Title', { exact: true }).fill('Test regulation on checking parcels together');
    const scope = form.getByRole('group', { name: 'Scope' });
    await scope.getByLabel('Internal security').check();
    await scope.getByLabel('Training and legal education').check();
    await form.getByLabel('Signed on').fill('2024-03-01');
    await form.getByLabel('In force from').fill('2024-03-01');
    const party1 = form.getByRole('group', { name: 'Party 1' });
    // The coordinator's own agency comes first.
    expect(await party1.getByLabel('Agency').evaluate((select: HTMLSelectElement) => select.selectedOptions[0]!.textContent!.trim())).toBe(PPO_NAME);
    await party1.getByLabel('Signatory').selectOption({ label: `${PPO_DIRECTOR} — Director` });
    await expect.poll(() => party1.getByLabel('Signed as').inputValue()).toBe('Director');
    await party1.getByLabel('Signed as').fill('Director, Provincial Post Office');
    const party2 = form.getByRole('group', { name: 'Party 2' });
    await party2.getByLabel('Agency').selectOption({ label: PPD_NAME });
    await party2.getByText('Named by a coordinator of that agency.').waitFor();
    await form.getByRole('button', { name: 'Create the draft' }).click();
    await page.getByRole('heading', { level: 1, name: 'Test regulation on checking parcels together' }).waitFor();
    first = idInAddress(page);
    let stored = await agreement(first);
    expect(stored).toMatchObject({ code: 'QC-PH-TEST-1', status: 'DRAFT', signedOn: '2024-03-01', effectiveOn: '2024-03-01', expiresOn: null });
    expect([...stored.scopeAreas].sort()).toEqual(['INTERNAL_SECURITY', 'TRAINING']);
    expect(stored.parties).toEqual([
      { agency: { code: 'PPD' }, signatory: null, signatoryPosition: null },
      { agency: { code: 'PPO' }, signatory: { fullName: PPO_DIRECTOR }, signatoryPosition: 'Director, Provincial Post Office' },
    ]);

    // Signing before the police named their signatory: refused in words, and nothing changes.
    const before = await recordsDigest(server);
    await page.getByRole('button', { name: 'Sign', exact: true }).click();
    await page.getByRole('button', { name: 'Sign and put in force' }).click();
    await page.getByRole('alert').filter({ hasText: 'Every party must name its signatory first; none yet for: PPD.' }).waitFor();
    expect(await recordsDigest(server)).toEqual(before);
    expect((await agreement(first)).status).toBe('DRAFT');

    // The police coordinator, in Vietnamese, names the police's signatory from the page (parties are listed by agency code: PPD first).
    const police = await signIn(POLICE_COORDINATOR, 'vi');
    await police.goto(`${base}/agreements/${encodeURIComponent(first)}?lang=vi`);
    await police.getByRole('button', { name: 'Sửa dự thảo', exact: true }).click();
    const policeParty = police.getByRole('group', { name: 'Bên thứ 1' });
    expect(await policeParty.getByLabel('Đơn vị').evaluate((select: HTMLSelectElement) => select.selectedOptions[0]!.textContent!.trim())).toBe(PPD_NAME);
    // The post office's party is theirs to name: shown, not editable.
    await police.getByRole('group', { name: 'Bên thứ 2' }).getByText(PPO_DIRECTOR).waitFor();
    await policeParty.getByLabel('Người ký').selectOption({ label: `${PPD_DIRECTOR} — Director` });
    await policeParty.getByLabel('Chức vụ khi ký').fill('Giám đốc Công an tỉnh');
    await police.getByRole('button', { name: 'Lưu dự thảo' }).click();
    await police.getByRole('status').filter({ hasText: 'Đã lưu dự thảo.' }).waitFor();
    stored = await agreement(first);
    expect(stored.parties).toEqual([
      { agency: { code: 'PPD' }, signatory: { fullName: PPD_DIRECTOR }, signatoryPosition: 'Giám đốc Công an tỉnh' },
      { agency: { code: 'PPO' }, signatory: { fullName: PPO_DIRECTOR }, signatoryPosition: 'Director, Provincial Post Office' },
    ]);

    // Back in English: signed from the page.
    await page.reload();
    await page.getByRole('cell', { name: PPD_DIRECTOR }).waitFor();
    await page.getByRole('button', { name: 'Sign', exact: true }).click();
    expect(await page.getByLabel('Signed on').inputValue()).toBe('2024-03-01');
    await page.getByRole('button', { name: 'Sign and put in force' }).click();
    await page.getByRole('status').filter({ hasText: 'QC-PH-TEST-1 was signed and is in force.' }).waitFor();
    stored = await agreement(first);
    expect(stored).toMatchObject({ status: 'ACTIVE', signedOn: '2024-03-01', effectiveOn: '2024-03-01', endedOn: null, supersededBy: null });

    // Vietnamese: a second draft (both signatories named over the API) is chosen as the successor of the first, with a confirmation.
    const successorTitle = 'Quy chế thử nghiệm thay thế QC-PH-TEST-1';
    second = await draftWithSignatories('QC-PH-TEST-2', successorTitle, '2024-06-01');
    const vi = await signIn('coordinator@postwatch.demo', 'vi');
    await vi.goto(`${base}/agreements/${encodeURIComponent(first)}?lang=vi`);
    await vi.getByRole('button', { name: 'Chọn quy chế thay thế', exact: true }).click();
    await vi.getByLabel('Quy chế thay thế', { exact: true }).selectOption({ label: `QC-PH-TEST-2 (Dự thảo) — ${successorTitle}` });
    await vi.getByRole('button', { name: 'Thay thế', exact: true }).click();
    const question = vi.getByRole('group', { name: /QC-PH-TEST-2 sẽ thay thế QC-PH-TEST-1\./ });
    expect(await question.textContent()).toContain('QC-PH-TEST-1 hết hiệu lực từ ngày 01/06/2024.');
    await question.getByRole('button', { name: 'Đồng ý thay thế' }).click();
    await vi.getByRole('status').filter({ hasText: 'QC-PH-TEST-2 đã thay thế QC-PH-TEST-1.' }).waitFor();

    // Independently, through the API: the first superseded on the day the second took effect, the two linked.
    const old = await agreement(first);
    const successor = await agreement(second);
    expect(old).toMatchObject({ status: 'SUPERSEDED', endedOn: '2024-06-01', supersededBy: { id: second, code: 'QC-PH-TEST-2' } });
    expect(successor).toMatchObject({ status: 'ACTIVE', signedOn: '2024-06-01', effectiveOn: '2024-06-01', supersedes: { id: first, code: 'QC-PH-TEST-1' } });

    // The page shows the chain, this agreement marked, and leads to the successor, whose page shows the same chain.
    const chain = vi.getByRole('list', { name: 'Các quy chế theo thứ tự thay thế nhau' });
    await expect.poll(() => chain.getByRole('listitem').allTextContents()).toEqual([
      'QC-PH-TEST-1 Đã được thay thế · quy chế này',
      'QC-PH-TEST-2 Đang có hiệu lực',
    ]);
    expect(await chain.locator('[aria-current="page"]').textContent()).toContain('QC-PH-TEST-1');
    await chain.getByRole('link', { name: 'QC-PH-TEST-2' }).click();
    await vi.getByRole('heading', { level: 1, name: successorTitle }).waitFor();
    expect(idInAddress(vi)).toBe(second);
    await expect.poll(() => vi.getByRole('list', { name: 'Các quy chế theo thứ tự thay thế nhau' }).getByRole('listitem').allTextContents()).toEqual([
      'QC-PH-TEST-1 Đã được thay thế',
      'QC-PH-TEST-2 Đang có hiệu lực · quy chế này',
    ]);
  }, 120_000);

  it('shows a refusal in words beside the field (a number already used) and changes nothing, in Vietnamese', async () => {
    const page = await signIn('coordinator@postwatch.demo', 'vi');
    await page.goto(`${base}/agreements?lang=vi`);
    await page.getByRole('button', { name: 'Soạn dự thảo mới' }).click();
    const form = page.getByRole('form', { name: 'Dự thảo quy chế mới' });
    await form.getByLabel('Số hiệu', { exact: true }).fill('290/QC-PH');
    await form.getByLabel('Tên quy chế', { exact: true }).fill('Bản sao trùng số hiệu');
    await form.getByRole('group', { name: 'Lĩnh vực phối hợp' }).getByLabel('An ninh nội bộ').check();
    await form.getByRole('group', { name: 'Bên thứ 2' }).getByLabel('Đơn vị').selectOption({ label: PPD_NAME });
    const before = await recordsDigest(server);
    await form.getByRole('button', { name: 'Tạo dự thảo' }).click();
    const code = form.getByLabel('Số hiệu', { exact: true });
    await form.getByRole('alert').filter({ hasText: 'Số hiệu này đã được dùng cho một quy chế khác.' }).waitFor();
    expect(await code.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator(`#${await code.getAttribute('aria-describedby')}`).textContent()).toBe('Số hiệu này đã được dùng cho một quy chế khác.');
    await form.getByRole('alert').filter({ hasText: 'Hãy kiểm tra các ô được đánh dấu đỏ.' }).waitFor();
    expect(await recordsDigest(server)).toEqual(before);
    expect(new URL(page.url()).pathname).toBe('/agreements');
  });

  it('records a review, terminates with a confirmation and archives from the page, in English', async () => {
    const page = await signIn('coordinator@postwatch.demo', 'en');
    await page.goto(`${base}/agreements/${encodeURIComponent(second)}?lang=en`);
    await page.getByRole('button', { name: 'Record a review', exact: true }).click();
    await page.getByLabel('Title of the review').fill('Six-month review of QC-PH-TEST-2');
    await page.getByLabel('Held on').fill('2024-12-01');
    await page.getByLabel('Venue').fill('Provincial Police');
    await page.getByLabel('Findings', { exact: true }).fill('Both sides exchanged warnings every week.\nTwo training sessions were held.');
    // The parties attend by default; the information department is added.
    const attendees = page.getByRole('group', { name: 'Attending agencies' });
    expect(await attendees.getByLabel(PPO_NAME).isChecked()).toBe(true);
    expect(await attendees.getByLabel(PPD_NAME).isChecked()).toBe(true);
    await attendees.getByLabel('Provincial Department of Information and Communications (Sở Thông tin và Truyền thông)').check();
    await page.getByRole('button', { name: 'Record the review' }).click();
    await page.getByRole('status').filter({ hasText: 'The review “Six-month review of QC-PH-TEST-2” was recorded.' }).waitFor();
    await page.getByRole('heading', { name: 'Reviews (1)' }).waitFor();
    await page.getByRole('article').getByText('Two training sessions were held.').waitFor();
    let stored = await agreement(second);
    expect(stored.reviews.map((r: any) => ({ ...r, attendingAgencies: r.attendingAgencies.map((a: { code: string }) => a.code).sort() }))).toEqual([
      { title: 'Six-month review of QC-PH-TEST-2', heldOn: '2024-12-01', venue: 'Provincial Police', findings: 'Both sides exchanged warnings every week.\nTwo training sessions were held.', attendingAgencies: ['DIC', 'PPD', 'PPO'] },
    ]);

    // Terminate: the reason, then a question, and only the answer "yes" ends it.
    await page.getByRole('button', { name: 'Terminate', exact: true }).click();
    await page.getByLabel('Ended on').fill('2024-12-31');
    await page.getByLabel('Reason for termination').fill('Replaced by the provincial plan for 2025.');
    await page.getByRole('button', { name: 'Terminate the agreement' }).click();
    const question = page.getByRole('group', { name: 'End QC-PH-TEST-2 on 31/12/2024 without a successor? This cannot be undone.' });
    await question.waitFor();
    // Enter in the date field again does not answer the question (no request leaves): only the button does.
    const terminations: string[] = [];
    page.on('request', (request) => {
      if ((request.postData() ?? '').includes('terminateAgreement')) terminations.push(request.url());
    });
    await page.getByLabel('Ended on').press('Enter');
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
    expect(terminations).toEqual([]);
    expect((await agreement(second)).status).toBe('ACTIVE');
    await question.getByRole('button', { name: 'Yes, terminate' }).click();
    await page.getByRole('status').filter({ hasText: 'QC-PH-TEST-2 was terminated.' }).waitFor();
    stored = await agreement(second);
    expect(stored).toMatchObject({ status: 'TERMINATED', endedOn: '2024-12-31', terminationReason: 'Replaced by the provincial plan for 2025.' });
    await page.getByText('Replaced by the provincial plan for 2025.').waitFor();

    // Archive it: left out of the list unless archived ones are asked for.
    await page.getByRole('button', { name: 'Archive', exact: true }).click();
    await page.getByRole('button', { name: 'Yes, archive' }).click();
    await page.getByRole('status').filter({ hasText: 'QC-PH-TEST-2 was archived.' }).waitFor();
    expect((await agreement(second)).archivedAt).not.toBeNull();
    await page.getByRole('link', { name: '← All agreements' }).click();
    const codes = () => page.locator('table.agreements-list tbody th').allTextContents();
    await expect.poll(codes).toContain('QC-PH-TEST-1');
    expect(await codes()).not.toContain('QC-PH-TEST-2');
    await page.getByLabel('Include archived agreements').check();
    await expect.poll(codes).toContain('QC-PH-TEST-2');
    expect(await page.getByRole('row', { name: /QC-PH-TEST-2/ }).textContent()).toContain('Archived');
    // The status filter keeps only that status.
    await page.getByLabel('Status', { exact: true }).selectOption({ label: 'In force' });
    await expect.poll(codes).toEqual(['QC-PH-2021']);
  }, 60_000);

  it('shows a branch operator the list and Regulation 290 with its review conference, without any action button', async () => {
    const page = await signIn('branch@postwatch.demo', 'vi');
    await page.goto(`${base}/agreements?lang=vi`);
    const codes = () => page.locator('table.agreements-list tbody th').allTextContents();
    await expect.poll(codes).toEqual(expect.arrayContaining(['QC-PH-2021', '290/QC-PH']));
    expect(await page.getByRole('main').getByRole('button').count()).toBe(0);
    await page.getByRole('link', { name: '290/QC-PH' }).click();
    await page.getByRole('heading', { level: 1, name: /^Regulation 290 on coordination/ }).waitFor();
    await page.getByRole('heading', { name: 'Conference reviewing 10 years of Regulation 290 (Hội nghị tổng kết 10 năm thực hiện Quy chế 290)' }).waitFor();
    await page.getByText('21/04/2021', { exact: true }).first().waitFor();
    expect(await page.getByRole('list', { name: 'Các quy chế theo thứ tự thay thế nhau' }).getByRole('listitem').allTextContents()).toEqual([
      '290/QC-PH Đã được thay thế · quy chế này',
      'QC-PH-2021 Đang có hiệu lực',
    ]);
    expect(await page.getByRole('link', { name: 'Báo cáo để in' }).getAttribute('href')).toBe(`/report?agreementId=${ids['290/QC-PH']}`);
    expect(await page.getByRole('main').getByRole('button').count()).toBe(0);
    // An address that is no agreement says so.
    await page.goto(`${base}/agreements/not-an-id?lang=vi`);
    await page.getByRole('alert').filter({ hasText: 'Quy chế này không tồn tại hoặc tài khoản của bạn không được xem.' }).waitFor();
  });

  it('has no serious or critical accessibility violation on the list and the detail (axe-core)', async () => {
    const en = await signIn('coordinator@postwatch.demo', 'en');
    const vi = await signIn('branch@postwatch.demo', 'vi');
    const pages: [string, Page, string, () => Promise<void>][] = [
      ['list (coordinator, new draft open)', en, '/agreements?lang=en', async () => {
        await en.getByRole('button', { name: 'New draft', exact: true }).click();
        await en.getByRole('group', { name: 'Party 1' }).waitFor();
      }],
      ['detail of Regulation 290 (coordinator, review form open)', en, `/agreements/${ids['290/QC-PH']}?lang=en`, async () => {
        await en.getByRole('button', { name: 'Record a review', exact: true }).click();
        await en.getByLabel('Title of the review').waitFor();
      }],
      ['list (branch)', vi, '/agreements?lang=vi', async () => {
        await vi.locator('table.agreements-list').waitFor();
      }],
      ['detail of QC-PH-2021 (branch)', vi, `/agreements/${ids['QC-PH-2021']}?lang=vi`, async () => {
        await vi.getByRole('list', { name: 'Các quy chế theo thứ tự thay thế nhau' }).waitFor();
      }],
    ];
    for (const [name, page, path, ready] of pages) {
      await page.goto(`${base}${path}`);
      await ready();
      const serious = await seriousViolations(page);
      expect(serious, name).toEqual([]);
    }
  }, 120_000);
});
