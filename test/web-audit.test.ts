/// <reference lib="dom" />
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAgencies, demoContacts } from '../src/db/seed/demo-data.js';
import { chosenFromQuery, filterOf, provinceDayEnd, provinceDayStart } from '../web/src/pages/audit/filter.js';
import { CHROMIUM_PATH, launchBrowser } from './helpers/browser.js';
import { agencyId, alertInput, postAlert, POST_ALERT } from './helpers/fixtures.js';
import { gql, login } from './helpers/graphql.js';
import { startTestServer, type TestServer } from './helpers/server.js';
import { seriousViolations, signInAt } from './helpers/web.js';

/**
 * The Audit log page (auditors and coordinators) in a real Chromium against a real server and database: the test
 * does audited operations over the API, recording when, then reads them back through the page's filters, in
 * Vietnamese and in English. Skipped, by name, where no Chromium is installed.
 */

const JWT_SECRET = 'web-audit-test-secret-of-at-least-32-characters';
const PROVINCE_OFFSET_MS = 7 * 3600_000;

/** A demo contact's full name and agency name, from the demo data set (not from the API). */
function demo(email: string): { fullName: string; agencyName: string } {
  const contact = demoContacts.find((c) => c.email === email)!;
  return { fullName: contact.fullName, agencyName: demoAgencies.find((a) => a.code === contact.agency)!.name };
}

/** The province's calendar day (`YYYY-MM-DD`) at instant `ms`: Asia/Ho_Chi_Minh is UTC+7 all year. */
function provinceDay(ms: number): string {
  return new Date(ms + PROVINCE_OFFSET_MS).toISOString().slice(0, 10);
}

/** `dd/MM/yyyy HH:mm:ss` read as province time → epoch ms. */
function parseShown(text: string): number {
  const match = /^(\d{2})\/(\d{2})\/(\d{4}) (\d{2}):(\d{2}):(\d{2})$/.exec(text.trim());
  if (!match) throw new Error(`not a time: ${text}`);
  const [, d, m, y, hh, mm, ss] = match;
  return Date.parse(`${y}-${m}-${d}T${hh}:${mm}:${ss}+07:00`);
}

/** Expects the time shown in `row` to lie within [before, after] (the whole second of `before` counts). */
async function expectShownBetween(row: Locator, before: number, after: number): Promise<void> {
  const shown = parseShown((await row.locator('time').textContent())!);
  expect(shown).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
  expect(shown).toBeLessThanOrEqual(after);
}

describe('the audit log filter (pure functions)', () => {
  it('turns days into the instants they begin and end in the province (UTC+7)', () => {
    expect(provinceDayStart('2025-03-01')).toBe('2025-02-28T17:00:00.000Z');
    expect(provinceDayEnd('2025-03-01')).toBe('2025-03-01T17:00:00.000Z');
    expect(provinceDayEnd('2024-12-31')).toBe('2024-12-31T17:00:00.000Z');
    expect(filterOf(chosenFromQuery(new URLSearchParams('from=2025-01-10&to=2025-01-12&outcome=REFUSED&targetId=abc')))).toEqual({
      from: '2025-01-09T17:00:00.000Z',
      to: '2025-01-12T17:00:00.000Z',
      outcome: 'REFUSED',
      targetId: 'abc',
    });
  });

  it('leaves out malformed values of the address', () => {
    expect(filterOf(chosenFromQuery(new URLSearchParams('from=2025-02-30&to=yesterday&outcome=MAYBE&operationType=QUERY&lang=vi')))).toEqual({});
  });
});

