/// <reference lib="dom" />
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrap, type App } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { mkdtempSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeBarcodeVideo } from './helpers/barcode-video.js';
import { CHROMIUM_PATH, launchBrowser } from './helpers/browser.js';
import { agencyId, alertInput, countRows, postAlert } from './helpers/fixtures.js';
import { gql, login } from './helpers/graphql.js';
import { startTestServer, type TestServer } from './helpers/server.js';
import { seriousViolations, signInAt, type Session } from './helpers/web.js';

/**
 * The web app in a real Chromium (Debian's `chromium`), against a real server and database. Skipped, by name,
 * where no Chromium is installed.
 */

const JWT_SECRET = 'web-app-test-secret-of-at-least-32-characters';
const EAST_DISTRICT = 'East District Post Office';

/**
 * The desktop notification API, recorded: the browser's permission prompt and the notification itself belong to
 * the operating system. The page asks for permission (a click on its button) and builds notifications as usual.
 */
const RECORD_NOTIFICATIONS = () => {
  const w = window as unknown as { __notifications: { title: string; body?: string }[]; __permissionAsked: number; Notification: unknown };
  w.__notifications = [];
  w.__permissionAsked = 0;
  let permission: NotificationPermission = 'default';
  class RecordedNotification {
    onclick: (() => void) | null = null;
    constructor(title: string, options?: NotificationOptions) {
      w.__notifications.push({ title, body: options?.body });
    }
    static get permission(): NotificationPermission {
      return permission;
    }
    static async requestPermission(): Promise<NotificationPermission> {
      w.__permissionAsked++;
      permission = 'granted';
      return permission;
    }
    close(): void {}
  }
  w.Notification = RecordedNotification;
};

