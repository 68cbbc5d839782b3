/// <reference lib="dom" />
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoActivities } from '../src/db/seed/demo-activities.js';
import { CHROMIUM_PATH, launchBrowser } from './helpers/browser.js';
import { agencyId } from './helpers/fixtures.js';
import { gql, login } from './helpers/graphql.js';
import { startTestServer, type TestServer } from './helpers/server.js';
import { seriousViolations, signInAt } from './helpers/web.js';

/**
 * The reports in a real Chromium against a real server and database: Statistics (charts beside their tables),
 * the printable review report, and what a branch operator is kept out of. Skipped, by name, without Chromium.
 */

const JWT_SECRET = 'web-reports-test-secret-of-at-least-32-characters';

/** vi-VN grouping, as the app shows numbers in both languages: 187862 → "187.862". */
const vn = (n: number) => n.toLocaleString('vi-VN');

/** CCCD delivered per year, summed from the demo data set's activities (not from the API). */
function cccdByYear(): Map<string, number> {
  const years = new Map<string, number>();
  for (const activity of demoActivities) {
    if (!activity.documents) continue;
    const year = activity.startedOn.slice(0, 4);
    years.set(year, (years.get(year) ?? 0) + activity.documents.CCCD);
  }
  return new Map([...years].sort(([a], [b]) => a.localeCompare(b)));
}

/**
 * What a bar chart drawn by ECharts (SVG) shows: each category label on the x axis with the value label drawn
 * above it at the same x, read from the SVG's text positions.
 */
async function barLabels(chart: Locator): Promise<Map<string, string>> {
  const texts = await chart.locator('svg text').evaluateAll((elements) =>
    elements.map((e) => {
      const match = /translate\(([\d.]+) ([\d.]+)\)/.exec(e.getAttribute('transform') ?? '');
      return { text: e.textContent ?? '', x: Number(match?.[1]), y: Number(match?.[2]) };
    }),
  );
  const axisY = Math.max(...texts.map((t) => t.y));
  const categories = texts.filter((t) => Math.abs(t.y - axisY) < 0.5);
  return new Map(categories.map((c) => [c.text, texts.find((t) => t !== c && Math.abs(t.x - c.x) < 0.5 && t.y < c.y)?.text ?? '']));
}

/** A table's body rows as [row header, ...cells]. */
async function tableRows(table: Locator): Promise<string[][]> {
  return table.locator('tbody tr').evaluateAll((rows) => rows.map((row) => Array.from(row.children, (cell) => cell.textContent?.trim() ?? '')));
}

