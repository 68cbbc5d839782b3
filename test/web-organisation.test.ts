/// <reference lib="dom" />
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_PATH, launchBrowser } from './helpers/browser.js';
import { agencyId } from './helpers/fixtures.js';
import { gql, login } from './helpers/graphql.js';
import { startTestServer, type TestServer } from './helpers/server.js';
import { seriousViolations, signInAt, type Session } from './helpers/web.js';

/**
 * The Organisation and accounts page in a real Chromium, against a real server and database: a coordinator
 * creates an agency and an account, disables it, sets a new password, and is refused an archive; an auditor only
 * reads. Everything the page claims to have done is checked over the API (or in the database), independently.
 */

const JWT_SECRET = 'web-organisation-test-secret-of-at-least-32-characters';
const EAST_DISTRICT = 'East District Post Office (Bưu điện huyện Đông)';
const CENTRAL_BRANCH = 'Central Branch (Bưu cục Trung tâm)';
const PROVINCIAL_POLICE = 'Provincial Police (Công an tỉnh)';
/** The demo operator of the Central Branch (src/db/seed/demo-data.ts). */
const CENTRAL_OPERATOR = 'Nguyễn Thị Thu Hà';

/** Sign-in as `email` with `password`, over the API: the token, or the error code when refused. */
async function tryLogin(server: TestServer, email: string, password: string): Promise<{ token?: string; code?: string }> {
  const result = await gql<{ login: { token: string } }>(
    server.httpUrl,
    'mutation ($email: String!, $password: String!) { login(email: $email, password: $password) { token } }',
    { email, password },
  );
  return { token: result.data?.login.token, code: result.errors?.[0]?.extensions?.code };
}