describe.skipIf(!CHROMIUM_PATH)('the web app in a browser', () => {
  let server: TestServer;
  let browser: Browser;
  let base: string;
  let branchId: string;
  const open: BrowserContext[] = [];

  beforeAll(async () => {
    server = await startTestServer('web_app', { JWT_SECRET });
    base = `http://127.0.0.1:${server.app.port}`;
    branchId = await agencyId(server, 'PPO-EAST-01');
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** A fresh browser profile signed in as `email`, in `lang`, at `base` (in `inBrowser`, the shared one by default). */
  async function signIn(email: string, lang: 'vi' | 'en', at = base, inBrowser = browser): Promise<Session> {
    const permissions = inBrowser === browser ? [] : ['camera'];
    return signInAt(inBrowser, at, email, lang, { open, context: { permissions }, initScript: RECORD_NOTIFICATIONS });
  }

  /** The feed's article whose heading is `headline`. */
  const article = (page: Page, headline: string) => page.getByRole('article').filter({ has: page.getByRole('heading', { name: headline, exact: true }) });

  /** Fills the post form (English labels) for an alert to the East District and posts it. */
  async function postThroughForm(page: Page, headline: string, trackingNumber = 'RR123456785VN'): Promise<void> {
    await page.getByLabel('Headline').fill(headline);
    await page.getByLabel('Description', { exact: true }).fill('Declared as dried tea; the sender used a false address twice this month.');
    await page.getByLabel('Instruction').fill('Hold the item and call the provincial police duty officer.');
    await page.getByRole('group', { name: 'Targets' }).getByLabel(new RegExp(EAST_DISTRICT)).check();
    await page.getByLabel('Tracking number').fill(trackingNumber);
    await page.getByLabel('Urgency').selectOption('IMMEDIATE');
    await page.getByLabel('Severity').selectOption('SEVERE');
    await page.getByLabel('Certainty').selectOption('LIKELY');
    await page.getByLabel('TLP').selectOption('AMBER');
    await page.getByLabel('Reason for suspicion').selectOption('NARCOTICS');
    await page.getByRole('button', { name: 'Post alert' }).click();
  }

  it('shows a liaison\'s alert, posted through the English form, on the Vietnamese branch page within 2 s, with the title count and a desktop notification', async () => {
    const branch = await signIn('branch@postwatch.demo', 'vi');
    expect(await branch.page.evaluate(() => document.documentElement.lang)).toBe('vi');
    await branch.page.getByRole('button', { name: 'Bật thông báo trên màn hình' }).click();
    expect(await branch.page.evaluate(() => (window as unknown as { __permissionAsked: number }).__permissionAsked)).toBe(1);
    await expect.poll(() => branch.page.getByRole('status').textContent()).toContain('Trực tuyến');
    const titleBefore = await branch.page.title();

    const liaison = await signIn('liaison@postwatch.demo', 'en');
    expect(await liaison.page.evaluate(() => document.documentElement.lang)).toBe('en');
    // The form shows how many branches a target reaches: the East District has two.
    await expect.poll(() => liaison.page.getByRole('group', { name: 'Targets' }).getByLabel(new RegExp(EAST_DISTRICT)).evaluate((el) => el.parentElement!.textContent)).toMatch(/\(2 branches\)/);
    const headline = 'Tea parcel with a false sender address';
    await postThroughForm(liaison.page, headline);
    await liaison.page.getByText(/Alert PW-\d{4}-\d{6} posted\./).waitFor();
    const posted = Date.now();

    await article(branch.page, headline).waitFor({ timeout: 2000 });
    expect(Date.now() - posted).toBeLessThan(2000);
    const card = article(branch.page, headline);
    await expect.poll(() => card.locator('.tracking').textContent()).toBe('RR123456785VN');
    expect(await card.textContent()).toContain('Nghiêm trọng');
    // The title counts the alerts waiting for an answer: one more than before (none before in this database).
    expect(titleBefore).toBe('Postwatch');
    await expect.poll(() => branch.page.title()).toBe('(1) Postwatch');
    const notifications = await branch.page.evaluate(() => (window as unknown as { __notifications: { title: string; body?: string }[] }).__notifications);
    expect(notifications).toEqual([{ title: headline, body: 'RR123456785VN' }]);
  });

  it('shows the branch\'s acknowledgement (Item held, with a note) live on the liaison\'s board', async () => {
    const liaisonToken = await login(server.httpUrl, 'liaison@postwatch.demo');
    const alert = await postAlert(server, liaisonToken, alertInput([branchId], { headline: 'Parcel for the board test' }));
    const liaison = await signIn('liaison@postwatch.demo', 'en');
    await liaison.page.goto(`${base}/alerts/${alert.id}?lang=en`);
    const board = liaison.page.getByRole('region', { name: 'Acknowledgements' });
    await board.getByText('No branch has answered yet.').waitFor();

    const branch = await signIn('branch@postwatch.demo', 'en');
    const card = article(branch.page, 'Parcel for the board test');
    await card.getByLabel('Note (optional)').fill('Held at counter 2');
    await card.getByRole('button', { name: 'Item held' }).click();

    const row = board.getByRole('row', { name: /East Town Branch/ });
    await row.waitFor({ timeout: 5000 });
    expect(await row.getByRole('cell').allTextContents()).toEqual(expect.arrayContaining(['Item held', 'Held at counter 2']));
    // Nothing was reloaded: the row came over the subscription, and the branch left the pending list.
    await board.getByText('Every branch has answered.').waitFor();
  });

  it('shows an update as one thread keeping the earlier answer, and a cancellation (confirmed) struck through with its reason', async () => {
    const market = await agencyId(server, 'PPO-CITY-02');
    const token = await login(server.httpUrl, 'liaison@postwatch.demo');
    const alert = await postAlert(server, token, alertInput([market], { headline: 'Thread test original' }));
    const branch = await signIn('branch3@postwatch.demo', 'en');
    await article(branch.page, 'Thread test original').getByRole('button', { name: 'Item held' }).click();
    await article(branch.page, 'Thread test original').getByText(/^Item held at /).waitFor();

    const liaison = await signIn('liaison@postwatch.demo', 'en');
    await liaison.page.goto(`${base}/alerts/${alert.id}?lang=en`);
    await liaison.page.getByLabel('Headline').first().waitFor();
    const update = liaison.page.getByRole('form', { name: 'Update this alert' });
    await update.getByLabel('Headline').fill('Thread test updated');
    await update.getByRole('button', { name: 'Post update' }).click();
    await liaison.page.getByRole('heading', { level: 1, name: 'Thread test updated' }).waitFor();

    const thread = article(branch.page, 'Thread test updated');
    await thread.waitFor({ timeout: 5000 });
    expect(await article(branch.page, 'Thread test original').count()).toBe(0);
    await thread.getByText(/^Your answer to the earlier version PW-\d{4}-\d{6}: Item held/).waitFor();

    const cancel = liaison.page.getByRole('form', { name: 'Cancel this alert' });
    await cancel.getByLabel('Reason for cancelling').fill('The parcel was cleared by customs');
    await cancel.getByRole('button', { name: 'Cancel alert' }).click();
    await cancel.getByRole('button', { name: 'Yes, cancel it' }).click();
    await liaison.page.getByText('Cancelled: The parcel was cleared by customs').first().waitFor();

    // Still shown under "active only", struck through, with the reason, and nothing left to answer.
    await thread.getByText('Cancelled: The parcel was cleared by customs').waitFor({ timeout: 5000 });
    expect(await thread.getByRole('heading', { name: 'Thread test updated' }).getAttribute('class')).toContain('struck');
    expect(await thread.getByRole('button', { name: 'Received' }).count()).toBe(0);
  });

  it('recovers by itself from a stored position the server never reached, and from a failed first load', async () => {
    const station = await agencyId(server, 'PPO-CITY-03');
    const token = await login(server.httpUrl, 'liaison@postwatch.demo');
    const context = await browser.newContext({ locale: 'en-GB' });
    open.push(context);
    const page = await context.newPage();
    // The first load of the feed fails once (a proxy answering 502), and the browser holds a delivery number
    // far beyond the server's last one (a database restored from an older backup).
    let failed = false;
    await page.route('**/graphql', async (route) => {
      if (!failed && route.request().postData()?.includes('query BranchFeed')) {
        failed = true;
        await route.fulfill({ status: 502, body: 'Bad gateway' });
      } else await route.continue();
    });
    await page.goto(`${base}/?lang=en`);
    await page.getByLabel('Email').fill('branch4@postwatch.demo');
    await page.getByLabel('Password').fill('postwatch-demo');
    const me = await gql(server.httpUrl, '{ me { id } }', {}, await login(server.httpUrl, 'branch4@postwatch.demo'));
    await page.evaluate(([contact, branch]) => localStorage.setItem(`postwatch.lastSeq.${contact}.${branch}`, '999999999'), [me.data!.me.id, station]);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('The server cannot be reached. Check the network and try again.').waitFor();
    await expect.poll(() => page.getByRole('status').textContent(), { timeout: 15_000 }).toContain('Live');
    await postAlert(server, token, alertInput([station], { headline: 'Recovery test' }));
    await article(page, 'Recovery test').waitFor({ timeout: 5000 });
    const kept = await page.evaluate(([contact, branch]) => localStorage.getItem(`postwatch.lastSeq.${contact}.${branch}`), [me.data!.me.id, station]);
    expect(BigInt(kept!)).toBeLessThan(999999999n);
  }, 60_000);

  it('notices a silent network (no pong within 5 s of a ping) and reconnects', async () => {
    const context = await browser.newContext({ locale: 'en-GB' });
    open.push(context);
    const page = await context.newPage();
    // A network path that goes dead: the socket stays open, but nothing crosses it either way.
    let silent = false;
    await page.routeWebSocket(/\/graphql$/, (ws) => {
      const upstream = ws.connectToServer();
      ws.onMessage((message) => {
        if (!silent) upstream.send(message);
      });
      upstream.onMessage((message) => {
        if (!silent) ws.send(message);
      });
    });
    await page.goto(`${base}/?lang=en`);
    await page.getByLabel('Email').fill('branch5@postwatch.demo');
    await page.getByLabel('Password').fill('postwatch-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('status').filter({ hasText: 'Live' }).waitFor({ timeout: 20_000 });
    const since = Date.now();
    silent = true;
    // A ping every 10 s, 5 s for its pong: noticed within about 15 s.
    await page.getByRole('status').filter({ hasText: 'Reconnecting' }).waitFor({ timeout: 25_000 });
    expect(Date.now() - since).toBeLessThan(20_000);
    silent = false;
    await page.getByRole('status').filter({ hasText: 'Live' }).waitFor({ timeout: 20_000 });
  }, 60_000);

  it('refuses bad input in the post form with the server\'s message beside the field, and posts nothing', async () => {
    const before = await countRows(server, 'security_alert');
    const liaison = await signIn('liaison@postwatch.demo', 'en');
    await postThroughForm(liaison.page, 'Parcel with a wrong check digit', 'EB123456789VN');
    const problem = liaison.page.locator('#post-trackingNumber-problem');
    await problem.waitFor();
    // The server's words (S10): "check digit is 9 but UPU S10 gives … for serial 12345678".
    expect(await problem.textContent()).toMatch(/check digit is 9 but UPU S10 gives \d/);
    expect(await liaison.page.getByLabel('Tracking number').getAttribute('aria-invalid')).toBe('true');
    expect(await countRows(server, 'security_alert')).toBe(before);
    // A double click on a good form posts once.
    await liaison.page.getByLabel('Tracking number').fill('RR123456785VN');
    await liaison.page.getByRole('button', { name: 'Post alert' }).dblclick();
    await liaison.page.getByText(/Alert PW-\d{4}-\d{6} posted\./).waitFor();
    await liaison.page.waitForTimeout(500);
    expect(await countRows(server, 'security_alert')).toBe(before + 1);
  });

  it('catches up after a server restart: three alerts posted meanwhile appear once each, in order', async () => {
    const branch = await signIn('branch@postwatch.demo', 'vi');
    await expect.poll(() => branch.page.getByRole('status').textContent()).toContain('Trực tuyến');
    const port = server.app.port;
    await server.app.shutdown();
    await expect.poll(() => branch.page.getByRole('status').textContent(), { timeout: 5000 }).toMatch(/Đang kết nối lại|Mất mạng/);

    // Another instance over the same database takes the posts while this one is down.
    const other = await bootstrap(loadConfig({ DATABASE_URL: server.database.url, PORT: '0', HOST: '127.0.0.1', POSTWATCH_SEED_DEMO: 'never', JWT_SECRET, LOG_LEVEL: 'silent' }), createLogger('silent'));
    const otherUrl = `http://127.0.0.1:${other.port}/graphql`;
    const token = await login(otherUrl, 'liaison@postwatch.demo');
    const headlines = ['Restart test one', 'Restart test two', 'Restart test three'];
    for (const headline of headlines) {
      const result = await gql(otherUrl, 'mutation ($input: PostAlertInput!) { postAlert(input: $input) { id } }', { input: alertInput([branchId], { headline }) }, token);
      expect(result.errors).toBeUndefined();
    }
    await other.shutdown();
    server.app = await restart(port);

    for (const headline of headlines) await article(branch.page, headline).waitFor({ timeout: 20_000 });
    await expect.poll(() => branch.page.getByRole('status').textContent()).toContain('Trực tuyến');
    for (const headline of headlines) expect(await article(branch.page, headline).count()).toBe(1);
    // Newest first among the unanswered: three, two, one.
    const order = await branch.page.getByRole('article').evaluateAll((els) => els.map((el) => el.querySelector('h3')?.textContent));
    const positions = headlines.map((h) => order.indexOf(h));
    expect(positions[2]).toBeLessThan(positions[1]!);
    expect(positions[1]).toBeLessThan(positions[0]!);
    expect(await branch.page.getByText('3 cảnh báo mới trong lúc bạn vắng mặt').count()).toBe(1);
  }, 90_000);

  /** Starts this suite's server again on `port`, over the same database (its demo data already there). */
  async function restart(port: number): Promise<App> {
    return bootstrap(
      loadConfig({ DATABASE_URL: server.database.url, PORT: String(port), HOST: '127.0.0.1', POSTWATCH_SEED_DEMO: 'never', JWT_SECRET, LOG_LEVEL: 'silent' }),
      createLogger('silent'),
    );
  }

  it('asks to sign in again when the token expires, and loses nothing: the draft stays and posts', async () => {
    const short = await startTestServer('web_app_expiry', { JWT_SECRET, JWT_TTL_SECONDS: '4' });
    try {
      const at = `http://127.0.0.1:${short.app.port}`;
      const liaison = await signIn('liaison@postwatch.demo', 'en', at);
      await liaison.page.getByLabel('Headline').fill('Draft kept across a new sign-in');
      const dialog = liaison.page.getByRole('dialog');
      await dialog.waitFor({ timeout: 10_000 });
      expect(await dialog.textContent()).toContain('Sign in again');
      await dialog.getByLabel('Password').fill('postwatch-demo');
      await dialog.getByRole('button', { name: 'Sign in' }).click();
      await dialog.waitFor({ state: 'detached' });
      expect(await liaison.page.getByLabel('Headline').inputValue()).toBe('Draft kept across a new sign-in');
      await postThroughForm(liaison.page, 'Draft kept across a new sign-in');
      await liaison.page.getByText(/Alert PW-\d{4}-\d{6} posted\./).waitFor({ timeout: 3000 });
    } finally {
      await short.stop();
    }
  }, 60_000);

  it('works from the keyboard (j / k move, a acknowledges, ? shows the keys) and keeps the language chosen', async () => {
    const central = await agencyId(server, 'PPO-CITY-01');
    const token = await login(server.httpUrl, 'liaison@postwatch.demo');
    for (const headline of ['Keyboard test older', 'Keyboard test newer']) await postAlert(server, token, alertInput([central], { headline }));
    const { page } = await signIn('branch2@postwatch.demo', 'en');
    await article(page, 'Keyboard test newer').waitFor();
    await page.keyboard.press('?');
    await page.getByRole('note').getByText('j / k: next / previous alert').waitFor();
    // Newest first: j moves from the first (newer) to the second (older); a acknowledges it as received.
    await page.keyboard.press('j');
    await expect.poll(() => page.evaluate(() => document.activeElement?.querySelector('h3')?.textContent)).toBe('Keyboard test older');
    await page.keyboard.press('a');
    await article(page, 'Keyboard test older').getByText(/^Received at \d{2}\/\d{2}\/\d{4} \d{2}:\d{2} by /).waitFor();
    await page.keyboard.press('k');
    await expect.poll(() => page.evaluate(() => document.activeElement?.querySelector('h3')?.textContent)).toBe('Keyboard test newer');
    await expect.poll(() => page.title()).toBe('(1) Postwatch');

    // The language menu is on every page; the choice outlives a reload and sets <html lang>.
    await page.getByRole('combobox', { name: 'Language' }).selectOption('vi');
    await page.getByRole('heading', { level: 1, name: /^Cảnh báo gửi Central Branch/ }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('vi');
    await page.goto(`${base}/dashboard`);
    await page.getByRole('heading', { level: 1, name: /^Cảnh báo gửi/ }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('vi');
    await article(page, 'Keyboard test older').getByText(/^Đã nhận lúc \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}, người xác nhận: /).waitFor();
  });

  it('checks a parcel at the counter, typed or scanned: HOLD THIS ITEM, and the liaison\'s board shows the sighting within 2 s', async () => {
    const token = await login(server.httpUrl, 'liaison@postwatch.demo');
    const number = 'CP987654326VN';
    const alert = await postAlert(server, token, alertInput([branchId], { headline: 'Counter check test', instruction: 'Keep the parcel behind the counter', shipment: { trackingNumber: number } }));
    const liaison = await signIn('liaison@postwatch.demo', 'en');
    await liaison.page.goto(`${base}/alerts/${alert.id}?lang=en`);
    await liaison.page.getByText('No branch has found the parcel yet.').waitFor();
    await expect.poll(() => liaison.page.getByRole('status').textContent()).toContain('Live');

    const branch = await signIn('branch@postwatch.demo', 'en');
    const box = branch.page.getByLabel('Check a parcel');
    await box.fill(number.toLowerCase().replace('vn', ' vn'));
    await box.press('Enter');
    const answer = branch.page.locator('.check-answer');
    await answer.getByText('HOLD THIS ITEM').waitFor();
    expect(await answer.textContent()).toContain('Keep the parcel behind the counter');
    const typedAt = Date.now();
    await liaison.page.getByText(/East Town Branch.*\(typed\)/).waitFor({ timeout: 2000 });
    expect(Date.now() - typedAt).toBeLessThan(2000);

    // A USB scanner: the whole code in a burst and Enter, with the focus anywhere on the page.
    await answer.getByRole('button', { name: 'Close' }).click();
    await branch.page.getByRole('heading', { level: 1 }).click();
    await branch.page.keyboard.type(number, { delay: 5 });
    await branch.page.keyboard.press('Enter');
    await answer.getByText('HOLD THIS ITEM').waitFor();
    await liaison.page.getByText(/East Town Branch.*\(scanner\)/).waitFor({ timeout: 2000 });

    // `/` puts the cursor in the box; a number no alert names answers so, with the time of the check.
    await answer.getByRole('button', { name: 'Close' }).click();
    await branch.page.getByRole('heading', { level: 1 }).click();
    await branch.page.keyboard.press('/');
    expect(await branch.page.evaluate(() => document.activeElement?.id)).toBe('parcel-check-input');
    await branch.page.keyboard.type('LX200000006VN');
    await branch.page.keyboard.press('Enter');
    await answer.getByText(/^No alert for LX200000006VN \(checked \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}\)$/).waitFor();

    // A wrong check digit: the S10 rule's own words, beside the box; nothing recorded.
    const sightingsBefore = await countRows(server, 'shipment_sighting');
    await box.fill('CP987654325VN');
    await box.press('Enter');
    await branch.page.locator('.parcel-check .error').getByText('The check digit is 5 but UPU S10 gives 6 for this serial number').waitFor();
    expect(await countRows(server, 'shipment_sighting')).toBe(sightingsBefore);

    // A scanner sending lower case (Caps Lock on) whose code starts with `a`, the key that acknowledges: a check,
    // and no acknowledgement of the alert selected on the dashboard.
    await branch.page.keyboard.press('Escape');
    await branch.page.getByRole('heading', { level: 1 }).click();
    const acksBefore = await countRows(server, 'acknowledgement');
    await branch.page.keyboard.type('ak123456785vn', { delay: 5 });
    await branch.page.keyboard.press('Enter');
    await answer.getByText(/^No alert for AK123456785VN/).waitFor();
    await branch.page.waitForTimeout(500);
    expect(await countRows(server, 'acknowledgement')).toBe(acksBefore);

    // With the focus on an alert's tick box (not a text field), a scan is still a scan.
    await branch.page.keyboard.press('Escape');
    await branch.page.getByRole('article').first().getByRole('checkbox').check();
    await branch.page.keyboard.type(number, { delay: 5 });
    await branch.page.keyboard.press('Enter');
    await answer.getByText('HOLD THIS ITEM').waitFor();
  });

  it('reads a parcel\'s Code 128 barcode from the camera (a fake video device), with the reader\'s wasm served by Postwatch: HOLD THIS ITEM, and the sighting on the board', async () => {
    // EA 24681357 6 VN: the S10 check digit of 24681357 is 11 - (2·8+4·6+6·4+8·2+1·3+3·5+5·9+7·7) mod 11 = 11 - 5 = 6.
    const number = 'EA246813576VN';
    const video = join(mkdtempSync(join(tmpdir(), 'pw-camera-')), 'label.y4m');
    writeBarcodeVideo(video, number);
    const camera = await launchBrowser(['--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${video}`]);
    try {
      const token = await login(server.httpUrl, 'liaison@postwatch.demo');
      const alert = await postAlert(server, token, alertInput([branchId], { headline: 'Camera check test', instruction: 'Call the duty officer before handing it back', shipment: { trackingNumber: number } }));
      const liaison = await signIn('liaison@postwatch.demo', 'en');
      await liaison.page.goto(`${base}/alerts/${alert.id}?lang=en`);
      await expect.poll(() => liaison.page.getByRole('status').textContent()).toContain('Live');

      const branch = await signIn('branch@postwatch.demo', 'vi', base, camera);
      const requests: { url: string; type: string | null; status: number }[] = [];
      branch.page.on('response', (response) => requests.push({ url: response.url(), type: response.headers()['content-type'] ?? null, status: response.status() }));
      await branch.page.getByRole('button', { name: 'Quét bằng camera' }).click();
      await branch.page.getByLabel('Hình ảnh từ camera').waitFor();
      const answer = branch.page.locator('.check-answer');
      await answer.getByText('GIỮ LẠI BƯU GỬI NÀY').waitFor({ timeout: 15_000 });
      const seenAt = Date.now();
      expect(await answer.textContent()).toContain('Call the duty officer before handing it back');
      expect(await answer.textContent()).toContain(number);
      // The camera closes once the code is read; the reader's wasm came from this server, not a CDN.
      expect(await branch.page.getByLabel('Hình ảnh từ camera').count()).toBe(0);
      const wasm = requests.filter((r) => r.url.endsWith('.wasm'));
      expect(wasm).toHaveLength(1);
      expect(wasm[0]).toMatchObject({ status: 200, type: 'application/wasm' });
      expect(wasm[0].url.startsWith(`${base}/assets/`)).toBe(true);
      expect(requests.filter((r) => !r.url.startsWith(base))).toEqual([]);

      await liaison.page.getByText(/East Town Branch.*\(camera\)/).waitFor({ timeout: 2000 });
      expect(Date.now() - seenAt).toBeLessThan(2000);
      const sightings = await gql<{ alert: { sightings: { method: string; branch: { id: string } }[] } }>(server.httpUrl, 'query ($id: ID!) { alert(id: $id) { sightings { method branch { id } } } }', { id: alert.id }, token);
      expect(sightings.data?.alert.sightings).toEqual([{ method: 'CAMERA', branch: { id: branchId } }]);
    } finally {
      await camera.close();
    }
  });

  it('shows the joint history in both languages, pages it, and downloads its CSV, whose CCCD column sums to the seed\'s 319,342', async () => {
    // Vietnamese, a branch operator: the link, the page, an entry of the seed's history.
    const branch = await signIn('branch@postwatch.demo', 'vi');
    await branch.page.getByRole('link', { name: 'Lịch sử phối hợp' }).click();
    await branch.page.getByRole('heading', { level: 1, name: 'Lịch sử phối hợp' }).waitFor();
    await branch.page.locator('.history-entry').first().waitFor();

    // English, a coordinator: filter to joint activities, page through all of them, download the CSV.
    const coordinator = await signIn('coordinator@postwatch.demo', 'en');
    await coordinator.page.getByRole('link', { name: 'History' }).click();
    const page = coordinator.page;
    await page.getByRole('group', { name: 'Kinds of entry' }).getByLabel('Joint activity').check();
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    await expect.poll(async () => (await page.getByRole('status').textContent()) ?? '').toMatch(/^\d+ of \d+ entries$/);
    while ((await page.getByRole('button', { name: 'Show more' }).count()) > 0) {
      const before = await page.locator('.history-entry').count();
      await page.getByRole('button', { name: 'Show more' }).click();
      await expect.poll(() => page.locator('.history-entry').count()).toBeGreaterThan(before);
    }
    const [shown, total] = ((await page.getByRole('status').textContent()) ?? '').match(/\d+/g)!.map(Number);
    expect(shown).toBe(total);
    expect(await page.locator('.history-entry .kind').allTextContents()).toEqual(Array(total).fill('Joint activity'));

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
    expect(download.suggestedFilename()).toBe('joint-history.csv');
    const rows = parse(await readFile((await download.path())!, 'utf8'), { columns: true, bom: true }) as Record<string, string>[];
    expect(rows.length).toBe(total);
    expect(rows.every((row) => row.kind === 'JOINT_ACTIVITY')).toBe(true);
    expect(rows.reduce((sum, row) => sum + Number(row.cccd_delivered || 0), 0)).toBe(319_342);
  });

  it('lets anyone change their own password from the Account page, and sign in with it', async () => {
    const { page } = await signIn('branch6@postwatch.demo', 'vi');
    await page.getByRole('link', { name: 'Tài khoản' }).click();
    await page.getByLabel('Mật khẩu hiện tại').fill('a wrong current password');
    await page.getByLabel('Mật khẩu mới', { exact: true }).fill('mật khẩu mới của bưu cục');
    await page.getByLabel('Nhập lại mật khẩu mới').fill('mật khẩu mới của bưu cục');
    await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
    // The refusal in Vietnamese, beside the field.
    await page.locator('#pw-current-problem').getByText('Mật khẩu hiện tại không đúng.').waitFor();
    await page.getByLabel('Mật khẩu hiện tại').fill('postwatch-demo');
    await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
    await page.getByText('Đã đổi mật khẩu.', { exact: false }).waitFor();
    // Still signed in with the new token; the old password no longer works, the new one does.
    expect(await page.getByRole('button', { name: 'Đăng xuất' }).count()).toBe(1);
    expect((await gql(server.httpUrl, 'mutation { login(email: "branch6@postwatch.demo", password: "postwatch-demo") { token } }', {})).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(await login(server.httpUrl, 'branch6@postwatch.demo', 'mật khẩu mới của bưu cục')).toMatch(/^ey/);
  });

  it('has no serious or critical accessibility violation on the sign-in page, the dashboard, the console and the history (axe-core)', async () => {
    const context = await browser.newContext({ locale: 'vi-VN' });
    open.push(context);
    const page = await context.newPage();
    await page.goto(`${base}/`);
    const pages: Record<string, Page> = { signIn: page };
    pages.dashboard = (await signIn('branch@postwatch.demo', 'vi')).page;
    pages.console = (await signIn('liaison@postwatch.demo', 'en')).page;
    pages.history = (await signIn('coordinator@postwatch.demo', 'vi')).page;
    await pages.history.goto(`${base}/history?lang=vi`);
    await pages.history.locator('.history-entry').first().waitFor();
    for (const [name, p] of Object.entries(pages)) {
      const serious = await seriousViolations(p);
      expect(serious, name).toEqual([]);
    }
  }, 120_000);

  it('serves deep links and the bundled GraphiQL, and loads nothing from another origin', async () => {
    const liaison = await signIn('liaison@postwatch.demo', 'en');
    const foreign: string[] = [];
    liaison.page.on('request', (request) => {
      if (!request.url().startsWith(base) && !request.url().startsWith('ws://127.0.0.1') && !request.url().startsWith('data:') && !request.url().startsWith('blob:')) foreign.push(request.url());
    });
    await liaison.page.goto(`${base}/graphql`);
    expect(new URL(liaison.page.url()).pathname).toBe('/graphiql');
    // The editor is ready once it shows the default query (the signed-in variant: the token reached GraphiQL).
    await liaison.page.getByText('# Signed in: requests carry your token.').waitFor({ timeout: 15_000 });
    await liaison.page.waitForTimeout(500);
    await liaison.page.getByRole('button', { name: /Execute query/i }).click();
    await expect.poll(() => liaison.page.locator('.graphiql-response').textContent(), { timeout: 15_000 }).toMatch(/Demo\s+Liaison\s+Officer/);
    await liaison.page.goto(`${base}/alerts/not-an-id?lang=en`);
    await liaison.page.getByText('This alert does not exist or you may not see it.').waitFor();
    expect(foreign).toEqual([]);

    // Signing out takes GraphiQL's tabs along: the next person at this PC does not see what was typed.
    const stored = () => liaison.page.evaluate(() => Object.keys(sessionStorage).filter((key) => key.startsWith('graphiql:')));
    expect((await stored()).length).toBeGreaterThan(0);
    await liaison.page.getByRole('button', { name: 'Sign out' }).click();
    await liaison.page.getByRole('button', { name: 'Sign in' }).waitFor();
    expect(await stored()).toEqual([]);
  }, 60_000);
});