describe.skipIf(!CHROMIUM_PATH)('the reports in a browser', () => {
  let server: TestServer;
  let browser: Browser;
  let base: string;
  const open: BrowserContext[] = [];

  beforeAll(async () => {
    server = await startTestServer('web_reports', { JWT_SECRET });
    base = `http://127.0.0.1:${server.app.port}`;
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    for (const context of open) await context.close().catch(() => {});
    await browser?.close();
    await server?.stop();
  });

  const signIn = async (email: string, lang: 'vi' | 'en'): Promise<Page> => (await signInAt(browser, base, email, lang, { open })).page;

  it('shows the seed\'s CCCD per year in the Statistics chart and in the table beside it, and the review\'s totals at a glance, in both languages', async () => {
    const expected = cccdByYear();
    // The seed document's figures, independently: 319,342 CCCD in all, 3 trainings with 2,075 attendances.
    expect([...expected.values()].reduce((a, b) => a + b, 0)).toBe(319_342);
    const trainings = demoActivities.filter((a) => a.kind === 'TRAINING');
    const attendances = demoActivities.reduce((sum, a) => sum + (a.participantCount ?? 0), 0);

    for (const [email, lang, link, chartName, glance] of [
      ['coordinator@postwatch.demo', 'vi', 'Thống kê', 'Số CCCD đã chuyển phát theo năm', 'Tổng quan'],
      ['auditor@postwatch.demo', 'en', 'Statistics', 'CCCD delivered per year', 'At a glance'],
    ] as const) {
      const page = await signIn(email, lang);
      await page.getByRole('navigation').getByRole('link', { name: link, exact: true }).click();
      const chart = page.getByRole('img', { name: new RegExp(`^${chartName} `) });
      await chart.locator('svg text').first().waitFor();
      const drawn = await barLabels(chart);
      expect(drawn, lang).toEqual(new Map([...expected].map(([year, n]) => [year, vn(n)])));

      const table = page.getByRole('table', { name: chartName, exact: true });
      expect(await tableRows(table), lang).toEqual([...expected].map(([year, n]) => [year, vn(n)]));
      expect(await table.locator('tfoot td').textContent()).toBe(vn(319_342));

      const tiles = page.getByRole('region', { name: glance });
      const values = await tiles.locator('dd').allTextContents();
      expect(values.slice(0, 6), lang).toEqual([vn(63_184), vn(319_342), vn(1_927), vn(demoActivities.length), vn(trainings.length), vn(attendances)]);
      expect([trainings.length, attendances]).toEqual([3, 2_075]);
    }
  });

  it('regroups by agency and by kind: the table of each grouping sums to the same seed totals', async () => {
    const page = await signIn('coordinator@postwatch.demo', 'en');
    await page.goto(`${base}/statistics?lang=en`);
    await page.getByRole('group', { name: 'Group by' }).getByLabel('Kind').check();
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    const byKind = page.getByRole('table', { name: 'Joint activities and attendances per kind', exact: true });
    await byKind.waitFor();
    const rows = await tableRows(byKind);
    const training = rows.find((row) => row[0] === 'Training')!;
    expect(training).toEqual(['Training', '3', vn(2_075)]);
    expect(rows.reduce((sum, row) => sum + Number(row[1]!.replace(/\./g, '')), 0)).toBe(demoActivities.length);

    // A period out of order is refused in words, naming the field as the page labels it.
    await page.getByLabel('From').fill('2020-01-01');
    await page.getByLabel('To', { exact: true }).fill('2019-01-01');
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    await page.getByRole('alert').getByText('To: the last day comes before the first.').waitFor();
    await page.getByLabel('From').fill('');
    await page.getByLabel('To', { exact: true }).fill('');

    await page.getByRole('group', { name: 'Group by' }).getByLabel('Agency').check();
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    const byAgency = page.getByRole('table', { name: 'CCCD delivered per agency', exact: true });
    await byAgency.waitFor();
    // An activity counts once for each agency taking part: a delivery for its branch and for the police unit.
    const perAgency = demoActivities.reduce((sum, a) => sum + (a.documents?.CCCD ?? 0) * a.agencies.length, 0);
    expect(perAgency).toBe(2 * 319_342);
    expect((await tableRows(byAgency)).reduce((sum, row) => sum + Number(row[1]!.replace(/\./g, '')), 0)).toBe(perAgency);
    expect(await byAgency.locator('tfoot td').textContent()).toBe(vn(319_342));
  });

  it('prints the review report of Regulation 290 for its ten years, in Vietnamese and English, on one A4 page', async () => {
    const coordinator = await login(server.httpUrl, 'coordinator@postwatch.demo');
    const agreements = (await gql(server.httpUrl, '{ agreements(includeArchived: true) { id code } }', {}, coordinator)).data!.agreements as { id: string; code: string }[];
    const regulation = agreements.find((a) => a.code === '290/QC-PH')!;

    for (const [lang, heading, cccdTile] of [
      ['vi', 'Báo cáo kết quả phối hợp giữa Công an tỉnh và Bưu điện tỉnh', 'CCCD đã chuyển phát'],
      ['en', 'Report on the coordination between the provincial police and the provincial post office', 'CCCD delivered'],
    ] as const) {
      // A browser prints without waiting for a redraw: no ResizeObserver callback runs between the print layout and
      // the printout, as here, where they never run.
      const noResizeObserver = () => {
        (window as unknown as { ResizeObserver: unknown }).ResizeObserver = class {
          observe(): void {}
          unobserve(): void {}
          disconnect(): void {}
        };
      };
      const { page } = await signInAt(browser, base, 'coordinator@postwatch.demo', lang, { open, initScript: noResizeObserver });
      await page.goto(`${base}/report?agreementId=${regulation.id}&from=2011-04-21&to=2021-04-21&lang=${lang}`);
      const report = page.getByRole('article', { name: heading });
      await report.waitFor();
      await expect.poll(() => report.getByText('290/QC-PH', { exact: false }).count()).toBeGreaterThan(0);
      const tile = report.locator('.tile').filter({ hasText: cccdTile });
      expect(await tile.locator('dd').textContent()).toBe(vn(319_342));
      // The ten-year review conference of the seed document is listed.
      await report.getByRole('heading', { name: /^21\/04\/2021: / }).waitFor();
      await report.locator('.chart svg').first().waitFor();

      await page.emulateMedia({ media: 'print' });
      // At the paper's width (A4 less the margins, at 96 dpi), each chart is drawn inside its column, beside its table.
      await page.setViewportSize({ width: 703, height: 1032 });
      const boxes = await report.locator('.figure-pair').evaluateAll((pairs) =>
        pairs.map((pair) => ({
          chart: pair.querySelector('.chart')!.getBoundingClientRect().toJSON(),
          svg: pair.querySelector('.chart svg')!.getBoundingClientRect().toJSON(),
          table: pair.querySelector('table')!.getBoundingClientRect().toJSON(),
        })),
      );
      expect(boxes.length, lang).toBe(2);
      for (const { chart, svg, table } of boxes) {
        // The chart's box holds the drawing (nothing drawn over what follows it).
        expect(svg.height, lang).toBeGreaterThan(100);
        expect(chart.height, lang).toBeGreaterThanOrEqual(svg.height - 1);
        expect(svg.left, lang).toBeGreaterThanOrEqual(0);
        expect(svg.right, lang).toBeLessThanOrEqual(table.left + 1);
      }
      expect(await page.getByRole('navigation').isVisible()).toBe(false);
      expect(await page.getByRole('button', { name: lang === 'vi' ? 'In báo cáo' : 'Print' }).isVisible()).toBe(false);
      const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
      const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
      expect(pages, lang).toBe(1);
    }
  });

  it('links a joint activity of the history to its page, with its figures, and from there to its agreement', async () => {
    // The seed's second legal-education round, worked out from the demo data set.
    const round = demoActivities.find((a) => a.kind === 'TRAINING' && a.startedOn === '2016-09-20')!;
    const page = await signIn('auditor@postwatch.demo', 'vi');
    await page.getByRole('navigation').getByRole('link', { name: 'Lịch sử phối hợp' }).click();
    await page.getByRole('group', { name: 'Loại sự kiện' }).getByLabel('Hoạt động phối hợp').check();
    await page.getByLabel('Từ ngày').fill('2016-09-01');
    await page.getByLabel('Đến ngày').fill('2016-09-30');
    await page.getByRole('button', { name: 'Xem', exact: true }).click();
    await page.getByRole('link', { name: round.title }).click();
    await page.getByRole('heading', { level: 1, name: round.title }).waitFor();
    const facts = await page.locator('.record-facts').evaluate((dl) => Object.fromEntries(Array.from(dl.querySelectorAll('dt'), (dt) => [dt.textContent, dt.nextElementSibling?.textContent])) as Record<string, string>);
    expect(facts['Thời gian']).toBe('20/09/2016 – 21/09/2016');
    expect(facts['Lượt người tham dự']).toBe(vn(round.participantCount!));
    expect(facts['Các đơn vị tham gia']!.match(/\(([A-Z0-9-]+)\)/g)!.map((code: string) => code.slice(1, -1)).sort()).toEqual([...round.agencies].sort());
    await page.getByRole('link', { name: /^290\/QC-PH: / }).click();
    expect(new URL(page.url()).pathname).toMatch(/^\/agreements\/[0-9a-f-]{36}$/);
  });

  it('shows a branch operator no administration page, and the API refuses them anyway', async () => {
    const page = await signIn('branch@postwatch.demo', 'en');
    // The statistics say they count only what the branch may see.
    await page.goto(`${base}/statistics?lang=en`);
    await page.getByText('Only what your account may see is counted (East Town Branch (Bưu cục Thị trấn Đông)).').waitFor();
    const nav = page.getByRole('navigation');
    expect(await nav.getByRole('link').allTextContents()).toEqual(expect.arrayContaining(['Alerts', 'History', 'Statistics', 'Agreements']));
    expect(await nav.getByRole('link', { name: 'Organisation' }).count()).toBe(0);
    expect(await nav.getByRole('link', { name: 'Audit log' }).count()).toBe(0);
    for (const path of ['/organisation', '/audit']) {
      await page.goto(`${base}${path}?lang=en`);
      await page.getByRole('alert').getByText('This page is not available to your role.').waitFor();
    }

    const branch = await login(server.httpUrl, 'branch@postwatch.demo');
    const east = await agencyId(server, 'PPO-EAST-01');
    const refused = async (query: string, variables: Record<string, unknown> = {}) => (await gql(server.httpUrl, query, variables, branch)).errors?.[0]?.extensions?.code;
    expect(await refused('{ auditLog(first: 5) { totalCount } }')).toBe('FORBIDDEN');
    expect(await refused('mutation ($p: ID!) { createAgency(input: { code: "BR-NEW-01", name: "A branch", level: BRANCH, sector: POSTAL, parentId: $p }) { id } }', { p: east })).toBe('FORBIDDEN');
    expect(await refused('mutation ($a: ID!) { createContact(input: { agencyId: $a, fullName: "A clerk", position: "Clerk" }) { id } }', { a: east })).toBe('FORBIDDEN');
    expect(await refused('mutation ($a: ID!) { archiveAgency(id: $a) { id } }', { a: east })).toBe('FORBIDDEN');
    const agreements = (await gql(server.httpUrl, '{ agreements { id status } }', {}, branch)).data!.agreements as { id: string; status: string }[];
    const active = agreements.find((a) => a.status === 'ACTIVE')!;
    expect(await refused('mutation ($id: ID!) { terminateAgreement(id: $id, input: { endedOn: "2026-01-01", reason: "no" }) { id } }', { id: active.id })).toBe('FORBIDDEN');
    // Nothing changed: the agreement is still in force, and no agency was made.
    const after = (await gql(server.httpUrl, '{ agreements { id status } agencies(level: BRANCH) { code } }', {}, branch)).data!;
    expect((after.agreements as { id: string; status: string }[]).find((a) => a.id === active.id)!.status).toBe('ACTIVE');
    expect((after.agencies as { code: string }[]).map((a) => a.code)).not.toContain('BR-NEW-01');
  });

  it('has no serious or critical accessibility violation on the statistics and the review report (axe-core)', async () => {
    const page = await signIn('coordinator@postwatch.demo', 'vi');
    for (const path of ['/statistics', '/report']) {
      await page.goto(`${base}${path}?lang=vi`);
      await page.locator('.chart svg').first().waitFor();
      const serious = await seriousViolations(page);
      expect(serious, path).toEqual([]);
    }
  }, 120_000);
});