describe.skipIf(!CHROMIUM_PATH)('the audit log page in a browser', () => {
  let server: TestServer;
  let browser: Browser;
  let base: string;
  let branchId: string;
  const open: BrowserContext[] = [];
  /** When the test began: every entry of this database is later. */
  const testStart = Date.now();

  beforeAll(async () => {
    server = await startTestServer('web_audit', { JWT_SECRET });
    base = `http://127.0.0.1:${server.app.port}`;
    branchId = await agencyId(server, 'PPO-EAST-01');
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    for (const context of open) await context.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
  });

  /** A fresh browser profile signed in as `email`, in `lang`. */
  const signIn = async (email: string, lang: 'vi' | 'en'): Promise<Page> => (await signInAt(browser, base, email, lang, { open })).page;

  /** Waits until the page's count (its role="status" line) says exactly `text`. */
  async function waitForCount(page: Page, text: string): Promise<void> {
    await page.getByRole('status').filter({ hasText: new RegExp(`^${text}$`) }).waitFor({ timeout: 15_000 });
  }

  /** The body rows of the audit table. */
  const rows = (page: Page) => page.locator('table.audit-table tbody tr');

  /** No serious or critical axe-core violation on `page`. */
  async function expectAccessible(page: Page, name: string): Promise<void> {
    const serious = await seriousViolations(page);
    expect(serious, name).toEqual([]);
  }

  /** Every time shown in the table, in order, as epoch ms: newest first means never increasing. */
  async function expectNewestFirst(page: Page): Promise<void> {
    const times = (await page.locator('table.audit-table tbody time').allTextContents()).map(parseShown);
    for (let i = 1; i < times.length; i++) expect(times[i]!).toBeLessThanOrEqual(times[i - 1]!);
  }

  it('shows an auditor, in Vietnamese, the refused operations newest first, a failed login with its e-mail in the detail', async () => {
    const stamp = Date.now();
    // Long enough that the page shortens the detail until it is opened.
    const firstEmail = `someone-unknown-to-postwatch-${stamp}-a@audit-test.example`;
    const secondEmail = `someone-unknown-to-postwatch-${stamp}-b@audit-test.example`;
    const bad = 'mutation ($email: String!, $password: String!) { login(email: $email, password: $password) { token } }';

    const firstBefore = Date.now();
    expect((await gql(server.httpUrl, bad, { email: firstEmail, password: 'a wrong guess' })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const firstAfter = Date.now();
    // A successful login of a known account: not refused, so not listed below.
    const branchToken = await login(server.httpUrl, 'branch@postwatch.demo');
    const secondBefore = Date.now();
    expect((await gql(server.httpUrl, bad, { email: secondEmail, password: 'another guess' })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const secondAfter = Date.now();
    // A branch operator may not post alerts: refused with FORBIDDEN.
    const forbiddenBefore = Date.now();
    const refused = await gql(server.httpUrl, POST_ALERT, { input: alertInput([branchId]) }, branchToken);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const forbiddenAfter = Date.now();

    const page = await signIn('auditor@postwatch.demo', 'vi');
    await page.getByRole('navigation').getByRole('link', { name: 'Nhật ký kiểm tra' }).click();
    await page.getByRole('heading', { name: 'Nhật ký kiểm tra', level: 1 }).waitFor();
    await page.getByLabel('Kết quả').selectOption({ label: 'Bị từ chối' });
    await page.getByRole('button', { name: 'Xem nhật ký' }).click();

    // The three refusals this test made, and nothing else (the database is this test's own).
    await waitForCount(page, '3 trên tổng số 3 mục');
    expect(new URL(page.url()).searchParams.get('outcome')).toBe('REFUSED');
    expect(await rows(page).count()).toBe(3);
    const table = page.getByRole('table', { name: 'Các mục nhật ký, mới nhất ở trên cùng' });
    expect(await table.getByRole('columnheader').allTextContents()).toEqual([
      'Thời gian', 'Người thực hiện', 'Thao tác', 'Kết quả', 'Mã lỗi', 'Đối tượng', 'Địa chỉ máy khách', 'Mã yêu cầu', 'Chi tiết',
    ]);

    // Newest first: the refused post, then the second failed login, then the first.
    const [forbidden, second, first] = [rows(page).nth(0), rows(page).nth(1), rows(page).nth(2)];
    await expectShownBetween(forbidden, forbiddenBefore, forbiddenAfter);
    await expectShownBetween(second, secondBefore, secondAfter);
    await expectShownBetween(first, firstBefore, firstAfter);
    await expectNewestFirst(page);

    const branch = demo('branch@postwatch.demo');
    expect(await forbidden.textContent()).toContain(branch.fullName);
    expect(await forbidden.textContent()).toContain('Nhân viên bưu cục');
    expect(await forbidden.textContent()).toContain('Phát cảnh báo');
    expect(await forbidden.textContent()).toContain('postAlert');
    expect(await forbidden.textContent()).toContain('Bị từ chối');
    expect(await forbidden.textContent()).toContain('FORBIDDEN');

    for (const [row, email] of [[first, firstEmail], [second, secondEmail]] as const) {
      expect(await row.textContent()).toContain('Chưa đăng nhập');
      expect(await row.textContent()).toContain('Đăng nhập');
      expect(await row.textContent()).toContain('UNAUTHENTICATED');
      // The client address (the first cell is the time, a row header).
      expect(await row.locator('td').nth(5).textContent()).toBe('127.0.0.1');
      // The detail is shortened until opened; opened, it shows the e-mail of the attempt.
      const detail = row.locator('details');
      expect(await detail.locator('pre').isVisible()).toBe(false);
      await detail.locator('summary').click();
      await detail.locator('pre').waitFor();
      expect(JSON.parse((await detail.locator('pre').textContent())!)).toEqual({ email });
    }
    await expectAccessible(page, 'audit log, auditor, Vietnamese');
  }, 90_000);

  it('shows a coordinator, in English, exactly the alerts the test posted, by operation and period, then by actor; and a record\'s history by address', async () => {
    const liaisonToken = await login(server.httpUrl, 'liaison@postwatch.demo');
    let liaisonOperations = 1;
    const posted: { id: string; headline: string; before: number; after: number }[] = [];
    for (const n of [1, 2, 3]) {
      const before = Date.now();
      const alert = await postAlert(server, liaisonToken, alertInput([branchId], { headline: `Audit test parcel ${n}` }));
      posted.push({ id: alert.id, headline: alert.headline, before, after: Date.now() });
      liaisonOperations++;
    }
    const from = provinceDay(testStart);
    const to = provinceDay(Date.now());

    const page = await signIn('coordinator@postwatch.demo', 'en');
    await page.getByRole('navigation').getByRole('link', { name: 'Audit log' }).click();
    await page.getByRole('heading', { name: 'Audit log', level: 1 }).waitFor();
    await page.getByLabel('From (day)').fill(from);
    await page.getByLabel('To (day, included)').fill(to);
    await page.getByLabel('Operation', { exact: true }).selectOption('postAlert');
    // The days are sent as the instants they begin and end in the province.
    const request = page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/graphql') && (r.postData() ?? '').includes('"postAlert"'));
    await page.getByRole('button', { name: 'Show entries' }).click();
    const sent = JSON.parse((await request).postData()!) as { variables: { filter: Record<string, string> } };
    expect(sent.variables.filter).toEqual({
      from: new Date(Date.parse(`${from}T00:00:00+07:00`)).toISOString(),
      to: new Date(Date.parse(`${to}T00:00:00+07:00`) + 24 * 3600_000).toISOString(),
      operation: 'postAlert',
    });

    // The alerts posted, then the branch operator's refused attempt of the first test (it names no alert, so the
    // coordinator sees it too).
    const shown = posted.length + 1;
    await waitForCount(page, `${shown} of ${shown} entries`);
    expect(await rows(page).count()).toBe(shown);
    expect(await rows(page).last().textContent()).toContain('Refused');
    await expectNewestFirst(page);
    // The posted alerts link to their pages; the refused attempt made none.
    const links = await page.locator('table.audit-table tbody a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(links).toEqual([...posted].reverse().map((p) => `/alerts/${p.id}`));
    for (const [i, p] of [...posted].reverse().entries()) {
      const row = rows(page).nth(i);
      await expectShownBetween(row, p.before, p.after);
      expect(await row.textContent()).toContain(demo('liaison@postwatch.demo').fullName);
      expect(await row.textContent()).toContain('Police liaison');
      expect(await row.textContent()).toContain('Post an alert');
      expect(await row.textContent()).toContain('Succeeded');
      expect(await row.textContent()).toContain('Alert');
    }
    await expectAccessible(page, 'audit log, coordinator, English');

    // Everything the liaison did in the period, any operation: the test's login and the three posts.
    await page.getByLabel('Operation', { exact: true }).selectOption('');
    const liaison = demo('liaison@postwatch.demo');
    const who = page.getByLabel('Who');
    const liaisonOption = who.locator('option').filter({ hasText: `${liaison.fullName} · Police liaison · ${liaison.agencyName}` });
    await who.selectOption((await liaisonOption.getAttribute('value'))!);
    await page.getByRole('button', { name: 'Show entries' }).click();
    await waitForCount(page, `${liaisonOperations} of ${liaisonOperations} entries`);
    expect(await rows(page).allTextContents()).toEqual([
      ...posted.map(() => expect.stringContaining('postAlert')),
      expect.stringContaining('login'),
    ]);

    // A period that ends before the test began shows nothing.
    const dayBefore = provinceDay(testStart - 24 * 3600_000);
    await page.getByLabel('From (day)').fill(dayBefore);
    await page.getByLabel('To (day, included)').fill(dayBefore);
    await page.getByRole('button', { name: 'Show entries' }).click();
    await waitForCount(page, '0 of 0 entries');
    await page.getByText('No entry matches these filters.').waitFor();

    // A period out of order is refused beside the field, and changes nothing.
    await page.getByLabel('From (day)').fill(to);
    await page.getByLabel('To (day, included)').fill(dayBefore);
    const urlBefore = page.url();
    await page.getByRole('button', { name: 'Show entries' }).click();
    await page.getByRole('alert').filter({ hasText: 'The first day must not be after the last day.' }).waitFor();
    expect(page.url()).toBe(urlBefore);

    // The history of one record, by address (as other pages link to it): its posting only.
    const [firstPosted] = posted;
    await page.goto(`${base}/audit?targetId=${firstPosted!.id}&lang=en`);
    await waitForCount(page, '1 of 1 entries');
    expect(await page.getByLabel('Target id').inputValue()).toBe(firstPosted!.id);
    // Its link opens the alert's page.
    await rows(page).nth(0).getByRole('link', { name: firstPosted!.id }).click();
    await page.getByRole('heading', { name: firstPosted!.headline }).first().waitFor();
    expect(new URL(page.url()).pathname).toBe(`/alerts/${firstPosted!.id}`);
  }, 90_000);

  it('pages 50 entries at a time with "Show more", newest first, the filter given by the address', { timeout: 90_000 }, async () => {
    // 55 counter checks by the branch operator: a mutation each, so 55 entries (logins are throttled).
    const branchToken = await login(server.httpUrl, 'branch@postwatch.demo');
    const check = 'mutation ($n: String!) { shipmentCheck(trackingNumber: $n, method: TYPED) { trackingNumber } }';
    const checks = 55;
    for (let i = 0; i < checks; i++) {
      const result = await gql(server.httpUrl, check, { n: 'CP123456785VN' }, branchToken);
      expect(result.errors, `check ${i}`).toBeUndefined();
    }

    const page = await signIn('auditor@postwatch.demo', 'vi');
    await page.goto(`${base}/audit?operation=shipmentCheck&lang=vi`);
    expect(await page.getByLabel('Thao tác', { exact: true }).inputValue()).toBe('shipmentCheck');
    await waitForCount(page, `50 trên tổng số ${checks} mục`);
    expect(await rows(page).count()).toBe(50);
    await page.getByRole('button', { name: 'Xem thêm' }).click();
    await waitForCount(page, `${checks} trên tổng số ${checks} mục`);
    expect(await rows(page).count()).toBe(checks);
    expect(await page.getByRole('button', { name: 'Xem thêm' }).count()).toBe(0);
    const ids = await rows(page).evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-entry-id')));
    expect(new Set(ids).size).toBe(checks);
    await expectNewestFirst(page);
    for (const text of await rows(page).allTextContents()) {
      expect(text).toContain(demo('branch@postwatch.demo').fullName);
      expect(text).toContain('Kiểm tra bưu gửi');
      expect(text).toContain('Thành công');
    }
  });

  it('is not offered to a branch operator, whom the page and the API refuse', async () => {
    const page = await signIn('branch@postwatch.demo', 'en');
    const nav = page.getByRole('navigation');
    await nav.getByRole('link', { name: 'History' }).waitFor();
    expect(await nav.getByRole('link', { name: 'Audit log' }).count()).toBe(0);
    await page.goto(`${base}/audit?lang=en`);
    await page.getByRole('alert').filter({ hasText: 'This page is not available to your role.' }).waitFor();
    expect(await page.locator('table.audit-table').count()).toBe(0);

    const token = await login(server.httpUrl, 'branch@postwatch.demo');
    const answer = await gql(server.httpUrl, '{ auditLog(first: 5) { totalCount } }', {}, token);
    expect(answer.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    expect(answer.data ?? null).toBeNull();
  });
});