describe.skipIf(!CHROMIUM_PATH)('the Organisation and accounts page in a browser', () => {
  let server: TestServer;
  let browser: Browser;
  let base: string;
  let coordinatorToken: string;
  const open: BrowserContext[] = [];

  beforeAll(async () => {
    server = await startTestServer('web_organisation', { JWT_SECRET });
    base = `http://127.0.0.1:${server.app.port}`;
    coordinatorToken = await login(server.httpUrl, 'coordinator@postwatch.demo');
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    for (const context of open) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
  });

  /** A fresh browser profile signed in as `email`, in `lang`, on the Organisation page. */
  async function signIn(email: string, lang: 'vi' | 'en'): Promise<Session> {
    const { context, page } = await signInAt(browser, base, email, lang, { open });
    await page.getByRole('link', { name: lang === 'vi' ? 'Tổ chức' : 'Organisation' }).click();
    await page.getByRole('tree').waitFor();
    return { context, page };
  }

  /** Chooses the agency named `name` in the tree and waits for its panel. */
  async function choose(page: Page, name: string): Promise<void> {
    const item = page.getByRole('tree').getByRole('treeitem', { name: new RegExp(`^${name.replace(/[()]/g, '\\$&')} `) });
    await item.locator(':scope > .node-row').click();
    await expect.poll(() => item.getAttribute('aria-selected')).toBe('true');
    await page.getByRole('heading', { level: 2, name, exact: true }).waitFor();
  }

  /** The agency with `code` as the API gives it to the coordinator (archived ones too). */
  async function agencyOverApi(code: string) {
    const result = await gql<{ agencies: { id: string; code: string; name: string; level: string; sector: string; archivedAt: string | null; parent: { id: string } | null }[] }>(
      server.httpUrl,
      '{ agencies(includeArchived: true) { id code name level sector archivedAt parent { id } } }',
      {},
      coordinatorToken,
    );
    return result.data!.agencies.find((agency) => agency.code === code);
  }

  /** A new contact, created over the API by the coordinator (a fixture for the account steps). */
  async function createAccount(agencyCode: string, fullName: string, email: string, password: string): Promise<string> {
    const result = await gql<{ createContact: { id: string } }>(
      server.httpUrl,
      'mutation ($input: CreateContactInput!) { createContact(input: $input) { id } }',
      { input: { agencyId: await agencyId(server, agencyCode), fullName, position: 'Counter clerk', role: 'BRANCH_OPERATOR', email, password } },
      coordinatorToken,
    );
    if (!result.data) throw new Error(JSON.stringify(result.errors));
    return result.data.createContact.id;
  }

  it('lets a coordinator, in Vietnamese, create an agency under one they administer and an account there that can sign in', async () => {
    const eastId = await agencyId(server, 'PPO-EAST');
    const { page } = await signIn('coordinator@postwatch.demo', 'vi');
    await choose(page, EAST_DISTRICT);

    await page.getByRole('button', { name: 'Thêm đơn vị trực thuộc' }).click();
    const agencyForm = page.getByRole('form', { name: `Đơn vị mới trực thuộc ${EAST_DISTRICT}` });
    await agencyForm.getByLabel('Tên chính thức').fill('Bưu cục Đông Hưng');
    // A code already in use: refused beside the field, in Vietnamese, and nothing is created.
    await agencyForm.getByLabel('Mã đơn vị').fill('PPO-EAST-01');
    await agencyForm.getByLabel('Cấp').selectOption('BRANCH');
    await agencyForm.getByRole('button', { name: 'Tạo đơn vị' }).click();
    await agencyForm.getByText('Đã được dùng cho một mục khác.').waitFor();
    expect(await agencyForm.getByLabel('Mã đơn vị').getAttribute('aria-invalid')).toBe('true');
    expect((await agencyOverApi('PPO-EAST-01'))!.name).toBe('East Town Branch (Bưu cục Thị trấn Đông)');

    await agencyForm.getByLabel('Mã đơn vị').fill('ppo-east-03');
    await agencyForm.getByRole('button', { name: 'Tạo đơn vị' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã tạo đơn vị Bưu cục Đông Hưng.' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Bưu cục Đông Hưng', exact: true }).waitFor();
    expect(await page.getByRole('treeitem', { name: /^Bưu cục Đông Hưng / }).getAttribute('aria-selected')).toBe('true');
    const created = await agencyOverApi('PPO-EAST-03');
    expect(created).toMatchObject({ name: 'Bưu cục Đông Hưng', level: 'BRANCH', sector: 'POSTAL', archivedAt: null, parent: { id: eastId } });

    await page.getByRole('button', { name: 'Thêm người liên hệ' }).click();
    const contactForm = page.getByRole('form', { name: 'Người liên hệ mới tại Bưu cục Đông Hưng' });
    await contactForm.getByLabel('Họ và tên').fill('Lý Thị Hạnh');
    await contactForm.getByLabel('Chức vụ').fill('Giao dịch viên');
    await contactForm.getByLabel('Vai trò').selectOption('BRANCH_OPERATOR');
    await contactForm.getByLabel('Địa chỉ thư điện tử (tên đăng nhập)').fill('ly.hanh@postwatch.demo');
    await contactForm.getByLabel('Điện thoại (không bắt buộc)').fill('+84 200 000 0099');
    await contactForm.getByLabel('Mật khẩu ban đầu').fill('mat-khau-ban-dau-2021');
    // Typed twice, differently: refused on the page, nothing sent.
    await contactForm.getByLabel('Nhập lại mật khẩu').fill('mat-khau-ban-dau-2022');
    await contactForm.getByRole('button', { name: 'Tạo người liên hệ' }).click();
    await contactForm.getByText('Hai mật khẩu không khớp nhau.').waitFor();
    expect((await tryLogin(server, 'ly.hanh@postwatch.demo', 'mat-khau-ban-dau-2021')).code).toBe('UNAUTHENTICATED');

    await contactForm.getByLabel('Nhập lại mật khẩu').fill('mat-khau-ban-dau-2021');
    await contactForm.getByRole('button', { name: 'Tạo người liên hệ' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã tạo người liên hệ Lý Thị Hạnh.' }).waitFor();
    const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: /Lý Thị Hạnh/ }) });
    await expect.poll(() => row.textContent()).toContain('Nhân viên bưu cục');
    expect(await row.textContent()).toContain('ly.hanh@postwatch.demo');

    // The new account signs in over the API, as a branch operator of the new branch.
    const token = await login(server.httpUrl, 'ly.hanh@postwatch.demo', 'mat-khau-ban-dau-2021');
    const me = await gql<{ me: { fullName: string; position: string; role: string; email: string; phone: string; agency: { code: string } } }>(
      server.httpUrl,
      '{ me { fullName position role email phone agency { code } } }',
      {},
      token,
    );
    expect(me.data!.me).toEqual({ fullName: 'Lý Thị Hạnh', position: 'Giao dịch viên', role: 'BRANCH_OPERATOR', email: 'ly.hanh@postwatch.demo', phone: '+84 200 000 0099', agency: { code: 'PPO-EAST-03' } });
  }, 60_000);

  it('lets a coordinator, in English, disable an account, set a new password and enable it again, each seen at the API', async () => {
    const email = 'counter.clerk@postwatch.demo';
    const oldPassword = 'the first password 1';
    const newPassword = 'the second password 2';
    await createAccount('PPO-CITY-01', 'Counter Clerk Bình', email, oldPassword);
    expect((await tryLogin(server, email, oldPassword)).token).toBeTruthy();

    const { page } = await signIn('coordinator@postwatch.demo', 'en');
    await choose(page, CENTRAL_BRANCH);
    await page.getByRole('button', { name: 'Manage: Counter Clerk Bình' }).click();
    const account = page.getByRole('region', { name: 'Account of Counter Clerk Bình' });
    await account.getByText('The account is active.').waitFor();

    await account.getByRole('button', { name: 'Disable account' }).click();
    await page.getByRole('status').filter({ hasText: 'The account of Counter Clerk Bình is disabled' }).waitFor();
    await account.getByText('The account is disabled: the contact cannot sign in.').waitFor();
    expect((await tryLogin(server, email, oldPassword)).code).toBe('UNAUTHENTICATED');
    const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: /Counter Clerk Bình/ }) });
    await expect.poll(() => row.textContent()).toContain('Disabled');

    // The new password typed twice, differently: nothing changes.
    const reset = account.getByRole('form', { name: 'Reset the password' });
    await reset.getByLabel('New password', { exact: true }).fill(newPassword);
    await reset.getByLabel('Repeat the new password').fill(`${newPassword}!`);
    await reset.getByRole('button', { name: 'Set the new password' }).click();
    await reset.getByText('The two passwords differ.').waitFor();
    // Too short: refused by the server, beside the field.
    await reset.getByLabel('New password', { exact: true }).fill('short');
    await reset.getByLabel('Repeat the new password').fill('short');
    await reset.getByRole('button', { name: 'Set the new password' }).click();
    await reset.getByText('At least 12 characters.', { exact: true }).waitFor();

    await reset.getByLabel('New password', { exact: true }).fill(newPassword);
    await reset.getByLabel('Repeat the new password').fill(newPassword);
    await reset.getByRole('button', { name: 'Set the new password' }).click();
    await page.getByRole('status').filter({ hasText: 'The password of Counter Clerk Bình was changed; their sessions have ended.' }).waitFor();
    // Still disabled: neither password signs in.
    expect((await tryLogin(server, email, oldPassword)).code).toBe('UNAUTHENTICATED');
    expect((await tryLogin(server, email, newPassword)).code).toBe('UNAUTHENTICATED');

    await account.getByRole('button', { name: 'Enable account' }).click();
    await page.getByRole('status').filter({ hasText: 'The account of Counter Clerk Bình is enabled again.' }).waitFor();
    expect((await tryLogin(server, email, oldPassword)).code).toBe('UNAUTHENTICATED');
    expect((await tryLogin(server, email, newPassword)).token).toBeTruthy();
  }, 60_000);

  it('says in words why the server refuses: an agency that still has contacts, an agency outside what the coordinator administers', async () => {
    const centralId = await agencyId(server, 'PPO-CITY-01');
    const [{ n }] = await server.app.orm.em
      .getConnection()
      .execute<{ n: string }[]>('select count(*)::text as n from contact where agency_id = ? and archived_at is null', [centralId]);
    expect(Number(n)).toBeGreaterThan(0);

    const { page } = await signIn('coordinator@postwatch.demo', 'en');
    await choose(page, CENTRAL_BRANCH);
    await page.getByRole('button', { name: 'Archive agency' }).click();
    await page.getByText(`Archive ${CENTRAL_BRANCH}?`).waitFor();
    await page.getByRole('button', { name: 'Yes, archive' }).click();
    const refusal = page.getByRole('alert').filter({ hasText: 'cannot be archived yet' });
    await refusal.waitFor();
    expect(await refusal.textContent()).toBe(
      `This agency cannot be archived yet: archive or move what is under it first (agencies not archived: 0; contacts not archived: ${Number(n)}).`,
    );
    // Nothing changed: the branch is not archived and its contacts are all there.
    expect((await agencyOverApi('PPO-CITY-01'))!.archivedAt).toBeNull();
    const contacts = await gql<{ contacts: { fullName: string }[] }>(server.httpUrl, 'query ($id: ID!) { contacts(agencyId: $id) { fullName } }', { id: centralId }, coordinatorToken);
    expect(contacts.data!.contacts.map((c) => c.fullName)).toContain(CENTRAL_OPERATOR);
    expect(contacts.data!.contacts).toHaveLength(Number(n));

    // The police's tree is outside what the post office's coordinator administers.
    await choose(page, PROVINCIAL_POLICE);
    await page.getByRole('button', { name: 'Edit agency' }).click();
    const form = page.getByRole('form', { name: `Edit ${PROVINCIAL_POLICE}` });
    await form.getByLabel('Address (optional)').fill('1 Police Square');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await form
      .getByRole('alert')
      .filter({ hasText: 'PPD is outside the agencies you administer (your own agency and those under it).' })
      .waitFor();
    const police = await gql<{ agencies: { code: string; address: string | null }[] }>(server.httpUrl, '{ agencies(sector: POLICE) { code address } }', {}, coordinatorToken);
    expect(police.data!.agencies.find((a) => a.code === 'PPD')!.address).toBeNull();
  }, 60_000);

  it('shows an auditor the tree and the contacts, with no action', async () => {
    const { page } = await signIn('auditor@postwatch.demo', 'en');
    await page.getByText('The agencies of both sides and their contacts, read only.').waitFor();
    // Both sides' hierarchies are in the tree, nested.
    const tree = page.getByRole('tree', { name: 'Agencies' });
    const west = tree.getByRole('treeitem', { name: /^West District Post Office/ });
    expect(await west.getAttribute('aria-level')).toBe('3');
    expect(await west.getByRole('group').getByRole('treeitem').allInnerTexts()).toEqual([
      expect.stringContaining('West Hills Branch'),
      expect.stringContaining('West Town Branch'),
    ]);
    await tree.getByRole('treeitem', { name: /^Drug Crime Investigation Division/ }).waitFor();

    await choose(page, CENTRAL_BRANCH);
    const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: new RegExp(CENTRAL_OPERATOR) }) });
    await expect.poll(() => row.textContent()).toContain('branch2@postwatch.demo');
    expect(await row.textContent()).toContain('Branch operator');
    expect(await row.textContent()).toContain('Active');

    const main = page.getByRole('main');
    for (const name of ['Edit agency', 'Add an agency under it', 'Archive agency', 'Add a contact', /^Manage/, 'Disable account']) {
      expect(await main.getByRole('button', { name }).count(), String(name)).toBe(0);
    }
  }, 60_000);

  it('has no serious or critical axe-core violation, with an agency chosen and a form open', async () => {
    const { page } = await signIn('coordinator@postwatch.demo', 'en');
    await choose(page, CENTRAL_BRANCH);
    await page.getByRole('button', { name: `Manage: ${CENTRAL_OPERATOR}` }).click();
    await page.getByRole('form', { name: `Details of ${CENTRAL_OPERATOR}` }).waitFor();
    const check = async (what: string) => {
      const serious = await seriousViolations(page);
      expect(serious, what).toEqual([]);
    };
    await check('contact editor');

    await choose(page, EAST_DISTRICT);
    await page.getByRole('button', { name: 'Add an agency under it' }).click();
    const form = page.getByRole('form', { name: `New agency under ${EAST_DISTRICT}` });
    await form.getByRole('button', { name: 'Create agency' }).click();
    await form.getByRole('alert').first().waitFor();
    await check('agency form with problems');

    const auditor = await signIn('auditor@postwatch.demo', 'vi');
    await choose(auditor.page, CENTRAL_BRANCH);
    expect(await seriousViolations(auditor.page), 'auditor').toEqual([]);
  }, 120_000);
});
